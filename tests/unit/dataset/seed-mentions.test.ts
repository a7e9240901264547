/**
 * The seed article against the content audit (content-audit-2026-12.md, §2): its 19 paragraphs
 * carry exactly the audit's list of mentions, and every mention resolves to one entity file and
 * one place in its paragraph. The expected list is written out here, not derived from the data,
 * so a dropped or re-pointed mention fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../../src/data/schema.js';
import { compileDataset, formatDatasetErrors } from '../../../tools/dataset/compile.js';
import { DATA_DIR } from './helpers.js';

const SEED_ID = '2020-12-15-sun-putin-congratulates-biden';

const PUTIN = 'person.vladimir-putin';
const BIDEN = 'person.joe-biden';
const TRUMP = 'person.donald-trump';
const BARR = 'person.bill-barr';
const KREMLIN = 'org.kremlin';
const DUMA = 'org.state-duma';
const ELECTION = 'event.us-presidential-election-2020';
const ELECTORS = 'event.electoral-college-vote-2020';
const TELEGRAM = 'event.putin-biden-telegram-2020';
const EFFORT = 'event.trump-effort-to-overturn-2020-election';
const INTERFERENCE = 'event.russian-interference-2016-us-election';
const LAW = 'law.russia-ex-president-immunity-2020';
const VOTE_2020 = 'event.russian-constitutional-referendum-2020';
const AUTOCRATS = 'quote.biden-autocrats-remark';

/**
 * Per paragraph, in reading order: [exact text, entity]. The audit's 52 mentions, plus its §2a
 * (6 spans added), §2b (the autocrats quote, annotated without "starting with Vladimir Putin" so
 * the Putin mention stays) and §2c (5 overlaps, each resolved so no two mentions overlap):
 * p7 "Biden's victory" → the election (Biden is named 12 times elsewhere); p9 "Kremlin" → the
 * Kremlin (the telegram keeps p9 through its quoted line); p17 "Putin's immunity" → the law and
 * "the president's" stays Putin's (the bill's formal authors were not the president, so "the
 * president's plans" is not tied to the law); p18 "a larger set of reforms" → the 2020 vote,
 * leaving "Putin" as Putin.
 */
const EXPECTED: readonly (readonly [string, string])[][] = [
  [
    ['Vladimir Putin', PUTIN],
    ['FINALLY congratulates', TELEGRAM],
    ['Joe Biden', BIDEN],
    ['his election win', ELECTION],
    ['ready to talk', TELEGRAM],
    ['President-elect', BIDEN],
  ],
  [
    ['VLADIMIR Putin', PUTIN],
    ['FINALLY congratulated', TELEGRAM],
    ['Joe Biden', BIDEN],
    ['his election win', ELECTION],
    ['ready to talk', TELEGRAM],
    ['the US President-elect', BIDEN],
  ],
  [
    ['The Russian president', PUTIN],
    ['Biden', BIDEN],
    ['the next US president', BIDEN],
    ['the Electoral College on Monday', ELECTORS],
  ],
  [
    ['The Kremlin', KREMLIN],
    ['the election', ELECTION],
  ],
  [
    ['Biden', BIDEN],
    ['the win', ELECTION],
    ['the November 3 vote', ELECTION],
  ],
  [
    ['President-elect Biden', BIDEN],
    ['the state-by-state Electoral College vote', ELECTORS],
  ],
  [
    ["Donald Trump's", TRUMP],
    ['attorney-general', BARR],
    ['Bill Barr', BARR],
  ],
  [
    ["Biden's victory", ELECTION],
    ["President Trump's", TRUMP],
    ['campaign to overturn his loss', EFFORT],
  ],
  [
    ['Putin', PUTIN],
    ['Biden', BIDEN],
  ],
  [
    ['the US president-elect', BIDEN],
    ['for my part, I am ready for collaboration and contacts with you', TELEGRAM],
    ['Kremlin', KREMLIN],
  ],
  [
    ['his congratulatory telegram', TELEGRAM],
    ['Biden', BIDEN],
    ['Putin', PUTIN],
    ['bear special responsibility for global security and stability', TELEGRAM],
  ],
  [['despite their differences, really contribute to solving many problems and challenges that the world is currently facing', TELEGRAM]],
  [
    ['Biden', BIDEN],
    ['outgoing US President Donald Trump', TRUMP],
  ],
  [
    ['Trump', TRUMP],
    ['the presidential campaign', ELECTION],
    ['embraced so many autocrats around the world', AUTOCRATS],
    ['Vladimir Putin', PUTIN],
  ],
  [
    ['interfering in the 2016 US election', INTERFERENCE],
    ['Trump', TRUMP],
    ['in the hope he would take a softer line with Moscow', INTERFERENCE],
  ],
  [
    ['His congrats', TELEGRAM],
    ["Putin's", PUTIN],
  ],
  [
    ['Putin', PUTIN],
    ['lifetime immunity', LAW],
  ],
  [
    ['Russian MPs', DUMA],
    ["the president's", PUTIN],
    ['the draft law', LAW],
    ["Putin's immunity", LAW],
  ],
  [
    ['The proposal', LAW],
    ['a larger set of reforms', VOTE_2020],
    ['Putin', PUTIN],
    ['a nationwide vote earlier in the summer', VOTE_2020],
  ],
];

const seed = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'articles', `${SEED_ID}.json`), 'utf8')) as ArticleSource;

/** Entity ids declared by the entity files, with how many files declare each. */
function declaredIds(): Map<string, number> {
  const counts = new Map<string, number>();
  const dir = path.join(DATA_DIR, 'entities');
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const { id } = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { id: string };
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('the seed article carries the audit’s full list of mentions', () => {
  it('has 19 paragraphs, p0 (the headline) to p18', () => {
    expect(seed.paragraphs.map((p) => p.id)).toEqual(Array.from({ length: 19 }, (_, i) => `p${i}`));
    expect(seed.paragraphs[0]?.role).toBe('headline');
    expect(EXPECTED).toHaveLength(19);
  });

  it('each paragraph has exactly the expected mentions, in reading order', () => {
    seed.paragraphs.forEach((paragraph, i) => {
      expect(
        paragraph.mentions.map((m) => [m.exact, m.entity]),
        paragraph.id,
      ).toEqual(EXPECTED[i]);
    });
    expect(EXPECTED.flat()).toHaveLength(60);
  });

  it('every mention names an entity declared by exactly one entity file', () => {
    const ids = declaredIds();
    for (const [exact, entity] of EXPECTED.flat()) expect(ids.get(entity), `${exact} → ${entity}`).toBe(1);
    // And every entity file is used by the article: none is left orphaned by a re-pointed mention.
    expect([...ids.keys()].sort()).toEqual([...new Set(EXPECTED.flat().map(([, entity]) => entity))].sort());
  });

  it('every mention is found once in its paragraph and compiles to one annotation, without overlaps', () => {
    const result = compileDataset(DATA_DIR);
    if (!result.ok) throw new Error(formatDatasetErrors(result.errors));
    const record = result.compiled.records.find((r) => r.id === SEED_ID);
    expect(record?.annotations.map((a) => [a.paragraph, a.exact, a.entity])).toEqual(
      EXPECTED.flatMap((mentions, p) => mentions.map(([exact, entity]) => [p, exact, entity])),
    );
  });
});

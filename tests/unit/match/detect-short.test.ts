/**
 * Short articles (3 to 5 paragraphs) on busy pages: a paragraph too short to have a shingle ("Shares
 * fell 6%.") must not count in the paragraphs a page needs, and a paragraph the page shows as a
 * list (one item a block, none holding half of it) must still be found present. Neither may make a
 * page about the same company and people look like the article.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../../src/data/schema.js';
import { detectArticle, STRONG_CONTAINMENT, strongNeeded, type Detection } from '../../../src/match/detect.js';
import { fingerprint, isSampled } from '../../../src/match/fingerprint.js';
import { buildIndex, CompiledIndex } from '../../../src/match/index-format.js';
import { synthDataset } from '../../../tools/dataset/synth.js';
import { ROOT } from './seed-fixture.js';

const BRIEF = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/short-article/article.json'), 'utf8')) as ArticleSource;
const TEXT = BRIEF.paragraphs.map((p) => p.text);
const [LEAD, ONE_LINER, LIST_PARAGRAPH] = TEXT as [string, string, string];

/** The list paragraph as pages show it: its opening words, then one block per item. */
const INTRO = 'Chief executive Marta Lindqvist said the plan would';
const ITEMS = LIST_PARAGRAPH.slice(INTRO.length + 1, -1).split(/, (?:and )?/);

const SYNTHETIC = synthDataset(150, 77).articles;

/** Site chrome and other stories around the article, as on a news site's busy page. */
const CHROME_BEFORE = [
  'Markets Companies Technology Opinion Podcasts Sign in Subscribe',
  'AEX 912.4 +0.3% DAX 18,210 -0.1% Brent 84.20 +1.2% EUR/USD 1.0712',
  ...(SYNTHETIC[5]?.paragraphs ?? []).slice(0, 2).map((p) => p.text),
  'Advertisement',
];
const CHROME_AFTER = [
  'More from Companies',
  ...(SYNTHETIC[9]?.paragraphs ?? []).slice(0, 3).map((p) => p.text),
  'Most read: Port strike talks stall as both sides dig in; Fuel prices climb for a third week; Retailers warn of a thin Christmas',
  'Sign up for the morning briefing, delivered before the markets open. You can unsubscribe at any time.',
];

/** A page about the same company and people, written in other words: it must never be the brief. */
const SAME_PEOPLE = [
  'Northwind Freight: what the job cuts mean for Rotterdam',
  'Marta Lindqvist has spent her first months at Northwind Freight touring depots from Antwerp to Gdansk, and the message she heard from drivers was blunt.',
  'Pieter Aalders built the haulier from a single yard, and former colleagues say he would never have sold the refrigerated trucking business.',
  'Union leaders in Belgium and the Netherlands plan to meet on Thursday; several said they learned of the depot closures in Lille and Antwerp from the news.',
  'Investors cheered the promise of a higher operating margin, but analysts doubt the electric trucks for city routes will pay off soon.',
  'Shares fell 6%.',
];

interface Fixture {
  index: CompiledIndex;
  fingerprints: number[][][];
  number: number;
}

/** The brief's first `n` paragraphs as an article, indexed among the synthetic ones. */
function fixtureFor(n: number): Fixture {
  const fingerprints = [...SYNTHETIC.map((a) => a.paragraphs.map((p) => fingerprint(p.text))), TEXT.slice(0, n).map((t) => fingerprint(t))];
  const index = new CompiledIndex(buildIndex(fingerprints.map((paragraphs) => paragraphs.map((list) => list.filter(isSampled)))));
  return { index, fingerprints, number: SYNTHETIC.length };
}

function detect(f: Fixture, blocks: readonly string[]): Detection | null {
  return detectArticle(
    f.index,
    blocks.map((b) => fingerprint(b)),
    (article) => f.fingerprints[article] ?? [],
  );
}

const fixtures = new Map<number, Fixture>();
beforeAll(() => {
  for (const n of [3, 4, 5]) fixtures.set(n, fixtureFor(n));
});
const fixture = (n: number): Fixture => fixtures.get(n) as Fixture;

describe('the short brief used below', () => {
  it('has a one-line paragraph without a shingle and a paragraph that reads as a list of ten items', () => {
    expect(fingerprint(ONE_LINER)).toEqual([]);
    expect(ITEMS).toHaveLength(10);
    expect(`${INTRO} ${ITEMS.slice(0, -1).join(', ')}, and ${ITEMS.at(-1)}.`).toBe(LIST_PARAGRAPH);
    // No item holds half of the paragraph's shingles, nor do the ten together, counted plainly: the
    // shingles that spanned two items are on no block.
    const paragraph = new Set(fingerprint(LIST_PARAGRAPH));
    const inItems = new Set(ITEMS.flatMap((item) => fingerprint(item)).filter((h) => paragraph.has(h)));
    for (const item of ITEMS) expect(fingerprint(item).length).toBeLessThan(0.5 * paragraph.size);
    expect(inItems.size).toBeLessThan(STRONG_CONTAINMENT * paragraph.size);
    expect(strongNeeded(TEXT.slice(0, 3).map((t) => fingerprint(t).length))).toBe(2);
  });
});

describe.each([3, 4, 5])('a %i-paragraph brief with a one-line paragraph', (n) => {
  const article = (): string[] => TEXT.slice(0, n);

  it('is recognised on a busy page that shows every paragraph', () => {
    const blocks = [...CHROME_BEFORE, ...article(), ...CHROME_AFTER];
    const d = detect(fixture(n), blocks);
    expect(d?.article).toBe(fixture(n).number);
    expect(d?.strong).toBe(n - 1);
    article().forEach((text, p) => expect(d?.paragraphs[p]?.blocks, `paragraph ${p}`).toEqual(text === ONE_LINER ? [] : [blocks.indexOf(text)]));
  });

  it.each([
    ['its opening words and ten items', [INTRO, ...ITEMS]],
    ['ten items alone (the opening words in a heading the scan skips)', ITEMS],
  ])('is recognised when the page shows a paragraph as %s, and aligns it to them', (_, list) => {
    const body = [LEAD, ONE_LINER, ...list, ...article().slice(3)];
    const blocks = [...CHROME_BEFORE, ...body, ...CHROME_AFTER];
    const d = detect(fixture(n), blocks);
    expect(d?.article).toBe(fixture(n).number);
    const aligned = d?.paragraphs[2];
    expect(aligned?.containment).toBeGreaterThanOrEqual(STRONG_CONTAINMENT);
    const first = blocks.indexOf(list[0] as string);
    expect(aligned?.blocks).toEqual(list.map((_item, i) => first + i));
  });

  it('is not recognised on a page about the same company and people', () => {
    expect(detect(fixture(n), [...CHROME_BEFORE, ...SAME_PEOPLE, ...CHROME_AFTER])).toBeNull();
  });

  it('is not recognised from one paragraph of it, nor from the list items scattered among other text', () => {
    expect(detect(fixture(n), [...CHROME_BEFORE, LEAD, ONE_LINER, ...SAME_PEOPLE, ...CHROME_AFTER])).toBeNull();
    const scattered = ITEMS.flatMap((item, i) => [item, SAME_PEOPLE[i % SAME_PEOPLE.length] as string]);
    expect(detect(fixture(n), [...CHROME_BEFORE, LEAD, ONE_LINER, ...scattered, ...CHROME_AFTER])).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ALIGN_CONTAINMENT, detectArticle, rankCandidates, type Detection } from '../../../src/match/detect.js';
import { fingerprint } from '../../../src/match/fingerprint.js';
import { buildSeedIndex, type SeedIndex } from './seed-fixture.js';

let fixture: SeedIndex;
let P: string[];

beforeAll(() => {
  fixture = buildSeedIndex(300);
  P = fixture.seedParagraphs;
});

function detect(blocks: readonly string[]): Detection | null {
  return detectArticle(
    fixture.index,
    blocks.map((b) => fingerprint(b)),
    (article) => fixture.fingerprints[article] ?? [],
  );
}

function blocksOf(d: Detection): number[][] {
  return d.paragraphs.map((p) => p.blocks);
}

/** Changes one word in the middle of the paragraph (and the quote style of the text). */
function lightlyEdit(text: string): string {
  const words = text.split(' ');
  const middle = Math.floor(words.length / 2);
  words[middle] = words[middle] === 'elsewhere' ? 'somewhere' : 'elsewhere';
  return words.join(' ').replace(/"/g, '\u201D').toUpperCase();
}

describe('detectArticle with the seed article among synthetic articles', () => {
  it('the seed has enough paragraphs for the tests below', () => {
    expect(P.length).toBeGreaterThanOrEqual(12);
    expect(fixture.index.articleCount).toBe(301);
  });

  it('detects the full article and aligns every paragraph to its block', () => {
    const d = detect(P);
    expect(d).not.toBeNull();
    expect(d?.article).toBe(fixture.seedNumber);
    expect(d?.strong).toBe(P.length);
    expect(blocksOf(d as Detection)).toEqual(P.map((_, i) => [i]));
    for (const p of (d as Detection).paragraphs) expect(p.containment).toBe(1);
  });

  it('detects the article among page chrome (menus, unrelated blocks, synthetic text)', () => {
    const other = (fixture.synthetic[3]?.paragraphs ?? []).slice(1, 3).map((p) => p.text);
    const blocks = ['Home News Sport Weather Sign in', ...other, ...P, 'Sign up for our newsletter to get the news first'];
    const d = detect(blocks);
    expect(d?.article).toBe(fixture.seedNumber);
    expect(blocksOf(d as Detection)).toEqual(P.map((_, i) => [i + 1 + other.length]));
  });

  it('aligns paragraphs correctly when the page reorders them', () => {
    const order = P.map((_, i) => i).sort((a, b) => ((a * 7) % P.length) - ((b * 7) % P.length));
    expect(order).not.toEqual(P.map((_, i) => i));
    const d = detect(order.map((i) => P[i] as string));
    expect(d?.article).toBe(fixture.seedNumber);
    const expected = P.map((_, i) => [order.indexOf(i)]);
    expect(blocksOf(d as Detection)).toEqual(expected);
  });

  it('aligns two paragraphs merged into one block to that block', () => {
    const blocks = [...P.slice(0, 3), `${P[3]} ${P[4]}`, ...P.slice(5)];
    const d = detect(blocks);
    expect(d?.article).toBe(fixture.seedNumber);
    const got = blocksOf(d as Detection);
    expect(got[3]).toEqual([3]);
    expect(got[4]).toEqual([3]);
    expect(got[2]).toEqual([2]);
    expect(got[5]).toEqual([4]);
  });

  it('aligns a paragraph split into two blocks to both', () => {
    const target = 13;
    const words = (P[target] as string).split(' ');
    const half = Math.floor(words.length / 2);
    const blocks = [...P.slice(0, target), words.slice(0, half).join(' '), words.slice(half).join(' '), ...P.slice(target + 1)];
    const d = detect(blocks);
    expect(d?.article).toBe(fixture.seedNumber);
    const got = blocksOf(d as Detection);
    expect(got[target]).toEqual([target, target + 1]);
    expect(got[target + 1]).toEqual([target + 2]);
    expect(got[target - 1]).toEqual([target - 1]);
  });

  it('gives a dropped paragraph an empty alignment', () => {
    const dropped = 14;
    const blocks = P.filter((_, i) => i !== dropped);
    const d = detect(blocks);
    expect(d?.article).toBe(fixture.seedNumber);
    const got = blocksOf(d as Detection);
    expect(got[dropped]).toEqual([]);
    expect((d as Detection).paragraphs[dropped]?.containment).toBeLessThan(ALIGN_CONTAINMENT);
    expect(got[dropped + 1]).toEqual([dropped]);
    expect(got[dropped - 1]).toEqual([dropped - 1]);
  });

  it('still aligns lightly edited paragraphs', () => {
    const edited = P.map(lightlyEdit);
    edited.forEach((e, i) => expect(e).not.toBe(P[i]));
    const d = detect(edited);
    expect(d?.article).toBe(fixture.seedNumber);
    expect(blocksOf(d as Detection)).toEqual(P.map((_, i) => [i]));
    for (const p of (d as Detection).paragraphs) expect(p.containment).toBeLessThan(1);
  });

  it('detects a truncated copy (headline + first 6 paragraphs)', () => {
    const d = detect(P.slice(0, 7));
    expect(d?.article).toBe(fixture.seedNumber);
    const got = blocksOf(d as Detection);
    for (let i = 0; i < 7; i++) expect(got[i]).toEqual([i]);
    for (let i = 7; i < P.length; i++) expect(got[i]).toEqual([]);
  });

  it('does not align a teaser that repeats half of the headline; the real headline block wins', () => {
    const headlineWords = (P[0] as string).split(' ');
    const teaser = headlineWords.slice(0, Math.ceil(headlineWords.length / 2)).join(' ');
    for (const blocks of [
      [teaser, ...P],
      [P[0] as string, teaser, ...P.slice(1)],
    ]) {
      const d = detect(blocks);
      expect(d?.article).toBe(fixture.seedNumber);
      const teaserBlock = blocks.indexOf(teaser);
      const headlineBlock = blocks.indexOf(P[0] as string);
      expect(blocksOf(d as Detection)[0]).toEqual([headlineBlock]);
      for (const p of (d as Detection).paragraphs) expect(p.blocks).not.toContain(teaserBlock);
    }
  });

  it('does not detect a different article that quotes the telegram', () => {
    const other = [
      'Diplomats in Brussels weigh a cautious reset as Moscow sends mixed signals',
      'Officials across Europe spent the week parsing a short message that arrived from Moscow late on Tuesday evening.',
      'In it, the Russian side wrote that "for my part, I am ready for collaboration and contacts with you", a line several envoys described as boilerplate.',
      'Analysts at two think tanks in Berlin said the wording matched earlier letters sent to other capitals over the past decade.',
      'A second passage argued that the two powers "bear special responsibility for global security and stability", echoing language from arms control talks.',
      'Critics noted that such phrases have appeared in nearly every formal greeting between the governments since the end of the Cold War.',
      'The final line claimed both nations could, "despite their differences, really contribute to solving many problems and challenges that the world is currently facing."',
      'European ministers are expected to discuss the message when they gather in Luxembourg for their regular monthly meeting next week.',
      'Several delegations want a joint statement, while others prefer to wait for concrete proposals on prisoner exchanges and energy supplies.',
      'No date has been set for further contacts, and spokespeople on all sides declined to comment on the record.',
    ];
    expect(other).toHaveLength(10);
    expect(detect(other)).toBeNull();
    // Sanity: the same page with the seed article's text would be detected.
    expect(detect([...other, ...P])?.article).toBe(fixture.seedNumber);
  });

  it('does not detect unrelated text', () => {
    const unrelated = [
      'How to grow tomatoes on a small balcony',
      'Tomatoes need at least six hours of direct sunlight a day, so pick the sunniest corner you have.',
      'Choose a deep pot with drainage holes and fill it with a good peat-free compost mixed with some grit.',
      'Water regularly in the morning and feed weekly with a high potash fertiliser once the first flowers appear.',
      'Pinch out side shoots on cordon varieties so the plant puts its energy into fruit rather than leaves.',
    ];
    expect(detect(unrelated)).toBeNull();
    expect(detect([])).toBeNull();
    expect(detect(['', '   '])).toBeNull();
  });

  it('ranks candidates with their evidence: a copy of the article shares dozens of sampled shingles, a paragraph a few', () => {
    const ranked = (blocks: readonly string[]) =>
      rankCandidates(
        fixture.index,
        blocks.map((b) => fingerprint(b)),
      );
    const full = ranked(P)[0];
    expect(full?.article).toBe(fixture.seedNumber);
    // The background starts injecting on 8 or more (LIKELY_MATCH_HITS): a 7-paragraph excerpt is past it.
    expect(full?.hits).toBeGreaterThan(30);
    expect(ranked(P.slice(0, 7))[0]?.hits).toBeGreaterThanOrEqual(8);
    for (const paragraph of P) expect(ranked([paragraph])[0]?.hits ?? 0).toBeLessThan(8);
    expect(ranked(['How to grow tomatoes on a small balcony, in six hours of sun a day'])).toEqual([]);
  });
});

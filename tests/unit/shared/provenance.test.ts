import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/match/fingerprint.js';
import {
  describeProvenance,
  firstWords,
  pageKey,
  paragraphState,
  repeatedBlocks,
  type ProvenanceBlock,
  type ProvenanceInput,
} from '../../../src/shared/provenance.js';

const URLS = ['https://www.example-news.test/world/123/putin-biden/', 'https://mirror.example.org/putin-biden'];

/** A three-paragraph article (headline, two body paragraphs) as page blocks would carry it. */
const HEADLINE = 'Putin finally congratulates Biden on his election win';
const P1 = 'The Russian president was one of the last remaining leaders of major world countries to congratulate him.';
const P2 = 'The Kremlin had said it would wait for the official results of the election before commenting on its outcome.';

const block = (text: string, inBody = true): ProvenanceBlock => ({ text, inBody });
const whole = { containment: 1, shingles: 16 };

function input(overrides: Partial<ProvenanceInput>): ProvenanceInput {
  return {
    pageUrl: 'http://127.0.0.1:8080/copy.html',
    urls: URLS,
    alignment: [[0], [1], [2]],
    coverage: [whole, whole, whole],
    blocks: [block(HEADLINE, false), block(P1), block(P2)],
    repeated: [],
    ...overrides,
  };
}

describe('describeProvenance', () => {
  it('a full copy elsewhere: a copy with every paragraph present and the headline the same', () => {
    const p = describeProvenance(input({}));
    expect(p).toMatchObject({ original: false, headline: 'present', present: 2, edited: 0, missing: 0, inserted: [], repeated: 0 });
    expect(p.paragraphs.map((x) => [x.paragraph, x.state, x.percent])).toEqual([
      [1, 'present', 100],
      [2, 'present', 100],
    ]);
    expect(p.paragraphs[0]?.firstWords).toBe('The Russian president was one of…');
  });

  it('the original: the page is at one of the canonical addresses (scheme, port, www., trailing slash and query aside)', () => {
    expect(describeProvenance(input({ pageUrl: 'http://example-news.test:8123/world/123/putin-biden?ref=home#top' })).original).toBe(true);
    expect(describeProvenance(input({ pageUrl: 'https://mirror.example.org/putin-biden/' })).original).toBe(true);
    expect(describeProvenance(input({ pageUrl: 'https://www.example-news.test/world/124/putin-biden/' })).original).toBe(false);
    expect(describeProvenance(input({ pageUrl: 'not a url' })).original).toBe(false);
  });

  it('a page holding the article twice: the second copy is counted as repeated, not as inserted text nor as more paragraphs', () => {
    const texts = [HEADLINE, P1, P2, HEADLINE, P1, P2];
    const repeated = repeatedBlocks([[0], [1], [2]], texts.map(fingerprint));
    expect(repeated).toEqual([3, 4, 5]);
    const p = describeProvenance(input({ blocks: texts.map((text) => block(text)), repeated }));
    expect(p).toMatchObject({ present: 2, edited: 0, missing: 0, inserted: [], repeated: 3, headline: 'present' });
  });

  it('a page holding only the headline: every body paragraph missing, the headline present', () => {
    const p = describeProvenance(
      input({ alignment: [[0], [], []], coverage: [whole, { containment: 0, shingles: 16 }, { containment: 0.1, shingles: 16 }], blocks: [block(HEADLINE)] }),
    );
    expect(p).toMatchObject({ headline: 'present', present: 0, edited: 0, missing: 2, inserted: [], repeated: 0 });
    expect(p.paragraphs.every((x) => x.firstWords === '' && x.percent === 0)).toBe(true);
  });

  it('an edited paragraph, a changed headline and an inserted line', () => {
    const update = 'UPDATE: This story has been updated with a response from the transition team.';
    const p = describeProvenance(
      input({
        alignment: [[], [1], [2]],
        coverage: [{ containment: 0.1, shingles: 6 }, whole, { containment: 0.8, shingles: 15 }],
        blocks: [block('A new headline entirely', false), block(P1), block(P2.replace('wait for', 'await')), block(update)],
      }),
    );
    expect(p).toMatchObject({ headline: 'missing', present: 1, edited: 1, missing: 0, inserted: ['UPDATE: This story has been updated…'] });
    expect(p.paragraphs[1]).toMatchObject({ state: 'edited', percent: 80 });
  });

  it('labels (fewer than five words) and blocks outside the article body are not inserted text', () => {
    const blocks = [
      block(HEADLINE),
      block(P1),
      block('Advertisement'),
      block('More on this story'),
      block(P2),
      block('A reader comment below the article, long enough', false),
    ];
    const p = describeProvenance(input({ alignment: [[0], [1], [4]], blocks }));
    expect(p.inserted).toEqual([]);
  });
});

describe('repeatedBlocks', () => {
  const update = 'UPDATE: This story has been updated with a response from the transition team.';
  it('a block is a repeat when at least half of its distinct shingles are in the blocks found', () => {
    // The second copy of P2 keeps its first half only: still a repeat. Its last words with new
    // ones make most of its shingles new: inserted text, not a repeat.
    const words = P2.split(' ');
    const firstHalf = words.slice(0, Math.ceil(words.length / 2) + 3).join(' ');
    const mostlyNew = `${words.slice(-5).join(' ')} ${update}`;
    const texts = [P1, P2, firstHalf, mostlyNew, update];
    expect(repeatedBlocks([[], [0], [1]], texts.map(fingerprint))).toEqual([2]);
  });
  it('blocks without shingles (too short to hash) and the aligned blocks themselves are never repeats', () => {
    expect(repeatedBlocks([[0], [1]], [fingerprint(P1), fingerprint(P1), fingerprint('Advertisement')])).toEqual([]);
  });
});

describe('paragraphState', () => {
  it('a paragraph split over two blocks may lose the shingles spanning the split and stay present; one more is an edit', () => {
    expect(paragraphState([3, 4], { containment: 29 / 32, shingles: 32 })).toBe('present');
    expect(paragraphState([3, 4], { containment: 28 / 32, shingles: 32 })).toBe('edited');
    expect(paragraphState([3], { containment: 31 / 32, shingles: 32 })).toBe('edited');
    expect(paragraphState([], { containment: 0.3, shingles: 32 })).toBe('missing');
  });
});

describe('helpers', () => {
  it('firstWords keeps the page’s own words, with an ellipsis only when cut', () => {
    expect(firstWords('  One two   three ')).toBe('One two three');
    expect(firstWords('a b c d e f g', 6)).toBe('a b c d e f…');
  });
  it('pageKey names a page by host and path', () => {
    expect(pageKey('https://WWW.Example.com/a/b/')).toBe('example.com/a/b');
    expect(pageKey('::')).toBeNull();
  });
});

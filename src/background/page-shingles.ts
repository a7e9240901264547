/**
 * Page text to shingles, in the background (issue 21): a new tab's renderer runs its code cold,
 * and hashing there cost a page without our article several times reading its text; the
 * background is long-lived and its code warm. The hashes are the build's (src/match/fingerprint).
 */
import { fingerprint } from '../match/fingerprint.js';

/**
 * Most shingles looked up for one page (about 40,000 words): beyond a long article's worth, more
 * text only costs time.
 */
export const MAX_PAGE_SHINGLES = 40_000;

/**
 * Each block's shingles, aligned with the blocks (the alignment's block indexes point into them).
 * Past MAX_PAGE_SHINGLES, in document order, the remaining blocks get none.
 */
export function blockShingles(blocks: readonly string[]): number[][] {
  let total = 0;
  return blocks.map((text) => {
    if (total > MAX_PAGE_SHINGLES) return [];
    const hashes = fingerprint(text);
    total += hashes.length;
    return total > MAX_PAGE_SHINGLES ? [] : hashes;
  });
}

/**
 * The screen's shingles: the page's text nodes joined twice, as inline text (nothing between
 * nodes: `Vla<b>dimir</b>` is one word, as in a block) and as separate runs (a space between
 * nodes: after a `<br>` or between blocks). Every shingle of a block the extractor reads comes out
 * of one of the two, unless its four words span a `<br>` and a word split by markup at once, or
 * markup the extractor skips: so a page is a candidate here whenever its blocks would make it
 * one, and the screen never costs recall. What they hold beyond the blocks' shingles (across
 * block boundaries, inside scripts and menus) can only add candidates, which the lookup on the
 * blocks then verifies or drops.
 */
export function textShingles(texts: readonly string[]): number[][] {
  return [fingerprint(texts.join('')), fingerprint(texts.join(' '))];
}

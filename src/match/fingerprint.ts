/**
 * Block fingerprints: every run of SHINGLE_SIZE consecutive words of a block (characters, in
 * scripts written without spaces), hashed to 32 bits.
 * The same code runs in the content script (page blocks) and in the build (article paragraphs),
 * so the hashes agree by construction.
 */
import { normaliseForTokens } from './normalise.js';

/** Words per shingle: long enough that shared stock phrases rarely collide, short enough to survive light edits. */
export const SHINGLE_SIZE = 4;

const WORD = /[\p{L}\p{N}]+/gu;

/** FNV-1a over the UTF-16 units of one word. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** murmur3's finaliser: spreads the combined words over all 32 bits. */
function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese): a
 * whole sentence would be one "word" and yield no shingle, so each of their characters is a token
 * and a shingle is a character 4-gram. Text without them tokenises exactly as before.
 */
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const HAS_UNSPACED = new RegExp(`[${UNSPACED}]`, 'u');
/** One unspaced-script character, or a run of other letters and digits. */
const TOKEN = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{N}])+`, 'gu');

/** Word hashes of already-normalised text. */
export function wordHashes(normalisedText: string): number[] {
  const hashes: number[] = [];
  const tokens = HAS_UNSPACED.test(normalisedText) ? TOKEN : WORD;
  for (const match of normalisedText.matchAll(tokens)) hashes.push(hashWord(match[0]));
  return hashes;
}

/** Order-sensitive shingle hashes from word hashes; never 0 (0 marks an empty index slot). */
export function shingles(words: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + SHINGLE_SIZE <= words.length; i++) {
    let h = 0x2f0b3c1d;
    for (let k = 0; k < SHINGLE_SIZE; k++) h = Math.imul(rotl(h ^ (words[i + k] as number), 13), 5) + 0xe6546b64;
    out.push(finalise(h) || 1);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- \x00-\x7f is the ASCII range, spelled the usual way; no stray control character.
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Word hashes of pure-ASCII raw text in one pass, without building normalised strings: for ASCII,
 * normalisation is lower-casing and words are [a-z0-9]+ runs, so the hashes equal wordHashes()'s.
 * Most text on most pages is ASCII, and this runs on every page.
 */
function asciiWordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      h ^= c;
      h = Math.imul(h, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

/** Fingerprint of raw block text: normalise, tokenise, shingle. */
export function fingerprint(rawText: string): number[] {
  return shingles(NON_ASCII.test(rawText) ? wordHashes(normaliseForTokens(rawText)) : asciiWordHashes(rawText));
}

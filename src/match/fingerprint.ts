/**
 * Block fingerprints: every run of SHINGLE_SIZE consecutive words of a block (characters, in
 * scripts written without spaces), hashed to 32 bits. One shingle in eight (by hash value) is
 * sampled for the global index, and a sampled shingle carries CHECK_BITS bits of a second,
 * independent hash of its words above its 32 bits (so its value is below 2^35).
 * The same code runs in the content script (page blocks) and in the build (article paragraphs),
 * so the hashes agree by construction.
 */
import { normaliseForTokens } from './normalise.js';

/** Words per shingle: long enough that shared stock phrases rarely collide, short enough to survive light edits. */
export const SHINGLE_SIZE = 4;

/** Low bits that must be zero for a shingle to be sampled: one in 2^SAMPLE_BITS goes into the global index. */
export const SAMPLE_BITS = 3;
const SAMPLE_MASK = 2 ** SAMPLE_BITS - 1;
/** Bit operations read the low 32 bits, so a sampled shingle's check bits change nothing but gateKey(). */
export const isSampled = (shingle: number): boolean => (shingle & SAMPLE_MASK) === 0;

/**
 * Bits of a second hash carried by sampled shingles. A sampled 32-bit hash has only 32 - SAMPLE_BITS
 * bits of its own, and at 100,000 articles the index holds 4.2 million of the 2^29 possible: a page's
 * shingle would then hit one by chance almost once in a hundred, and a typical page would read
 * index shards for nothing. With the check bits the index's gate compares 32 bits.
 */
export const CHECK_BITS = SAMPLE_BITS;

/** A sampled shingle's key in the index's gate: its 29 bits of hash and its 3 check bits, as one uint32. */
export const gateKey = (shingle: number): number => ((shingle >>> SAMPLE_BITS) + Math.floor(shingle / 2 ** 32) * 2 ** (32 - SAMPLE_BITS)) >>> 0;

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

/** The check bits of the shingle starting at word i: other seed, rotation and constants than the hash. */
function checkBits(words: readonly number[], i: number): number {
  let g = 0x6a09e667;
  for (let k = 0; k < SHINGLE_SIZE; k++) g = Math.imul(rotl(g ^ (words[i + k] as number), 17), 9) + 0x3c6ef372;
  return finalise(g) >>> (32 - CHECK_BITS);
}

/** Order-sensitive shingle hashes from word hashes; never 0 (0 marks an empty index slot); sampled ones with their check bits. */
export function shingles(words: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + SHINGLE_SIZE <= words.length; i++) {
    let h = 0x2f0b3c1d;
    for (let k = 0; k < SHINGLE_SIZE; k++) h = Math.imul(rotl(h ^ (words[i + k] as number), 13), 5) + 0xe6546b64;
    const hash = finalise(h) || 1;
    out.push(isSampled(hash) ? hash + checkBits(words, i) * 2 ** 32 : hash);
  }
  return out;
}

/**
 * Word hashes of raw text in one pass, without building normalised strings, for the characters
 * whose normalisation is known: ASCII (lower-cased; words are [a-z0-9]+ runs), NBSP and General
 * Punctuation (U+2000–U+206F: curly quotes, dashes, spaces; none is a letter or digit under NFKC),
 * and the invisibles normalisation drops (soft hyphen, zero-width characters, BOM: the word goes
 * on). Any other character sends its stretch between two ASCII whitespace characters through the
 * general path: no normalisation or case mapping looks across ASCII whitespace (NFKC composes
 * nothing with a space; the final-sigma rule stops at it), and a stretch without an unspaced-script
 * character tokenises alike under both tokenisers, so the hashes equal wordHashes()'s on the whole
 * text. Most text on most pages takes only the fast path, and the background hashes whole pages.
 */
function rawWordHashes(text: string): number[] {
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  /** Where the current stretch between ASCII whitespace starts, and the words before it. */
  let stretchStart = 0;
  let stretchWords = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c += 32;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        h ^= c;
        h = Math.imul(h, 0x01000193);
        inWord = true;
        continue;
      }
      if (inWord) {
        hashes.push(h >>> 0);
        h = 0x811c9dc5;
        inWord = false;
      }
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        stretchStart = i + 1;
        stretchWords = hashes.length;
      }
      continue;
    }
    if (c === 0xad || c === 0xfeff || c === 0x2060 || (c >= 0x200b && c <= 0x200d)) continue;
    if (c === 0xa0 || (c >= 0x2000 && c <= 0x206f)) {
      if (inWord) {
        hashes.push(h >>> 0);
        h = 0x811c9dc5;
        inWord = false;
      }
      continue;
    }
    // At least GENERAL_STRETCH characters at a time: text in another script takes the general
    // path in pieces of that size rather than word by word.
    let end = Math.min(text.length, i + GENERAL_STRETCH);
    while (end < text.length && !isAsciiSpace(text.charCodeAt(end))) end++;
    hashes.length = stretchWords;
    for (const word of wordHashes(normaliseForTokens(text.slice(stretchStart, end)))) hashes.push(word);
    h = 0x811c9dc5;
    inWord = false;
    i = end - 1;
  }
  if (inWord) hashes.push(h >>> 0);
  return hashes;
}

const GENERAL_STRETCH = 256;
const isAsciiSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** Fingerprint of raw block text: normalise, tokenise, shingle. */
export function fingerprint(rawText: string): number[] {
  return shingles(rawWordHashes(rawText));
}

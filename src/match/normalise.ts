/**
 * Text normalisation shared by fingerprinting (every page) and quote anchoring (matched pages).
 * Copies of an article differ in Unicode form, case, quote and dash style, non-breaking and
 * zero-width characters and whitespace; all of those are folded here so they never count as edits.
 */

/** Characters that carry no text: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const INVISIBLE_SINGLE = /^[\u00AD\u200B-\u200D\u2060\uFEFF]$/;
const SINGLE_QUOTES = /^[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]$/;
const DOUBLE_QUOTES = /^[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]$/;
const DASHES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]$/;
const SPACE = /^\s$/;
/** ASCII other than whitespace (sticky: matched from lastIndex); and ASCII whitespace. */
const ASCII_RUN = /[^\t\n\v\f\r \u0080-\uffff]+/y;
const ASCII_SPACES = /[\t\n\v\f\r ]+/y;
/** Combining marks: folded together with the character they follow, so NFD text composes like NFC. */
const MARK = /^\p{M}$/u;

function isMarkAt(source: string, at: number): boolean {
  // Every combining mark is at U+0300 or above: the cheap test keeps the ASCII path fast. General
  // Punctuation (U+2000–206F: curly quotes, dashes, invisibles) holds none either, so an English
  // page's text never needs the Unicode-property expression (compiled anew in every page).
  const unit = source.charCodeAt(at);
  return unit >= 0x300 && (unit < 0x2000 || unit > 0x206f) && MARK.test(String.fromCodePoint(source.codePointAt(at) ?? 0));
}

/**
 * Cheap normalisation for tokenising: NFKC, lower case, invisibles removed. Punctuation is left
 * alone because the tokeniser ignores it anyway.
 */
export function normaliseForTokens(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
}

/** A normalised string and, for each of its UTF-16 units, the offset in the source it came from. */
export interface NormalisedText {
  text: string;
  /** `map[i]` is the source offset of `text[i]`; `map[text.length]` is the source length. */
  map: Uint32Array;
}

function foldCodePoint(ch: string): string {
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  return ch.normalize('NFKC').toLowerCase();
}

/**
 * Full normalisation with an offset map, for anchoring quotes: NFKC and lower case per character
 * (a code point and the combining marks after it),
 * curly quotes and dashes folded to ASCII, invisibles dropped, every run of whitespace (NBSP
 * included) collapsed to one space. Leading whitespace is dropped unless `keepLeadingSpace`; a
 * trailing space is kept so offsets stay simple.
 */
export function normaliseWithMap(source: string, keepLeadingSpace = false): NormalisedText {
  const out: string[] = [];
  // Offsets, grown only if NFKC expands a character into several.
  let map = new Uint32Array(source.length + 1);
  let n = 0;
  const room = (more: number): void => {
    if (n + more < map.length) return;
    const grown = new Uint32Array(2 * (n + more) + 1);
    grown.set(map);
    map = grown;
  };
  /** `piece` into the output, its units mapped to `at` onwards (`step` 1) or all to `at` (`step` 0). */
  const emit = (piece: string, at: number, step: 0 | 1): void => {
    out.push(piece);
    room(piece.length);
    for (let k = 0; k < piece.length; k++) map[n++] = at + k * step;
  };
  let lastWasSpace = !keepLeadingSpace;
  /** A run of whitespace is one space, mapped to its first character; none where one was just written. */
  const space = (at: number): void => {
    if (!lastWasSpace) emit(' ', at, 0);
    lastWasSpace = true;
  };
  for (let i = 0; i < source.length;) {
    // Runs of ASCII, the text of most pages, go through native string and regex code in one step
    // each (this runs cold on the article page: a loop body per character cost it milliseconds).
    ASCII_RUN.lastIndex = i;
    let end = ASCII_RUN.test(source) ? ASCII_RUN.lastIndex : i;
    // The run's last character belongs with a combining mark after it ("e" + U+0301): not here.
    if (end > i && end < source.length && isMarkAt(source, end)) end--;
    if (end > i) {
      const run = source.slice(i, end).toLowerCase();
      emit(run.includes('`') ? run.replaceAll('`', "'") : run, i, 1);
      lastWasSpace = false;
      i = end;
      continue;
    }
    ASCII_SPACES.lastIndex = i;
    if (ASCII_SPACES.test(source)) {
      space(i);
      i = ASCII_SPACES.lastIndex;
      continue;
    }
    const code = source.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + width);
    if (INVISIBLE_SINGLE.test(ch)) {
      i += width;
      continue;
    }
    if (SPACE.test(ch)) {
      space(i);
      i += width;
      continue;
    }
    // A base character and the combining marks after it are one unit ("e" + U+0301 is "é").
    let unitEnd = i + width;
    while (unitEnd < source.length && isMarkAt(source, unitEnd)) unitEnd += (source.codePointAt(unitEnd) ?? 0) > 0xffff ? 2 : 1;
    const folded = unitEnd === i + width ? foldCodePoint(ch) : source.slice(i, unitEnd).normalize('NFKC').toLowerCase();
    emit(folded, i, 0);
    lastWasSpace = false;
    i = unitEnd;
  }
  room(1);
  map[n] = source.length;
  return { text: out.join(''), map: map.slice(0, n + 1) };
}

/** Normalised text without the map (quotes, prefixes, suffixes). */
export function normalise(source: string): string {
  return normaliseWithMap(source).text.trim();
}

/**
 * A quote's prefix or suffix, normalised like the page text but not trimmed: the space between a
 * whole-word quote and its context is part of the evidence that the context agrees.
 */
export function normaliseContext(source: string): string {
  return normaliseWithMap(source, true).text;
}

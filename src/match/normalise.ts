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
  const map: number[] = [];
  let lastWasSpace = !keepLeadingSpace;
  for (let i = 0; i < source.length;) {
    const code = source.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    if (code < 0x80 && !isMarkAt(source, i + 1)) {
      // ASCII fast path: most text on most pages.
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (!lastWasSpace) {
          out.push(' ');
          map.push(i);
          lastWasSpace = true;
        }
      } else {
        const c = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        out.push(String.fromCharCode(c === 0x60 ? 0x27 : c));
        map.push(i);
        lastWasSpace = false;
      }
      i += width;
      continue;
    }
    const ch = source.slice(i, i + width);
    if (INVISIBLE_SINGLE.test(ch)) {
      i += width;
      continue;
    }
    if (SPACE.test(ch)) {
      if (!lastWasSpace) {
        out.push(' ');
        map.push(i);
        lastWasSpace = true;
      }
      i += width;
      continue;
    }
    // A base character and the combining marks after it are one unit ("e" + U+0301 is "é").
    let end = i + width;
    while (end < source.length && isMarkAt(source, end)) end += (source.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    const folded = end === i + width ? foldCodePoint(ch) : source.slice(i, end).normalize('NFKC').toLowerCase();
    for (let k = 0; k < folded.length; k++) {
      out.push(folded[k] as string);
      map.push(i);
    }
    lastWasSpace = false;
    i = end;
  }
  map.push(source.length);
  return { text: out.join(''), map: Uint32Array.from(map) };
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

/**
 * What "occurrence" means, in one place for the dataset compiler (which records it) and the
 * matcher (which uses it as a position hint): the places where the normalised quote appears in
 * the normalised paragraph without cutting a word in two. Counting raw, case-sensitive substrings
 * on one side and folded, whole-word ones on the other made the hint point at another copy
 * ("In" / "in", "Trump" / "trump card", "Biden" / "Bidenomics").
 */
import { normalise, normaliseWithMap } from './normalise.js';

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** [start, end) of `text` neither starts nor ends inside a word. */
export function keepsWordsWhole(text: string, start: number, end: number): boolean {
  return !(isWordChar(text[start - 1]) && isWordChar(text[start])) && !(isWordChar(text[end - 1]) && isWordChar(text[end]));
}

/** Start offsets of `quote` in `text` (both normalised) that keep words whole, in text order, at most `limit`. */
export function occurrencesIn(text: string, quote: string, limit = Number.POSITIVE_INFINITY): number[] {
  const found: number[] = [];
  if (!quote) return found;
  for (let at = text.indexOf(quote); at !== -1 && found.length < limit; at = text.indexOf(quote, at + 1)) {
    if (keepsWordsWhole(text, at, at + quote.length)) found.push(at);
  }
  return found;
}

/**
 * Which occurrence the quote `exact` at raw offset `start` of the raw `paragraph` is: how many
 * occurrences (as above) start before it. Defined even if the quote itself cuts a word.
 */
export function occurrenceIndex(paragraph: string, exact: string, start: number): number {
  const { text, map } = normaliseWithMap(paragraph);
  let at = 0;
  while (at < text.length && (map[at] as number) < start) at++;
  return occurrencesIn(text, normalise(exact)).filter((o) => o < at).length;
}

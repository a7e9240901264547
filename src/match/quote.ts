/**
 * Quote anchoring inside already-normalised text: exact first, then fuzzy (Myers' bit-parallel
 * approximate matching from approx-string-match), candidates ranked by how well the text around
 * them agrees with the annotation's prefix and suffix. Every search is bounded: the text is
 * capped, fuzzy search is refused for short quotes (they need exact context, see
 * hypothesis/client#3919) and the number of candidates examined is capped.
 */
import search from 'approx-string-match';

export interface NormalisedQuote {
  exact: string;
  prefix: string;
  suffix: string;
  /** Which occurrence of `exact` in the reference paragraph this is; the last tie-breaker. */
  occurrence: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  method: 'exact' | 'fuzzy';
  /** 0..1: how sure the match is (1 for a unique exact match with matching context). */
  score: number;
}

/** Longest text searched; a paragraph (or a few merged ones) is far shorter. */
export const MAX_TEXT = 50_000;
/** Quotes shorter than this are only matched exactly. */
export const MIN_FUZZY_QUOTE = 6;
const MAX_CANDIDATES = 64;
const MIN_FUZZY_SCORE = 0.75;

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isBoundary(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  return (before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after));
}

/** Share of `context` found right before (prefix) or after (suffix) the candidate, from the near end. */
function contextScore(text: string, start: number, end: number, quote: NormalisedQuote): number {
  const parts: number[] = [];
  if (quote.prefix) {
    let n = 0;
    while (n < quote.prefix.length && text[start - 1 - n] === quote.prefix[quote.prefix.length - 1 - n]) n++;
    parts.push(n / quote.prefix.length);
  }
  if (quote.suffix) {
    let n = 0;
    while (n < quote.suffix.length && text[end + n] === quote.suffix[n]) n++;
    parts.push(n / quote.suffix.length);
  }
  return parts.length === 0 ? 1 : parts.reduce((a, b) => a + b, 0) / parts.length;
}

function exactCandidates(text: string, exact: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(exact); at !== -1 && found.length < MAX_CANDIDATES; at = text.indexOf(exact, at + 1)) {
    if (isBoundary(text, at, at + exact.length)) found.push(at);
  }
  return found;
}

/** Finds `quote` in `text`; both must be normalised the same way (see normalise.ts). */
export function anchorQuote(fullText: string, quote: NormalisedQuote): QuoteMatch | null {
  const text = fullText.length > MAX_TEXT ? fullText.slice(0, MAX_TEXT) : fullText;
  const { exact } = quote;
  if (!exact) return null;

  const exacts = exactCandidates(text, exact);
  if (exacts.length === 1) {
    const start = exacts[0] as number;
    return { start, end: start + exact.length, method: 'exact', score: 1 };
  }
  if (exacts.length > 1) {
    const scored = exacts.map((start) => ({ start, score: contextScore(text, start, start + exact.length, quote) }));
    const best = Math.max(...scored.map((s) => s.score));
    const top = scored.filter((s) => s.score === best);
    // Equal context on several candidates: fall back to the reference paragraph's order, among
    // the best-scored candidates only (the one nearest to the reference occurrence).
    const distance = (s: (typeof scored)[number]) => Math.abs(scored.indexOf(s) - quote.occurrence);
    const pick = top.reduce<(typeof scored)[number] | undefined>((a, b) => (!a || distance(b) < distance(a) ? b : a), undefined);
    if (!pick) return null;
    return { start: pick.start, end: pick.start + exact.length, method: 'exact', score: 0.5 + best / 2 };
  }

  if (exact.length < MIN_FUZZY_QUOTE) return null;
  const maxErrors = Math.min(Math.floor(exact.length / 5), 12);
  const matches = boundedSearch(text, exact, maxErrors);
  let best: QuoteMatch | null = null;
  const seen = new Set<number>();
  for (const m of matches.slice(0, MAX_CANDIDATES)) {
    if (seen.has(m.start)) continue;
    seen.add(m.start);
    const quoteScore = 1 - m.errors / exact.length;
    const score = 0.6 * quoteScore + 0.4 * contextScore(text, m.start, m.end, quote);
    if (score >= MIN_FUZZY_SCORE && (!best || score > best.score)) best = { start: m.start, end: m.end, method: 'fuzzy', score };
  }
  if (best) best = trimToWords(text, best);
  return best;
}

interface FuzzyHit {
  start: number;
  end: number;
  errors: number;
}

/**
 * `search` from approx-string-match over the text in overlapping windows: the same lowest-error
 * matches, in text order, but at most MAX_CANDIDATES of them get their start computed (the costly
 * part: on repetitive text such as "ab ab ab …" every position matches and one whole-text call
 * took seconds). Once enough candidates are found, later windows only look for strictly fewer
 * errors, which costs a linear scan and no start computation.
 */
function boundedSearch(text: string, pattern: string, maxErrors: number): FuzzyHit[] {
  const span = pattern.length + maxErrors;
  const size = Math.max(2 * span, 256);
  const step = size - span;
  let found: FuzzyHit[] = [];
  let best = maxErrors;
  // Windows overlap by `span` and are at least 2 × span long, so every match lies whole in the
  // first window that reports its end: later reports of the same end are dropped.
  const seen = new Set<number>();
  for (let from = 0; from < text.length; from += step) {
    const limit = found.length >= MAX_CANDIDATES ? best - 1 : best;
    if (limit < 0) break;
    const hits = search(text.slice(from, from + size), pattern, limit);
    const first = hits[0];
    if (first) {
      if (first.errors < best || found.length === 0) {
        found = [];
        seen.clear();
        best = first.errors;
      }
      for (const hit of hits) {
        const end = hit.end + from;
        if (found.length >= MAX_CANDIDATES || seen.has(end)) continue;
        seen.add(end);
        found.push({ start: hit.start + from, end, errors: hit.errors });
      }
    }
    if (from + size >= text.length) break;
  }
  return found;
}

/** A fuzzy match may start or end mid-word or on a space; widen or trim it to whole words. */
function trimToWords(text: string, match: QuoteMatch): QuoteMatch {
  let { start, end } = match;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '') && WORD_CHAR.test(text[start] ?? '')) start--;
  while (end < text.length && WORD_CHAR.test(text[end] ?? '') && WORD_CHAR.test(text[end - 1] ?? '')) end++;
  return { ...match, start, end };
}

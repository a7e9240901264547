/**
 * Quote anchoring inside already-normalised text. Every place that could be the quote (its exact
 * copies, whole words only, and its near copies found by Myers' bit-parallel approximate
 * matching from approx-string-match) is weighed on three things: how close its words are to the
 * quote, how well the text on each side agrees with the annotation's prefix and suffix (an edit
 * distance that starts at the quote's edge, so a missing space or one changed word costs only
 * its own characters), and, as the last tie-breaker, whether it is the occurrence the annotation
 * names. The best place is returned only if it is convincing: the shorter the quote, the more its
 * context must agree; a place that agrees with neither the quote nor its context is no answer.
 * The occurrence is strictly a tie-breaker: a copy the page inserted where the occurrence number
 * now points loses to the one that keeps the annotation's context, however little better it agrees.
 * An exact copy gets no other privilege: a near copy with the right context beats an exact one
 * with the wrong context (the page fixed a typo in one copy of a repeated phrase).
 *
 * Every step is bounded: the text is capped, candidates are capped, the costly context score is
 * computed only for the candidates a cheap bigram score ranks first, and fuzzy search is refused
 * for quotes too short to be found by their own letters (hypothesis/client#3919).
 */
import search from 'approx-string-match';
import { normalise, normaliseContext } from './normalise.js';
import { isWordChar, occurrencesIn } from './occurrence.js';

/** An annotation's TextQuoteSelector and position hint, as the dataset ships it. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Which occurrence of `exact` in the reference paragraph this is (see occurrence.ts). */
  occurrence: number;
}

/** The same, normalised like the page text: `exact` trimmed, `prefix` and `suffix` with their edge space kept. */
export type NormalisedQuote = QuoteSelector;

export interface QuoteMatch {
  start: number;
  end: number;
  method: 'exact' | 'fuzzy';
  /** 0..1: how well quote and context agree at this place. */
  score: number;
}

/** Longest text searched; a paragraph (or a few merged ones) is far shorter. */
export const MAX_TEXT = 50_000;
/** Quotes shorter than this are only matched exactly: their own letters do not identify a near copy. */
export const MIN_FUZZY_QUOTE = 4;
/** Share of a quote's characters a near copy may differ by. */
const MAX_ERROR_RATE = 0.25;
const MAX_EXACT_CANDIDATES = 4096;
/** Near copies taken from one error class. */
const MAX_FUZZY_PER_ROUND = 64;
/** Masked re-searches for near copies: each finds the next-lowest error count. */
const FUZZY_ROUNDS = 3;
/** Candidates given the full context score after the cheap one. */
const FULL_SCORE_CANDIDATES = 24;
/** Masks what was already found, so the next search reports other places. No normalised text has it. */
const MASK = '\uFFFF';

/** A side this long that agrees almost fully is convincing even if the other side was rewritten. */
const MIN_SIDE = 20;
const ONE_SIDE_NEEDED = 0.95;

const QUOTE_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.5;
/** Agreements closer than this are equal (the same characters scored at two places give the same float). */
const TIE = 1e-9;

/** The annotation's selector as the matcher compares it to normalised page text. */
export function normaliseQuote(selector: QuoteSelector): NormalisedQuote {
  return {
    exact: normalise(selector.exact),
    prefix: normaliseContext(selector.prefix),
    suffix: normaliseContext(selector.suffix),
    occurrence: selector.occurrence,
  };
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
  /** For an exact copy, how many exact copies come before it (the compiler's count); NaN for a near copy. */
  ordinal: number;
  /** Length-weighted agreement of prefix and suffix, 0..1 (NaN until scored). */
  context: number;
  /** Agreement of the better side among those at least MIN_SIDE long (0 if none). */
  oneSide: number;
}

/**
 * Similarity of `expected` with the text running away from the quote's edge at `edge` (direction
 * -1: the prefix, read backwards; +1: the suffix): 1 − edit distance ÷ length, the alignment
 * anchored at the quote's edge and free at the far end (the context was cut at an arbitrary
 * character). One row of the dynamic programme is kept; the window is the context's length plus
 * some slack for insertions.
 */
function edgeSimilarity(text: string, edge: number, expected: string, direction: -1 | 1, row: Int32Array): number {
  const m = expected.length;
  // The common case, an unchanged copy: distance 0 without the programme.
  if (direction < 0 ? edge >= m && text.startsWith(expected, edge - m) : text.startsWith(expected, edge)) return 1;
  const available = direction < 0 ? edge : text.length - edge;
  const n = Math.min(available, m + Math.ceil(m / 4) + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    const want = expected.charCodeAt(direction < 0 ? m - i : i - 1);
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const got = text.charCodeAt(direction < 0 ? edge - j : edge + j - 1);
      const above = row[j] as number;
      const value = Math.min(diagonal + (want === got ? 0 : 1), above + 1, (row[j - 1] as number) + 1);
      diagonal = above;
      row[j] = value;
    }
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, row[j] as number);
  return 1 - best / m;
}

/** Bigrams of `s` as numbers, for the cheap pre-score. */
function bigramSet(s: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 1 < s.length; i++) set.add(s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1));
  return set;
}

/** Share of the window's bigrams found in the expected context: shift-tolerant and linear. */
function bigramAgreement(text: string, from: number, to: number, expected: Set<number>): number {
  const a = Math.max(0, from);
  const b = Math.min(text.length, to);
  if (b - a < 2) return 0;
  let hits = 0;
  for (let i = a; i + 1 < b; i++) if (expected.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))) hits++;
  return hits / (b - a - 1);
}

function hasWordChar(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isWordChar(text[i])) return true;
  return false;
}

class ContextScorer {
  private readonly row: Int32Array;
  /** For the cheap pre-score, built on first use: most quotes have too few candidates to need it. */
  private bigrams: { prefix: Set<number>; suffix: Set<number> } | null = null;

  constructor(
    private readonly text: string,
    private readonly quote: NormalisedQuote,
  ) {
    this.row = new Int32Array(Math.max(quote.prefix.length, quote.suffix.length) * 2 + 4);
  }

  /** Sets the candidate's `context` (prefix and suffix agreement weighted by their lengths) and `oneSide`. */
  full(c: Candidate): void {
    const { prefix, suffix } = this.quote;
    const p = prefix ? edgeSimilarity(this.text, c.start, prefix, -1, this.row) : 0;
    const s = suffix ? edgeSimilarity(this.text, c.end, suffix, 1, this.row) : 0;
    c.context = this.combine(c, p, s);
    c.oneSide = Math.max(prefix.length >= MIN_SIDE ? p : 0, suffix.length >= MIN_SIDE ? s : 0);
  }

  cheap(c: Candidate): number {
    const { prefix, suffix } = this.quote;
    this.bigrams ??= { prefix: bigramSet(prefix), suffix: bigramSet(suffix) };
    const p = prefix ? bigramAgreement(this.text, c.start - prefix.length, c.start, this.bigrams.prefix) : 0;
    const s = suffix ? bigramAgreement(this.text, c.end, c.end + suffix.length, this.bigrams.suffix) : 0;
    return this.combine(c, p, s);
  }

  /**
   * An empty prefix (suffix) says the quote opens (closes) its paragraph: where the candidate
   * does too, that side agrees as much as a full context would; elsewhere it says nothing, since
   * the page may have merged the paragraph with the one before (after).
   */
  private combine(c: Candidate, p: number, s: number): number {
    const { prefix, suffix } = this.quote;
    if (!prefix && !suffix) return 1;
    let weight = prefix.length + suffix.length;
    let sum = p * prefix.length + s * suffix.length;
    if (!prefix && !hasWordChar(this.text, 0, c.start)) {
      weight += suffix.length;
      sum += suffix.length;
    }
    if (!suffix && !hasWordChar(this.text, c.end, this.text.length)) {
      weight += prefix.length;
      sum += prefix.length;
    }
    return sum / weight;
  }
}

const quoteSimilarity = (c: Candidate, exact: string): number => Math.max(0, 1 - c.errors / exact.length);

/**
 * How much the context must agree for a place to be accepted. Unrelated stretches of prose agree
 * by chance (common letters, "the", spaces): up to about 0.6–0.7 on this project's corpus of
 * repetitive news text, so a quote deleted from the page is not pinned on another copy of its
 * words. A 1–3 character quote ("in", "its") is no evidence on its own: its context must agree
 * best. A long exact quote is evidence of its own, so its context may have been rewritten more;
 * a near copy needs more agreeing context the more it differs.
 */
function contextNeeded(exact: string, quoteSim: number): number {
  const forLength = exact.length <= 3 ? 0.8 : Math.max(0.3, 0.72 - Math.max(0, exact.length - 20) * 0.015);
  return Math.min(0.95, forLength + 0.5 * (1 - quoteSim));
}

/**
 * Context agreement as contextNeeded asks, or one long side agreeing almost fully (an edited
 * sentence rewrites one side of a quote; chance does not reproduce 20+ characters).
 */
function isConvincing(c: Candidate, exact: string): boolean {
  const quoteSim = quoteSimilarity(c, exact);
  if (quoteSim < 1 - MAX_ERROR_RATE) return false;
  return c.context >= contextNeeded(exact, quoteSim) || c.oneSide >= ONE_SIDE_NEEDED + 0.5 * (1 - quoteSim);
}

/** Exact copies that keep words whole (capped). */
function exactCandidates(text: string, exact: string): Candidate[] {
  return occurrencesIn(text, exact, MAX_EXACT_CANDIDATES).map((start, ordinal) => ({
    start,
    end: start + exact.length,
    errors: 0,
    ordinal,
    context: NaN,
    oneSide: 0,
  }));
}

/** `text` with every [start, end) of `spans` replaced by MASK characters (same length, same offsets). */
function masked(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    const from = Math.max(at, start);
    parts.push(text.slice(at, from), MASK.repeat(end - from));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A near copy may start or end mid-word or on a space; widen or trim it to whole words. */
function toWholeWords(text: string, hit: { start: number; end: number }): { start: number; end: number; widened: number } {
  let { start, end } = hit;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  let widened = 0;
  while (start > 0 && isWordChar(text[start - 1]) && isWordChar(text[start])) {
    start--;
    widened++;
  }
  while (end < text.length && isWordChar(text[end]) && isWordChar(text[end - 1])) {
    end++;
    widened++;
  }
  return { start, end, widened };
}

/**
 * Near copies of `exact` in `text`, exact copies excluded, one error class at a time:
 * approx-string-match reports only the lowest error count present, so each round masks the
 * places already found and searches again, reporting the next-best places.
 */
class NearCopies {
  private haystack: string;
  readonly maxErrors: number;

  constructor(
    private readonly text: string,
    private readonly exact: string,
  ) {
    this.maxErrors = exact.length < MIN_FUZZY_QUOTE ? 0 : Math.floor(exact.length * MAX_ERROR_RATE);
    const rawCopies: { start: number; end: number }[] = [];
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) rawCopies.push({ start: at, end: at + exact.length });
    this.haystack = masked(text, rawCopies);
  }

  /** The next error class, at most `maxErrors` errors, at most `cap` places; empty when none is left. */
  next(maxErrors: number, cap: number): Candidate[] {
    const hits = boundedSearch(this.haystack, this.exact, Math.min(maxErrors, this.maxErrors), cap);
    this.haystack = masked(this.haystack, hits);
    const found: Candidate[] = [];
    for (const hit of hits) {
      const { start, end, widened } = toWholeWords(this.text, hit);
      if (end > start) found.push({ start, end, errors: hit.errors + widened, ordinal: NaN, context: NaN, oneSide: 0 });
    }
    return found;
  }
}

interface FuzzyHit {
  start: number;
  end: number;
  errors: number;
}

/**
 * `search` from approx-string-match over the text in overlapping windows: the same lowest-error
 * matches, in text order, but at most `cap` of them get their start computed (the costly part:
 * on repetitive text such as "ab ab ab …" every position matches and one whole-text call took
 * seconds). Once enough candidates are found, later windows only look for strictly fewer errors,
 * which costs a linear scan and no start computation.
 */
function boundedSearch(text: string, pattern: string, maxErrors: number, cap: number): FuzzyHit[] {
  const span = pattern.length + maxErrors;
  const size = Math.max(2 * span, 2048);
  const step = size - span;
  let found: FuzzyHit[] = [];
  let best = maxErrors;
  // Windows overlap by `span` and are at least 2 × span long, so every match lies whole in the
  // first window that reports its end: later reports of the same end are dropped.
  const seen = new Set<number>();
  for (let from = 0; from < text.length; from += step) {
    const limit = found.length >= cap ? best - 1 : best;
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
        if (found.length >= cap || seen.has(end)) continue;
        seen.add(end);
        found.push({ start: hit.start + from, end, errors: hit.errors });
      }
    }
    if (from + size >= text.length) break;
  }
  return found;
}

/** Scores the candidates' context: all of them if few, else those the cheap score ranks first. */
function scoreContexts(candidates: readonly Candidate[], scorer: ContextScorer, quote: NormalisedQuote): void {
  let chosen: readonly Candidate[] = candidates;
  if (candidates.length > FULL_SCORE_CANDIDATES) {
    const cheap = candidates.map((c) => ({ c, value: QUOTE_WEIGHT * quoteSimilarity(c, quote.exact) + CONTEXT_WEIGHT * scorer.cheap(c) }));
    cheap.sort((a, b) => b.value - a.value);
    // The exact copies the occurrence names or neighbours are always scored in full: with identical contexts it decides.
    chosen = [...cheap.slice(0, FULL_SCORE_CANDIDATES).map((x) => x.c), ...candidates.filter((c) => Math.abs(c.ordinal - quote.occurrence) <= 1)];
  }
  for (const c of chosen) if (Number.isNaN(c.context)) scorer.full(c);
}

/** Most errors a near copy with perfect context could have and still equal `toBeat` (a tie the occurrence breaks). */
function errorsThatCouldWin(toBeat: number, exact: string): number {
  const quoteNeeded = (toBeat - TIE - CONTEXT_WEIGHT) / QUOTE_WEIGHT;
  return Math.floor((1 - quoteNeeded) * exact.length);
}

/** What ranks places, 0..1: agreement of the quote and of its context. */
function agreement(c: Candidate, quote: NormalisedQuote): number {
  return QUOTE_WEIGHT * quoteSimilarity(c, quote.exact) + CONTEXT_WEIGHT * c.context;
}

/** The place that agrees best; among places that agree equally well, the one the occurrence names. */
function pickBest(candidates: readonly Candidate[], quote: NormalisedQuote): Candidate | null {
  let top = -1;
  for (const c of candidates) if (!Number.isNaN(c.context)) top = Math.max(top, agreement(c, quote));
  const tied = candidates.filter((c) => !Number.isNaN(c.context) && agreement(c, quote) >= top - TIE);
  return tied.length > 1 ? byOccurrence(candidates, tied, quote.occurrence) : (tied[0] ?? null);
}

/**
 * The tied place the occurrence names. The compiler counted the exact copies of the quote in the
 * reference paragraph; on the page their counterparts are the exact copies and, where the quote
 * or the page has a typo, the near copies tied with the best (places that read like the annotated
 * one). Other near copies are not counted: "the councl" counts only its misspelt copies, not every
 * "the council" of the page. Each tied place is numbered by how many counted places start before
 * it; the nearest number wins, then the first place (with no hint, the first copy).
 */
function byOccurrence(candidates: readonly Candidate[], tied: readonly Candidate[], occurrence: number): Candidate {
  const tiedSet = new Set(tied);
  const starts = [...new Set(candidates.filter((c) => c.errors === 0 || tiedSet.has(c)).map((c) => c.start))].sort((a, b) => a - b);
  const ordinalOf = new Map(starts.map((start, i) => [start, i]));
  let best = tied[0] as Candidate;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of [...tied].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const distance = Math.abs((ordinalOf.get(c.start) as number) - occurrence);
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best;
}

/** Finds `quote` in `text`; both normalised the same way (see normaliseQuote). Null if no place is convincing. */
export function anchorQuote(fullText: string, quote: NormalisedQuote): QuoteMatch | null {
  const text = fullText.length > MAX_TEXT ? fullText.slice(0, MAX_TEXT) : fullText;
  const { exact } = quote;
  if (!exact) return null;
  const scorer = new ContextScorer(text, quote);

  const candidates = exactCandidates(text, exact);
  scoreContexts(candidates, scorer, quote);
  let best = pickBest(candidates, quote);
  // Near copies compete unless an exact copy's context agrees fully; each error class is searched
  // only while a near copy of that class could still beat the best place so far.
  let near: NearCopies | null = null;
  for (let round = 0; round < FUZZY_ROUNDS && exact.length >= MIN_FUZZY_QUOTE && (!best || best.context < 1); round++) {
    near ??= new NearCopies(text, exact);
    const found = near.next(best ? errorsThatCouldWin(agreement(best, quote), exact) : near.maxErrors, MAX_FUZZY_PER_ROUND);
    if (found.length === 0) break;
    candidates.push(...found);
    scoreContexts(candidates, scorer, quote);
    best = pickBest(candidates, quote);
  }
  if (!best) return null;
  if (!isConvincing(best, exact)) return null;
  // Near copies always have an error: every exact copy was masked before searching for them.
  return { start: best.start, end: best.end, method: best.errors === 0 ? 'exact' : 'fuzzy', score: Math.min(1, agreement(best, quote)) };
}

/**
 * The anchoring corpus: deterministic cases built from the seed article's paragraphs, the
 * paragraphs in anchoring-texts.ts and a generated 20 KB paragraph. Each case is a reference
 * paragraph with one mention, compiled into the selector the extension ships (exact, 32
 * characters of prefix and suffix, occurrence), and a page copy of that paragraph changed the way
 * republished copies are: typography and capitals, typos inside the quote, a changed word beside
 * it, an extra copy of the quote, the quote deleted. The answer is known for every case, so
 * anchoring can be scored as right place / wrong place / nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleSource } from '../../../src/data/schema.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';
import { CONTEXT_CHARS } from '../../../tools/dataset/compile.js';
import { generatedParagraph, WRITTEN } from './anchoring-texts.js';

export interface Selector {
  exact: string;
  prefix: string;
  suffix: string;
  occurrence: number;
}

export type Perturbation =
  | 'verbatim'
  | 'typography and capitals'
  | 'typo in quote'
  | 'word beside changed'
  | 'three words beside rewritten'
  | 'extra copy before'
  | 'quote deleted'
  | 'near copy twice, typo in quote'
  | 'near copy twice, typo in page'
  | 'copy inserted before in the paragraph'
  | 'copy inserted after in the paragraph'
  | 'copy in the next paragraph';

/** The kinds of change added for issue 20 (ties the position hint must break; copies context must outrank). */
export const TIE_PERTURBATIONS: readonly Perturbation[] = [
  'near copy twice, typo in quote',
  'near copy twice, typo in page',
  'copy inserted before in the paragraph',
  'copy inserted after in the paragraph',
  'copy in the next paragraph',
];

export interface AnchoringCase {
  /** Where the reference paragraph comes from and which mention, for reading failures. */
  label: string;
  perturbation: Perturbation;
  reference: string;
  selector: Selector;
  page: string;
  /** The quote's span in `page`, or null where the page no longer has it. */
  expected: { start: number; end: number } | null;
  /** Share of the quote's characters edited (typography and case are not edits). */
  changed: number;
  /** The quote occurs more than once (whole words, any case) in its reference paragraph. */
  repeated: boolean;
  /** The reference paragraph is the generated 20 KB one. */
  big: boolean;
}

/** Which occurrence `start` is, as the dataset compiler counts it. */
export type OccurrenceOf = (paragraph: string, exact: string, start: number) => number;

interface Mention {
  label: string;
  reference: string;
  start: number;
  end: number;
  big: boolean;
}

/** The project root: the nearest folder up with build.mjs (this file also runs bundled from .cache/). */
function projectRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'build.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('corpus: project root (build.mjs) not found');
  }
}
export const BIG_PARAGRAPH_CHARS = 20_000;

function seedMentions(): Mention[] {
  const dir = path.join(projectRoot(), 'src/data/articles');
  const out: Mention[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const article = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ArticleSource;
    for (const paragraph of article.paragraphs) {
      paragraph.mentions.forEach((mention, m) => {
        const needle = (mention.prefix ?? '') + mention.exact + (mention.suffix ?? '');
        const start = paragraph.text.indexOf(needle) + (mention.prefix ?? '').length;
        out.push({ label: `seed ${paragraph.id}[${m}] "${mention.exact}"`, reference: paragraph.text, start, end: start + mention.exact.length, big: false });
      });
    }
  }
  return out;
}

function nthIndex(text: string, needle: string, nth: number): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`corpus: "${needle}" has no occurrence ${nth}`);
  }
  return at;
}

function writtenMentions(): Mention[] {
  return WRITTEN.flatMap((p) =>
    p.mentions.map(({ exact, nth }) => {
      const start = nthIndex(p.text, exact, nth);
      return { label: `${p.id} "${exact}"#${nth}`, reference: p.text, start, end: start + exact.length, big: false };
    }),
  );
}

/** Mentions of 1 to 4 whole words spread over the generated paragraph. */
function bigMentions(count: number, seed: number): Mention[] {
  const reference = generatedParagraph(BIG_PARAGRAPH_CHARS, seed);
  const random = mulberry32(seed + 1);
  const words = [...reference.matchAll(/[A-Za-z]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const out: Mention[] = [];
  for (let i = 0; i < count; i++) {
    const first = Math.floor(random() * (words.length - 4));
    const span = 1 + Math.floor(random() * 4);
    const start = (words[first] as { start: number }).start;
    let end = (words[first + span - 1] as { end: number }).end;
    // A span that crosses a sentence end is not a mention; keep its first word only.
    if (/[.,]/.test(reference.slice(start, end))) end = (words[first] as { end: number }).end;
    out.push({ label: `20 KB @${start} "${reference.slice(start, end)}"`, reference, start, end, big: true });
  }
  return out;
}

function selectorOf(m: Mention, occurrenceOf: OccurrenceOf): Selector {
  const exact = m.reference.slice(m.start, m.end);
  return {
    exact,
    prefix: m.reference.slice(Math.max(0, m.start - CONTEXT_CHARS), m.start),
    suffix: m.reference.slice(m.end, m.end + CONTEXT_CHARS),
    occurrence: occurrenceOf(m.reference, exact, m.start),
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const REPLACEMENT_WORDS = ['quietly', 'later', 'also', 'again', 'often', 'today', 'still', 'openly'];

/** `count` single-letter edits (substitute, delete or insert) at distinct letters of `quote`. */
function typo(quote: string, count: number, random: () => number): string {
  const letters = [...quote].map((c, i) => (/[A-Za-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, letters.length)) chosen.add(letters[Math.floor(random() * letters.length)] as number);
  let out = quote;
  for (const at of [...chosen].sort((a, b) => b - a)) {
    const op = Math.floor(random() * 3);
    const other = LETTERS.replace((out[at] ?? '').toLowerCase(), '');
    const letter = other[Math.floor(random() * other.length)] as string;
    if (op === 0) out = out.slice(0, at) + letter + out.slice(at + 1);
    else if (op === 1 && quote.length > 1) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + letter + out.slice(at);
  }
  return out;
}

/** What a syndication copy does to type: curly quotes, NBSP, soft hyphens, zero-width spaces. */
function typographic(text: string): string {
  let spaces = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const before = text[i - 1] ?? ' ';
    if (c === "'") out += /\s/.test(before) ? '\u2018' : '\u2019';
    else if (c === '"') out += /\s/.test(before) ? '\u201C' : '\u201D';
    else if (c === ' ') out += ++spaces % 3 === 0 ? '\u00A0' : ' ';
    else if (c === ',') out += ',\u200B';
    else out += c;
    // A soft hyphen after the third letter of long words.
    if (/[a-z]/i.test(c) && /^[a-z]{3}[a-z]{4,}/i.test(text.slice(i - 2, i + 6)) && !/[a-z]/i.test(text[i - 3] ?? ' ')) out += '\u00AD';
  }
  return out;
}

/** Replaces the `count` words nearest to the quote on one side (as an edited sentence does). */
function changeWordsBeside(
  before: string,
  after: string,
  side: 'before' | 'after',
  count: number,
  random: () => number,
): { before: string; after: string } | null {
  const words = Array.from({ length: count }, () => REPLACEMENT_WORDS[Math.floor(random() * REPLACEMENT_WORDS.length)] as string).join(' ');
  if (side === 'before') {
    const m = new RegExp(`([A-Za-z]+(?: [A-Za-z]+){${count - 1}})([^A-Za-z]*)$`).exec(before);
    if (!m) return null;
    return { before: before.slice(0, m.index) + words + (m[2] ?? ''), after };
  }
  const m = new RegExp(`^([^A-Za-z]*)([A-Za-z]+(?: [A-Za-z]+){${count - 1}})`).exec(after);
  if (!m) return null;
  return { before, after: (m[1] ?? '') + words + after.slice(m[0].length) };
}

function isRepeated(reference: string, exact: string): boolean {
  const escaped = exact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (reference.match(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu')) ?? []).length > 1;
}

function casesFor(m: Mention, occurrenceOf: OccurrenceOf, random: () => number): AnchoringCase[] {
  const selector = selectorOf(m, occurrenceOf);
  const before = m.reference.slice(0, m.start);
  const quote = selector.exact;
  const after = m.reference.slice(m.end);
  const base = { label: m.label, reference: m.reference, selector, repeated: isRepeated(m.reference, quote), big: m.big };
  const make = (perturbation: Perturbation, b: string, q: string | null, a: string, changed = 0): AnchoringCase => ({
    ...base,
    perturbation,
    page: b + (q ?? '') + a,
    expected: q === null ? null : { start: b.length, end: b.length + q.length },
    changed,
  });
  const out: AnchoringCase[] = [make('verbatim', before, quote, after)];
  out.push(make('typography and capitals', typographic(before), typographic(quote).toUpperCase(), typographic(after)));
  for (const edits of [1, 2, 3].filter((n) => n < quote.length)) {
    const changedQuote = typo(quote, edits, random);
    if (changedQuote !== quote) out.push(make('typo in quote', before, changedQuote, after, edits / quote.length));
  }
  for (const side of ['before', 'after'] as const) {
    const changed = changeWordsBeside(before, after, side, 1, random);
    if (changed) out.push(make('word beside changed', changed.before, quote, changed.after));
  }
  const rewritten = changeWordsBeside(before, after, random() < 0.5 ? 'before' : 'after', 3, random);
  if (rewritten) out.push(make('three words beside rewritten', rewritten.before, quote, rewritten.after));
  if (base.repeated) {
    // Another copy of the quote, with other context, opens the paragraph: the occurrence hint is now one off.
    const extra = `Earlier on, ${quote} was not the story. `;
    out.push(make('extra copy before', extra + before, quote, after));
  }
  const joined = before.endsWith(' ') && after.startsWith(' ') ? after.slice(1) : after;
  out.push(make('quote deleted', before, null, joined));
  return out;
}

/** One letter deleted inside the quote (never its first or last character); null for quotes under 5 characters. */
function oneLetterMissing(quote: string, random: () => number): string | null {
  const inside = [...quote].map((c, i) => (i > 0 && i < quote.length - 1 && /[A-Za-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  if (quote.length < 5 || inside.length === 0) return null;
  const at = inside[Math.floor(random() * inside.length)] as number;
  return quote.slice(0, at) + quote.slice(at + 1);
}

/** Context plus some slack: a duplicated window this wide gives both copies the same prefix and suffix. */
const WINDOW = CONTEXT_CHARS + 8;

/**
 * `text` with the whole words around [start, end) (WINDOW characters each side) written twice in a
 * row: both copies of the quote then have the same context, and only the occurrence tells them
 * apart. Null where the quote is too near an edge of its paragraph for that.
 */
function duplicatedAround(text: string, start: number, end: number): { text: string; copies: [number, number] } | null {
  let from = start - WINDOW;
  let to = end + WINDOW;
  if (from < 0 || to > text.length) return null;
  while (from > 0 && text[from - 1] !== ' ') from--;
  while (to < text.length && text[to] !== ' ') to++;
  return { text: `${text.slice(0, to)} ${text.slice(from)}`, copies: [start, to + 1 + start - from] };
}

/**
 * A near copy that occurs twice with equal context: the reference misspelt the quote (one letter
 * missing) and the page has it right, or the other way round; either way both copies' contexts
 * agree equally well and the occurrence must decide.
 */
function nearCopyTwiceCases(m: Mention, occurrenceOf: OccurrenceOf, random: () => number): AnchoringCase[] {
  const quote = m.reference.slice(m.start, m.end);
  const misspelt = oneLetterMissing(quote, random);
  if (!misspelt) return [];
  const withTypo = m.reference.slice(0, m.start) + misspelt + m.reference.slice(m.end);
  const right = duplicatedAround(m.reference, m.start, m.end);
  const wrong = duplicatedAround(withTypo, m.start, m.start + misspelt.length);
  if (!right || !wrong) return [];
  const variants = [
    { perturbation: 'near copy twice, typo in quote' as const, reference: wrong, referenceQuote: misspelt, page: right, pageQuote: quote },
    { perturbation: 'near copy twice, typo in page' as const, reference: right, referenceQuote: quote, page: wrong, pageQuote: misspelt },
  ];
  return variants.flatMap((v) =>
    ([0, 1] as const).map((k) => {
      const start = v.reference.copies[k];
      const mention = { ...m, reference: v.reference.text, start, end: start + v.referenceQuote.length };
      const pageStart = v.page.copies[k];
      return {
        label: `${m.label} copy ${k}`,
        perturbation: v.perturbation,
        reference: mention.reference,
        selector: selectorOf(mention, occurrenceOf),
        page: v.page.text,
        expected: { start: pageStart, end: pageStart + v.pageQuote.length },
        changed: 1 / quote.length,
        repeated: true,
        big: m.big,
      };
    }),
  );
}

/** Sentence starts (after ". ") in [from, to], in text order. */
function sentenceStarts(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('. ', Math.max(0, from - 2)); at !== -1 && at + 2 <= to; at = text.indexOf('. ', at + 1)) if (at + 2 >= from) out.push(at + 2);
  return out;
}

/**
 * Another copy of the quote, with other words around it, added by the page: in a sentence inserted
 * just before the quote's own sentence (after any earlier copy, so that the occurrence number now
 * names the inserted copy), in one inserted after it, or in the next paragraph merged into the same
 * block. The quote itself keeps its prefix and suffix, which must outrank the occurrence.
 */
function insertedCopyCases(m: Mention, selector: Selector): AnchoringCase[] {
  const quote = selector.exact;
  const before = m.reference.slice(0, m.start);
  const after = m.reference.slice(m.end);
  const sentence = `Not ${quote} again, one reader wrote. `;
  const base = { label: m.label, reference: m.reference, selector, changed: 0, repeated: isRepeated(m.reference, quote), big: m.big };
  const out: AnchoringCase[] = [];
  const earlier = before.toLowerCase().lastIndexOf(quote.toLowerCase());
  const previousEnd = earlier === -1 ? 0 : earlier + quote.length;
  const beforeAt = sentenceStarts(before, previousEnd, before.length - CONTEXT_CHARS).at(-1);
  if (beforeAt !== undefined) {
    const page = before.slice(0, beforeAt) + sentence + before.slice(beforeAt) + quote + after;
    const start = m.start + sentence.length;
    out.push({ ...base, perturbation: 'copy inserted before in the paragraph', page, expected: { start, end: start + quote.length } });
  }
  const afterAt = sentenceStarts(after, CONTEXT_CHARS, after.length)[0];
  if (afterAt !== undefined) {
    const page = before + quote + after.slice(0, afterAt) + sentence + after.slice(afterAt);
    out.push({ ...base, perturbation: 'copy inserted after in the paragraph', page, expected: { start: m.start, end: m.end } });
  }
  const next = `${m.reference} Later, ${quote} was the story again.`;
  out.push({ ...base, perturbation: 'copy in the next paragraph', page: next, expected: { start: m.start, end: m.end } });
  return out;
}

/** Every case, always the same ones in the same order. */
export function buildCorpus(occurrenceOf: OccurrenceOf): AnchoringCase[] {
  const random = mulberry32(13);
  // The issue-20 cases draw from their own generator, so the older cases stay exactly as they were.
  const tieRandom = mulberry32(20);
  const mentions = [...seedMentions(), ...writtenMentions(), ...bigMentions(40, 2026)];
  return mentions.flatMap((m) => [
    ...casesFor(m, occurrenceOf, random),
    ...nearCopyTwiceCases(m, occurrenceOf, tieRandom),
    ...insertedCopyCases(m, selectorOf(m, occurrenceOf)),
  ]);
}

export type Outcome = 'right' | 'wrong' | 'nothing';

/** Right where the found span covers at least half of the expected one and vice versa (or nothing where deleted). */
export function judge(c: AnchoringCase, found: { start: number; end: number } | null): Outcome {
  if (!found) return 'nothing';
  if (!c.expected) return 'wrong';
  const overlap = Math.min(found.end, c.expected.end) - Math.max(found.start, c.expected.start);
  const union = Math.max(found.end, c.expected.end) - Math.min(found.start, c.expected.start);
  return overlap > 0 && overlap / union >= 0.5 ? 'right' : 'wrong';
}

export interface CaseResult {
  case: AnchoringCase;
  outcome: Outcome;
  found: { start: number; end: number } | null;
  ms: number;
}

export interface TableRow {
  row: string;
  n: number;
  right: number;
  wrong: number;
  nothing: number;
}

/** Rows by kind of change, then cross-cutting rows (a case can be in several). */
export function tabulate(results: readonly CaseResult[]): TableRow[] {
  const row = (name: string, keep: (c: AnchoringCase) => boolean): TableRow => {
    const rs = results.filter((r) => keep(r.case));
    // For a deleted quote "right" means nothing was found.
    const right = rs.filter((r) => (r.case.expected ? r.outcome === 'right' : r.outcome === 'nothing')).length;
    return {
      row: name,
      n: rs.length,
      right,
      wrong: rs.filter((r) => r.outcome === 'wrong').length,
      nothing: rs.filter((r) => r.outcome === 'nothing' && r.case.expected).length,
    };
  };
  const kinds: Perturbation[] = [
    'verbatim',
    'typography and capitals',
    'word beside changed',
    'three words beside rewritten',
    'extra copy before',
    ...TIE_PERTURBATIONS,
  ];
  return [
    ...kinds.map((k) => row(k, (c) => c.perturbation === k)),
    row('typo in quote, ≤ 20% of its characters', (c) => c.perturbation === 'typo in quote' && c.changed <= 0.2),
    row('typo in quote, > 20% of its characters', (c) => c.perturbation === 'typo in quote' && c.changed > 0.2),
    row('quote deleted (right = nothing found)', (c) => c.perturbation === 'quote deleted'),
    row('· quote repeated in its paragraph', (c) => c.repeated),
    row('· 1–3 character quotes', (c) => c.selector.exact.length <= 3),
    row('· in the 20 KB paragraph', (c) => c.big),
    row('· all where the quote survives with ≤ 20% changed', (c) => c.expected !== null && c.changed <= 0.2),
    row('all cases before issue 20', (c) => !TIE_PERTURBATIONS.includes(c.perturbation)),
    row('all cases', () => true),
  ];
}

export function formatTable(rows: readonly TableRow[]): string {
  const lines = ['| case | n | right | wrong place | nothing |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.row} | ${r.n} | ${r.right} | ${r.wrong} | ${r.nothing} |`);
  return lines.join('\n');
}

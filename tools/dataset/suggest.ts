/**
 * `npm run dataset -- suggest FILE.txt`: turns a new article's plain text into an article skeleton
 * in the source format, with a mention proposed for every whole-word, case-sensitive occurrence of
 * a known entity alias. The output is a starting point for review, not finished data: publisher,
 * date and summary are "TODO", and mentions that are not names ("the Kremlin statement") still
 * have to be added by hand.
 */

/** The parts of an entity that suggestions need (a full EntitySource or Entity fits). */
export interface AliasSource {
  id: string;
  aliases: readonly string[];
}

export interface SuggestedMention {
  entity: string;
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface SuggestedParagraph {
  id: string;
  role?: 'headline';
  text: string;
  mentions: SuggestedMention[];
}

export interface SuggestedArticle {
  id: string;
  headline: string;
  publisher: string;
  published: string;
  urls: string[];
  summary: string;
  paragraphs: SuggestedParagraph[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Number of (possibly overlapping) occurrences of `needle` in `haystack`, as the compiler counts them. */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/** Whole-word start offsets of `needle` in `text` (case-sensitive). */
export function wholeWordOccurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    const startOk = !(isWordChar(text[at - 1]) && isWordChar(needle[0]));
    const endOk = !(isWordChar(text[at + needle.length]) && isWordChar(needle[needle.length - 1]));
    if (startOk && endOk) found.push(at);
  }
  return found;
}

/**
 * The shortest word-aligned prefix and/or suffix that makes `text[start..end)` unique in `text`
 * (prefix + exact + suffix found exactly once), preferring one side over both. Returns `{}` when
 * the quote is already unique.
 */
export function disambiguate(text: string, start: number, end: number): { prefix?: string; suffix?: string } {
  const exact = text.slice(start, end);
  if (countOccurrences(text, exact) <= 1) return {};
  // Candidate cut points: word starts before the quote (nearest first) and word ends after it.
  const space = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
  const prefixStarts: number[] = [];
  for (let i = start - 1; i >= 0; i--) if (!space(text[i]) && (i === 0 || space(text[i - 1]))) prefixStarts.push(i);
  if (start > 0 && prefixStarts[prefixStarts.length - 1] !== 0) prefixStarts.push(0);
  const suffixEnds: number[] = [];
  for (let j = end + 1; j <= text.length; j++) if (!space(text[j - 1]) && (j === text.length || space(text[j]))) suffixEnds.push(j);
  if (end < text.length && suffixEnds[suffixEnds.length - 1] !== text.length) suffixEnds.push(text.length);
  const unique = (prefix: string, suffix: string) => countOccurrences(text, prefix + exact + suffix) === 1;
  const steps = Math.max(prefixStarts.length, suffixEnds.length);
  for (let k = 0; k < steps; k++) {
    const prefix = text.slice(prefixStarts[Math.min(k, prefixStarts.length - 1)] ?? start, start);
    const suffix = text.slice(end, suffixEnds[Math.min(k, suffixEnds.length - 1)] ?? end);
    if (prefix && unique(prefix, '')) return { prefix };
    if (suffix && unique('', suffix)) return { suffix };
    if (prefix && suffix && unique(prefix, suffix)) return { prefix, suffix };
  }
  // The whole paragraph around the quote is unique by definition.
  const out: { prefix?: string; suffix?: string } = {};
  if (start > 0) out.prefix = text.slice(0, start);
  if (end < text.length) out.suffix = text.slice(end);
  return out;
}

/** Splits plain text into headline (first non-empty line) and paragraphs (blank-line separated). */
export function splitArticleText(text: string): { headline: string; paragraphs: string[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let i = 0;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  const headline = (lines[i] ?? '').trim().replace(/\s+/g, ' ');
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (i++; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line) current.push(line);
    else if (current.length > 0) {
      paragraphs.push(current.join(' ').replace(/\s+/g, ' '));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' ').replace(/\s+/g, ' '));
  return { headline, paragraphs };
}

interface Candidate {
  start: number;
  end: number;
  entity: string;
}

/** Mentions for one paragraph: every alias occurrence, longest first, no overlaps, in text order. */
export function suggestMentions(text: string, entities: readonly AliasSource[]): SuggestedMention[] {
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      if (!alias.trim()) continue;
      for (const start of wholeWordOccurrences(text, alias)) {
        const key = `${start}:${alias.length}`;
        if (seen.has(key)) continue; // same span under another entity: the first entity wins
        seen.add(key);
        candidates.push({ start, end: start + alias.length, entity: entity.id });
      }
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: Candidate[] = [];
  for (const c of candidates) if (!chosen.some((d) => c.start < d.end && d.start < c.end)) chosen.push(c);
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map(({ start, end, entity }) => ({ entity, exact: text.slice(start, end), ...disambiguate(text, start, end) }));
}

/** An article skeleton in the source format (see src/data/schema.ts), ready for review. */
export function suggestArticle(text: string, entities: readonly AliasSource[], id: string): SuggestedArticle {
  const { headline, paragraphs } = splitArticleText(text);
  const ordered = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const all = headline ? [headline, ...paragraphs] : paragraphs;
  return {
    id,
    headline,
    publisher: 'TODO',
    published: 'TODO',
    urls: [],
    summary: 'TODO',
    paragraphs: all.map((paragraph, i) => ({
      id: `p${i}`,
      ...(i === 0 && headline ? { role: 'headline' as const } : {}),
      text: paragraph,
      mentions: suggestMentions(paragraph, ordered),
    })),
  };
}

/** Article id from a file name: "2020-12-15 Sun Putin.txt" → "2020-12-15-sun-putin". */
export function articleIdFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const id = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'article';
}

/**
 * Validates the dataset source (schema + cross-file rules) and compiles it into what the extension
 * loads: the shingle index shards and their gate, per article its fingerprints and a record with its
 * entities (no paragraph text: only the annotations' bounded selectors quote it). Every
 * problem is reported with its file, a JSON path and the reason; nothing is compiled from bad data.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { ArticleSchema, EntitySchema, type ArticleSource, type EntitySource } from '../../src/data/schema.js';
import { fingerprint, isSampled } from '../../src/match/fingerprint.js';
import { buildIndexGate, buildIndexShards, encodeFingerprints } from '../../src/match/index-format.js';
import { occurrenceIndex } from '../../src/match/occurrence.js';
import type { Annotation, ArticleRecord, Entity } from '../../src/shared/types.js';

/** Reference text kept on each side of a quote, for disambiguation and fuzzy scoring. */
export const CONTEXT_CHARS = 32;

export interface DatasetError {
  file: string;
  path: string;
  reason: string;
}

/**
 * What the dataset holds, for the build's and the CLI's summaries: article ids in compiled order
 * (an article's number is its place here) and the entity count. Not shipped: a tab's report
 * carries its article's number, which is all the popup needs to find the record.
 */
export interface Catalog {
  articles: string[];
  entityCount: number;
}

export interface CompiledDataset {
  /** The global index of sampled shingles (candidates), split by hash (index-format.ts). */
  indexShards: ArrayBuffer[];
  /** Every key of the shards, the exact set the background checks before reading a shard (key-gate.ts). */
  indexGate: ArrayBuffer;
  /** Per article (same order as records): its full fingerprints, for verification. */
  fingerprints: ArrayBuffer[];
  catalog: Catalog;
  records: ArticleRecord[];
  /**
   * Per record, its source paragraphs' text: never emitted, only for the build's check that the
   * package holds none of it (shipped-text.ts).
   */
  paragraphTexts: string[][];
}

export interface CompileOptions {
  /**
   * Today's date as `YYYY-MM-DD` (UTC), for the rules that refuse dates in the future; defaults to
   * the system clock. Injected by the tests so they do not depend on the day they run.
   */
  today?: string;
}

export type CompileResult = { ok: true; compiled: CompiledDataset } | { ok: false; errors: DatasetError[] };

export function formatDatasetErrors(errors: readonly DatasetError[]): string {
  return errors.map((e) => `${e.file}: ${e.path}: ${e.reason}`).join('\n');
}

export function jsonPath(issue: v.BaseIssue<unknown>): string {
  let out = '$';
  for (const item of issue.path ?? []) out += typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`;
  return out;
}

interface Loaded<T> {
  file: string;
  value: T;
}

function readJsonFiles<T>(dir: string, schema: v.GenericSchema<unknown, T>, errors: DatasetError[], label: string): Loaded<T>[] {
  if (!fs.existsSync(dir)) {
    errors.push({ file: label, path: '$', reason: 'folder is missing' });
    return [];
  }
  const loaded: Loaded<T>[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = path.join(label, name);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (error) {
      errors.push({ file, path: '$', reason: `is not valid JSON (${(error as Error).message})` });
      continue;
    }
    const parsed = v.safeParse(schema, raw);
    if (!parsed.success) {
      for (const issue of parsed.issues) errors.push({ file, path: jsonPath(issue), reason: issue.message });
      continue;
    }
    loaded.push({ file, value: parsed.output });
  }
  return loaded;
}

/** The first and last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date can mean, as `YYYY-MM-DD`. */
function dateSpan(date: string): { first: string; last: string } {
  const [y = 0, m, d] = date.split('-').map(Number);
  if (d !== undefined) return { first: date, last: date };
  if (m !== undefined) {
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { first: `${date}-01`, last: `${date}-${String(lastDay).padStart(2, '0')}` };
  }
  return { first: `${date}-01-01`, last: `${date}-12-31` };
}

/**
 * How current a card is: a "since then" item may not lie in the future, nor after the entity's
 * review date (which would claim a review older than what it reviewed); the review date itself
 * may not lie in the future. A partial date counts from its first possible day, so "2026" in a
 * timeline is allowed under a review of "2026-02", and a review of "2026-02" covers all of February.
 */
function checkReviewDates(file: string, entity: EntitySource, today: string, errors: DatasetError[]): void {
  const review = dateSpan(entity.reviewedAt);
  if (review.first > today) errors.push({ file, path: '$.reviewedAt', reason: `review date "${entity.reviewedAt}" is after today (${today})` });
  entity.timeline.forEach((item, i) => {
    const at = `$.timeline[${i}].date`;
    const { first } = dateSpan(item.date);
    if (first > today) errors.push({ file, path: at, reason: `"${item.date}" is after today (${today})` });
    else if (first > review.last) {
      errors.push({
        file,
        path: at,
        reason: `"${item.date}" is after the entity's review date "${entity.reviewedAt}": the review date must not be older than the newest timeline item`,
      });
    }
  });
}

/** All start offsets of `needle` in `haystack`. */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function compileArticle({ file, value: article }: Loaded<ArticleSource>, entities: Map<string, Entity>, errors: DatasetError[]): ArticleRecord | null {
  const before = errors.length;
  const annotations: Annotation[] = [];
  const paragraphIds = new Set<string>();
  article.paragraphs.forEach((paragraph, p) => {
    const base = `$.paragraphs[${p}]`;
    if (paragraphIds.has(paragraph.id)) errors.push({ file, path: `${base}.id`, reason: `duplicate paragraph id "${paragraph.id}"` });
    paragraphIds.add(paragraph.id);
    const spans: { start: number; end: number; m: number }[] = [];
    paragraph.mentions.forEach((mention, m) => {
      const at = `${base}.mentions[${m}]`;
      if (!entities.has(mention.entity)) {
        errors.push({ file, path: `${at}.entity`, reason: `unknown entity id "${mention.entity}"` });
        return;
      }
      const prefix = mention.prefix ?? '';
      const suffix = mention.suffix ?? '';
      const hits = occurrences(paragraph.text, prefix + mention.exact + suffix);
      if (hits.length === 0) {
        errors.push({ file, path: `${at}.exact`, reason: `quote "${prefix}[${mention.exact}]${suffix}" not found in paragraph ${paragraph.id}` });
        return;
      }
      if (hits.length > 1) {
        errors.push({
          file,
          path: `${at}.exact`,
          reason: `quote "${prefix}[${mention.exact}]${suffix}" is ambiguous: found ${hits.length} times in paragraph ${paragraph.id}; add a prefix or suffix`,
        });
        return;
      }
      const start = (hits[0] as number) + prefix.length;
      const end = start + mention.exact.length;
      const overlap = spans.find((s) => start < s.end && s.start < end);
      if (overlap) {
        errors.push({ file, path: at, reason: `overlaps mentions[${overlap.m}] in paragraph ${paragraph.id}` });
        return;
      }
      spans.push({ start, end, m });
      annotations.push({
        id: `${paragraph.id}:${m}`,
        entity: mention.entity,
        paragraph: p,
        exact: mention.exact,
        prefix: paragraph.text.slice(Math.max(0, start - CONTEXT_CHARS), start),
        suffix: paragraph.text.slice(end, end + CONTEXT_CHARS),
        occurrence: occurrenceIndex(paragraph.text, mention.exact, start),
      });
    });
  });
  if (errors.length > before) return null;
  const used = [...new Set(annotations.map((a) => a.entity))].map((id) => entities.get(id) as Entity);
  return {
    id: article.id,
    headline: article.headline,
    publisher: article.publisher,
    published: article.published,
    urls: article.urls,
    summary: article.summary,
    paragraphCount: article.paragraphs.length,
    annotations,
    entities: used,
  };
}

/** Loads, validates and compiles the dataset in `dir` (with `entities/` and `articles/` inside). */
export function compileDataset(dir: string, options: CompileOptions = {}): CompileResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const errors: DatasetError[] = [];
  const entityFiles = readJsonFiles<EntitySource>(path.join(dir, 'entities'), EntitySchema, errors, 'entities');
  const articleFiles = readJsonFiles<ArticleSource>(path.join(dir, 'articles'), ArticleSchema, errors, 'articles');

  const entities = new Map<string, Entity>();
  for (const { file, value } of entityFiles) {
    if (entities.has(value.id)) errors.push({ file, path: '$.id', reason: `duplicate entity id "${value.id}"` });
    else if (path.basename(file) !== `${value.id}.json`) errors.push({ file, path: '$.id', reason: `file name must be "${value.id}.json"` });
    checkReviewDates(file, value, today, errors);
    entities.set(value.id, value);
  }

  const articleIds = new Set<string>();
  const records: ArticleRecord[] = [];
  // Fingerprinted from the source text, which the compiled records do not keep; encoded at once
  // (100,000 articles of plain number arrays would be a GB of heap).
  const fingerprints: ArrayBuffer[] = [];
  const sampled: number[][][] = [];
  const paragraphTexts: string[][] = [];
  for (const loaded of articleFiles) {
    if (articleIds.has(loaded.value.id)) {
      errors.push({ file: loaded.file, path: '$.id', reason: `duplicate article id "${loaded.value.id}"` });
      continue;
    }
    articleIds.add(loaded.value.id);
    const record = compileArticle(loaded, entities, errors);
    if (record) {
      records.push(record);
      const full = loaded.value.paragraphs.map((p) => fingerprint(p.text));
      fingerprints.push(encodeFingerprints(full));
      sampled.push(full.map((list) => list.filter(isSampled)));
      paragraphTexts.push(loaded.value.paragraphs.map((p) => p.text));
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: [{ file: 'articles', path: '$', reason: 'the dataset has no article' }] };

  const indexShards = buildIndexShards(sampled);
  return {
    ok: true,
    compiled: {
      indexShards,
      indexGate: buildIndexGate(sampled, indexShards),
      fingerprints,
      catalog: { articles: records.map((r) => r.id), entityCount: entities.size },
      records,
      paragraphTexts,
    },
  };
}

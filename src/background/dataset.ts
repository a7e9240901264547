/**
 * The compiled dataset, read from files inside the package (no network; their format is
 * shared/package-format.ts, which the build writes with tools/dataset/package.ts). A woken worker is ready
 * once it has read meta.json and the index's gate, the exact set of the index's keys (about 1.5
 * bytes a key: 6.5 MB at 100,000 articles, one read). The index itself is split by hash into shards: a
 * lookup reads only the shards of the page's sampled shingles that the gate knows, so a page that
 * shares nothing with the dataset reads nothing more at 100,000 articles than at one, and the
 * article's page reads the few shards its shared shingles fall into. Shards, packs of records and
 * fingerprints, and entities stay cached while the worker lives.
 */
import { best, planShardReads, plannedLookup, rankCandidates, verificationKeys, verifyArticle } from '../match/detect.js';
import { CompiledIndex, entityPackOf, readFingerprintPack, type ArticleLookup } from '../match/index-format.js';
import { KeyGate } from '../match/key-gate.js';
import browser from '../shared/browser.js';
import type { PageMatch } from '../shared/messages.js';
import { repeatedBlocks } from '../shared/provenance.js';
import { joinArticle, PACKAGE_FILES, packOf, type DatasetMeta, type EntityPack, type StoredArticle } from '../shared/package-format.js';
import type { ArticleRecord, Entity } from '../shared/types.js';

/** Read once per worker lifetime (one entry each, key 0); a failed read is retried by the next call. */
const meta = new Map<0, Promise<DatasetMeta>>();
const gate = new Map<0, Promise<KeyGate>>();
const shards = new Map<number, Promise<CompiledIndex>>();
const recordPacks = new Map<number, Promise<StoredArticle[]>>();
const fingerprintPacks = new Map<number, Promise<ArrayBuffer>>();
const entityPacks = new Map<number, Promise<EntityPack>>();

async function packaged(path: string): Promise<Response> {
  const response = await fetch(browser.runtime.getURL(path));
  if (!response.ok) throw new Error(`Backstory: cannot read packaged ${path} (${response.status})`);
  return response;
}

/** A gzipped JSON pack (records, entities: a quarter of their bytes in the package). */
async function packagedJson<T>(path: string): Promise<T> {
  const { body } = await packaged(path);
  if (!body) throw new Error(`Backstory: packaged ${path} is empty`);
  return (await new Response(body.pipeThrough(new DecompressionStream('gzip'))).json()) as T;
}

export function loadMeta(): Promise<DatasetMeta> {
  return cached(meta, 0, async () => (await packaged(PACKAGE_FILES.meta)).json() as Promise<DatasetMeta>);
}

/** What a lookup needs before it reads any shard: the dataset's numbers and the index's gate. */
function loadIndex(): Promise<[DatasetMeta, KeyGate]> {
  const start = performance.now();
  const first = !gate.has(0);
  const ready = Promise.all([loadMeta(), cached(gate, 0, async () => new KeyGate(await (await packaged(PACKAGE_FILES.gate)).arrayBuffer()))]);
  // Visible in the worker's DevTools and to the benchmark (budget: 50 ms at 10,000 articles, 100 ms at 100,000).
  if (first)
    void ready.then(([{ articleCount }, { keyCount }]) =>
      performance.measure('backstory:index-load', { start, end: performance.now(), detail: { articles: articleCount, keys: keyCount } }),
    );
  return ready;
}

/** Entries kept per cache: a browsing session meets few candidates, but it must not grow forever. */
const CACHE_LIMIT = 256;
/** Shards kept: enough for the shingles of several pages, at most a few tens of MB at 100,000 articles. */
const SHARD_CACHE_LIMIT = 2048;

/** Cached per key; the oldest entry goes beyond `limit`; a failed read is forgotten so the next lookup retries it. */
function cached<K, T>(cache: Map<K, Promise<T>>, key: K, load: () => Promise<T>, limit = CACHE_LIMIT): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= limit) cache.delete(cache.keys().next().value as K);
    value = load();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

function loadShard(shard: number): Promise<CompiledIndex> {
  return cached(shards, shard, async () => new CompiledIndex(await (await packaged(PACKAGE_FILES.indexShard(shard))).arrayBuffer()), SHARD_CACHE_LIMIT);
}

/** The index as far as these blocks need it (planShardReads): the shards of the sampled shingles the gate knows. */
async function indexFor(
  blocks: readonly (readonly number[])[],
  [{ indexShardBits }, gate]: [DatasetMeta, KeyGate],
): Promise<{ index: ArticleLookup; known: number; shards: number; read: number }> {
  const plan = planShardReads(blocks, gate, indexShardBits);
  const read = [...plan.shards].filter((shard) => !shards.has(shard)).length;
  const loaded = new Map<number, CompiledIndex>();
  await Promise.all([...plan.shards].map(async (shard) => loaded.set(shard, await loadShard(shard))));
  return { index: plannedLookup(plan, loaded, indexShardBits), known: plan.known.size, shards: plan.shards.size, read };
}

/** An article with its entities joined in (each entity is stored once, shared by articles). */
async function loadRecord(article: number): Promise<ArticleRecord> {
  const { pack, slot } = packOf(article, (await loadMeta()).articlesPerPack);
  const stored = (await cached(recordPacks, pack, () => packagedJson<StoredArticle[]>(PACKAGE_FILES.articlePack(pack))))[slot];
  if (!stored) throw new Error(`Backstory: article ${article} missing from its pack`);
  return joinArticle(stored, await Promise.all(stored.entities.map(loadEntity)));
}

async function loadEntity(id: string): Promise<Entity> {
  const { entityPacks: packs } = await loadMeta();
  const n = entityPackOf(id, packs);
  const pack = await cached(entityPacks, n, () => packagedJson<EntityPack>(PACKAGE_FILES.entityPack(n)));
  const entity = pack[id];
  if (!entity) throw new Error(`Backstory: entity ${id} missing from its pack`);
  return entity;
}

async function loadFingerprints(article: number): Promise<number[][]> {
  const { pack, slot } = packOf(article, (await loadMeta()).articlesPerPack);
  const packed = await cached(fingerprintPacks, pack, async () => (await packaged(PACKAGE_FILES.fingerprintPack(pack))).arrayBuffer());
  return readFingerprintPack(packed, slot);
}

/** The record a tab's report names (null when the number is not that article's: a report from another package version). */
export async function recordAt(article: number, id: string): Promise<ArticleRecord | null> {
  const { articleCount } = await loadMeta();
  if (!Number.isInteger(article) || article < 0 || article >= articleCount) return null;
  const record = await loadRecord(article);
  return record.id === id ? record : null;
}

/**
 * Distinct sampled shingles shared with one article from which a match is all but certain: the
 * whole seed article shares 39, its first 7 paragraphs 14, any one of its paragraphs at most 3
 * (unit-tested), a page that is not it a few at most (hash collisions, a quoted sentence). From
 * there the background starts the annotator's injection and the record's read before verifying:
 * the chunk then loads while the fingerprints are read and compared. A page that quotes whole
 * passages of an article without being it may get the chunk, which registers itself and touches
 * nothing.
 */
const LIKELY_MATCH_HITS = 8;

/**
 * The first question about every page (issue 21), on the shingles of its whole text (textShingles):
 * tier 1 only, on the index's gate and the shards its known shingles need. `candidate` when some
 * article shares enough sampled shingles to be one: then the page reads its blocks for lookup().
 * `likely` when one article is all but certain (LIKELY_MATCH_HITS, as in lookup()): the caller
 * starts the annotator's injection. Every candidate's fingerprints, and the likely one's record,
 * start loading here, so the lookup finds them read.
 */
export async function screen(shingles: readonly (readonly number[])[]): Promise<{ candidate: boolean; likely: boolean }> {
  const start = performance.now();
  const { ranked, likely, evidence } = await tierOne(shingles);
  for (const { article } of ranked) void loadFingerprints(article).catch(() => undefined);
  // The worker's side of the screen, as for the lookup below (the latest only).
  performance.clearMeasures('backstory:screen');
  performance.measure('backstory:screen', { start, end: performance.now(), detail: { ...evidence, candidates: ranked.length } });
  return { candidate: ranked.length > 0, likely };
}

/**
 * Tier 1, shared by the screen and the lookup: the candidates, ranked, and whether the first is
 * all but certain (LIKELY_MATCH_HITS), in which case its record starts loading. `evidence` is what
 * the worker's measures report: the sampled shingles the gate knew, the shards they needed and how
 * many had to be read.
 */
async function tierOne(shingles: readonly (readonly number[])[]): Promise<{
  ranked: { article: number; hits: number }[];
  likely: boolean;
  evidence: { known: number; shards: number; read: number };
}> {
  const { index, known, shards, read } = await indexFor(shingles, await loadIndex());
  const ranked = rankCandidates(index, shingles);
  const top = ranked[0];
  const likely = top !== undefined && top.hits >= LIKELY_MATCH_HITS;
  if (likely) void loadRecord(top.article).catch(() => undefined);
  return { ranked, likely, evidence: { known, shards, read } };
}

/**
 * Finds the page's article from its block fingerprints. `onMatch` runs once, as soon as an article
 * is likely (tier 1) or found (tier 2), before its record loads (the background starts injecting
 * the annotator there).
 */
export async function lookup(blocks: readonly (readonly number[])[], onMatch?: () => void): Promise<PageMatch | null> {
  const start = performance.now();
  const { ranked, likely, evidence } = await tierOne(blocks);
  let started = false;
  const startMatch = (): void => {
    if (started) return;
    started = true;
    onMatch?.();
  };
  if (likely) startMatch();
  const candidates = ranked.map(({ article }) => article);
  const keyed = candidates.length > 0 ? verificationKeys(blocks) : [];
  const detection = best(await Promise.all(candidates.map(async (article) => verifyArticle(article, await loadFingerprints(article), keyed))));
  // Worker-side cost of tier 1 and 2 (the latest only: a worker can live through many lookups).
  performance.clearMeasures('backstory:lookup');
  performance.measure('backstory:lookup', { start, end: performance.now(), detail: { ...evidence, candidates: candidates.length } });
  if (!detection) return null;
  startMatch();
  const [article, fingerprints] = await Promise.all([loadRecord(detection.article), loadFingerprints(detection.article)]);
  const alignment = detection.paragraphs.map((p) => p.blocks);
  return {
    article,
    articleNumber: detection.article,
    alignment,
    strongParagraphs: detection.strong,
    // For the provenance (src/shared/provenance.ts): how much of each paragraph the page holds, out of how many shingles.
    coverage: detection.paragraphs.map((p, i) => ({ containment: p.containment, shingles: new Set(fingerprints[i]).size })),
    repeatedBlocks: repeatedBlocks(alignment, blocks),
  };
}

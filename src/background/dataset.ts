/**
 * The compiled dataset, loaded once per background lifetime (a stopped service worker reloads it
 * on wake) from files inside the package: no network. Article records load on demand and stay
 * cached; the index is one ArrayBuffer viewed in place.
 */
import { best, candidateArticles, verifyArticle } from '../match/detect.js';
import { CompiledIndex, decodeFingerprints } from '../match/index-format.js';
import browser from '../shared/browser.js';
import type { PageMatch } from '../shared/messages.js';
import type { ArticleRecord, Catalog, Entity, StoredArticle } from '../shared/types.js';

interface Loaded {
  index: CompiledIndex;
  catalog: Catalog;
}

let loading: Promise<Loaded> | null = null;
const records = new Map<number, Promise<ArticleRecord>>();
const fingerprints = new Map<number, Promise<number[][]>>();
const entities = new Map<string, Promise<Entity>>();

async function packaged(path: string): Promise<Response> {
  const response = await fetch(browser.runtime.getURL(path));
  if (!response.ok) throw new Error(`Backstory: cannot read packaged ${path} (${response.status})`);
  return response;
}

export function loadDataset(): Promise<Loaded> {
  loading ??= (async () => {
    const start = performance.now();
    const [buffer, catalog] = await Promise.all([
      packaged('data/index.bin').then((r) => r.arrayBuffer()),
      packaged('data/catalog.json').then((r) => r.json() as Promise<Catalog>),
    ]);
    const index = new CompiledIndex(buffer);
    // Visible in the worker's DevTools and to the benchmark (budget: 100 ms for 10,000 articles).
    performance.measure('backstory:index-load', { start, end: performance.now(), detail: { bytes: buffer.byteLength, articles: index.articleCount } });
    return { index, catalog };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** An article with its entities joined in (each entity is stored once, shared by articles). */
function loadRecord(article: number): Promise<ArticleRecord> {
  return cached(records, article, async () => {
    const stored = (await (await packaged(`data/articles/${article}.json`)).json()) as StoredArticle;
    return { ...stored, entities: await Promise.all(stored.entities.map(loadEntity)) };
  });
}

function loadEntity(id: string): Promise<Entity> {
  return cached(entities, id, async () => (await packaged(`data/entities/${id}.json`)).json() as Promise<Entity>);
}

/** Entries kept per cache: a browsing session meets few candidates, but it must not grow forever. */
const CACHE_LIMIT = 256;

/** Cached per article (or entity); a failed read is forgotten so the next lookup retries it. */
function cached<K, T>(cache: Map<K, Promise<T>>, key: K, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as K);
    value = load();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

function loadFingerprints(article: number): Promise<number[][]> {
  return cached(fingerprints, article, async () => decodeFingerprints(await (await packaged(`data/fingerprints/${article}.bin`)).arrayBuffer()));
}

export async function recordById(id: string): Promise<ArticleRecord | null> {
  const { catalog } = await loadDataset();
  const n = catalog.articles.indexOf(id);
  return n === -1 ? null : loadRecord(n);
}

/**
 * Finds the page's article from its block fingerprints. `onMatch` runs as soon as an article is
 * found, before its record loads (the background starts injecting the annotator there).
 */
export async function lookup(blocks: readonly (readonly number[])[], onMatch?: () => void): Promise<PageMatch | null> {
  const { index } = await loadDataset();
  const candidates = candidateArticles(index, blocks);
  const detection = best(await Promise.all(candidates.map(async (article) => verifyArticle(article, await loadFingerprints(article), blocks))));
  if (!detection) return null;
  onMatch?.();
  const article = await loadRecord(detection.article);
  return {
    article,
    alignment: detection.paragraphs.map((p) => p.blocks),
    strongParagraphs: detection.strong,
  };
}

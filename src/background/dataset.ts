/**
 * The compiled dataset, loaded once per background lifetime (a stopped service worker reloads it
 * on wake) from files inside the package: no network. Article records load on demand and stay
 * cached; the index is one ArrayBuffer viewed in place.
 */
import { detectArticle } from '../match/detect.js';
import { CompiledIndex } from '../match/index-format.js';
import browser from '../shared/browser.js';
import type { PageMatch } from '../shared/messages.js';
import type { ArticleRecord, Catalog } from '../shared/types.js';

interface Loaded {
  index: CompiledIndex;
  catalog: Catalog;
}

let loading: Promise<Loaded> | null = null;
const records = new Map<number, Promise<ArticleRecord>>();

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

function loadRecord(article: number): Promise<ArticleRecord> {
  let record = records.get(article);
  if (!record) {
    record = packaged(`data/articles/${article}.json`).then((r) => r.json() as Promise<ArticleRecord>);
    record.catch(() => records.delete(article));
    records.set(article, record);
  }
  return record;
}

export async function recordById(id: string): Promise<ArticleRecord | null> {
  const { catalog } = await loadDataset();
  const n = catalog.articles.indexOf(id);
  return n === -1 ? null : loadRecord(n);
}

/** Finds the page's article from its block fingerprints. */
export async function lookup(blocks: readonly (readonly number[])[]): Promise<PageMatch | null> {
  const { index } = await loadDataset();
  const detection = detectArticle(index, blocks);
  if (!detection) return null;
  return {
    article: await loadRecord(detection.article),
    alignment: detection.paragraphs.map((p) => p.blocks),
    strongParagraphs: detection.strong,
  };
}

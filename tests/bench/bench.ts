/**
 * `npm run bench` (figures, not pass/fail; `--json` for machines): engine throughput in Node,
 * index lookup cost against dataset size, the content script's scan against the text-walk floor
 * on the real pages in Chromium, and package sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { detectArticle } from '../../src/match/detect.js';
import { fingerprint } from '../../src/match/fingerprint.js';
import { buildIndex, CompiledIndex } from '../../src/match/index-format.js';
import { launch, REALPAGES, ROOT, startServer } from '../e2e/harness.js';

const json = process.argv.includes('--json');
const results: Record<string, unknown> = {};
const log = (line: string): void => {
  if (!json) console.log(line);
};
const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const f = (n: number, d = 2): string => n.toFixed(d);

function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ');
}

// 1. Engine in Node.
const pages = fs.readdirSync(REALPAGES).filter((n) => n.endsWith('.html'));
const texts = pages.map((n) => textOf(fs.readFileSync(path.join(REALPAGES, n), 'utf8')));
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
let start = performance.now();
const pageHashes = texts.map((t) => t.split(/\n\s*\n|(?<=[.!?])\s{2,}/).map(fingerprint));
const fpMs = performance.now() - start;
results.fingerprintMBps = bytes / 1e6 / (fpMs / 1000);
log(`engine: normalise + fingerprint ${f(bytes / 1e6)} MB of real-page text in ${f(fpMs, 0)} ms = ${f(results.fingerprintMBps as number, 1)} MB/s`);

const seedArticle = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/data/articles', fs.readdirSync(path.join(ROOT, 'src/data/articles'))[0] as string), 'utf8')) as { paragraphs: { text: string }[] };
const seedParas = seedArticle.paragraphs.map((p) => fingerprint(p.text));
function synthetic(n: number, seed: number): number[][][] {
  let s = seed;
  const rnd = (): number => ((s = (Math.imul(s ^ (s >>> 15), 1 | s) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  return Array.from({ length: n }, () => Array.from({ length: 14 }, () => fingerprint(Array.from({ length: 30 }, () => words[Math.floor(rnd() * words.length)]).join(' '))));
}
const lookupRows: { articles: number; compileMs: number; indexKB: number; lookupUs: number }[] = [];
for (const n of [1, 100, 10_000]) {
  const articles = [seedParas, ...synthetic(n - 1, n)];
  const t0 = performance.now();
  const buffer = buildIndex(articles);
  const compileMs = performance.now() - t0;
  const index = new CompiledIndex(buffer);
  const t1 = performance.now();
  let found = 0;
  for (let r = 0; r < 3; r++) for (const blocks of pageHashes) if (detectArticle(index, blocks)) found++;
  const lookupUs = ((performance.now() - t1) * 1000) / (3 * pageHashes.length);
  if (found) throw new Error('a real page matched the index');
  lookupRows.push({ articles: n, compileMs, indexKB: buffer.byteLength / 1024, lookupUs });
  log(`index ${String(n).padStart(6)} articles: compile ${f(compileMs, 0)} ms, ${f(buffer.byteLength / 1024, 0)} KB, lookup+score per real page ${f(lookupUs, 0)} µs`);
}
results.index = lookupRows;

// 2. The content script's scan against the text-walk floor, in real Chromium.
const server = await startServer();
const session = await launch('chromium');
const scans: number[] = [];
const ratios: number[] = [];
const longTasks: number[] = [];
try {
  const page = await session.newPage();
  for (const name of pages) {
    await page.goto(`${server.origin}/real/${encodeURIComponent(name)}`, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
    const scan = await page
      .waitForFunction(() => performance.getEntriesByName('backstory:scan')[0]?.duration, { timeout: 10_000 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => NaN);
    const floor = await page.evaluate(() => {
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) {
        const t = performance.now();
        const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
        let chars = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
        runs.push(performance.now() - t + chars * 0);
      }
      return Math.min(...runs);
    });
    if (!Number.isNaN(scan)) {
      scans.push(scan);
      ratios.push(scan / Math.max(floor, 0.05));
    }
  }
} finally {
  await session.close();
  await server.close();
}
results.scan = { pages: scans.length, p50: pct(scans, 50), p95: pct(scans, 95), max: Math.max(...scans), ratioP50: pct(ratios, 50), ratioP95: pct(ratios, 95), ratioMax: Math.max(...ratios) };
log(`scan on ${scans.length} real pages (Chromium): p50 ${f(pct(scans, 50))} ms, p95 ${f(pct(scans, 95))} ms, max ${f(Math.max(...scans))} ms`);
log(`scan / text-walk floor: p50 ${f(pct(ratios, 50))}×, p95 ${f(pct(ratios, 95))}×, max ${f(Math.max(...ratios))}×`);
void longTasks;

// 4. Sizes.
const gz = (file: string): number => zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist/chrome', file)), { level: 9 }).length;
const zip = path.join(ROOT, 'dist', fs.readdirSync(path.join(ROOT, 'dist')).find((n) => n.startsWith('backstory-chrome-')) as string);
results.sizes = { contentGz: gz('content.js'), annotatorGz: gz('annotator.js'), backgroundGz: gz('background.js'), chromeZip: fs.statSync(zip).size };
log(`sizes: every-page content.js ${f(gz('content.js') / 1024, 1)} KB gz; annotator+cards chunk ${f(gz('annotator.js') / 1024, 1)} KB gz; background ${f(gz('background.js') / 1024, 1)} KB gz; chrome zip ${f(fs.statSync(zip).size / 1024, 0)} KB`);
if (json) console.log(JSON.stringify(results, null, 2));

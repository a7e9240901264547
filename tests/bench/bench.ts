/**
 * `npm run bench` (figures, not pass/fail; `--json` for machines, `--markdown` writes docs/benchmarks.md):
 *   0. the every-page scan the way a reader meets it: each real page in a new tab on a site of its
 *      own (a new renderer, cold code), first scan, beside the same page in one warm tab, pages
 *      alternating; Chromium and Firefox (reader-scan.ts). `--scan-only` stops after it (with the
 *      matching page's detect + anchor + mount); `--baseline DIR` measures another build beside
 *      this one (e.g. one built from the commit before a change), page by page in turn;
 *   1. the engine in Node: fingerprint throughput on the real pages' text; compile time, index size
 *      and lookup cost for datasets of 1, 100 and 10,000 articles (the dataset tool's `synth`);
 *      the anchoring corpus table (tests/bench/anchoring.ts);
 *   2–3. real Chromium, per package of 1, 10,000 and 100,000 articles (`--scales 1,10000` for
 *      fewer): the article fixtures' detect + anchor + mount (detect.ts), hover delay end → card painted;
 *   4. per package: build time and peak memory, size, largest file, the background's readiness and
 *      first question after a cold worker start (a fresh browser each time), worker heap, and
 *      `web-ext lint` errors at the largest scale (scale.ts); 4b. the lookup round trip per real
 *      page, every package in one run;
 *   5–6. real-page recall, hardening worst gaps (extraction.ts).
 * `--reuse-builds` measures packages already built; `--no-engine-scale` skips the Node compile and
 * lookup figures of section 1; `--no-extraction` skips sections 5–6 (they do not depend on the
 * dataset's size).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { detectArticle } from '../../src/match/detect.js';
import { fingerprint } from '../../src/match/fingerprint.js';
import { CompiledIndex, decodeFingerprints, shardOf, type ArticleLookup } from '../../src/match/index-format.js';
import { compileDataset } from '../../tools/dataset/compile.js';
import { anchoringFigures, formatAnchoring, runAnchoringCorpus } from './anchoring.js';
import { launch, mentionPoint, readMentions, REALPAGES, ROOT, startServer, startSitesServer, type Server } from '../e2e/harness.js';
import { readerScan, readerScanRows, type ReaderScanFigures } from './reader-scan.js';
import { fixtureDetects, formatDetect } from './detect.js';
import { benchmarksMarkdown, type BenchResults, type ChromiumRow, type EngineScaleRow, type Sizes } from './markdown.js';
import { benchExtraction } from './extraction.js';
import { alternatingLookups, chromiumColdStarts, firefoxColdStarts, lintErrors, measuredBuild, packageFigures, type BuildFigures } from './scale.js';

const json = process.argv.includes('--json');
const scalesArg = process.argv[process.argv.indexOf('--scales') + 1];
const SCALES = process.argv.includes('--scales') && scalesArg ? scalesArg.split(',').map(Number) : [1, 10_000, 100_000];
const results: BenchResults = {
  machine: `${process.platform} ${process.arch}, ${os.cpus().length} cores, node ${process.version}`,
  started: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  loadAverage: os.loadavg()[0] ?? NaN,
};
/** `--markdown`: docs/benchmarks.md from this run's figures (markdown.ts). */
const writeMarkdown = (): void => {
  if (!process.argv.includes('--markdown')) return;
  fs.writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), `${benchmarksMarkdown(results)}\n`);
  log('wrote docs/benchmarks.md');
};
const log = (line: string): void => {
  if (!json) console.log(line);
};
const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
const node = process.execPath;

/** Gzipped sizes of the 1-article build's bundles (dist/, built above). */
function bundleSizes(): Sizes {
  const gz = (file: string): number => zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'dist/chrome', file)), { level: 9 }).length;
  const dirSize = (dir: string): number =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .reduce((s, e) => s + (e.isDirectory() ? dirSize(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
  return {
    contentKBgz: gz('content.js') / 1024,
    annotatorKBgz: gz('annotator.js') / 1024,
    cardsKBgz: gz('cards.js') / 1024,
    backgroundKBgz: gz('background.js') / 1024,
    popupKBgz: gz('popup.js') / 1024,
    optionsKBgz: gz('options.js') / 1024,
    packageKB: dirSize(path.join(ROOT, 'dist/chrome')) / 1024,
  };
}

const pageFiles = fs
  .readdirSync(REALPAGES)
  .filter((n) => n.endsWith('.html'))
  .sort();

// ---- 0. The every-page scan, the reader's way (issue 21) ---------------------------------------
// Measured first: it is the price of having Backstory installed. The 1-article build, both browsers;
// `--baseline DIR` measures another build (e.g. of the commit before a change) beside it, page by page.
measuredBuild(path.join(ROOT, 'dist'));
{
  const baselineArg = process.argv.includes('--baseline') ? process.argv[process.argv.indexOf('--baseline') + 1] : undefined;
  const dists = [path.join(ROOT, 'dist'), ...(baselineArg ? [path.resolve(baselineArg)] : [])];
  const label = (i: number): string | undefined => (baselineArg ? (i === 0 ? 'this build' : `baseline ${baselineArg}`) : undefined);
  const sites = await startSitesServer(pageFiles.length);
  try {
    const readerScans: ReaderScanFigures[] = [];
    for (const name of ['chromium', 'firefox'] as const)
      for (const [i, figures] of (await readerScan(name, dists, sites, pageFiles)).entries()) readerScans.push({ ...figures, build: label(i) });
    results.readerScan = readerScans;
    log(
      `0. every-page scan on the ${pageFiles.length} real pages, main-thread ms: each page in a new tab on a site of its own, and in one tab on one origin, alternating`,
    );
    for (const line of readerScanRows(readerScans)) log(`   ${line}`);
    if (process.argv.includes('--scan-only')) {
      // The matching page beside it (section 3 measures it in a full run), with the same builds.
      const sessions = await Promise.all(dists.map((dist) => launch('chromium', path.join(dist, 'chrome'), { watchRequests: false })));
      try {
        const targets = await Promise.all(sessions.map(async (session) => ({ page: await session.newPage(), newPage: () => session.newPage() })));
        const detects = await fixtureDetects(targets, sites.origin);
        const newSite = await fixtureDetects(targets, sites.origin, { siteOrigin: (i) => sites.siteOrigin(i) });
        results.detect = detects.map((figures, i) => ({ ...figures, build: label(i) }));
        results.detectNewSite = newSite.map((figures, i) => ({ ...figures, build: label(i) }));
        detects.forEach((figures, i) => log(`   ${label(i) ?? 'Chromium'}, one tab: ${formatDetect(figures)}`));
        newSite.forEach((figures, i) => log(`   ${label(i) ?? 'Chromium'}, new tab on its own site: ${formatDetect(figures)}`));
      } finally {
        await Promise.all(sessions.map((session) => session.close()));
      }
    }
  } finally {
    await sites.close();
  }
}
if (process.argv.includes('--scan-only')) {
  results.sizes = bundleSizes();
  writeMarkdown();
  if (json) console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// ---- 1. Engine in Node ------------------------------------------------------------------------
const pageTexts = pageFiles.map((n) =>
  fs
    .readFileSync(path.join(REALPAGES, n), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .split(/<\/?(?:p|div|li|h\d|td|blockquote|br)\b[^>]*>/i)
    .map((chunk) => chunk.replace(/<[^>]+>/g, ' ')),
);
const bytes = pageTexts.flat().reduce((s, t) => s + Buffer.byteLength(t), 0);
pageTexts.forEach((blocks) => blocks.forEach((b) => fingerprint(b))); // warm-up
let t = performance.now();
const pageHashes = pageTexts.map((blocks) => blocks.map((b) => fingerprint(b)).filter((h) => h.length > 0));
const fpMs = performance.now() - t;
results.fingerprintMBps = bytes / 1e6 / (fpMs / 1000);
log(`1. engine (Node)\n   normalise + fingerprint: ${f(bytes / 1e6, 2)} MB of real-page text in ${f(fpMs, 0)} ms = ${f(results.fingerprintMBps)} MB/s`);

function datasetDir(articles: number): string {
  if (articles === 1) return path.join(ROOT, 'src/data');
  const dir = path.join(ROOT, '.cache', `synth-${articles - 1}-1`);
  if (!fs.existsSync(path.join(dir, '.backstory-synth')))
    execFileSync(node, [path.join(ROOT, 'tools/dataset.mjs'), 'synth', String(articles - 1), '--seed', '1'], { stdio: 'ignore' });
  return dir;
}
const scale: EngineScaleRow[] = [];
for (const articles of process.argv.includes('--no-engine-scale') ? [] : [1, 100, 10_000]) {
  const dir = datasetDir(articles);
  t = performance.now();
  const compiled = compileDataset(dir);
  const compileMs = performance.now() - t;
  if (!compiled.ok) throw new Error(`synthetic dataset ${dir} is invalid`);
  const shards = compiled.compiled.indexShards.map((buffer) => new CompiledIndex(buffer));
  const bits = (shards[0] as CompiledIndex).shardBits;
  const index: ArticleLookup = { lookup: (hash) => (shards[shardOf(hash, bits)] as CompiledIndex).lookup(hash) };
  const full = compiled.compiled.fingerprints.map(decodeFingerprints);
  const fingerprintsOf = (article: number): number[][] => full[article] ?? [];
  for (const blocks of pageHashes) detectArticle(index, blocks, fingerprintsOf); // warm-up
  t = performance.now();
  let falsePositives = 0;
  const rounds = 5;
  for (let r = 0; r < rounds; r++) for (const blocks of pageHashes) if (detectArticle(index, blocks, fingerprintsOf)) falsePositives++;
  const lookupUs = ((performance.now() - t) * 1000) / (rounds * pageHashes.length);
  const indexMB = compiled.compiled.indexShards.reduce((sum, buffer) => sum + buffer.byteLength, 0) / 1e6;
  const row = { articles: compiled.compiled.records.length, compileMs, indexMB, lookupUs, falsePositives };
  scale.push(row);
  log(
    `   ${String(row.articles).padStart(6)} articles: compile ${f(compileMs, 0)} ms, index ${f(row.indexMB, 2)} MB, lookup + score per real page ${f(lookupUs)} µs, false positives ${falsePositives}`,
  );
}
results.scale = scale;
const anchoring = anchoringFigures(runAnchoringCorpus());
results.anchoring = anchoring;
log(`   anchoring corpus (right place / wrong place / nothing; also \`npm run bench:anchoring\`):\n${formatAnchoring(anchoring)}`);

// ---- 2–4. Real Chromium --------------------------------------------------------------------
/** Always rebuilt (a build left from older sources would measure old code), timed and its peak memory taken. */
const builds = SCALES.map((articles) => ({
  articles,
  label: articles === 1 ? '1 article' : `${articles.toLocaleString('en')} articles`,
  dist: articles === 1 ? path.join(ROOT, 'dist') : path.join(ROOT, `.cache/dist-${articles / 1000}k`),
  dataset: articles === 1 ? undefined : datasetDir(articles),
}));
const buildFigures = new Map<number, BuildFigures>();
// `--reuse-builds` measures packages built earlier (a 100,000-article build takes minutes): only
// for re-running the browser figures right after a build of the same sources.
const reuse = process.argv.includes('--reuse-builds');
for (const b of builds) {
  if (reuse && fs.existsSync(path.join(b.dist, 'chrome/manifest.json'))) continue;
  buildFigures.set(b.articles, measuredBuild(b.dist, b.dataset));
}

const server: Server = await startServer();
// The matching page as a reader meets it too: each load in a new tab on a site of its own.
const detectSites = await startSitesServer(12);
const browserRows: ChromiumRow[] = [];
try {
  for (const b of builds) {
    const session = await launch('chromium', path.join(b.dist, 'chrome'), { watchRequests: false });
    try {
      const page = await session.newPage();

      // 3. Article fixtures: detect + anchor + mount, then hover → card painted.
      const target = { page, newPage: () => session.newPage() };
      const [detect] = await fixtureDetects([target], server.origin);
      const [detectNewSite] = await fixtureDetects([target], detectSites.origin, { siteOrigin: (i) => detectSites.siteOrigin(i) });
      if (!detect || !detectNewSite) throw new Error('no detect figures');
      await page.setViewport({ width: 1100, height: 800 });
      // The pointer onto Bill Barr's mention in one move, timed from that move's pointer event.
      const barr = (await readMentions(page)).find((m) => m.entity === 'person.bill-barr');
      if (!barr) throw new Error('no Bill Barr mention');
      await page.mouse.move(2, 2);
      const at = await mentionPoint(page, barr.index);
      await page.evaluate(() => {
        const w = window as unknown as { __hoverAt: number };
        addEventListener('pointermove', () => (w.__hoverAt ??= performance.now()), { capture: true });
      });
      await page.mouse.move(at.x, at.y);
      const paintMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const check = (): void => {
              if (document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover][data-placement]')) {
                requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { __hoverAt: number }).__hoverAt));
              } else setTimeout(check, 1);
            };
            check();
          }),
      );
      const pageUrls = pageFiles.map((name) => `${server.origin}/real/${encodeURIComponent(name)}`);
      const worker = await chromiumColdStarts(b.dist, pageUrls, 10);
      const firefox = await firefoxColdStarts(b.dist, pageUrls, 5);
      const pack = packageFigures(b.dist);
      const built = buildFigures.get(b.articles);
      const lint = b.articles === Math.max(...SCALES) ? lintErrors(b.dist) : NaN;
      const row = {
        index: b.label,
        detect,
        detectNewSite,
        hoverToPaintMs: paintMs,
        build: built,
        package: pack,
        lintErrors: lint,
        coldStart: worker,
        firefox,
      };
      browserRows.push(row);
      log(`2. Chromium, ${b.label}`);
      log(`3. one tab: ${formatDetect(row.detect)}`);
      log(`   new tab on its own site: ${formatDetect(row.detectNewSite)}`);
      log(`   hover → card painted ${f(paintMs, 0)} ms (hover delay 400 ms)`);
      log(
        `4. cold worker start, fresh Chromium (p50 of ${worker.starts}): index ready ${f(worker.indexReadyMs)} ms; first lookup ${f(worker.firstLookupWorkerMs)} ms in the worker (${f(worker.known, 0)} sampled shingles in the gate, ${f(worker.shardsRead, 0)} shards read), ${f(worker.firstLookupRoundTripMs)} ms round trip; worker heap ${f(worker.heapMB)} MB`,
      );
      log(`   Firefox: first lookup after a fresh start p50 ${f(firefox.firstLookupRoundTripMs)} ms (${firefox.starts} starts)`);
      log(
        `   package: ${f(pack.unpackedMB, 2)} MB unpacked, ${f(pack.zipMB, 2)} MB zip, ${pack.files} files, largest ${pack.largest} ${f(pack.largestMB, 2)} MB, largest .js/.json/.html ${f(pack.largestCodeMB, 2)} MB; build ${f(built?.wallS ?? NaN)} s, peak ${f(built?.peakMB ?? NaN, 0)} MB${Number.isNaN(lint) ? '' : `; web-ext lint errors ${lint}`}`,
      );
    } finally {
      await session.close();
    }
  }
  // 4b. The lookup round trip per real page, every package in the same run, page by page in turn.
  const realUrls = pageFiles.map((name) => `${server.origin}/real/${encodeURIComponent(name)}`);
  const lookups: NonNullable<BenchResults['lookups']> = {};
  for (const name of ['chromium', 'firefox'] as const) {
    const figures = await alternatingLookups(
      name,
      builds.map((b) => b.dist),
      realUrls,
    );
    lookups[name] = figures.map((figure, i) => ({ index: builds[i]?.label ?? '', ...figure }));
    const base = figures[0]?.p50 ?? NaN;
    log(
      `4b. lookup round trip per real page, ${name}, warm background, packages alternating page by page: ${figures
        .map((figure, i) => `${builds[i]?.label} p50 ${f(figure.p50)} ms (${f((100 * figure.p50) / base - 100, 0)}%), p95 ${f(figure.p95)} ms`)
        .join('; ')} (${figures[0]?.pages ?? 0} pages)`,
    );
  }
  results.lookups = lookups;
  // 5–6. Issue 12: real-page recall and scan cost before/after its extractor, hardening worst gaps.
  if (!process.argv.includes('--no-extraction')) results.extraction = await benchExtraction(server, log);
} finally {
  await server.close();
  await detectSites.close();
}
results.chromium = browserRows;

const sizes = bundleSizes();
results.sizes = sizes;
log(
  `4. sizes (gzip -9): every-page content.js ${f(sizes.contentKBgz)} KB; annotator ${f(sizes.annotatorKBgz)} KB; cards ${f(sizes.cardsKBgz)} KB; background ${f(sizes.backgroundKBgz)} KB; popup ${f(sizes.popupKBgz)} KB; options ${f(sizes.optionsKBgz)} KB; unpacked package ${f(sizes.packageKB, 0)} KB`,
);
writeMarkdown();
if (json) console.log(JSON.stringify(results, null, 2));

/**
 * The bench's scale figures (issue 15): what a package of 1, 10,000 and 100,000 articles costs to
 * build and to ship, how fast a freshly started background is ready and answers, and what a page
 * pays for the lookup. Figures, not pass/fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TargetType, type Page, type Target } from 'puppeteer-core';
import { launch, ROOT, type BrowserName, type Session } from '../e2e/harness.js';
import { percentile } from './stats.js';

const node = process.execPath;
const TIME = '/usr/bin/time';

export interface BuildFigures {
  wallS: number;
  /** Peak resident memory of the build process (GNU time), MB; NaN when /usr/bin/time is missing. */
  peakMB: number;
}

/** Builds `dist` from `dataset` (default src/data) at low priority, timing it and its peak memory. */
export function measuredBuild(dist: string, dataset?: string): BuildFigures {
  const env = { ...process.env, BACKSTORY_DIST: dist, ...(dataset ? { BACKSTORY_DATASET: dataset } : {}) };
  const started = performance.now();
  if (!fs.existsSync(TIME)) {
    execFileSync('nice', ['-n', '10', node, path.join(ROOT, 'build.mjs')], { stdio: 'ignore', env });
    return { wallS: (performance.now() - started) / 1000, peakMB: NaN };
  }
  const run = spawnSync(TIME, ['-v', 'nice', '-n', '10', node, path.join(ROOT, 'build.mjs')], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build of ${dataset ?? 'src/data'} failed:\n${run.stderr}`);
  const peakKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return { wallS: (performance.now() - started) / 1000, peakMB: peakKB / 1024 };
}

export interface PackageFigures {
  unpackedMB: number;
  zipMB: number;
  files: number;
  largest: string;
  largestMB: number;
  /** The largest .js/.json/.html file (addons.mozilla.org's linter refuses 5 MB or more). */
  largestCodeMB: number;
}

export function packageFigures(dist: string, browser: 'chrome' | 'firefox' = 'chrome'): PackageFigures {
  const dir = path.join(dist, browser);
  let unpacked = 0;
  let files = 0;
  let largest = '';
  let largestBytes = 0;
  let largestCode = 0;
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(rel);
        continue;
      }
      const size = fs.statSync(path.join(dir, rel)).size;
      unpacked += size;
      files++;
      if (size > largestBytes) [largest, largestBytes] = [rel, size];
      if (/\.(js|json|html)$/.test(rel)) largestCode = Math.max(largestCode, size);
    }
  };
  walk('');
  const zip = fs.readdirSync(dist).find((name) => name.startsWith(`backstory-${browser}-`) && name.endsWith('.zip'));
  return {
    unpackedMB: unpacked / 1e6,
    zipMB: zip ? fs.statSync(path.join(dist, zip)).size / 1e6 : NaN,
    files,
    largest,
    largestMB: largestBytes / 1e6,
    largestCodeMB: largestCode / 1e6,
  };
}

/** `web-ext lint` on a Firefox package: its error count (-1 when the linter could not run). */
export function lintErrors(dist: string): number {
  const run = spawnSync(
    'nice',
    ['-n', '10', path.join(ROOT, 'node_modules/.bin/web-ext'), 'lint', '--source-dir', path.join(dist, 'firefox'), '--output', 'json', '--boring'],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  try {
    const report = JSON.parse(run.stdout) as { count?: number; summary?: { errors?: number } };
    return report.summary?.errors ?? -1;
  } catch {
    return -1;
  }
}

const median = (values: number[]): number => percentile(values, 50);

/** The page's last lookup round trip (content → background → content), ms; NaN when none came. */
export async function pageLookupMs(page: Page, timeout = 10_000): Promise<number> {
  const ok = await page
    .waitForFunction(() => performance.getEntriesByName('backstory:lookup').length > 0, { timeout })
    .then(
      () => true,
      () => false,
    );
  if (!ok) return NaN;
  return page.evaluate(() => performance.getEntriesByName('backstory:lookup').at(-1)?.duration ?? NaN);
}

export interface ColdStartFigures {
  starts: number;
  /** The worker's first lookup → dataset meta read (`backstory:index-load`), p50 ms. */
  indexReadyMs: number;
  /** The worker's side of that first lookup: the screen of the page's text, its shards read (`backstory:screen`), p50 ms. */
  firstLookupWorkerMs: number;
  /** The page's sampled shingles the index's gate knew, p50 (only their shards are read). */
  known: number;
  /** Index shards the first lookup had to read, p50. */
  shardsRead: number;
  /** The page's round trip of its first lookup after the cold start, p50 ms. */
  firstLookupRoundTripMs: number;
  /** Worker JS heap after the first lookup, p50 MB. */
  heapMB: number;
}

function isWorker(session: Session) {
  return (t: Target): boolean => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(session.extensionOrigin);
}

async function workerHeapMB(session: Session): Promise<number> {
  const target = await session.browser.waitForTarget(isWorker(session), { timeout: 10_000 });
  const cdp = await target.createCDPSession();
  try {
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function evaluateInWorker<T>(session: Session, expression: string): Promise<T> {
  const target = await session.browser.waitForTarget(isWorker(session), { timeout: 10_000 });
  const cdp = await target.createCDPSession();
  try {
    const { result } = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } };
    return result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Chromium: a fresh browser per start (its worker starts with nothing loaded), then a real page,
 * whose lookup is the worker's first, `starts` times, each on the next of `urls`. Stopping the
 * worker over CDP instead (Target.closeTarget, ServiceWorker.stopAllWorkers) stopped it, but the
 * next page's lookup then never came back in headless Chromium 156 (not investigated further).
 */
export async function chromiumColdStarts(dist: string, urls: readonly string[], starts: number): Promise<ColdStartFigures> {
  const rows: { ready: number; worker: number; known: number; read: number; roundTrip: number; heap: number }[] = [];
  for (let i = 0; i < starts; i++) {
    const session = await launch('chromium', path.join(dist, 'chrome'), { watchRequests: false });
    try {
      const page = await session.newPage();
      await page.goto(urls[i % urls.length] as string, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      const roundTrip = await pageLookupMs(page);
      const figures = await evaluateInWorker<{ ready: number; worker: number; known: number; read: number }>(
        session,
        `(() => { const load = performance.getEntriesByName('backstory:index-load')[0]; const screen = performance.getEntriesByName('backstory:screen').at(-1); return { ready: load ? load.duration : NaN, worker: screen ? screen.duration : NaN, known: screen ? screen.detail.known : NaN, read: screen ? screen.detail.read : NaN }; })()`,
      );
      rows.push({ ...figures, roundTrip, heap: await workerHeapMB(session) });
    } finally {
      await session.close();
    }
  }
  return {
    starts: rows.length,
    indexReadyMs: median(rows.map((r) => r.ready)),
    firstLookupWorkerMs: median(rows.map((r) => r.worker)),
    known: median(rows.map((r) => r.known)),
    shardsRead: median(rows.map((r) => r.read)),
    firstLookupRoundTripMs: median(rows.map((r) => r.roundTrip)),
    heapMB: median(rows.map((r) => r.heap)),
  };
}

export interface FirefoxFigures {
  starts: number;
  /** The first lookup round trip after the browser (and so the background) started, p50 ms. */
  firstLookupRoundTripMs: number;
}

/** Firefox: its background cannot be stopped from outside, so each cold start is a fresh browser. */
export async function firefoxColdStarts(dist: string, urls: readonly string[], starts: number): Promise<FirefoxFigures> {
  const cold: number[] = [];
  for (let i = 0; i < starts; i++) {
    const session = await launch('firefox', path.join(dist, 'firefox'));
    try {
      const page = await session.newPage();
      await page.goto(urls[i % urls.length] as string, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      cold.push(await pageLookupMs(page, 20_000));
    } finally {
      await session.close();
    }
  }
  return { starts: cold.length, firstLookupRoundTripMs: median(cold) };
}

export interface LookupFigures {
  p50: number;
  p95: number;
  pages: number;
}

/**
 * The lookup round trip per real page for several packages in the same run: one browser per
 * package, all open, each page loaded in each of them in turn, so that the machine's ups and downs
 * fall on every package alike (the "within 10% of one article" comparison), the first of them turning
 * page by page. Warm backgrounds: each browser first loads one page that is not counted.
 */
export async function alternatingLookups(name: BrowserName, dists: readonly string[], urls: readonly string[]): Promise<LookupFigures[]> {
  const sessions = await Promise.all(dists.map((dist) => launch(name, path.join(dist, name === 'chromium' ? 'chrome' : 'firefox'), { watchRequests: false })));
  try {
    const pages = await Promise.all(sessions.map((session) => session.newPage()));
    const rows = dists.map((): number[] => []);
    for (const [n, url] of urls.entries()) {
      // Which package goes first turns page by page: going first or last must not favour one.
      for (let k = 0; k < pages.length; k++) {
        const i = (n + k) % pages.length;
        const page = pages[i] as Page;
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
        const ms = await pageLookupMs(page, 10_000);
        if (n > 0) rows[i]?.push(ms);
      }
    }
    return rows.map((ms) => ({ p50: percentile(ms, 50), p95: percentile(ms, 95), pages: ms.filter(Number.isFinite).length }));
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
  }
}

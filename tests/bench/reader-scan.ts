/**
 * The every-page scan measured where a reader pays it (issue 21): each real page in a new tab on a
 * site of its own, so its first scan runs in a new renderer (Chromium: one process per site) or a
 * new content process (Firefox: Fission isolates sites the same way), with cold code and no
 * warm-up; beside it, in the same run and page by page in turn, the same page in one tab that goes
 * from page to page on one origin (a warm renderer: the bench's way before issue 21).
 * Each site is a loopback address of its own, 127.0.0.N (startSitesServer).
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { launch, type BrowserName, type SitesServer } from '../e2e/harness.js';
import { openAndAwaitScan } from './page-scan.js';
import { percentile } from './stats.js';

export interface ScanSample {
  /** The real page's file name. */
  page: string;
  /** `backstory:scan`'s duration: the scan's main-thread time. */
  scan: number;
  /** Its parts (`detail.*Ms`, wall time left out), whatever the build names them. */
  parts: Record<string, number>;
  /** A plain TreeWalker text walk of the same page, run right after the scan in the same renderer. */
  walk: number;
  /** The longest long task overlapping the scan's wall window (Chromium only; NaN in Firefox). */
  longTask: number;
  /** The background's own time for this page's lookup (`backstory:lookup` detail), NaN when not reported. */
  background: number;
  /** The lookup's round trip seen from the page. */
  lookup: number;
}

export interface WayFigures {
  pages: number;
  scanP50: number;
  scanP95: number;
  scanMax: number;
  /** The page of the longest scan (to look at it, or to see it was the machine's moment, not the page's). */
  maxPage: string;
  walkP50: number;
  /** Per page scan ÷ walk, then its percentiles. */
  ratioP50: number;
  ratioP95: number;
  /** p50 of each scan part. */
  parts: Record<string, number>;
  longestTask: number;
  backgroundP50: number;
  backgroundP95: number;
  lookupP50: number;
}

export interface ReaderScanFigures {
  browser: BrowserName;
  /** Which build, when several are compared in one run. */
  build?: string;
  newSite: WayFigures;
  sameTab: WayFigures;
}

/** Long tasks recorded from before the page's first script (Chromium; Firefox has no longtask entries). */
async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    // Left undefined where the browser has no longtask entries, so the figure reads "–", not 0.
    if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return;
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function sample(page: Page, url: string, file: string): Promise<ScanSample | null> {
  if (!(await openAndAwaitScan(page, url))) return null;
  // The lookup's measure follows the scan's by a round trip; a page without text sends none.
  await page.waitForFunction(() => performance.getEntriesByName('backstory:lookup').length > 0, { timeout: 5000 }).catch(() => undefined);
  const measured = await page.evaluate(() => {
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
    // `chars * 0` keeps the reads from being optimised away without changing the figure.
    const walk = performance.now() - t0 + chars * 0;
    const scan = performance.getEntriesByName('backstory:scan')[0] as PerformanceMeasure;
    const detail = (scan.detail ?? {}) as Record<string, unknown>;
    const parts: Record<string, number> = {};
    for (const [key, value] of Object.entries(detail)) if (key.endsWith('Ms') && key !== 'wallMs' && typeof value === 'number') parts[key] = value;
    const wall = typeof detail.wallMs === 'number' ? detail.wallMs : scan.duration;
    const tasks = (window as unknown as { __longTasks?: { start: number; duration: number }[] }).__longTasks;
    const overlapping = (tasks ?? []).filter((task) => task.start < scan.startTime + wall && task.start + task.duration > scan.startTime);
    const lookup = performance.getEntriesByName('backstory:lookup')[0] as PerformanceMeasure | undefined;
    const backgroundMs = (lookup?.detail as { backgroundMs?: unknown } | null | undefined)?.backgroundMs;
    return {
      scan: scan.duration,
      parts,
      walk,
      longTask: tasks ? Math.max(0, ...overlapping.map((task) => task.duration)) : NaN,
      background: typeof backgroundMs === 'number' ? backgroundMs : NaN,
      lookup: lookup?.duration ?? NaN,
    };
  });
  return { page: file, ...measured };
}

function figures(samples: readonly ScanSample[]): WayFigures {
  const p = (values: number[], at: number): number => percentile(values, at);
  const scans = samples.map((s) => s.scan);
  const ratios = samples.map((s) => s.scan / Math.max(s.walk, 0.1));
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s.parts)))];
  return {
    pages: samples.length,
    scanP50: p(scans, 50),
    scanP95: p(scans, 95),
    scanMax: Math.max(...scans),
    maxPage: samples.reduce<ScanSample | null>((worst, s) => (!worst || s.scan > worst.scan ? s : worst), null)?.page ?? '',
    walkP50: p(
      samples.map((s) => s.walk),
      50,
    ),
    ratioP50: p(ratios, 50),
    ratioP95: p(ratios, 95),
    parts: Object.fromEntries(
      keys.map((key) => [
        key,
        p(
          samples.map((s) => s.parts[key] ?? NaN),
          50,
        ),
      ]),
    ),
    longestTask: Math.max(...samples.map((s) => s.longTask)),
    backgroundP50: p(
      samples.map((s) => s.background),
      50,
    ),
    backgroundP95: p(
      samples.map((s) => s.background),
      95,
    ),
    lookupP50: p(
      samples.map((s) => s.lookup),
      50,
    ),
  };
}

/**
 * One browser per build (`dists`, all open at once), the real pages in order, each first in a new tab
 * on its own site (closed after), then in the build's same-origin tab; the next page starts with the
 * same-tab way, so neither way always goes first; the builds take their turn page by page, so the
 * machine's ups and downs fall on each alike. Firefox's timer precision is raised from its default
 * 1 ms to the microsecond (a bench-only pref).
 */
export async function readerScan(name: BrowserName, dists: readonly string[], server: SitesServer, pages: readonly string[]): Promise<ReaderScanFigures[]> {
  const sessions = await Promise.all(
    dists.map((dist) =>
      launch(name, path.join(dist, name === 'chromium' ? 'chrome' : 'firefox'), {
        watchRequests: false,
        firefoxPrefs: { 'privacy.reduceTimerPrecision': false },
      }),
    ),
  );
  try {
    const sameTabs = await Promise.all(sessions.map((session) => session.newPage()));
    for (const tab of sameTabs) await observeLongTasks(tab);
    const newSite = dists.map((): ScanSample[] => []);
    const same = dists.map((): ScanSample[] => []);
    for (const [i, file] of pages.entries()) {
      const pathname = `/real/${encodeURIComponent(file)}`;
      for (const [d, session] of sessions.entries()) {
        const fresh = async (): Promise<void> => {
          const page = await session.newPage();
          try {
            await observeLongTasks(page);
            const s = await sample(page, `${server.siteOrigin(i)}${pathname}`, file);
            if (s) newSite[d]?.push(s);
          } finally {
            await page.close().catch(() => undefined);
          }
        };
        const warm = async (): Promise<void> => {
          const s = await sample(sameTabs[d] as Page, `${server.origin}${pathname}`, file);
          if (s) same[d]?.push(s);
        };
        if (i % 2 === 0) {
          await fresh();
          await warm();
        } else {
          await warm();
          await fresh();
        }
      }
    }
    return dists.map((_, d) => ({ browser: name, newSite: figures(newSite[d] ?? []), sameTab: figures(same[d] ?? []) }));
  } finally {
    await Promise.all(sessions.map((session) => session.close()));
  }
}

const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '–');

/** Rows of the reader's-way table, for the console and docs/benchmarks.md. */
export function readerScanRows(all: readonly ReaderScanFigures[]): string[] {
  const partKeys = [...new Set(all.flatMap((r) => [...Object.keys(r.newSite.parts), ...Object.keys(r.sameTab.parts)]))];
  const head = [
    'browser, way',
    'pages',
    'scan p50',
    'p95',
    'max',
    ...partKeys.map((k) => `${k.replace(/Ms$/, '')} p50`),
    'text walk p50',
    'scan ÷ walk p50',
    'p95',
    'longest long task',
    'background p50 / p95',
  ];
  const row = (label: string, w: WayFigures): string =>
    `| ${[
      label,
      String(w.pages),
      f(w.scanP50, 2),
      f(w.scanP95, 1),
      `${f(w.scanMax, 1)} (${w.maxPage})`,
      ...partKeys.map((k) => f(w.parts[k] ?? NaN, 2)),
      f(w.walkP50, 2),
      `${f(w.ratioP50)}×`,
      `${f(w.ratioP95)}×`,
      f(w.longestTask, 0),
      `${f(w.backgroundP50, 2)} / ${f(w.backgroundP95, 2)}`,
    ].join(' | ')} |`;
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...all.flatMap((r) => {
      const who = r.build ? `${r.browser} (${r.build})` : r.browser;
      return [row(`${who}, new tab on its own site`, r.newSite), row(`${who}, same tab, one origin`, r.sameTab)];
    }),
  ];
}

/**
 * The matching page's cost (DESIGN: detect + anchor + mount ≤ 30 ms for the seed article): the
 * seed's fixtures loaded several times each, in one tab (a warm renderer) and each in a new tab on
 * a site of its own (a new renderer, cold code: how a reader meets it), `backstory:detect`'s wall
 * time split into the scan (wall: on the article page it includes the screen's round trip before
 * the blocks are read), the lookup round trip with the annotator's injection, and the annotation pass.
 */
import type { Page } from 'puppeteer-core';
import { waitFor } from '../e2e/harness.js';
import { percentile } from './stats.js';

const FIXTURES = ['original.html', 'syndicated.html', 'div-paragraphs.html', 'br-paragraphs.html'];

export interface DetectFigures {
  loads: number;
  /** p50s, ms. */
  detectMs: number;
  scanMs: number;
  lookupMs: number;
  annotateWallMs: number;
  annotateBusyMs: number;
  /** The longest annotation slice of all loads. */
  annotateLongestSliceMs: number;
}

interface DetectSample {
  detect: number;
  scan: number;
  lookup: number;
  annotateWall: number;
  annotateBusy: number;
  longestSlice: number;
}

async function detectOnce(page: Page, url: string): Promise<DetectSample> {
  await page.goto(url, { waitUntil: 'load' });
  await waitFor(page, 'html[data-backstory-article]', 20_000);
  await page.waitForFunction(() => performance.getEntriesByName('backstory:detect').length > 0, { timeout: 5000 });
  return page.evaluate(() => {
    const one = (name: string): PerformanceMeasure => performance.getEntriesByName(name)[0] as PerformanceMeasure;
    const [scan, annotate, detect] = [one('backstory:scan'), one('backstory:annotate'), one('backstory:detect')];
    const scanWall = (scan.detail as { wallMs: number }).wallMs;
    const annotateDetail = annotate.detail as { wallMs: number; longestSliceMs: number };
    return {
      detect: detect.duration,
      scan: scanWall,
      lookup: annotate.startTime - (scan.startTime + scanWall),
      annotateWall: annotateDetail.wallMs,
      annotateBusy: annotate.duration,
      longestSlice: annotateDetail.longestSliceMs,
    };
  });
}

/** Where one build's loads happen: `page` for the same-tab way; `newPage` for a new tab per load. */
export interface DetectTarget {
  page: Page;
  newPage: () => Promise<Page>;
}

/**
 * `rounds` loads of each fixture per build (builds taking turns fixture by fixture, so a
 * comparison sees the same machine), from /fixtures/: in the build's one tab on `origin`, or, with
 * `siteOrigin`, each in a new tab on a site of its own (load k on site k), closed after.
 */
export async function fixtureDetects(
  targets: readonly DetectTarget[],
  origin: string,
  { rounds = 3, siteOrigin }: { rounds?: number; siteOrigin?: (i: number) => string } = {},
): Promise<DetectFigures[]> {
  const samples = targets.map((): DetectSample[] => []);
  let load = 0;
  for (let round = 0; round < rounds; round++)
    for (const fixture of FIXTURES) {
      for (const [i, target] of targets.entries()) {
        if (!siteOrigin) {
          samples[i]?.push(await detectOnce(target.page, `${origin}/fixtures/${fixture}`));
          continue;
        }
        const page = await target.newPage();
        try {
          samples[i]?.push(await detectOnce(page, `${siteOrigin(load)}/fixtures/${fixture}`));
        } finally {
          await page.close().catch(() => undefined);
        }
      }
      load++;
    }
  return samples.map((all) => {
    const p50 = (key: keyof DetectSample): number =>
      percentile(
        all.map((d) => d[key]),
        50,
      );
    return {
      loads: all.length,
      detectMs: p50('detect'),
      scanMs: p50('scan'),
      lookupMs: p50('lookup'),
      annotateWallMs: p50('annotateWall'),
      annotateBusyMs: p50('annotateBusy'),
      annotateLongestSliceMs: Math.max(...all.map((d) => d.longestSlice)),
    };
  });
}

const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');

export function formatDetect(d: DetectFigures): string {
  return `article fixtures (${d.loads} loads): detect + anchor + mount p50 ${f(d.detectMs)} ms = scan ${f(d.scanMs)} + lookup and annotator injection ${f(d.lookupMs)} + annotate ${f(d.annotateWallMs)} (main thread ${f(d.annotateBusyMs)}, longest slice ${f(d.annotateLongestSliceMs)} of all loads)`;
}

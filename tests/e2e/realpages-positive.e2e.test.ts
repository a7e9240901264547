/**
 * The positive real-page test: each real page's own article (derived by Readability, see
 * realpages-dataset.ts) is put into a second build next to the seed; on every page that carries
 * an article, Backstory must detect that article and no other; on a page without one it must look
 * and find nothing (or, where the page holds another page's article word for word, find that one:
 * see `carries`).
 * The negative test (the seed found on none of them) is realpages.e2e.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { MIN_REALPAGES, realPagesFiles, realPagesInstruction } from '../../tools/lib/test-environment.js';
import { BROWSERS, OUTPUT, REALPAGES, ROOT, sleep, waitForLookup } from './harness.js';
import { browserSuite } from './suite.js';
import { deriveRealPagesDataset, type RealPagesDataset } from './realpages-dataset.js';

/** How long a page that carries an article may take to be detected (load, scan, lookup, annotator). */
const DETECT_TIMEOUT_MS = 8_000;
/** Deriving the pages' articles with Readability and building the second package. */
const DERIVE_TIMEOUT_MS = 180_000;
/** One loop over every real page, a few seconds a page at most. */
const ALL_PAGES_TIMEOUT_MS = 300_000;
/** Failing pages listed before the loop stops. */
const MAX_REPORTED = 5;

let derived: RealPagesDataset | undefined;
function dataset(): RealPagesDataset {
  if (realPagesFiles(REALPAGES).length < MIN_REALPAGES) throw new Error(realPagesInstruction(REALPAGES));
  derived ??= deriveRealPagesDataset(ROOT, REALPAGES);
  return derived;
}

const articleOf = (page: Page): Promise<string | null> => page.evaluate(() => document.documentElement.getAttribute('data-backstory-article'));

/** Waits for the page's article attribute; null if none came within the timeout. */
async function detectedArticle(page: Page, timeout: number): Promise<string | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const id = await articleOf(page).catch(() => null);
    if (id || Date.now() > deadline) return id;
    await sleep(100);
  }
}

/**
 * A page without an article of its own: the article Backstory found there once it has answered
 * (one the page holds, if any), or null when it looked and found none. Throws when it did not look.
 */
async function settledArticle(page: Page, url: string): Promise<string | null> {
  const { lookups, url: measured } = await waitForLookup(page);
  if (measured !== url) throw new Error(`still on ${measured}, not ${url}`);
  return lookups.includes(true) ? detectedArticle(page, DETECT_TIMEOUT_MS) : articleOf(page);
}

describe.each(BROWSERS)('%s: real pages are found as their own article', (browserName) => {
  const suite = browserSuite(browserName, {
    dist: () => path.join(dataset().dist, browserName === 'chromium' ? 'chrome' : 'firefox'),
    setupTimeoutMs: DERIVE_TIMEOUT_MS,
  });

  it(
    'detects every page that carries an article as that article, and no other; looks at the rest and finds nothing they do not hold',
    async () => {
      const { pages } = dataset();
      const withArticle = pages.filter((p) => p.articleId);
      expect(pages.length).toBeGreaterThanOrEqual(MIN_REALPAGES);
      expect(withArticle.length).toBeGreaterThanOrEqual(90);
      const found: string[] = [];
      /** Found as an article the page really holds too, not its own (a shared lorem ipsum, two saves of one story). */
      const foundAsCopy: string[] = [];
      const missed: string[] = [];
      const wrong: string[] = [];
      const touched: string[] = [];
      /** Pages without an article where Backstory gave no sign of having looked. */
      const notLooked: string[] = [];
      const page = await suite.session.newPage();
      for (const { file, articleId, carries } of pages) {
        // Enough to diagnose; a content script that never runs then fails in about a minute, not at the timeout.
        if (missed.length + wrong.length + touched.length + notLooked.length >= MAX_REPORTED) break;
        const url = `${suite.server.origin}/real/${encodeURIComponent(file)}`;
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
        let detected: string | null;
        try {
          detected = articleId ? await detectedArticle(page, DETECT_TIMEOUT_MS) : await settledArticle(page, url);
        } catch (error) {
          notLooked.push(`${file}: ${String(error)}`);
          continue;
        }
        if (articleId && !detected) missed.push(file);
        else if (!detected) continue;
        else if (!carries.includes(detected)) (articleId ? wrong : touched).push(`${file}: detected as ${detected}`);
        else if (detected === articleId) found.push(file);
        else if (articleId) foundAsCopy.push(`${file}: as ${detected}`);
      }
      await page.close();
      fs.mkdirSync(OUTPUT, { recursive: true });
      const summary = {
        browser: browserName,
        found: found.length + foundAsCopy.length,
        withArticle: withArticle.length,
        foundAsCopy,
        missed,
        wrong,
        touched,
        notLooked,
      };
      fs.writeFileSync(path.join(OUTPUT, `realpages-recall-${browserName}.json`), JSON.stringify(summary, null, 1));
      console.log(`[realpages] ${browserName}: ${summary.found}/${withArticle.length} found`, { foundAsCopy, missed, wrong, touched, notLooked });
      expect({ missed, wrong, touched, notLooked }).toEqual({ missed: [], wrong: [], touched: [], notLooked: [] });
    },
    ALL_PAGES_TIMEOUT_MS,
  );
});

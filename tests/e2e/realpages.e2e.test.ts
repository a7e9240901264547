/**
 * The 130 real news pages (Readability's test pages, several full of Trump, Putin and Biden):
 * none is our article, so on every one Backstory must look (a `backstory:lookup` that found
 * nothing, in Chromium and Firefox) and leave no attribute, no element, no mention.
 */
import { describe, expect, it } from 'vitest';
import { realPagesFiles, realPagesInstruction, MIN_REALPAGES } from '../../tools/lib/test-environment.js';
import { BROWSERS, foundNoArticle, REALPAGES, waitForLookup } from './harness.js';
import { browserSuite } from './suite.js';

/** One loop over every real page, a few seconds a page at most. */
const ALL_PAGES_TIMEOUT_MS = 300_000;
/** Failing pages listed before the loop stops. */
const MAX_REPORTED = 5;

function realPages(): string[] {
  const pages = realPagesFiles(REALPAGES);
  if (pages.length < MIN_REALPAGES) throw new Error(realPagesInstruction(REALPAGES));
  return pages;
}

describe.each(BROWSERS)('%s: real pages stay untouched', (browserName) => {
  const suite = browserSuite(browserName);
  const pages = realPages();

  it(
    `looks at all ${pages.length} real pages, finds no article and leaves each exactly as it was`,
    async () => {
      const touched: string[] = [];
      const page = await suite.session.newPage();
      for (const file of pages) {
        // Some pages end their load with a refused remote navigation (Firefox reports "Address
        // rejected"): the lookup below is what shows the page was there and read.
        const url = `${suite.server.origin}/real/${encodeURIComponent(file)}`;
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
        const evidence = await waitForLookup(page).catch((error: unknown) => String(error));
        if (typeof evidence === 'string') touched.push(`${file}: ${evidence}`);
        else if (evidence.url !== url || !foundNoArticle(evidence)) touched.push(`${file}: ${JSON.stringify(evidence)}`);
        const marks = await page.evaluate(() => ({
          article: document.documentElement.hasAttribute('data-backstory-article'),
          mentions: document.querySelectorAll('[data-backstory-entity], backstory-mention').length,
          hosts: document.querySelectorAll('backstory-root').length,
        }));
        if (marks.article || marks.mentions || marks.hosts) touched.push(`${file}: ${JSON.stringify(marks)}`);
        // Enough to diagnose; a content script that never runs then fails in about a minute, not at the timeout.
        if (touched.length >= MAX_REPORTED) break;
      }
      await page.close();
      expect(touched).toEqual([]);
    },
    ALL_PAGES_TIMEOUT_MS,
  );
});

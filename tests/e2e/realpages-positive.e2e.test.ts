/**
 * The positive real-page test: each real page's own article (derived by Readability, see
 * realpages-dataset.ts) is put into a second build next to the seed; on every page that carries
 * an article, Backstory must detect that article and no other; a page without one stays untouched
 * (or, where it holds another page's article word for word, may be found as that one: see `carries`).
 * The negative test (the seed found on none of them) is realpages.e2e.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, OUTPUT, REALPAGES, ROOT, sleep, startServer, type BrowserName, type Server, type Session } from './harness.js';
import { deriveRealPagesDataset, type RealPagesDataset } from './realpages-dataset.js';

/** How long a page that carries an article may take to be detected (load, scan, lookup, annotator). */
const DETECT_TIMEOUT_MS = 8_000;

let derived: RealPagesDataset | undefined;
function dataset(): RealPagesDataset {
  if (!fs.existsSync(REALPAGES)) throw new Error(`real pages not found at ${REALPAGES} (set BACKSTORY_REALPAGES)`);
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

/** A page without an article: given the time a scan needs (as the negative test does), then read. */
async function settledArticle(page: Page, browserName: BrowserName): Promise<string | null> {
  if (browserName === 'chromium') {
    await page.waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0, { timeout: 10_000 }).catch(() => undefined);
    await sleep(400);
  } else {
    await sleep(1_000);
  }
  return articleOf(page).catch(() => null);
}

describe.each(BROWSERS)('%s: real pages are found as their own article', (browserName) => {
  let server: Server;
  let session: Session;

  beforeAll(async () => {
    const { dist } = dataset();
    server = await startServer();
    session = await launch(browserName, path.join(dist, browserName === 'chromium' ? 'chrome' : 'firefox'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('detects every page that carries an article as that article, and no other; leaves the rest untouched', async () => {
    const { pages } = dataset();
    const withArticle = pages.filter((p) => p.articleId);
    expect(pages.length).toBeGreaterThanOrEqual(130);
    expect(withArticle.length).toBeGreaterThanOrEqual(90);
    const found: string[] = [];
    /** Found as an article the page really holds too, not its own (a shared lorem ipsum, two saves of one story). */
    const foundAsCopy: string[] = [];
    const missed: string[] = [];
    const wrong: string[] = [];
    const touched: string[] = [];
    const page = await session.newPage();
    for (const { file, articleId, carries } of pages) {
      await page.goto(`${server.origin}/real/${encodeURIComponent(file)}`, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      const detected = articleId ? await detectedArticle(page, DETECT_TIMEOUT_MS) : await settledArticle(page, browserName);
      if (articleId && !detected) missed.push(file);
      else if (!detected) continue;
      else if (!carries.includes(detected)) (articleId ? wrong : touched).push(`${file}: detected as ${detected}`);
      else if (detected === articleId) found.push(file);
      else if (articleId) foundAsCopy.push(`${file}: as ${detected}`);
    }
    await page.close();
    fs.mkdirSync(OUTPUT, { recursive: true });
    const summary = { browser: browserName, found: found.length + foundAsCopy.length, withArticle: withArticle.length, foundAsCopy, missed, wrong, touched };
    fs.writeFileSync(path.join(OUTPUT, `realpages-recall-${browserName}.json`), JSON.stringify(summary, null, 1));
    console.log(`[realpages] ${browserName}: ${summary.found}/${withArticle.length} found`, { foundAsCopy, missed, wrong, touched });
    expect({ missed, wrong, touched }).toEqual({ missed: [], wrong: [], touched: [] });
  });
});

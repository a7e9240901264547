/**
 * The 130 real news pages (Readability's test pages, several full of Trump, Putin and Biden):
 * none is our article, so on every one Backstory must leave no attribute, no element, no mention.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, REALPAGES, sleep, startServer, type Server, type Session } from './harness.js';

function realPages(): string[] {
  if (!fs.existsSync(REALPAGES)) throw new Error(`real pages not found at ${REALPAGES} (set BACKSTORY_REALPAGES)`);
  return fs
    .readdirSync(REALPAGES)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

describe.each(BROWSERS)('%s: real pages stay untouched', (browserName) => {
  let server: Server;
  let session: Session;
  const pages = realPages();

  beforeAll(async () => {
    server = await startServer();
    session = await launch(browserName);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it(`leaves all ${pages.length} real pages exactly as they were`, async () => {
    expect(pages.length).toBeGreaterThanOrEqual(130);
    const touched: string[] = [];
    const page = await session.newPage();
    for (const file of pages) {
      await page.goto(`${server.origin}/real/${encodeURIComponent(file)}`, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
      // Wait for Backstory's scan (visible to the page in Chromium) or, in Firefox, a settle period.
      if (browserName === 'chromium') {
        await page.waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0, { timeout: 10_000 }).catch(() => undefined);
        await sleep(150);
      } else {
        await sleep(700);
      }
      const marks = await page.evaluate(() => ({
        article: document.documentElement.hasAttribute('data-backstory-article'),
        mentions: document.querySelectorAll('[data-backstory-entity], backstory-mention').length,
        hosts: document.querySelectorAll('backstory-root').length,
        scanned: performance.getEntriesByName('backstory:scan').length,
      }));
      if (marks.article || marks.mentions || marks.hosts) touched.push(`${file}: ${JSON.stringify(marks)}`);
      if (browserName === 'chromium' && marks.scanned === 0) touched.push(`${file}: no backstory:scan measure (content script did not run?)`);
    }
    await page.close();
    expect(touched).toEqual([]);
  });
});

/**
 * Opens a page and waits for Backstory's first `backstory:scan` measure (visible to the page in
 * Chromium), which both the scan figures and the recall figures of the bench start from.
 */
import type { Page } from 'puppeteer-core';

/** False when the page never recorded a scan within 10 s (the content script did not run). */
export async function openAndAwaitScan(page: Page, url: string): Promise<boolean> {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  return page
    .waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0, { timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
}

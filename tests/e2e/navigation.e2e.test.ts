/**
 * In-page navigation (history API), in real Chromium and Firefox ESR: a single-page app that
 * pushes a new URL and re-renders gets scanned again; leaving the article tears its annotations
 * down cleanly (hypothesis/product-backlog#1135 is the failure this prevents).
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, readMentions, sleep, waitFor } from './harness.js';
import { browserSuite } from './suite.js';
import { SEED } from './expectations.js';

describe.each(BROWSERS)('%s: in-page navigation', (browserName) => {
  const suite = browserSuite(browserName);

  it('annotates the article after pushState, and tears down when the app navigates away and back', async () => {
    const page = await suite.session.newPage();
    await page.goto(`${suite.server.origin}/fixtures/spa.html`, { waitUntil: 'load' });
    await sleep(800);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-backstory-article'))).toBe(false);

    await page.click('a[data-route="story"]');
    await waitFor(page, `html[data-backstory-article="${SEED.id}"]`, 15_000);
    const mentions = await page.evaluate(() => document.querySelectorAll('[data-backstory-entity]').length);
    expect(mentions).toBeGreaterThan(40);

    await page.evaluate(() => (window as unknown as { spaNavigate: (h: string) => Promise<void> }).spaNavigate('/fixtures/spa.html?story=weather'));
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-backstory-article'), { timeout: 10_000 });
    expect(await page.evaluate(() => document.querySelectorAll('backstory-root, backstory-mention, [data-backstory-entity]').length)).toBe(0);
    expect(await page.evaluate(() => CSS.highlights.get('backstory-mention')?.size ?? 0)).toBe(0);

    await page.goBack();
    await waitFor(page, `html[data-backstory-article="${SEED.id}"]`, 15_000);
    expect(await page.evaluate(() => document.querySelectorAll('[data-backstory-entity]').length)).toBe(mentions);
    // Back on the article, the mentions are ranges of the highlight again, each on its own words.
    const back = await readMentions(page);
    expect(back.length).toBe(mentions);
    expect(back.filter((m) => m.rangeText !== m.text)).toEqual([]);
    await page.close();
  });
});

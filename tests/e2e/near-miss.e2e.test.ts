/**
 * The near miss, in real Chromium and Firefox ESR: another article on the same event, quoting the
 * same telegram. Backstory must look at it (a `backstory:lookup` that found nothing, read from the
 * page) and leave it exactly as served: no attribute, no mention, no UI host, the same text.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, foundNoArticle, pageText, readMarks, serverText, waitForLookup } from './harness.js';
import { browserSuite } from './suite.js';

describe.each(BROWSERS)('%s: the near-miss article', (browserName) => {
  const suite = browserSuite(browserName);

  it('is looked at, found not to be ours, and left untouched', async () => {
    const page = await suite.session.newPage();
    const url = `${suite.server.origin}/fixtures/near-miss.html`;
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const evidence = await waitForLookup(page);
    expect(evidence.url).toBe(url);
    expect(foundNoArticle(evidence)).toBe(true);
    expect(await readMarks(page)).toEqual({ article: null, mentions: 0, hosts: 0, strayAttributes: 0, strayElements: 0 });
    expect(await pageText(page)).toBe(await serverText(page, url));
    await page.close();
  });
});

/**
 * A short article on a busy page, in real Chromium and Firefox ESR: a 5-paragraph business brief
 * (tests/fixtures/short-article/article.json) with a one-line paragraph too short to have a
 * shingle and a paragraph the page shows as its opening words and a 10-item list, among a news
 * site's chrome, a markets feed, teasers and comments (about 13 KB of text). The brief is not in the
 * shipped dataset: it is added to the seed's in a test build (.cache/short-article/, as the
 * real-page test does). A page about the same company and people, in other words, stays untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../src/data/schema.js';
import { BROWSERS, ROOT, sleep, waitFor, type BrowserName } from './harness.js';
import { browserSuite } from './suite.js';
import { buildWithDataset } from './realpages-dataset.js';

const BRIEF = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/short-article/article.json'), 'utf8')) as ArticleSource;
const DETECT_TIMEOUT_MS = 15_000;

let built: string | undefined;
/** The seed's dataset plus the brief, built once into .cache/short-article/dist. */
function briefDist(): string {
  if (built) return built;
  const out = path.join(ROOT, '.cache/short-article');
  const dataset = path.join(out, 'dataset');
  fs.rmSync(dataset, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'src/data/entities'), path.join(dataset, 'entities'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'src/data/articles'), path.join(dataset, 'articles'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'tests/fixtures/short-article/article.json'), path.join(dataset, 'articles', `${BRIEF.id}.json`));
  buildWithDataset(ROOT, dataset, path.join(out, 'dist'));
  return (built = path.join(out, 'dist'));
}

const articleOf = (page: Page): Promise<string | null> => page.evaluate(() => document.documentElement.getAttribute('data-backstory-article'));

describe.each(BROWSERS)('%s: a short article on a busy page', (browserName: BrowserName) => {
  const suite = browserSuite(browserName, { dist: () => path.join(briefDist(), browserName === 'chromium' ? 'chrome' : 'firefox'), setupTimeoutMs: 120_000 });

  it('recognises the brief (a one-line paragraph, a paragraph shown as a 10-item list) and reports it in the popup', async () => {
    const page = await suite.session.newPage();
    await page.goto(`${suite.server.origin}/fixtures/short-article.html`, { waitUntil: 'load' });
    await waitFor(page, `html[data-backstory-article="${BRIEF.id}"]`, DETECT_TIMEOUT_MS);
    const tabId = await suite.session.tabIdOf(page);
    const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="article"]');
    const view = await popup.evaluate(() => ({
      headline: document.querySelector('h1')?.textContent ?? '',
      quality: document.querySelector('[data-testid="match-quality"]')?.textContent ?? '',
    }));
    expect(view.headline).toBe(BRIEF.headline);
    // Every paragraph but the one-line one (no shingle, so no block can be aligned to it).
    expect(view.quality).toBe(`4 of ${BRIEF.paragraphs.length} paragraphs found`);
    await popup.close();
    await page.close();
  });

  it('leaves a page about the same company and people untouched', async () => {
    const page = await suite.session.newPage();
    await page.goto(`${suite.server.origin}/fixtures/short-article-near-miss.html`, { waitUntil: 'load' });
    // Given the time a scan needs, as the real-page tests do: Chromium says when it has scanned.
    if (browserName === 'chromium') {
      await page.waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0, { timeout: 10_000 });
      await sleep(400);
    } else {
      await sleep(1_500);
    }
    expect(await articleOf(page)).toBeNull();
    await page.close();
  });
});

/**
 * The toolbar popup and the per-site switch in real Chromium and Firefox ESR, plus the
 * foundation's smoke checks (content script runs on a 127.0.0.1 page, extension pages open) and
 * the privacy check (the extension's own pages and background request nothing outside the
 * package; request-recorder.e2e.test.ts shows the recorder would catch one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TargetType } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { DatasetMeta } from '../../src/shared/package-format.js';
import { BROWSERS, DIST, foundNoArticle, pageText, screenshotPath, sleep, waitFor, waitForLookup } from './harness.js';
import { browserSuite } from './suite.js';
import { SEED } from './expectations.js';

describe.each(BROWSERS)('%s: popup, per-site switch, privacy', (browserName) => {
  const suite = browserSuite(browserName, { launch: { recordFirefoxBackground: true } });

  it('shows the article, its people and events; clicking a person opens that card in the page', async () => {
    const page = await suite.session.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await page.goto(`${suite.server.origin}/fixtures/original.html`, { waitUntil: 'load' });
    await waitFor(page, 'html[data-backstory-article]', 15_000);
    const tabId = await suite.session.tabIdOf(page);
    const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="article"]');
    await popup.setViewport({ width: 380, height: 900 });
    const view = await popup.evaluate(() => ({
      headline: document.querySelector('h1')?.textContent ?? '',
      quality: document.querySelector('[data-testid="match-quality"]')?.textContent ?? '',
      entities: [...document.querySelectorAll('button[data-entity]')].map((b) => b.getAttribute('data-entity')),
      summary: document.querySelector('[data-testid="summary"]')?.textContent ?? '',
    }));
    expect(view.headline).toBe(SEED.headline);
    expect(view.quality).toContain(`${SEED.paragraphs.length} of ${SEED.paragraphs.length}`);
    expect(view.summary.length).toBeGreaterThan(100);
    for (const person of ['person.vladimir-putin', 'person.joe-biden', 'person.donald-trump', 'person.bill-barr']) expect(view.entities).toContain(person);
    expect(view.entities.filter((e) => e?.startsWith('event.')).length).toBeGreaterThanOrEqual(5);
    await popup.screenshot({ path: screenshotPath(`popup-${browserName}-article`), fullPage: true });
    await popup.click('button[data-entity="person.joe-biden"]');
    await page.bringToFront();
    await page.waitForFunction(
      () => document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover]')?.getAttribute('data-entity') === 'person.joe-biden',
      { timeout: 5000 },
    );
    await popup.close();
    await page.close();
  });

  it('badges the article tab with its number of annotated entities, and nothing elsewhere', async () => {
    const article = await suite.session.newPage();
    await article.goto(`${suite.server.origin}/fixtures/original.html`, { waitUntil: 'load' });
    await waitFor(article, 'html[data-backstory-article]', 15_000);
    const other = await suite.session.newPage();
    await other.goto(`${suite.server.origin}/fixtures/near-miss.html`, { waitUntil: 'load' });
    // Looked at and found not to be the article: an empty badge from a content script that never ran would prove nothing.
    expect(foundNoArticle(await waitForLookup(other))).toBe(true);
    const ids = [await suite.session.tabIdOf(article), await suite.session.tabIdOf(other)];
    const probe = await suite.session.openExtensionPage('options.html', 'body');
    const badges = await probe.evaluate(async (tabIds: number[]) => {
      type ActionApi = { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
      const g = globalThis as unknown as { browser?: ActionApi; chrome: ActionApi };
      const api = g.browser ?? g.chrome;
      return Promise.all(tabIds.map((tabId) => api.action.getBadgeText({ tabId })));
    }, ids);
    const entities = new Set(SEED.paragraphs.flatMap((p) => p.mentions.map((m) => m.entity))).size;
    expect(badges).toEqual([String(entities), '']);
    await probe.close();
    await other.close();
    await article.close();
  });

  it('says "no article" on a real page that is not ours, once Backstory has looked at it', async () => {
    const page = await suite.session.newPage();
    // yahoo-1: a hard negative (Trump, Putin), and a real page whose load both browsers complete.
    const response = await page.goto(`${suite.server.origin}/real/yahoo-1.html`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // The background answers "none" for any tab it has no report for: only the page's own lookup
    // shows the content script ran and found nothing.
    expect(foundNoArticle(await waitForLookup(page))).toBe(true);
    const tabId = await suite.session.tabIdOf(page);
    const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="none"]');
    const { articleCount } = JSON.parse(fs.readFileSync(path.join(DIST, 'chrome/data/meta.json'), 'utf8')) as DatasetMeta;
    expect(await popup.$eval('[data-testid="dataset-count"]', (e) => e.textContent ?? '')).toBe(
      `The dataset has ${articleCount} ${articleCount === 1 ? 'article' : 'articles'}`,
    );
    await popup.screenshot({ path: screenshotPath(`popup-${browserName}-none`) });
    await popup.close();
    await page.close();
  });

  it('turning the site off in the popup leaves the page untouched after a reload, and on again restores it', async () => {
    const page = await suite.session.newPage();
    const url = `${suite.server.origin}/fixtures/original.html`;
    await page.goto(url, { waitUntil: 'load' });
    await waitFor(page, 'html[data-backstory-article]', 15_000);
    const tabId = await suite.session.tabIdOf(page);
    const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="site-switch"]');
    await popup.click('[data-testid="site-switch"]');
    await waitFor(popup, '[data-state="disabled"]', 5000);
    await popup.screenshot({ path: screenshotPath(`popup-${browserName}-disabled`) });
    // Applied live: the open page is restored at once.
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-backstory-article') && !document.querySelector('backstory-mention'), {
      timeout: 5000,
    });
    await page.reload({ waitUntil: 'load' });
    await sleep(1500);
    expect(
      await page.evaluate(
        () => document.documentElement.hasAttribute('data-backstory-article') || document.querySelector('[data-backstory-entity], backstory-root') !== null,
      ),
    ).toBe(false);
    await popup.click('[data-testid="site-switch"]');
    await waitFor(page, 'html[data-backstory-article]', 15_000);
    await popup.close();
    await page.close();
  });

  it('options: turning events off re-annotates the open article without them, the popup counts the rest; on again restores them', async () => {
    const page = await suite.session.newPage();
    const url = `${suite.server.origin}/fixtures/original.html`;
    await page.goto(url, { waitUntil: 'load' });
    await waitFor(page, 'html[data-backstory-article]', 15_000);
    const count = (selector: string): Promise<number> => page.evaluate((s: string) => document.querySelectorAll(s).length, selector);
    const total = await count('[data-backstory-entity]');
    const events = await count('[data-backstory-entity^="event."]');
    expect(events).toBeGreaterThan(0);
    const text = await pageText(page);
    const options = await suite.session.openExtensionPage('options.html', '[data-testid="kind-event"]');
    // A DOM click: the options tab is in the background, where Puppeteer's click waits for paint.
    await options.$eval('[data-testid="kind-event"]', (box) => (box as HTMLInputElement).click());
    // Back to the article tab, as a reader would: background tabs run our slices' timers throttled.
    await page.bringToFront();
    await page.waitForFunction(
      (n: number) => document.querySelectorAll('[data-backstory-entity]').length === n && !document.querySelector('[data-backstory-entity^="event."]'),
      { timeout: 5000 },
      total - events,
    );
    expect(await pageText(page)).toBe(text);
    const tabId = await suite.session.tabIdOf(page);
    const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="article"]');
    // The new pass reported itself: the popup counts only what is annotated now.
    await popup.waitForFunction(
      (n: number) => document.querySelector('[data-testid="mention-count"]')?.textContent?.startsWith(`${n} `) === true,
      { timeout: 5000 },
      total - events,
    );
    await popup.close();
    await options.$eval('[data-testid="kind-event"]', (box) => (box as HTMLInputElement).click());
    await page.bringToFront();
    await page.waitForFunction((n: number) => document.querySelectorAll('[data-backstory-entity]').length === n, { timeout: 5000 }, total);
    expect(await pageText(page)).toBe(text);
    await options.close();
    await page.close();
  });

  if (browserName === 'chromium') {
    it('answers correctly after the service worker was stopped', async () => {
      const page = await suite.session.newPage();
      await page.goto(`${suite.server.origin}/fixtures/syndicated.html`, { waitUntil: 'load' });
      await waitFor(page, 'html[data-backstory-article]', 15_000);
      const tabId = await suite.session.tabIdOf(page);
      const target = await suite.session.browser.waitForTarget(
        (t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(suite.session.extensionOrigin),
      );
      const worker = await target.worker();
      await worker?.close();
      await sleep(500);
      const popup = await suite.session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-state="article"]');
      expect(await popup.$eval('h1', (e) => e.textContent)).toBe(SEED.headline);
      await popup.close();
      await page.close();
    });
  }

  it('made no request outside its own package from its pages and worker', () => {
    expect(suite.session.extensionRequests).toEqual([]);
  });
});

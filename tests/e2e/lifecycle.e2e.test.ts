/**
 * Extension lifecycle (issue 8), in real Chromium and Firefox ESR: updating (Chromium: loading the
 * same extension again) or reloading (Firefox: runtime.reload()) while an article tab is open. The old content script is orphaned ("Extension context invalidated"); the
 * new one (injected into open tabs by the background on Chrome, by the browser on Firefox)
 * announces itself and the orphan tears down what it put in the page. Afterwards there is exactly
 * one set of mentions and one UI host, all of them new; the page's text is what it was; the cards
 * work; and in Chromium, whose DevTools protocol lists the document's listeners from every world,
 * no listener of the old copy is left.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { TOTAL_MENTIONS } from './expectations.js';
import { BROWSERS, CONTRACT, DIST, mentionPoint, pageText, readMentions, sleep, waitFor } from './harness.js';
import { browserSuite } from './suite.js';

const ARTICLE = 'html[data-backstory-article]';

/**
 * The window's and the document's listeners registered from the extension's isolated worlds
 * (Chromium), as `window:type` and `document:type`: listeners are per world, so each Backstory
 * world is asked in turn. An orphaned copy's world that kept its listeners would show up as extra
 * entries.
 */
async function extensionListeners(page: Page): Promise<Record<string, number>> {
  const cdp = await page.createCDPSession();
  try {
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: { id: number; name: string; auxData?: { type?: string } } }) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const counts: Record<string, number> = {};
    for (const context of contexts.filter((c) => c.auxData?.type === 'isolated' && c.name === 'Backstory')) {
      for (const target of ['window', 'document']) {
        const { result } = (await cdp.send('Runtime.evaluate', { expression: target, contextId: context.id })) as { result: { objectId?: string } };
        if (!result.objectId) continue;
        const { listeners } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })) as { listeners: { type: string }[] };
        for (const { type } of listeners) counts[`${target}:${type}`] = (counts[`${target}:${type}`] ?? 0) + 1;
      }
    }
    return counts;
  } finally {
    await cdp.detach();
  }
}

describe.each(BROWSERS)('%s: extension reloaded with an article tab open', (browserName) => {
  const suite = browserSuite(browserName);

  it('the orphaned copy hands the page over: one new set of mentions and one UI host, same text, working cards, no old listener', async () => {
    const page = await suite.session.newPage();
    await page.setViewport({ width: 1100, height: 800 });
    await page.goto(`${suite.server.origin}/fixtures/original.html`, { waitUntil: 'load' });
    await waitFor(page, ARTICLE, 15_000);
    await page.waitForFunction((n: number) => document.querySelectorAll('[data-backstory-entity]').length === n, { timeout: 10_000 }, TOTAL_MENTIONS);
    const text = await pageText(page);
    // Keep the first copy's elements in the page's own world, to check they are all gone later.
    await page.evaluate(() => {
      (window as unknown as { __old: Element[] }).__old = [...document.querySelectorAll('[data-backstory-entity], backstory-root')];
    });
    const highlightBefore = await page.evaluate((name: string) => {
      const w = window as unknown as { __oldHighlight?: unknown };
      w.__oldHighlight = CSS.highlights.get(name);
      return CSS.highlights.get(name)?.size ?? 0;
    }, CONTRACT.highlight);
    expect(highlightBefore).toBe(TOTAL_MENTIONS);
    const listenersBefore = browserName === 'chromium' ? await extensionListeners(page) : null;
    if (listenersBefore) expect(listenersBefore['window:pointermove'], 'the mentions listen for the pointer on the window').toBeGreaterThanOrEqual(1);

    if (browserName === 'chromium') {
      // An update in place: the same extension loaded again from its folder (same id). Chromium's
      // runtime.reload() leaves an extension loaded over CDP disabled, so it cannot stand in here.
      const id = await suite.session.browser.installExtension(path.join(DIST, 'chrome'));
      expect(`chrome-extension://${id}`).toBe(suite.session.extensionOrigin);
    } else {
      const trigger = await suite.session.openExtensionPage('options.html', 'body');
      await trigger.evaluate(() => {
        const api = globalThis as unknown as { browser: { runtime: { reload(): void } } };
        setTimeout(() => api.browser.runtime.reload(), 50);
      });
    }

    await page
      .waitForFunction(
        (n: number) => {
          const old = (window as unknown as { __old: Element[] }).__old;
          return (
            old.every((el) => !el.isConnected) &&
            document.querySelector('html[data-backstory-article]') !== null &&
            document.querySelectorAll('[data-backstory-entity]').length === n &&
            document.querySelector('backstory-root') !== null
          );
        },
        { timeout: 30_000, polling: 200 },
        TOTAL_MENTIONS,
      )
      .catch(async (error: unknown) => {
        const state = await page.evaluate(() => ({
          old: (window as unknown as { __old: Element[] }).__old.filter((el) => el.isConnected).length,
          article: document.documentElement.getAttribute('data-backstory-article'),
          mentions: document.querySelectorAll('[data-backstory-entity]').length,
          roots: document.querySelectorAll('backstory-root').length,
          texts: [...document.querySelectorAll('[data-backstory-entity]')].map((el) => el.textContent).join('|'),
          measures: performance
            .getEntriesByType('measure')
            .map((m) => `${m.name.slice(10)}@${Math.round(m.startTime)}`)
            .join(' '),
          split: [...document.querySelectorAll('article p')].filter((p) => [...p.childNodes].some((n, i, a) => n.nodeType === 3 && a[i + 1]?.nodeType === 3))
            .length,
        }));
        throw new Error(`after the reload: ${JSON.stringify(state)} (${String(error)})`);
      });
    // Settle, then look again: nothing doubled, nothing nested, nothing old.
    await sleep(1000);
    const after = await page.evaluate(() => ({
      roots: document.querySelectorAll('backstory-root').length,
      mentions: document.querySelectorAll('[data-backstory-entity]').length,
      nested: document.querySelectorAll('[data-backstory-entity] [data-backstory-entity]').length,
      oldConnected: (window as unknown as { __old: Element[] }).__old.filter((el) => el.isConnected).length,
    }));
    expect(after).toEqual({ roots: 1, mentions: TOTAL_MENTIONS, nested: 0, oldConnected: 0 });
    // The new copy registered highlights of its own; the orphan's are out of the registry.
    expect(
      await page.evaluate((name: string) => {
        const current = CSS.highlights.get(name);
        return { size: current?.size ?? 0, same: current === (window as unknown as { __oldHighlight?: unknown }).__oldHighlight };
      }, CONTRACT.highlight),
    ).toEqual({ size: TOTAL_MENTIONS, same: false });
    expect((await readMentions(page)).filter((m) => m.rangeText !== m.text)).toEqual([]);
    expect(await pageText(page)).toBe(text);

    if (listenersBefore) expect(await extensionListeners(page)).toEqual(listenersBefore);

    // The new copy's cards work (strings from the new extension context).
    const barr = (await readMentions(page)).find((m) => m.entity === 'person.bill-barr');
    if (!barr) throw new Error('no Bill Barr mention after the reload');
    const at = await mentionPoint(page, barr.index);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await page.waitForFunction(
      () =>
        document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover][data-placement]')?.getAttribute('data-entity') ===
        'person.bill-barr',
      { timeout: 5000 },
    );
    const card = await page.evaluate(() => document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover]')?.textContent ?? '');
    expect(card).toContain('As of Dec 15, 2020:');
    await page.close();
  });
});

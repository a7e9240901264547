/**
 * Provenance and the companion panel in real Chromium and Firefox ESR, with the built extension:
 * what the popup says each fixture is (the original, read at the article's canonical address, or a
 * copy with exact counts), jump-to-paragraph landing on the right text without changing the page,
 * the panel following a tab switch with each card's content, axe in light and dark, and "Report a
 * problem" copying its text with no request from the extension.
 */
import fs from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, screenshotPath, startServer, waitFor, type Server, type Session } from './harness.js';
import { SEED, VARIANTS } from './expectations.js';

/** The article's first canonical address, served here over plain http (the provenance compares host and path). */
const CANONICAL = new URL(SEED.urls[0] as string);
const ORIGINAL_URL = `http://${CANONICAL.host}${CANONICAL.pathname}`;

/** Firefox over WebDriver BiDi cannot emulate media features: a second profile is dark by prefs. */
const FIREFOX_DARK_PREFS = { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 };

interface Expected {
  original: boolean;
  /** The original's headline on the page, or not (changed: the model says missing or edited). */
  headline: 'present' | 'changed';
  present: number;
  edited: number[];
  missing: number[];
  /**
   * Blocks of five words or more that the page added inside the article's body (the innermost
   * element holding every paragraph found), read from the fixture by hand: labels such as
   * "Advertisement" are shorter, link lists are not text blocks, asides are skipped.
   */
  inserted: number;
}

/** The paragraphs' states from the fixtures' own manifest (variants.json), P0 being the headline. */
function expectedFrom(file: string, original: boolean, inserted: number): Expected {
  const variant = VARIANTS.find((v) => v.file === file);
  if (!variant) throw new Error(`no variant ${file}`);
  const body = SEED.paragraphs.map((_, i) => ({ i, state: variant.paragraphs[`P${i}`] })).slice(1);
  return {
    original,
    headline: variant.paragraphs.P0 === 'absent' ? 'changed' : 'present',
    present: body.filter(({ state }) => state === 'verbatim' || state === 'typographic' || state === 'caps').length,
    edited: body.filter(({ state }) => state === 'edited').map(({ i }) => i),
    missing: body.filter(({ state }) => state === 'absent').map(({ i }) => i),
    inserted,
  };
}

const CASES: { name: string; file: string; url?: string; expected: Expected }[] = [
  // At the article's canonical address: the original. Its ad label ("Advertisement") is one word.
  { name: 'the original at its canonical address', file: 'original.html', url: ORIGINAL_URL, expected: expectedFrom('original.html', true, 0) },
  // The same page elsewhere is a copy.
  { name: 'the original page at another address', file: 'original.html', expected: expectedFrom('original.html', false, 0) },
  // The syndication note at the end of the story ("This article originally appeared in…").
  { name: 'the syndicated copy', file: 'syndicated.html', expected: expectedFrom('syndicated.html', false, 1) },
  // The aggregator's banner between P2 and P3 ("Compare car insurance in 2 minutes »").
  { name: 'the aggregator’s truncated copy', file: 'aggregator-truncated.html', expected: expectedFrom('aggregator-truncated.html', false, 1) },
  // The "UPDATE: …" line before P1 and the transition team's paragraph after P18.
  { name: 'the updated edition', file: 'updated-edition.html', expected: expectedFrom('updated-edition.html', false, 2) },
];

interface ProvenanceShown {
  original: string | null;
  headline: string;
  present: number;
  edited: number[];
  missing: number[];
  inserted: number;
  line: string;
  summary: string;
}

function readProvenance(view: Page): Promise<ProvenanceShown> {
  return view.evaluate(() => {
    const section = document.querySelector('[data-testid="provenance"]')!;
    const states = (state: string): number[] =>
      [...section.querySelectorAll(`li[data-state="${state}"]`)].map((li) => Number(li.getAttribute('data-paragraph')));
    return {
      original: section.getAttribute('data-original'),
      headline: section.getAttribute('data-headline') === 'present' ? 'present' : 'changed',
      present: states('present').length,
      edited: states('edited'),
      missing: states('missing'),
      inserted: section.querySelectorAll('[data-testid="provenance-inserted"] li').length,
      line: section.querySelector('[data-testid="provenance-line"]')?.textContent ?? '',
      summary: section.querySelector('[data-testid="provenance-summary"]')?.textContent ?? '',
    };
  });
}

const axeSource = fs.readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')).pathname, 'utf8');

async function seriousAxeViolations(view: Page): Promise<string[]> {
  await view.evaluate(axeSource);
  return view.evaluate(async () => {
    type Axe = { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** The WebExtension API of an extension page, whichever global the browser names it by. */
type TabsApi = {
  tabs: { get(id: number): Promise<{ windowId: number }>; update(id: number, change: { active: boolean }): Promise<unknown> };
};

describe.each(BROWSERS)('%s: provenance, jump to paragraph, the panel', (browserName) => {
  let server: Server;
  let session: Session;

  beforeAll(async () => {
    server = await startServer({ [CANONICAL.host]: '/fixtures/original.html' });
    session = await launch(browserName, undefined, { publisherHost: { host: CANONICAL.host, port: Number(new URL(server.origin).port) } });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  // A failed test leaves no tab behind: tabIdOf finds tabs by address, and a stale one would answer for the next test.
  const opened: Page[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close().catch(() => undefined)));
  });

  async function openArticle(url: string): Promise<{ page: Page; tabId: number }> {
    const page = await session.newPage();
    opened.push(page);
    await page.setViewport({ width: 1100, height: 800 });
    await page.goto(url, { waitUntil: 'load' });
    await waitFor(page, 'html[data-backstory-article]', 15_000);
    return { page, tabId: await session.tabIdOf(page) };
  }

  for (const { name, file, url, expected } of CASES) {
    it(`the popup states the provenance of ${name}`, async () => {
      const { page, tabId } = await openArticle(url ?? `${server.origin}/fixtures/${file}`);
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="provenance"]');
      const shown = await readProvenance(popup);
      expect({ ...shown, line: undefined, summary: undefined }).toEqual({
        original: String(expected.original),
        headline: expected.headline,
        present: expected.present,
        edited: expected.edited,
        missing: expected.missing,
        inserted: expected.inserted,
        line: undefined,
        summary: undefined,
      });
      expect(shown.line).toMatch(expected.original ? /^The original article, by The Sun, / : /^A copy of The Sun's article of .* · Open the original$/);
      expect(shown.summary).toContain(`${expected.present} paragraph`);
      expect(shown.summary).toContain(expected.headline === 'present' ? 'headline as published' : 'headline changed');
      if (expected.edited.length) expect(shown.summary).toContain(`${expected.edited.length} edited`);
      if (expected.missing.length) expect(shown.summary).toContain(`${expected.missing.length} missing`);
      await popup.close();
      await page.close();
    });
  }

  it('jump to paragraph scrolls to that paragraph and marks its text, without any change to the page', async () => {
    const { page, tabId } = await openArticle(`${server.origin}/fixtures/updated-edition.html`);
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="provenance"]');
    // P11 is split over two <p>s on this page, P12 edited: the mark spans what the page holds of each.
    const targets: [number, string, string, string][] = [
      [11, 'He said he was confident that…', 'He said he was confident that Russia and the US could,', 'that the world is currently facing."'],
      [12, 'Biden is likely to take a…', 'Biden is likely to take a tougher stand', 'than outgoing US President Donald Trump.'],
    ];
    for (const [paragraph, named, start, end] of targets) {
      // Named by the page's own first words (read before annotation split any text node).
      expect(await popup.$eval(`li[data-paragraph="${paragraph}"] button`, (button) => button.textContent)).toBe(named);
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        const w = window as unknown as { __mutations: number; __before: string };
        w.__mutations = 0;
        w.__before = document.documentElement.outerHTML;
        new MutationObserver((records) => (w.__mutations += records.length)).observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      });
      // The page in front, as beside the panel; the popup's page answers clicks from behind.
      await page.bringToFront();
      await popup.evaluate((n: number) => {
        document.querySelector('details')!.open = true;
        document.querySelector<HTMLButtonElement>(`li[data-paragraph="${n}"] button`)!.click();
      }, paragraph);
      const marked = await page.waitForFunction(
        () => {
          const highlight = CSS.highlights.get('backstory-jump');
          const range = highlight ? ([...highlight][0] as Range | undefined) : undefined;
          if (!range) return null;
          const rect = range.getBoundingClientRect();
          // Settled in the view (the scroll may be smooth).
          if (rect.top < 0 || rect.bottom > window.innerHeight) return null;
          return { text: range.toString().replace(/\s+/g, ' ').trim(), scrolled: window.scrollY };
        },
        { timeout: 10_000, polling: 100 },
      );
      const { text, scrolled } = (await marked.jsonValue())!;
      expect(text.startsWith(start), text).toBe(true);
      expect(text.endsWith(end), text).toBe(true);
      expect(scrolled).toBeGreaterThan(0);
      const unchanged = await page.evaluate(() => {
        const w = window as unknown as { __mutations: number; __before: string };
        return { mutations: w.__mutations, same: w.__before === document.documentElement.outerHTML };
      });
      expect(unchanged).toEqual({ mutations: 0, same: true });
      // The mark is brief.
      await page.waitForFunction(() => !CSS.highlights.has('backstory-jump'), { timeout: 5000, polling: 100 });
    }
    await popup.close();
    await page.close();
  });

  it('the panel follows the active tab, shows each card’s content with jump-to-mention, passes axe, and copies a problem report without a request', async () => {
    const syndicated = await openArticle(`${server.origin}/fixtures/syndicated.html`);
    const aggregator = await openArticle(`${server.origin}/fixtures/aggregator-truncated.html`);
    const probe = await session.openExtensionPage('options.html', 'body');
    const windowId = await probe.evaluate(async (id: number) => {
      const g = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
      return (await (g.browser ?? g.chrome).tabs.get(id)).windowId;
    }, syndicated.tabId);
    await probe.close();
    // In a window of its own, as a side panel is beside the tabs: the window it follows is the articles'.
    const panel = await session.openExtensionPage(`panel.html?window=${windowId}`, '[data-state]', { type: 'window' });
    await panel.setViewport({ width: 400, height: 1000 });
    const activate = (tabId: number): Promise<unknown> =>
      panel.evaluate(async (id: number) => {
        const g = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
        await (g.browser ?? g.chrome).tabs.update(id, { active: true });
      }, tabId);
    const shows = (missing: number): Promise<unknown> =>
      panel.waitForFunction(
        (n: number) => document.querySelector(`.panel[data-state="article"] [data-testid="provenance"][data-missing="${n}"]`) !== null,
        { timeout: 10_000, polling: 100 },
        missing,
      );

    await activate(syndicated.tabId);
    await shows(0);
    await activate(aggregator.tabId);
    await shows(12);

    // Each card's content: the role then, the latest "since then", the sources, and the way to the mention.
    const putin = await panel.evaluate(() => {
      const card = document.querySelector('[data-entity-details="person.vladimir-putin"]')!;
      return {
        role: card.querySelector('[data-testid="role-then"]')?.textContent ?? '',
        latest: card.querySelector('[data-testid="latest"]')?.textContent ?? '',
        why: card.querySelector('[data-testid="why"]')?.textContent ?? '',
        sources: card.querySelectorAll('a[href^="https://"]').length,
      };
    });
    expect(putin.role).toMatch(/^As of .*: President of Russia/);
    expect(putin.latest).toMatch(/^Latest: .*2026/);
    expect(putin.why).toMatch(/^Why this card: exact match · reviewed \w+ 20\d\d · /);
    expect(putin.sources).toBeGreaterThanOrEqual(3);
    await panel.evaluate(() => document.querySelector<HTMLButtonElement>('[data-reveal="person.joe-biden"]')!.click());
    await aggregator.page.waitForFunction(
      () => document.querySelector('backstory-root')?.shadowRoot?.querySelector('[data-backstory-popover]')?.getAttribute('data-entity') === 'person.joe-biden',
      { timeout: 5000, polling: 100 },
    );

    expect(await seriousAxeViolations(panel)).toEqual([]);
    await panel.screenshot({ path: screenshotPath(`panel-${browserName}`), fullPage: true });

    // "Report a problem": the text the panel copies, the page's address only once ticked.
    await panel.evaluate(() => {
      const copied: string[] = [];
      (window as unknown as { __copied: string[] }).__copied = copied;
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) } });
    });
    const report = async (): Promise<string> => {
      const count = await panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.length);
      await panel.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="report-button"]')!.click());
      await panel.waitForFunction((n: number) => (window as unknown as { __copied: string[] }).__copied.length > n, { timeout: 5000, polling: 100 }, count);
      return panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
    };
    const withoutAddress = await report();
    expect(withoutAddress).toContain(`\narticle: ${SEED.id}\n`);
    expect(withoutAddress).toContain('\nentity: none (the whole page)\n');
    expect(withoutAddress).toContain(`\nparagraphs found: 7 of ${SEED.paragraphs.length}\n`);
    expect(withoutAddress).toContain('\npage: not included\n');
    expect(withoutAddress).not.toContain(server.origin);
    await panel.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid="report-address"]')!.click());
    expect(await report()).toContain(`\npage: ${server.origin}/fixtures/aggregator-truncated.html\n`);
    expect(await panel.$eval('[data-testid="report-status"]', (el) => el.textContent)).toContain('Backstory sends nothing');
    expect(session.extensionRequests).toEqual([]);

    await panel.close();
    await syndicated.page.close();
    await aggregator.page.close();
  });

  // Chromium only: Firefox's sidebar is no browsing context WebDriver BiDi exposes (its panel page is tested above).
  if (browserName === 'chromium')
    it('"Open the panel" in the popup opens the side panel through the sidePanel API, which follows the active tab', async () => {
      const { page, tabId } = await openArticle(`${server.origin}/fixtures/aggregator-truncated.html`);
      const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="open-panel"]');
      // A real click: Chrome opens a side panel only in answer to a user action.
      await popup.click('[data-testid="open-panel"]');
      const target = await session.browser.waitForTarget((t) => t.url() === `${session.extensionOrigin}/panel.html`, { timeout: 10_000 });
      const panel = await target.asPage();
      // The popup's own tab is active in that window: back to the article, and the side panel follows.
      await page.bringToFront();
      await panel.waitForFunction(() => document.querySelector('.panel[data-state="article"] [data-testid="provenance"][data-missing="12"]') !== null, {
        timeout: 10_000,
        polling: 100,
      });
      await popup.close();
      await page.close();
    });

  it('the panel passes axe in dark', async () => {
    const dark = browserName === 'firefox' ? await launch(browserName, undefined, { firefoxPrefs: FIREFOX_DARK_PREFS }) : session;
    try {
      const page = await dark.newPage();
      await page.goto(`${server.origin}/fixtures/updated-edition.html`, { waitUntil: 'load' });
      await waitFor(page, 'html[data-backstory-article]', 15_000);
      const panel = await dark.openExtensionPage(`panel.html?tab=${await dark.tabIdOf(page)}`, '[data-testid="provenance"]');
      if (browserName === 'chromium') await panel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await panel.evaluate(() => (document.querySelector('details')!.open = true));
      expect(await panel.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      expect(await seriousAxeViolations(panel)).toEqual([]);
      await panel.screenshot({ path: screenshotPath(`panel-${browserName}-dark`), fullPage: true });
      await panel.close();
      await page.close();
    } finally {
      if (dark !== session) await dark.close();
    }
  });
});

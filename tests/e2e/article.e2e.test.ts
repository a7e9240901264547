/**
 * The article fixtures in real Chromium and Firefox ESR: every copy is detected and its mentions
 * anchored per the DOM contract without changing the page's text (the near-miss: near-miss.e2e.test.ts);
 * the cards open on hover and focus, stay while hovered, close on leave and Escape.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS } from '../../src/shared/settings-defaults.js';
import {
  BROWSERS,
  CONTRACT,
  mentionPoint,
  openCard,
  pageText,
  readMarks,
  readMentions,
  screenshotPath,
  serverText,
  sleep,
  waitFor,
  type Contract,
  type MentionInfo,
} from './harness.js';
import { browserSuite } from './suite.js';
import { requiredMentions, SEED, TOTAL_MENTIONS, VARIANTS } from './expectations.js';

const DETECT_TIMEOUT = 15_000;

interface Annotated {
  article: string | null;
  mentions: MentionInfo[];
  strayAttributes: number;
  strayElements: number;
}

async function readAnnotations(page: Page): Promise<Annotated> {
  const { article, strayAttributes, strayElements } = await readMarks(page);
  return { article, mentions: await readMentions(page), strayAttributes, strayElements };
}

/** Mentions counted through the contract in the page (the highlight's ranges). */
const mentionCount = (c: Contract): number => CSS.highlights.get(c.highlight)?.size ?? 0;

describe.each(BROWSERS)('%s: article fixtures', (browserName) => {
  const suite = browserSuite(browserName);

  for (const variant of VARIANTS.filter((v) => v.shouldDetect)) {
    it(`detects and anchors ${variant.file} (${variant.title})`, async () => {
      const page = await suite.session.newPage();
      const url = `${suite.server.origin}/fixtures/${variant.file}`;
      // The fixtures load nothing from elsewhere, so any other request would be the extension's.
      const foreign: string[] = [];
      let seen = 0;
      page.on('request', (request) => {
        seen++;
        if (!request.url().startsWith(suite.server.origin) && !request.url().startsWith('data:')) foreign.push(request.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      await waitFor(page, `html[data-backstory-article="${SEED.id}"]`, DETECT_TIMEOUT);
      const required = requiredMentions(variant);
      // Wait for the count the test requires, not for any mention: a page saved while annotated
      // already holds the attribute and old mention elements, which the new pass unwraps first.
      await page
        .waitForFunction((c: Contract, n: number) => (CSS.highlights.get(c.highlight)?.size ?? 0) >= n, { timeout: DETECT_TIMEOUT }, CONTRACT, required)
        .catch(() => undefined);
      const result = await readAnnotations(page);
      expect(result.mentions.length).toBeGreaterThanOrEqual(required);
      expect(result.mentions.length).toBeLessThanOrEqual(TOTAL_MENTIONS);
      expect(result.mentions.filter((m) => m.inChrome)).toEqual([]);
      // Each range covers exactly the text its list item names: nothing else of the page is marked.
      expect(result.mentions.filter((m) => m.rangeText !== m.text)).toEqual([]);
      expect(result.strayAttributes).toBe(0);
      expect(result.strayElements).toBe(0);
      // Every mention wraps the words of one of the entity's quotes (up to case and typography).
      const quotes = new Map<string, Set<string>>();
      for (const p of SEED.paragraphs)
        for (const m of p.mentions) quotes.set(m.entity, (quotes.get(m.entity) ?? new Set()).add(m.exact.toLowerCase().replace(/[’‘]/g, "'")));
      const fold = (s: string): string =>
        s
          .toLowerCase()
          .replace(/[’‘]/g, "'")
          .replace(/[\u00AD\u200B-\u200D]/g, '')
          .replace(/\s+/g, ' ');
      for (const m of result.mentions) {
        if (variant.paragraphs.P0 === 'absent' || Object.values(variant.paragraphs).includes('edited')) continue;
        expect(quotes.get(m.entity)?.has(fold(m.text)), `${m.entity}: "${m.text}"`).toBe(true);
      }
      if (!variant.file.startsWith('late-')) expect(await pageText(page)).toBe(await serverText(page, url));
      expect(seen).toBeGreaterThan(0); // the recorder works
      expect(foreign).toEqual([]);
      console.log(`[${browserName}] ${variant.file}: ${result.mentions.length}/${TOTAL_MENTIONS} mentions (required ${required})`);
      await page.close();
    });
  }

  describe('cards', () => {
    let page: Page;
    let all: MentionInfo[];
    beforeAll(async () => {
      page = await suite.session.newPage();
      await page.setViewport({ width: 1100, height: 800 });
      await page.goto(`${suite.server.origin}/fixtures/original.html`, { waitUntil: 'load' });
      await waitFor(page, 'html[data-backstory-article]', DETECT_TIMEOUT);
      await page.waitForFunction(mentionCount, { timeout: DETECT_TIMEOUT }, CONTRACT);
      all = await readMentions(page);
    });

    const card = (): Promise<string | null> => openCard(page);
    const cardText = (): Promise<string> =>
      page.evaluate((c: Contract) => document.querySelector(c.host)?.shadowRoot?.querySelector(`[${c.popover}]`)?.textContent ?? '', CONTRACT);
    const cardPlaced = (c: Contract): boolean => Boolean(document.querySelector(c.host)?.shadowRoot?.querySelector(`[${c.popover}][data-placement]`));
    /** Where the focus is: an element of the card (its class), or the page's focused element's tag. */
    const focusIn = (): Promise<string> =>
      page.evaluate((c: Contract) => {
        const inCard = document.querySelector(c.host)?.shadowRoot?.activeElement;
        return inCard ? `card:${inCard.className}` : (document.activeElement?.localName ?? 'none');
      }, CONTRACT);

    async function hoverMention(entity: string): Promise<void> {
      const mention = all.find((m) => m.entity === entity);
      if (!mention) throw new Error(`no mention of ${entity}`);
      const { x, y } = await mentionPoint(page, mention.index);
      await page.mouse.move(x, y, { steps: 3 });
    }

    it('shows the card after the hover delay, keeps it while the pointer is in it, hides it after leaving', async () => {
      await page.mouse.move(5, 5);
      await hoverMention('person.bill-barr');
      await sleep(120);
      expect(await card()).toBeNull(); // not before the intent delay
      await page.waitForFunction(cardPlaced, { timeout: 10_000 }, CONTRACT);
      expect(await card()).toBe('person.bill-barr');
      // The open mention is marked in the contract's list and drawn with the active highlight.
      expect((await readMentions(page)).filter((m) => m.open).map((m) => m.entity)).toEqual(['person.bill-barr']);
      expect(await page.evaluate((name: string) => CSS.highlights.get(name)?.size, 'backstory-mention-active')).toBe(1);
      // The card's content: the role as of the article's date and dated "since then" items, with
      // dates formatted from the extension's messages (no Intl in the page).
      const text = await cardText();
      expect(text).toContain('Bill Barr');
      expect(text).toContain('As of Dec 15, 2020:');
      expect(text).toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, 20\d\d\b/);
      const box = await page.evaluate((c: Contract) => {
        const r = document.querySelector(c.host)!.shadowRoot!.querySelector(`[${c.popover}]`)!.getBoundingClientRect();
        return { x: r.x + 20, y: r.y + 20 };
      }, CONTRACT);
      await page.mouse.move(box.x, box.y, { steps: 4 });
      await sleep(600);
      expect(await card()).toBe('person.bill-barr');
      await page.screenshot({ path: screenshotPath(`card-${browserName}-light`) });
      await page.mouse.move(2, 2);
      await page.waitForFunction((c: Contract) => !document.querySelector(c.host)?.shadowRoot?.querySelector(`[${c.popover}]`), { timeout: 3000 }, CONTRACT);
      expect(await card()).toBeNull();
      expect((await readMentions(page)).some((m) => m.open)).toBe(false);
    });

    it('hovering the words around a mention, or the blank end of its line, opens nothing', async () => {
      await page.mouse.move(5, 5);
      const barr = all.find((m) => m.entity === 'person.bill-barr')!;
      const { y } = await mentionPoint(page, barr.index);
      const rect = (await readMentions(page))[barr.index]!.rects[0]!;
      // Just past the mention's end on its line, and far right of the text column.
      await page.mouse.move(rect.right + 14, y, { steps: 2 });
      await page.mouse.move(1090, y, { steps: 2 });
      await sleep(DEFAULT_SETTINGS.hoverDelayMs + 400);
      expect(await card()).toBeNull();
    });

    it("keyboard: the next-mention command opens the first card from the reader's place with the focus in it; Next walks the mentions in reading order; Escape closes and returns the focus", async () => {
      await page.mouse.move(5, 5);
      await page.evaluate(() => scrollTo(0, 0));
      // The reader was in the page's search box: Escape must bring the focus back there.
      await page.focus('input, button, a[href]');
      const before = await page.evaluate(() => document.activeElement?.localName);
      expect(await suite.session.askPage(page, { type: 'next-mention' })).toBe(true);
      await page.waitForFunction(cardPlaced, { timeout: 10_000 }, CONTRACT);
      expect(await card()).toBe(all[0]!.entity);
      await page.waitForFunction((c: Contract) => Boolean(document.querySelector(c.host)?.shadowRoot?.activeElement), { timeout: 3000 }, CONTRACT);
      expect(await focusIn()).toBe('card:body');
      // Tab from the card's body reaches its Next button; Enter moves to the next mention, in reading order.
      const seen: string[] = [all[0]!.entity];
      for (let i = 1; i < 5; i++) {
        let presses = 0;
        while ((await focusIn()) !== 'card:walk-next' && presses < 8) {
          await page.keyboard.press('Tab');
          presses++;
        }
        expect(await focusIn()).toBe('card:walk-next');
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          (c: Contract, n: number) => document.querySelectorAll(`${c.host} li[${c.open}]`)[0] === document.querySelectorAll(`${c.host} li`)[n],
          { timeout: 3000 },
          CONTRACT,
          i,
        );
        await page.waitForFunction((c: Contract) => Boolean(document.querySelector(c.host)?.shadowRoot?.activeElement), { timeout: 3000 }, CONTRACT);
        seen.push((await card()) ?? '');
      }
      expect(seen).toEqual(all.slice(0, 5).map((m) => m.entity));
      expect(await cardText()).toMatch(/5 of \d+/);
      await page.keyboard.press('Escape');
      expect(await card()).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe(before);
    });

    it("the popup's jump-to-mention (reveal) scrolls to the entity's first mention and opens its card with the focus in it", async () => {
      await page.evaluate(() => scrollTo(0, 0));
      const target = all.filter((m) => m.entity === 'person.bill-barr')[0]!;
      expect(await suite.session.askPage(page, { type: 'reveal', entity: 'person.bill-barr' })).toBe(true);
      await page.waitForFunction(cardPlaced, { timeout: 10_000 }, CONTRACT);
      expect(await card()).toBe('person.bill-barr');
      // In view once smooth scrolling ends.
      await page.waitForFunction(
        (c: Contract, i: number) => {
          const ranges: AbstractRange[] = [];
          CSS.highlights.get(c.highlight)?.forEach((r) => void ranges.push(r));
          const a = ranges[i]!;
          const range = document.createRange();
          range.setStart(a.startContainer, a.startOffset);
          range.setEnd(a.endContainer, a.endOffset);
          const rect = range.getBoundingClientRect();
          return rect.top >= 0 && rect.bottom <= innerHeight;
        },
        { timeout: 5000 },
        CONTRACT,
        target.index,
      );
      await page.keyboard.press('Escape');
      expect(await card()).toBeNull();
    });

    it('announces the annotated names once to screen readers, and passes axe with a card open', async () => {
      const status = await page.evaluate(
        (c: Contract) => document.querySelector(c.host)?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '',
        CONTRACT,
      );
      expect(status).toContain(`${all.length} names`);
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
      expect(await card()).toBeNull();
      await hoverMention('person.vladimir-putin');
      await page.waitForFunction(cardPlaced, { timeout: 10_000 }, CONTRACT);
      expect(await card()).toBe('person.vladimir-putin');
      const axeSource = (await import('node:fs')).readFileSync(require_resolve('axe-core/axe.min.js'), 'utf8');
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async (host: string) => {
        const axe = (
          window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
        ).axe;
        const result = await axe.run({ include: [[host]] }, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      }, CONTRACT.host);
      expect(violations).toEqual([]);
      await page.keyboard.press('Escape');
    });
  });
});

function require_resolve(specifier: string): string {
  return new URL(import.meta.resolve(specifier)).pathname;
}

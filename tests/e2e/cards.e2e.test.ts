/**
 * The hover cards beyond the basics of article.e2e.test.ts, in real Chromium and Firefox ESR:
 * the compact first view (fits about 360 × 300 CSS px, no scrolling, clear of the mention's line),
 * "More"/"Less" from the pointer and the keyboard, the "as of" review label, light and dark themes
 * (screenshots of the compact and the expanded card in test-output/), touch, RTL pages, 200% zoom,
 * the fuzzy-match note, reduced motion, and (Chromium) how long after the hover delay the card is
 * painted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import fs from 'node:fs';
import path from 'node:path';
import { sinceThen } from '../../src/ui/card-content.js';
import type { Entity } from '../../src/shared/types.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings-defaults.js';
import {
  BROWSERS,
  CONTRACT,
  ROOT,
  launch,
  mentionPoint,
  readMentions,
  screenshotPath,
  sleep,
  startServer,
  waitFor,
  type BrowserName,
  type Contract,
  type MentionInfo,
  type Rect,
  type Server,
  type Session,
} from './harness.js';

const DETECT_TIMEOUT = 15_000;
const HOVER_DELAY_MS = DEFAULT_SETTINGS.hoverDelayMs;
const mentions = readMentions;

/** Firefox over WebDriver BiDi cannot emulate media features: a second profile is dark and reduced-motion by prefs. */
const FIREFOX_DARK_PREFS = {
  'ui.systemUsesDarkTheme': 1,
  'layout.css.prefers-color-scheme.content-override': 0,
  'ui.prefersReducedMotion': 1,
};

/** The card's "More"/"Less" button and what it controls. */
interface MoreState {
  label: string;
  expanded: string | null;
  /** Every id in aria-controls names an element of the card. */
  controlsResolve: boolean;
  rect: Rect;
}

interface CardState {
  entity: string | null;
  placement: string | null;
  rect: Rect;
  viewport: { width: number; height: number };
  /** Client rects of the mention whose card is open (its list item carries data-backstory-open). */
  mention: Rect[];
  /** The same rects grown to the mention's line height (CSS half-leading): the line it sits on. */
  lines: Rect[];
  kind: string;
  description: string;
  role: string;
  sinceHeading: string | null;
  sinceItems: number;
  /** Facts and sources, which "More" shows, are laid out (not display: none). */
  detailsShown: boolean;
  facts: number;
  sourceLinks: number;
  more: MoreState | null;
  expanded: string | null;
  background: string;
  animationName: string;
  lang: string;
  dir: string;
  fuzzyNote: string | null;
  body: { scrollHeight: number; clientHeight: number; scrolled: number; overflowY: string };
}

function readCard(page: Page): Promise<CardState | null> {
  return page.evaluate((c: Contract) => {
    const card = document.querySelector(c.host)?.shadowRoot?.querySelector<HTMLElement>(`[${c.popover}]`);
    if (!card) return null;
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    // The open mention: its list item's place among the items is its range's among the highlight's.
    const items = [...document.querySelectorAll(`${c.host} > [${c.list}] > li`)];
    const openAt = items.findIndex((item) => item.hasAttribute(c.open));
    const ranges: AbstractRange[] = [];
    CSS.highlights.get(c.highlight)?.forEach((r) => void ranges.push(r));
    const abstract = ranges[openAt];
    let mention: Range | null = null;
    if (abstract) {
      mention = document.createRange();
      mention.setStart(abstract.startContainer, abstract.startOffset);
      mention.setEnd(abstract.endContainer, abstract.endOffset);
    }
    const mentionElement = mention
      ? mention.startContainer.nodeType === 1
        ? (mention.startContainer as Element)
        : mention.startContainer.parentElement
      : null;
    const body = card.querySelector<HTMLElement>('[data-scroll]');
    let scrolled = 0;
    if (body) {
      body.scrollTop = 40;
      scrolled = body.scrollTop;
      body.scrollTop = 0;
    }
    const style = getComputedStyle(card);
    const lineHeight = mentionElement ? parseFloat(getComputedStyle(mentionElement).lineHeight) : NaN;
    const lines = mention
      ? [...mention.getClientRects()].map((r) => {
          const leading = lineHeight > r.height ? (lineHeight - r.height) / 2 : 0;
          return { left: r.left, top: r.top - leading, right: r.right, bottom: r.bottom + leading };
        })
      : [];
    const more = card.querySelector<HTMLButtonElement>('button.more');
    const details = card.querySelector<HTMLElement>('.details');
    const root = card.getRootNode() as ShadowRoot;
    return {
      entity: card.getAttribute('data-entity'),
      placement: card.getAttribute('data-placement'),
      rect: box(card.getBoundingClientRect()),
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      mention: mention ? [...mention.getClientRects()].map(box) : [],
      lines,
      kind: card.querySelector('.kind')?.textContent ?? '',
      description: card.querySelector('.description')?.textContent ?? '',
      role: card.querySelector('.role')?.textContent ?? '',
      sinceHeading: card.querySelector('.since h3')?.textContent ?? null,
      sinceItems: card.querySelectorAll('.since li').length,
      detailsShown: details !== null && details.getClientRects().length > 0,
      facts: card.querySelectorAll('.details dt').length,
      sourceLinks: card.querySelectorAll('.details a[href^="https:"][target="_blank"][rel="noopener noreferrer"]').length,
      more: more
        ? {
            label: more.textContent ?? '',
            expanded: more.getAttribute('aria-expanded'),
            controlsResolve: (more.getAttribute('aria-controls') ?? '').split(/\s+/).every((id) => id !== '' && card.contains(root.getElementById(id))),
            rect: box(more.getBoundingClientRect()),
          }
        : null,
      expanded: mention ? 'true' : null,
      background: style.backgroundColor,
      animationName: style.animationName,
      lang: card.lang,
      dir: card.dir,
      fuzzyNote: card.querySelector('.fuzzy')?.textContent ?? null,
      body: {
        scrollHeight: body?.scrollHeight ?? 0,
        clientHeight: body?.clientHeight ?? 0,
        scrolled,
        overflowY: body ? getComputedStyle(body).overflowY : '',
      },
    };
  }, CONTRACT);
}

const openCardEntity = async (page: Page): Promise<string | null> => (await readCard(page))?.entity ?? null;

/** Waits for the card of `entity` to be placed and visible, plus two frames for floating-ui to settle. */
async function cardPlaced(page: Page, entity: string): Promise<void> {
  await page.waitForFunction(
    (c: Contract, id: string) => {
      const card = document.querySelector(c.host)?.shadowRoot?.querySelector<HTMLElement>(`[${c.popover}]`);
      return card?.getAttribute('data-entity') === id && card.hasAttribute('data-placement') && card.style.visibility === 'visible';
    },
    { timeout: 5000 },
    CONTRACT,
    entity,
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // Measured and screenshotted as read, not half-way through the fade-in.
  await page.evaluate(
    (c: Contract) =>
      Promise.all(
        document
          .querySelector(c.host)!
          .shadowRoot!.querySelector(`[${c.popover}]`)!
          .getAnimations()
          .map((a) => a.finished),
      ),
    CONTRACT,
  );
}

/** Closes any card, scrolls mention `index` to the middle of the viewport and hovers it until its card is placed. */
async function hoverMention(page: Page, mention: MentionInfo): Promise<CardState> {
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  const { x, y } = await mentionPoint(page, mention.index);
  await page.mouse.move(x, y, { steps: 2 });
  await cardPlaced(page, mention.entity);
  const state = await readCard(page);
  if (!state) throw new Error(`no card for ${mention.entity}`);
  return state;
}

async function openFixture(session: Session, server: Server, file: string, viewport = { width: 1000, height: 800, deviceScaleFactor: 1 }): Promise<Page> {
  const page = await session.newPage();
  await page.setViewport(viewport);
  await page.goto(`${server.origin}/fixtures/${file}`, { waitUntil: 'load' });
  await waitFor(page, 'html[data-backstory-article]', DETECT_TIMEOUT);
  await page.waitForFunction((c: Contract) => (CSS.highlights.get(c.highlight)?.size ?? 0) > 0, { timeout: DETECT_TIMEOUT }, CONTRACT);
  return page;
}

const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The card is wholly inside the viewport and none of its mention's line boxes is under it. */
function expectPlacedBeside(state: CardState, label: string): void {
  const { rect, viewport } = state;
  expect(state.mention.length, `${label}: the open card's mention`).toBeGreaterThan(0);
  expect(rect.left, `${label}: card left edge`).toBeGreaterThanOrEqual(0);
  expect(rect.top, `${label}: card top edge`).toBeGreaterThanOrEqual(0);
  expect(rect.right, `${label}: card right edge`).toBeLessThanOrEqual(viewport.width);
  expect(rect.bottom, `${label}: card bottom edge`).toBeLessThanOrEqual(viewport.height);
  for (const line of state.mention) expect(overlaps(rect, line), `${label}: card ${JSON.stringify(rect)} over mention ${JSON.stringify(line)}`).toBe(false);
}

/** Where there is room: the card is wholly above or below the line the mention sits on, so it hides none of its words. */
function expectClearOfLine(state: CardState, label: string): void {
  expect(state.lines.length, `${label}: the mention's lines`).toBeGreaterThan(0);
  for (const line of state.lines) {
    const clear = state.rect.bottom <= line.top + 0.5 || state.rect.top >= line.bottom - 0.5;
    expect(clear, `${label}: card ${JSON.stringify(state.rect)} over the mention's line ${JSON.stringify(line)}`).toBe(true);
  }
}

/** "Since then · as of Feb 2026": the month the entity's "since then" was last reviewed. */
/** Whether the dataset gives the entity anything after the article's date. */
function hasSinceThen(entity: string): boolean {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/data/entities', `${entity}.json`), 'utf8')) as Entity;
  return sinceThen(data, ARTICLE_DATE).length > 0;
}
const ARTICLE_DATE = '2020-12-15';
const AS_OF_HEADING = /^Since then · as of (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d$/;

/** Clicks the card's "More"/"Less" button with the pointer (scrolled into the card's view first). */
async function clickMore(page: Page): Promise<CardState> {
  const at = await page.evaluate((c: Contract) => {
    const button = document.querySelector(c.host)!.shadowRoot!.querySelector<HTMLElement>(`[${c.popover}] button.more`)!;
    button.scrollIntoView({ block: 'nearest' });
    const r = button.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, CONTRACT);
  await page.mouse.click(at.x, at.y);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const state = await readCard(page);
  if (!state) throw new Error('the card closed on a click inside it');
  return state;
}

/** Relative luminance of a computed `rgb(…)` colour. */
function luminance(colour: string): number {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** A touch tap at (x, y): native touch input (CDP in Chromium, BiDi pointerType "touch" in Firefox). */
async function tap(page: Page, x: number, y: number): Promise<void> {
  await page.touchscreen.tap(x, y);
  // A tap is instant for the card (no intent delay); give the page a frame to render.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const centre = (r: Rect): { x: number; y: number } => ({ x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 });

/**
 * Moves the pointer onto `mention` (from outside every mention) and times, from the pointerover
 * event's dispatch: the card turning visible, and the animation frame that paints it (rAF
 * callbacks run just before the frame is drawn). `input` is how long Chromium held the event
 * before dispatching it (it aligns pointer input to frames): the browser's share, not ours.
 */
async function hoverToPaint(page: Page, mention: MentionInfo): Promise<{ input: number; visible: number; painted: number }> {
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  const at = await mentionPoint(page, mention.index);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await page.evaluate((c: Contract) => {
    const t: { stamp?: number; enter?: number; visible?: number; painted?: number } = {};
    (window as unknown as { __timing: typeof t }).__timing = t;
    // The first pointer move after this is the one onto the mention (a single-step move).
    const onMove = (event: PointerEvent): void => {
      t.stamp = event.timeStamp;
      t.enter = performance.now();
      window.removeEventListener('pointermove', onMove, true);
    };
    window.addEventListener('pointermove', onMove, true);
    const root = document.querySelector(c.host)!.shadowRoot!;
    const observer = new MutationObserver(() => {
      const card = root.querySelector<HTMLElement>(`[${c.popover}]`);
      if (t.visible === undefined && card?.style.visibility === 'visible') {
        t.visible = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => {
          t.painted = performance.now();
        });
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
  }, CONTRACT);
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction(() => (window as unknown as { __timing: { painted?: number } }).__timing.painted !== undefined, { timeout: 3000 });
  const t = await page.evaluate(() => (window as unknown as { __timing: { stamp: number; enter: number; visible: number; painted: number } }).__timing);
  return { input: t.enter - t.stamp, visible: t.visible - t.enter, painted: t.painted - t.enter };
}

describe.each(BROWSERS)('%s: cards', (browserName: BrowserName) => {
  let server: Server;
  let session: Session;
  let darkSession: Session | undefined;

  beforeAll(async () => {
    server = await startServer();
    // Firefox takes seconds to start: its dark profile starts alongside the default one.
    [session, darkSession] = await Promise.all([
      launch(browserName),
      browserName === 'firefox' ? launch(browserName, undefined, { firefoxPrefs: FIREFOX_DARK_PREFS }) : undefined,
    ]);
  });
  afterAll(async () => {
    await darkSession?.close();
    await session?.close();
    await server?.close();
  });

  /** A page with prefers-color-scheme: dark and prefers-reduced-motion: reduce. */
  async function darkPage(file: string): Promise<Page> {
    if (browserName === 'chromium') {
      const page = await openFixture(session, server, file);
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: 'dark' },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ]);
      return page;
    }
    if (!darkSession) throw new Error('no dark Firefox session');
    return openFixture(darkSession, server, file);
  }

  /** Hovers Bill Barr's mention (P6) placed high in the viewport, so the card has the room below it. */
  async function hoverBarr(page: Page): Promise<CardState> {
    const barr = (await mentions(page)).find((m) => m.entity === 'person.bill-barr' && m.text === 'Bill Barr');
    if (!barr) throw new Error('no "Bill Barr" mention');
    await page.mouse.move(2, 2);
    const top = (await mentions(page))[barr.index]!.rects[0]!.top;
    await page.evaluate((by: number) => window.scrollBy(0, by), top - 160);
    const [line] = (await mentions(page))[barr.index]!.rects;
    const at = centre(line!);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await cardPlaced(page, 'person.bill-barr');
    const state = await readCard(page);
    if (!state) throw new Error('no card');
    return state;
  }

  it('renders the card in light and dark themes, compact and expanded (screenshots), the dark one on a dark background', async () => {
    const light = await openFixture(session, server, 'original.html');
    const lightCard = await hoverBarr(light);
    await light.screenshot({ path: screenshotPath(`card-${browserName}-light`) });
    expectPlacedBeside(lightCard, 'light');
    expectPlacedBeside(await clickMore(light), 'light, expanded');
    await light.screenshot({ path: screenshotPath(`card-${browserName}-light-expanded`) });
    await light.close();

    const dark = await darkPage('original.html');
    expect(await dark.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    const darkCard = await hoverBarr(dark);
    await dark.screenshot({ path: screenshotPath(`card-${browserName}-dark`) });
    expectPlacedBeside(darkCard, 'dark');
    expectPlacedBeside(await clickMore(dark), 'dark, expanded');
    await dark.screenshot({ path: screenshotPath(`card-${browserName}-dark-expanded`) });
    await dark.close();

    console.log(`[${browserName}] card background: light ${lightCard.background}, dark ${darkCard.background}`);
    expect(darkCard.background).not.toBe(lightCard.background);
    expect(luminance(lightCard.background)).toBeGreaterThan(0.8);
    expect(luminance(darkCard.background)).toBeLessThan(0.1);
  });

  it('at 1280×800, every card opens compact: kind, name, description, role then, the latest "since then" as of its review, in 360 × 300 px without scrolling, clear of the mention\'s line', async () => {
    const page = await openFixture(session, server, 'original.html', { width: 1280, height: 800, deviceScaleFactor: 1 });
    const all = await mentions(page);
    const firstOfEach = all.filter((m, i) => all.findIndex((o) => o.entity === m.entity) === i);
    expect(firstOfEach.length).toBeGreaterThanOrEqual(13);
    for (const mention of firstOfEach) {
      const state = await hoverMention(page, mention);
      const label = `${mention.entity} ("${mention.text}")`;
      const size = { width: Math.round(state.rect.right - state.rect.left), height: Math.round(state.rect.bottom - state.rect.top) };
      console.log(`[${browserName}] compact ${mention.entity}: ${size.width}×${size.height} px, ${state.sinceItems} "since then" items`);
      expect(size.width, `${label}: width`).toBeLessThanOrEqual(360);
      expect(size.height, `${label}: height`).toBeLessThanOrEqual(300);
      expect(state.body.scrollHeight, `${label}: no scrolling`).toBeLessThanOrEqual(state.body.clientHeight);
      expect(state.kind, label).not.toBe('');
      expect(state.description.length, label).toBeGreaterThan(10);
      expect(state.role, label).toMatch(/^As of Dec 15, 2020: \S/);
      if (hasSinceThen(mention.entity)) {
        expect(state.sinceHeading, label).toMatch(AS_OF_HEADING);
        expect(state.sinceItems, label).toBeGreaterThanOrEqual(1);
        expect(state.sinceItems, label).toBeLessThanOrEqual(3);
      } else {
        // A quote can have nothing after the article's date: no empty "since then" section then.
        expect(state.sinceHeading, label).toBeNull();
        expect(state.sinceItems, label).toBe(0);
      }
      expect(state.detailsShown, `${label}: facts and sources wait for "More"`).toBe(false);
      expect(state.more, label).toMatchObject({ label: 'More', expanded: 'false', controlsResolve: true });
      expectPlacedBeside(state, label);
      expectClearOfLine(state, label);
    }
    await page.close();
  });

  it('"More" opens the facts, the whole "since then" and the sources in place, and "Less" closes them, by pointer (aria-expanded)', async () => {
    const page = await openFixture(session, server, 'original.html', { width: 1280, height: 800, deviceScaleFactor: 1 });
    const compact = await hoverBarr(page);
    expect(compact.more).toMatchObject({ label: 'More', expanded: 'false' });

    const expanded = await clickMore(page);
    expect(expanded.entity).toBe('person.bill-barr');
    expect(expanded.more).toMatchObject({ label: 'Less', expanded: 'true', controlsResolve: true });
    expect(expanded.detailsShown).toBe(true);
    expect(expanded.facts).toBeGreaterThanOrEqual(2);
    expect(expanded.sourceLinks).toBeGreaterThanOrEqual(1);
    expect(expanded.sinceItems).toBeGreaterThan(compact.sinceItems);
    // In place: the compact card's first lines stay where the reader was looking.
    expect(Math.abs(expanded.rect.top - compact.rect.top)).toBeLessThanOrEqual(1);
    expectPlacedBeside(expanded, 'expanded');
    expectClearOfLine(expanded, 'expanded');
    // The pointer stays in the card: it does not close behind the reader.
    await sleep(HOVER_DELAY_MS + 300);
    expect(await openCardEntity(page)).toBe('person.bill-barr');

    const again = await clickMore(page);
    expect(again.more).toMatchObject({ label: 'More', expanded: 'false' });
    expect(again.detailsShown).toBe(false);
    expect(again.sinceItems).toBe(compact.sinceItems);
    await page.close();
  });

  it('"More" and "Less" from the keyboard: a card opened from the keyboard has the focus, Tab to the button, Enter and Space toggle it, Escape closes it and gives the focus back', async () => {
    const page = await openFixture(session, server, 'original.html', { width: 1280, height: 800, deviceScaleFactor: 1 });
    const barr = (await mentions(page)).find((m) => m.entity === 'person.bill-barr')!;
    const focused = () =>
      page.evaluate((host: string) => {
        const active = document.querySelector(host)!.shadowRoot!.activeElement;
        return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
      }, CONTRACT.host);
    // The popup's jump to Bill Barr (the same path as the keyboard command): the card takes the focus.
    expect(await session.askPage(page, { type: 'reveal', entity: 'person.bill-barr' })).toBe(true);
    await cardPlaced(page, 'person.bill-barr');
    const compact = (await readCard(page))!;
    await page.waitForFunction((host: string) => document.querySelector(host)!.shadowRoot!.activeElement !== null, { timeout: 3000 }, CONTRACT.host);
    expect(await focused()).toBe('div.body');
    let presses = 0;
    while ((await focused()) !== 'button.more' && presses < 3) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await focused()).toBe('button.more');
    expect(presses).toBe(2); // the close button, then "More"

    await page.keyboard.press('Enter');
    const expanded = await readCard(page);
    expect(expanded?.more).toMatchObject({ label: 'Less', expanded: 'true' });
    expect(expanded?.detailsShown).toBe(true);
    expect(expanded!.sinceItems).toBeGreaterThan(compact.sinceItems);
    expect(await focused()).toBe('button.more'); // focus stays on the button it pressed
    // The source links are now next in the Tab order.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a.');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focused()).toBe('button.more');

    await page.keyboard.press(' ');
    const closed = await readCard(page);
    expect(closed?.more).toMatchObject({ label: 'More', expanded: 'false' });
    expect(closed?.detailsShown).toBe(false);

    await page.keyboard.press('Escape');
    expect(await openCardEntity(page)).toBeNull();
    // Nothing of the page had the focus before: it is back on the document, not left in a closed card.
    expect(await focused()).toBeNull();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Opened again, the card is compact.
    const reopened = await hoverMention(page, barr);
    expect(reopened.more?.expanded).toBe('false');
    await page.close();
  });

  it('respects prefers-reduced-motion: no appear animation', async () => {
    const normal = await openFixture(session, server, 'original.html');
    const first = (await mentions(normal))[0]!;
    expect((await hoverMention(normal, first)).animationName).toBe('appear');
    await normal.close();

    const reduced = await darkPage('original.html');
    expect(await reduced.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const again = (await mentions(reduced))[0]!;
    expect((await hoverMention(reduced, again)).animationName).toBe('none');
    await reduced.close();
  });

  it('touch: a tap on a mention toggles its card, a tap outside closes it', async () => {
    const page = await openFixture(session, server, 'original.html', { width: 800, height: 800, deviceScaleFactor: 1 });
    const putin = (await mentions(page)).find((m) => m.entity === 'person.vladimir-putin')!;
    const at = await mentionPoint(page, putin.index);
    const expanded = async (): Promise<string> => ((await mentions(page))[putin.index]!.open ? 'true' : 'false');

    await tap(page, at.x, at.y);
    expect(await openCardEntity(page)).toBe('person.vladimir-putin');
    expect(await expanded()).toBe('true');
    await tap(page, at.x, at.y);
    expect(await openCardEntity(page)).toBeNull();
    expect(await expanded()).toBe('false');

    await tap(page, at.x, at.y);
    expect(await openCardEntity(page)).toBe('person.vladimir-putin');
    // Outside: the related-articles box (never annotated), well away from the card. Every paragraph
    // of the article now carries a mention, so a tap inside one could land on another mention.
    const outside = await page.evaluate(() => {
      const box = document.querySelector('.related h3')!;
      box.scrollIntoView({ block: 'center' });
      const r = box.getBoundingClientRect();
      return { x: r.left + 40, y: r.top + r.height / 2 };
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    await tap(page, outside.x, outside.y);
    expect(await openCardEntity(page)).toBeNull();
    expect(await expanded()).toBe('false');
    // A tap is no hover: no card turns up after the intent delay either.
    await sleep(HOVER_DELAY_MS + 150);
    expect(await openCardEntity(page)).toBeNull();
    await page.close();
  });

  it('on an RTL page: English card, lined up with the mention, inside the viewport and never over the mention', async () => {
    const page = await openFixture(session, server, 'rtl.html', { width: 1100, height: 800, deviceScaleFactor: 1 });
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    const all = await mentions(page);
    expect(all.length).toBeGreaterThan(40);

    // Mentions starting a line (room for the card on their start side), one in each direction.
    const single = all.filter((m) => m.rects.length === 1);
    const ltr = single.filter((m) => m.direction === 'ltr').sort((a, b) => a.rects[0]!.left - b.rects[0]!.left)[0]!;
    const rtl = single.filter((m) => m.direction === 'rtl').sort((a, b) => b.rects[0]!.right - a.rects[0]!.right)[0]!;

    // An English paragraph marked dir="ltr": the card starts at the mention's left edge.
    const ltrCard = await hoverMention(page, ltr);
    expectPlacedBeside(ltrCard, 'ltr mention');
    expect([ltrCard.lang, ltrCard.dir]).toEqual(['en', 'ltr']);
    expect(ltrCard.placement).toMatch(/-start$/);
    expect(Math.abs(ltrCard.rect.left - ltrCard.mention[0]!.left)).toBeLessThanOrEqual(1);

    // English inheriting the page's RTL direction: the card lines up with the mention's right edge.
    const rtlCard = await hoverMention(page, rtl);
    expectPlacedBeside(rtlCard, 'rtl mention');
    expect([rtlCard.lang, rtlCard.dir]).toEqual(['en', 'ltr']);
    expect(rtlCard.placement).toMatch(/-end$/);
    expect(Math.abs(rtlCard.rect.right - rtlCard.mention[0]!.right)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: screenshotPath(`card-${browserName}-rtl`) });
    await page.close();
  });

  it('on an RTL page at phone width: cards for mentions at the right and left edges stay inside the viewport', async () => {
    const page = await openFixture(session, server, 'rtl.html', { width: 480, height: 800, deviceScaleFactor: 1 });
    const all = (await mentions(page)).filter((m) => m.rects.length === 1);
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    const rightmost = all.filter((m) => m.direction === 'ltr').sort((a, b) => b.rects[0]!.right - a.rects[0]!.right)[0]!;
    const leftmost = all.filter((m) => m.direction === 'rtl').sort((a, b) => a.rects[0]!.left - b.rects[0]!.left)[0]!;
    for (const [label, mention] of [
      ['right edge', rightmost],
      ['left edge', leftmost],
    ] as const) {
      const state = await hoverMention(page, mention);
      const [line] = state.mention;
      const cardWidth = state.rect.right - state.rect.left;
      console.log(
        `[${browserName}] rtl ${label}: "${mention.text}" at ${Math.round(line!.left)}–${Math.round(line!.right)} of ${width}px, card ${Math.round(state.rect.left)}–${Math.round(state.rect.right)}, ${state.placement}`,
      );
      expectPlacedBeside(state, label);
      // The edge case is real: lined up with the mention's start, the card would have run off the screen.
      if (label === 'right edge') expect(line!.left + cardWidth).toBeGreaterThan(width);
      else expect(line!.right - cardWidth).toBeLessThan(0);
    }
    await page.close();
  });

  it('at 200% zoom (640×400 CSS px at 2× pixels): the card fits the viewport, scrolls inside, and leaves its mention visible', async () => {
    const page = await openFixture(session, server, 'original.html', { width: 640, height: 400, deviceScaleFactor: 2 });
    expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
    const all = await mentions(page);
    for (const entity of ['person.bill-barr', 'event.electoral-college-vote-2020', 'law.russia-ex-president-immunity-2020']) {
      const mention = all.find((m) => m.entity === entity)!;
      const state = await hoverMention(page, mention);
      expectPlacedBeside(state, `${entity} at 200%`);
      expect(state.rect.right - state.rect.left).toBeGreaterThan(280);
      expect(state.body.overflowY).toBe('auto');
      expect(state.body.scrollHeight).toBeGreaterThan(state.body.clientHeight);
      expect(state.body.scrolled).toBeGreaterThan(0);
    }
    await page.screenshot({ path: screenshotPath(`card-${browserName}-zoom200`) });

    // From the keyboard: a card opened by the command has the focus on its body, and the arrow keys scroll it.
    const shadowFocus = () =>
      page.evaluate((host: string) => {
        const root = document.querySelector(host)!.shadowRoot!;
        const body = root.querySelector<HTMLElement>('[data-scroll]');
        return { scroll: root.activeElement?.hasAttribute('data-scroll') ?? false, scrollTop: body?.scrollTop ?? -1 };
      }, CONTRACT.host);
    await page.keyboard.press('Escape');
    expect(await session.askPage(page, { type: 'reveal', entity: 'law.russia-ex-president-immunity-2020' })).toBe(true);
    await cardPlaced(page, 'law.russia-ex-president-immunity-2020');
    await page.waitForFunction((host: string) => document.querySelector(host)!.shadowRoot!.activeElement !== null, { timeout: 3000 }, CONTRACT.host);
    expect(await shadowFocus()).toEqual({ scroll: true, scrollTop: 0 });
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (host: string) => (document.querySelector(host)!.shadowRoot!.querySelector<HTMLElement>('[data-scroll]')?.scrollTop ?? 0) > 0,
      { timeout: 2000 },
      CONTRACT.host,
    );
    await page.keyboard.press('Escape');
    expect(await openCardEntity(page)).toBeNull();
    await page.close();
  });

  it('notes a fuzzily matched mention ("Matched approximately") and only that one', async () => {
    const page = await openFixture(session, server, 'fuzzy-mention.html');
    const all = await mentions(page);
    const fuzzy = all.find((m) => m.text === 'the state by state Electoral-College vote');
    expect(fuzzy, 'the reworded quote is anchored').toBeDefined();
    const fuzzyCard = await hoverMention(page, fuzzy!);
    expect(fuzzyCard.entity).toBe('event.electoral-college-vote-2020');
    expect(fuzzyCard.fuzzyNote).toMatch(/^Matched approximately/);
    const exact = all.find((m) => m.entity === 'person.bill-barr')!;
    expect((await hoverMention(page, exact)).fuzzyNote).toBeNull();
    await page.close();
  });

  it('opens a card hovered before the card UI has arrived, on a page that leaves the main thread no idle time', async () => {
    // On a machine so slow that the idle load's 2 s timeout passes before the hover, an attempt
    // proves nothing about this path: it is tried again, at most three times.
    let hoveredBeforeArrival = false;
    for (let attempt = 0; attempt < 3 && !hoveredBeforeArrival; attempt++) {
      const page = await session.newPage();
      await page.setViewport({ width: 1000, height: 800, deviceScaleFactor: 1 });
      // The page's own work, in 30 ms tasks back to back for 8 s from its start: the annotator's
      // idle-time load of cards.js then waits for its 2 s timeout, and the focus below comes first.
      // A message channel, not setTimeout: nested timeouts are clamped to 4 ms, gaps Chromium gives
      // to idle callbacks. The page also notes whether the card styles were in the UI host when the pointer moved in.
      await page.evaluateOnNewDocument(() => {
        const until = Date.now() + 8000;
        const channel = new MessageChannel();
        channel.port1.onmessage = (): void => {
          const end = performance.now() + 30;
          while (performance.now() < end) {
            // busy: no idle period for requestIdleCallback
          }
          if (Date.now() < until) channel.port2.postMessage(null);
        };
        channel.port2.postMessage(null);
        const w = window as unknown as { __stylesAtHover?: boolean; __armed?: boolean };
        addEventListener(
          'pointermove',
          () => {
            if (w.__armed) w.__stylesAtHover ??= document.querySelector('backstory-root')?.shadowRoot?.querySelector('style') !== null;
          },
          true,
        );
      });
      await page.goto(`${server.origin}/fixtures/original.html`, { waitUntil: 'load' });
      await waitFor(page, 'html[data-backstory-article]', DETECT_TIMEOUT);
      await page.waitForFunction((c: Contract) => (CSS.highlights.get(c.highlight)?.size ?? 0) > 0, { timeout: DETECT_TIMEOUT }, CONTRACT);
      const first = (await mentions(page))[0];
      expect(first).toBeDefined();
      await page.mouse.move(2, 2);
      const at = await mentionPoint(page, first!.index);
      await page.evaluate(() => ((window as unknown as { __armed: boolean }).__armed = true));
      await page.mouse.move(at.x, at.y);
      await cardPlaced(page, first!.entity);
      const card = await readCard(page);
      expect(card?.entity).toBe(first!.entity);
      expect(card?.description.length).toBeGreaterThan(0);
      hoveredBeforeArrival = (await page.evaluate(() => (window as unknown as { __stylesAtHover?: boolean }).__stylesAtHover)) === false;
      await page.close();
    }
    expect(hoveredBeforeArrival, 'a mention was hovered while the UI host had no card UI yet (cards.js not arrived)').toBe(true);
  });

  if (browserName === 'chromium') {
    it('paints the card within a frame or so of the hover delay (measured, logged)', async () => {
      const page = await openFixture(session, server, 'original.html');
      const targets = (await mentions(page))
        .filter((m) => m.rects.length === 1)
        .filter((_, i) => i % 4 === 0)
        .slice(0, 5);
      const lags: number[] = [];
      for (const target of targets) {
        const t = await hoverToPaint(page, target);
        const lag = t.painted - HOVER_DELAY_MS;
        console.log(
          `[chromium] "${target.text}": pointermove dispatched ${t.input.toFixed(1)} ms after the input; from there the card is visible after ${t.visible.toFixed(1)} ms and painted after ${t.painted.toFixed(1)} ms: ${lag.toFixed(1)} ms after the ${HOVER_DELAY_MS} ms delay`,
        );
        expect(t.visible).toBeGreaterThanOrEqual(HOVER_DELAY_MS - 5); // the intent delay is honoured
        lags.push(lag);
      }
      const sorted = [...lags].sort((a, b) => a - b);
      console.log(
        `[chromium] hover-to-paint beyond the delay: first ${lags[0]!.toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms over ${lags.length} hovers`,
      );
      // A hang guard, not a timing claim (the figure is the bench's): a busy 2-core CI machine
      // measured 318 ms once, so only an order of magnitude beyond a frame fails the test.
      expect(sorted[sorted.length - 1]!).toBeLessThan(2000);
      await page.close();
    });
  }
});

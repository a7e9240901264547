/**
 * Real React 19, Vue 3 and Svelte 5 apps render the seed article, server-rendered and hydrated
 * late or client-only, then update themselves through their own state the way newsrooms do: a
 * correction in a rich-text run and in a plain paragraph, names turned into links, a keyed
 * paragraph dropped and put back, a live line ticking every 200 ms, an in-app route to another
 * article and back. Backstory must not change what the app controls (facebook/react#11538): no
 * error the page does not log without it, the same text as without it, and mentions that follow
 * the app (re-anchored in edited paragraphs, gone on the other article, back on return).
 * Each scenario runs first in the same browser without the extension: that run is the baseline.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPS, type AppName, type FrameworkServer, MODES, type Mode, launchBare, startFrameworkServer } from './framework-apps.js';
import { BROWSERS, CONTRACT, type Contract, launch, readMentions, type Session } from './harness.js';

/** Where the mentions must be once Backstory has caught up with a step (selectors for closest()). */
interface Want {
  article: boolean;
  /** Each selector holds at least one mention. */
  has: string[];
  /** No mention lies in any of these. */
  hasNot: string[];
}

interface Step {
  name: string;
  /** The app action (window.__app.act); null for the first load. */
  action: string | null;
  /** Text the app renders after the step, and text it no longer renders: the step is done. */
  shows: string[];
  hides: string[];
  /** An element the app's render holds after the step (links change no text). */
  holds?: string;
  want: Want;
}

const AROUND = ['[data-pid=p1]', '[data-pid=p3]', '[data-pid=p8]'];
const STEPS: Step[] = [
  { name: 'load', action: null, shows: ['VLADIMIR Putin has FINALLY congratulated'], hides: [], want: { article: true, has: AROUND, hasNot: [] } },
  {
    name: 'edit (a rich-text run and a plain paragraph)',
    action: 'edit',
    shows: ['election win, and says he is', 'President-elect, a Kremlin statement said.', 'promote global security. (Updated)'],
    hides: [],
    // The edited run's own mentions (in p1's <em>) and the plain paragraph's are anchored again.
    want: { article: true, has: ['[data-pid=p1] em', '[data-pid=p8]'], hasNot: [] },
  },
  {
    name: 'link names',
    action: 'link',
    shows: [],
    hides: [],
    holds: '[data-pid=p1] a',
    // p1's names become links: its mentions are then inside <a> (and still in its <em>).
    want: { article: true, has: ['[data-pid=p1] a', '[data-pid=p1] em', '[data-pid=p8]'], hasNot: [] },
  },
  {
    name: 'drop a keyed paragraph',
    action: 'drop',
    shows: [],
    hides: ['The Kremlin had said'],
    want: { article: true, has: ['[data-pid=p1]', '[data-pid=p8]'], hasNot: ['[data-pid=p3]'] },
  },
  { name: 're-add it', action: 'readd', shows: ['The Kremlin had said'], hides: [], want: { article: true, has: AROUND, hasNot: [] } },
  { name: 'route to another article', action: 'other', shows: ['Harbour town opens'], hides: ['Putin'], want: { article: false, has: [], hasNot: [] } },
  {
    name: 'back to the article',
    action: 'back',
    shows: ['a Kremlin statement said.'],
    hides: ['Harbour town'],
    want: { article: true, has: [...AROUND, '[data-pid=p1] a'], hasNot: [] },
  },
];

/** Generous: Backstory re-anchors after ~0.8 s of quiet and the machine is shared. */
const SETTLE_MS = 15_000;
const RENDER_MS = 10_000;
/** Seven steps, each allowed SETTLE_MS when Backstory does not catch up: a failing run still reports them all. */
const SCENARIO_MS = 180_000;

interface Run {
  /** The page's text after each step, without the live line (it ticks) and Backstory's host. */
  texts: string[];
  /** Page errors and console errors, each with the step it came during. */
  errors: { step: string; message: string }[];
}

function appText(page: Page): Promise<string> {
  return page.evaluate((host: string) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll(`${host}, [data-live]`)) el.remove();
    return clone.textContent ?? '';
  }, CONTRACT.host);
}

/**
 * 'ok' once the mentions are where `want` says, each range in the page and covering its list
 * item's text; 'stray' at once when Backstory has put elements into the app's DOM (the old
 * wrapping: the contract allows none, and no range can be read then).
 */
function settled(c: Contract, want: Want): 'ok' | 'stray' | null {
  const all = document.body.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) if ((all[i] as Element).localName.startsWith('backstory-')) return 'stray';
  const article = document.documentElement.hasAttribute(c.article);
  const ranges: AbstractRange[] = [];
  CSS.highlights.get(c.highlight)?.forEach((range) => void ranges.push(range));
  const items = document.querySelectorAll(`${c.host} > [${c.list}] > li`);
  if (!want.article) return !article && ranges.length === 0 && items.length === 0 ? 'ok' : null;
  if (!article || ranges.length === 0 || ranges.length !== items.length) return null;
  const where: Element[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i] as AbstractRange;
    if (r.collapsed || !r.startContainer.isConnected || !r.endContainer.isConnected) return null;
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    if (live.toString() !== items[i]?.textContent) return null;
    const node = r.startContainer;
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (element) where.push(element);
  }
  const holds = (selector: string): boolean => where.some((el) => el.closest(selector) !== null);
  return want.has.every(holds) && !want.hasNot.some(holds) ? 'ok' : null;
}

/** What the page holds when a settle times out: enough to tell a stale range from a missing one. */
function describeMentions(c: Contract): string {
  const ranges: AbstractRange[] = [];
  CSS.highlights.get(c.highlight)?.forEach((range) => void ranges.push(range));
  const items = document.querySelectorAll(`${c.host} > [${c.list}] > li`);
  const lines = [`article=${document.documentElement.getAttribute(c.article)} ranges=${ranges.length} items=${items.length}`];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i] as AbstractRange;
    const connected = r.startContainer.isConnected && r.endContainer.isConnected;
    let text = '';
    if (connected) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      text = live.toString();
    }
    const el = r.startContainer.nodeType === Node.ELEMENT_NODE ? (r.startContainer as Element) : r.startContainer.parentElement;
    lines.push(
      `${i}: ${JSON.stringify(items[i]?.textContent)} range=${JSON.stringify(text)} connected=${connected} in=${el?.closest('[data-pid]')?.getAttribute('data-pid') ?? el?.localName}`,
    );
  }
  return lines.join('\n');
}

async function rendered(page: Page, step: Step): Promise<boolean> {
  return page
    .waitForFunction(
      (shows: string[], hides: string[], holds: string | null) => {
        const text = document.body.textContent ?? '';
        return shows.every((s) => text.includes(s)) && !hides.some((s) => text.includes(s)) && (holds === null || document.querySelector(holds) !== null);
      },
      { timeout: RENDER_MS, polling: 100 },
      step.shows,
      step.hides,
      step.holds ?? null,
    )
    .then(
      () => true,
      () => false,
    );
}

/**
 * Loads the app and walks it through STEPS. `check` (the extension run) is called after each step
 * has rendered; the baseline run has none. Text and errors are recorded either way.
 */
async function runScenario(newPage: () => Promise<Page>, url: string, check?: (page: Page, step: Step) => Promise<void>): Promise<Run> {
  const page = await newPage();
  const run: Run = { texts: [], errors: [] };
  let current = 'load';
  page.on('pageerror', (error) => run.errors.push({ step: current, message: `page error: ${error instanceof Error ? error.message : String(error)}` }));
  page.on('console', (message) => {
    if (message.type() === 'error') run.errors.push({ step: current, message: `console error: ${message.text()}` });
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    // The app is live (hydrated or mounted) once it has exposed its handle.
    await page.waitForFunction(() => 'act' in ((window as unknown as { __app?: object }).__app ?? {}), { timeout: RENDER_MS, polling: 100 });
    for (const step of STEPS) {
      current = step.name;
      if (step.action) await page.evaluate((action: string) => (window as unknown as { __app: { act(a: string): void } }).__app.act(action), step.action);
      const done = await rendered(page, step);
      if (!check) {
        if (!done) throw new Error(`baseline: the app without Backstory did not render step "${step.name}"`);
      } else {
        expect.soft(done, `${step.name}: the app rendered ${JSON.stringify(step.shows)} and not ${JSON.stringify(step.hides)}`).toBe(true);
        if (done) await check(page, step);
      }
      run.texts.push(await appText(page));
      // An app that stopped rendering (unmounted by a DOM error) has no later step to check.
      if (!done) break;
    }
  } finally {
    await page.close();
  }
  return run;
}

/** Waits for Backstory to catch up with a step, then checks the contract's mentions there. */
async function checkMentions(page: Page, step: Step): Promise<void> {
  const outcome = await page
    .waitForFunction(settled, { timeout: SETTLE_MS, polling: 100 }, CONTRACT, step.want)
    .then((handle) => handle.jsonValue())
    .catch(() => 'timeout' as const);
  if (outcome === 'ok') {
    if (step.want.article) {
      const mentions = await readMentions(page);
      expect.soft(mentions.length, `${step.name}: mentions`).toBeGreaterThan(0);
      for (const m of mentions) expect.soft(m.rangeText, `${step.name}: mention ${m.index} covers its text`).toBe(m.text);
    }
    return;
  }
  const detail = outcome === 'stray' ? 'Backstory elements inside the app' : await page.evaluate(describeMentions, CONTRACT);
  expect.soft(outcome, `${step.name}: mentions where expected (${JSON.stringify(step.want)}):\n${detail}`).toBe('ok');
}

let server: FrameworkServer;
beforeAll(async () => {
  server = await startFrameworkServer();
});
afterAll(async () => {
  await server?.close();
});

const CASES = APPS.flatMap((app) => MODES.map((mode) => [app, mode] as [AppName, Mode]));

describe.each(BROWSERS)('%s: framework apps keep their DOM and their mentions', (name) => {
  const baselines = new Map<string, Run>();
  let session: Session;

  beforeAll(async () => {
    const bare = await launchBare(name);
    try {
      for (const [app, mode] of CASES) baselines.set(`${app}/${mode}`, await runScenario(() => bare.newPage(), server.url(app, mode)));
    } finally {
      await bare.close();
    }
    session = await launch(name);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  it.each(CASES)(
    '%s, %s: updates through its own state',
    async (app, mode) => {
      const baseline = baselines.get(`${app}/${mode}`) as Run;
      // The app is clean on its own: any error below is Backstory's.
      expect(baseline.errors).toEqual([]);
      const run = await runScenario(() => session.newPage(), server.url(app, mode), checkMentions);
      for (const [index, text] of run.texts.entries()) {
        expect.soft(text, `${STEPS[index]?.name}: the page's text is what the app rendered`).toBe(baseline.texts[index]);
      }
      const known = new Set(baseline.errors.map((e) => e.message));
      expect
        .soft(
          run.errors.filter((e) => !known.has(e.message)),
          'errors the page does not log without Backstory',
        )
        .toEqual([]);
    },
    SCENARIO_MS,
  );
});

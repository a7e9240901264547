/**
 * The background's message handlers and listeners, through the listener src/background/index.ts
 * registers (its real dispatch), with the WebExtension API replaced by an in-memory fake and the
 * dataset by stubs: injection into the sender's frame, per-tab reports and badges, the popup's
 * tab state, and what the background leaves alone.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { blockShingles, textShingles } from '../../../src/background/page-shingles.js';
import { HIGHLIGHT_CSS } from '../../../src/shared/dom-contract.js';
import type { PageMatch } from '../../../src/shared/messages.js';
import type { PageReport } from '../../../src/shared/report.js';
import type { ArticleRecord } from '../../../src/shared/types.js';

type Listener = (...args: never[]) => unknown;
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Listener>();
  const on = (name: string) => ({ addListener: (listener: Listener) => listeners.set(name, listener) });
  const session = new Map<string, unknown>();
  return {
    listeners,
    session,
    browser: {
      runtime: { onMessage: on('message'), onInstalled: on('installed') },
      tabs: { onRemoved: on('removed'), onUpdated: on('updated'), query: vi.fn(), sendMessage: vi.fn() },
      commands: { onCommand: on('command') },
      scripting: { executeScript: vi.fn(), insertCSS: vi.fn() },
      action: { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn() },
      storage: {
        session: {
          get: (key: string) => Promise.resolve(session.has(key) ? { [key]: session.get(key) } : {}),
          set: (items: Record<string, unknown>) => Promise.resolve(void Object.entries(items).forEach(([k, v]) => session.set(k, v))),
          remove: (key: string) => Promise.resolve(void session.delete(key)),
        },
      },
    },
    dataset: { lookup: vi.fn(), screen: vi.fn(), loadMeta: vi.fn(), recordAt: vi.fn() },
  };
});
vi.mock('../../../src/shared/browser.js', () => ({ default: fake.browser }));
vi.mock('../../../src/background/dataset.js', () => fake.dataset);
await import('../../../src/background/index.js');

const { browser, dataset, listeners, session } = fake;
const listener = (name: string): Listener => {
  const found = listeners.get(name);
  if (!found) throw new Error(`index.ts registered no ${name} listener`);
  return found;
};
const send = (message: unknown, sender: object = { tab: { id: 7 }, frameId: 3 }): unknown =>
  (listener('message') as (m: unknown, s: object) => unknown)(message, sender);
/** Lets the listeners' un-awaited work (storage, injection) finish. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const RECORD = { id: 'article-a', headline: 'A' } as ArticleRecord;
const MATCH: PageMatch = {
  article: RECORD,
  articleNumber: 4,
  alignment: [[0]],
  strongParagraphs: 1,
  coverage: [{ containment: 1, shingles: 8 }],
  repeatedBlocks: [],
};
function report(entities: string[]): PageReport {
  return {
    articleId: 'article-a',
    articleNumber: 4,
    paragraphsTotal: 1,
    paragraphsFound: 1,
    mentions: entities.map((entity, i) => ({ annotation: `a${i}`, entity, method: 'exact' })),
    missing: [],
    timings: { scan: 1, annotate: 1 },
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  session.clear();
  browser.scripting.executeScript.mockResolvedValue([]);
  browser.scripting.insertCSS.mockResolvedValue(undefined);
  browser.action.setBadgeText.mockResolvedValue(undefined);
  browser.action.setBadgeBackgroundColor.mockResolvedValue(undefined);
  dataset.loadMeta.mockResolvedValue({ articleCount: 12 });
});

/** The background's own time, whatever it was. */
const ANY_MS = expect.any(Number) as unknown as number;
const BLOCKS = ['Vladimir Putin has finally congratulated Joe Biden on his election win.', 'A second block of the page with words enough to hash.'];

describe('screen', () => {
  it('hashes the page’s texts here, answers whether an article is a candidate, and starts the annotator, after its answer, when one is likely', async () => {
    dataset.screen.mockResolvedValue({ candidate: true, likely: true });
    expect(await send({ type: 'screen', texts: BLOCKS, annotatorLoaded: false })).toEqual({
      candidate: true,
      injecting: true,
      backgroundMs: ANY_MS,
    });
    expect(dataset.screen).toHaveBeenCalledWith(textShingles(BLOCKS));
    // Not before the answer has left: the page reads its blocks first.
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
    await settle();
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, files: ['annotator.js'] });
    // The stylesheet comes with the match (lookup), not with a likely screen.
    expect(browser.scripting.insertCSS).not.toHaveBeenCalled();
  });

  it('injects nothing for a page that is no candidate, or whose frame has the annotator', async () => {
    dataset.screen.mockResolvedValue({ candidate: false, likely: false });
    expect(await send({ type: 'screen', texts: BLOCKS, annotatorLoaded: false })).toEqual({
      candidate: false,
      injecting: false,
      backgroundMs: ANY_MS,
    });
    dataset.screen.mockResolvedValue({ candidate: true, likely: true });
    expect(await send({ type: 'screen', texts: BLOCKS, annotatorLoaded: true })).toEqual({
      candidate: true,
      injecting: false,
      backgroundMs: ANY_MS,
    });
    await settle();
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
  });
});

describe('lookup', () => {
  it('answers with the dataset’s match for the blocks hashed here, and starts injecting the annotator into the sender’s frame when one is likely', async () => {
    dataset.lookup.mockImplementation((_blocks: number[][], onMatch?: () => void) => {
      onMatch?.();
      return Promise.resolve(MATCH);
    });
    expect(await send({ type: 'lookup', blocks: BLOCKS, annotatorLoaded: false, highlightStyles: false })).toEqual({ match: MATCH, backgroundMs: ANY_MS });
    expect(dataset.lookup).toHaveBeenCalledWith(blockShingles(BLOCKS), expect.any(Function));
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, files: ['annotator.js'] });
    // The ::highlight() rules that draw the mentions, into the same frame: after the answer has left.
    expect(browser.scripting.insertCSS).not.toHaveBeenCalled();
    await settle();
    expect(browser.scripting.insertCSS).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, css: HIGHLIGHT_CSS });
  });

  it('injects nothing when the frame already has the annotator and the stylesheet', async () => {
    dataset.lookup.mockResolvedValue(MATCH);
    await send({ type: 'lookup', blocks: BLOCKS, annotatorLoaded: true, highlightStyles: true });
    await settle();
    expect(dataset.lookup).toHaveBeenCalledWith(blockShingles(BLOCKS), undefined);
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
    expect(browser.scripting.insertCSS).not.toHaveBeenCalled();
  });

  it('inserts the stylesheet with the first match only: not for a page that is not the article', async () => {
    dataset.lookup.mockResolvedValue(null);
    await send({ type: 'lookup', blocks: BLOCKS, annotatorLoaded: true, highlightStyles: false });
    await settle();
    expect(browser.scripting.insertCSS).not.toHaveBeenCalled();
    dataset.lookup.mockResolvedValue(MATCH);
    await send({ type: 'lookup', blocks: BLOCKS, annotatorLoaded: true, highlightStyles: false });
    await settle();
    expect(browser.scripting.insertCSS).toHaveBeenCalledTimes(1);
  });

  it('answers a match even when the injection fails (the content script asks again)', async () => {
    browser.scripting.executeScript.mockRejectedValue(new Error('frame gone'));
    dataset.lookup.mockImplementation((_blocks: number[][], onMatch?: () => void) => {
      onMatch?.();
      return Promise.resolve(MATCH);
    });
    expect(await send({ type: 'lookup', blocks: BLOCKS, annotatorLoaded: false, highlightStyles: false })).toEqual({ match: MATCH, backgroundMs: ANY_MS });
  });
});

describe('chunk injection', () => {
  it.each([
    ['load-annotator', 'annotator.js'],
    ['load-cards', 'cards.js'],
  ])('%s injects %s into the sender’s frame (the top frame when none is named)', async (type, file) => {
    expect(await send({ type }, { tab: { id: 9 } })).toBe(true);
    expect(browser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 9, frameIds: [0] }, files: [file] });
  });

  it('injects nothing for a sender outside a tab', async () => {
    expect(await send({ type: 'load-cards' }, {})).toBe(false);
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
  });
});

describe('reports, badges and the popup’s tab state', () => {
  it('keeps a tab’s report and badges the tab with its distinct entities', async () => {
    await send({ type: 'report', report: report(['person.a', 'person.b', 'person.a']) });
    expect(session.get('tab:7')).toEqual(report(['person.a', 'person.b', 'person.a']));
    expect(browser.action.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '2' });
  });

  it('a null report forgets the tab and clears its badge', async () => {
    session.set('tab:7', report(['person.a']));
    await send({ type: 'report', report: null });
    expect(session.has('tab:7')).toBe(false);
    expect(browser.action.setBadgeText).toHaveBeenCalledWith({ tabId: 7, text: '' });
    expect(browser.action.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });

  it('keeps nothing from a sender outside a tab', async () => {
    expect(await send({ type: 'report', report: report(['person.a']) }, {})).toBeNull();
    expect(session.size).toBe(0);
    expect(browser.action.setBadgeText).not.toHaveBeenCalled();
  });

  it('tab-state: the article with its report when the record is the report’s', async () => {
    session.set('tab:5', report(['person.a']));
    dataset.recordAt.mockResolvedValue(RECORD);
    expect(await send({ type: 'tab-state', tabId: 5 })).toEqual({ kind: 'article', article: RECORD, report: report(['person.a']) });
    expect(dataset.recordAt).toHaveBeenCalledWith(4, 'article-a');
  });

  it('tab-state: none, with the dataset’s size, for a tab without a report or whose record is not the report’s', async () => {
    expect(await send({ type: 'tab-state', tabId: 5 })).toEqual({ kind: 'none', datasetArticles: 12 });
    session.set('tab:5', report(['person.a']));
    dataset.recordAt.mockResolvedValue(null);
    expect(await send({ type: 'tab-state', tabId: 5 })).toEqual({ kind: 'none', datasetArticles: 12 });
  });

  it('forgets a tab when it closes or starts loading another URL, not on other updates', async () => {
    session.set('tab:5', report([]));
    session.set('tab:6', report([]));
    (listener('updated') as (id: number, change: object) => void)(5, { status: 'complete' });
    (listener('updated') as (id: number, change: object) => void)(6, { title: 'new title' });
    // Loading with no URL in the change: the tab's content script reports afresh, nothing to forget.
    (listener('updated') as (id: number, change: object) => void)(6, { status: 'loading' });
    await settle();
    expect([...session.keys()]).toEqual(['tab:5', 'tab:6']);
    (listener('updated') as (id: number, change: object) => void)(5, { status: 'loading', url: 'https://example.com/next' });
    (listener('removed') as (id: number) => void)(6);
    await settle();
    expect(session.size).toBe(0);
  });
});

describe('what the background does not answer', () => {
  it.each([null, 'lookup', {}, { type: 'reveal', entity: 'x' }, { type: 'toString' }])('leaves %j to other listeners', (message) => {
    expect(send(message)).toBeUndefined();
  });
});

describe('install and the keyboard command', () => {
  it('injects the content script into the open http(s) tabs on install and update, not on a browser update', async () => {
    browser.tabs.query.mockResolvedValue([{ id: 1 }, { id: 2 }, {}]);
    (listener('installed') as (details: object) => void)({ reason: 'browser_update' });
    await settle();
    expect(browser.scripting.executeScript).not.toHaveBeenCalled();
    (listener('installed') as (details: object) => void)({ reason: 'update' });
    await settle();
    expect(browser.tabs.query).toHaveBeenCalledWith(expect.objectContaining({ url: ['http://*/*', 'https://*/*'] }));
    expect(browser.scripting.executeScript.mock.calls.map(([call]) => call as unknown)).toEqual([
      { target: { tabId: 1, frameIds: [0] }, files: ['content.js'] },
      { target: { tabId: 2, frameIds: [0] }, files: ['content.js'] },
    ]);
  });

  it('toggle-overlays asks the active tab’s top frame', async () => {
    browser.tabs.query.mockResolvedValue([{ id: 8 }]);
    browser.tabs.sendMessage.mockResolvedValue(true);
    (listener('command') as (command: string) => void)('toggle-overlays');
    await settle();
    expect(browser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(8, { type: 'toggle-overlays' }, { frameId: 0 });
  });

  it('next-mention (the keyboard path to the cards) asks the active tab’s top frame to open the next card', async () => {
    browser.tabs.query.mockResolvedValue([{ id: 5 }]);
    browser.tabs.sendMessage.mockResolvedValue(true);
    (listener('command') as (command: string, tab?: object) => void)('next-mention', { id: 5, windowId: 1 });
    await settle();
    expect(browser.tabs.sendMessage).toHaveBeenCalledWith(5, { type: 'next-mention' }, { frameId: 0 });
  });
});

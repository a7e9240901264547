/**
 * The background: holds the dataset once per browser, answers lookups, injects the annotator on a
 * match, keeps per-tab results and the badge, and serves the popup. Stateless in memory beyond
 * caches, so a stopped Chrome service worker answers correctly when woken.
 */
import browser from '../shared/browser.js';
import { HIGHLIGHT_CSS } from '../shared/dom-contract.js';
import { askTab, dispatch, type BackgroundReplies, type BackgroundRequest, type ContentRequest, type Handlers } from '../shared/messages.js';
import { openPanel } from '../shared/panel.js';
import { showBadge } from './badge.js';
import { loadMeta, lookup, recordAt, screen } from './dataset.js';
import { injectIntoOpenTabs } from './inject-open-tabs.js';
import { blockShingles, textShingles } from './page-shingles.js';
import { problemReportFor } from './problem-report.js';
import { clearTab, saveTabReport, tabReport } from './tab-state.js';

type Sender = browser.Runtime.MessageSender;

/** Injects one of the lazily loaded chunks into the sender's frame. */
async function injectChunk(sender: Sender, file: 'annotator.js' | 'cards.js'): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return false;
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [file] });
  return true;
}

/**
 * The `::highlight()` rules that draw the mentions, inserted by the browser as an extension
 * stylesheet, which no page CSP blocks and which styles nothing but our highlights. Inserted once
 * a match is answered, not with the annotator's early injection: a new stylesheet restyles the
 * whole document, and this way the page restyles once, for the sheet and the highlights together,
 * after the annotation pass (before, that frame landed while the page waited for the lookup).
 */
async function insertHighlightStyles(sender: Sender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId !== undefined) await browser.scripting.insertCSS({ target: { tabId, frameIds: [sender.frameId ?? 0] }, css: HIGHLIGHT_CSS });
}

/**
 * On a match (or one all but certain), start injecting the annotator while the record loads, and
 * answer without waiting for the injection's completion to travel back here: the content script
 * waits for the chunk to register itself instead (two fewer hops between detection and cards). A
 * failed injection is not fatal: the content script then asks with 'load-annotator'.
 */
const startAnnotator = (sender: Sender) => (): void => void injectChunk(sender, 'annotator.js').catch(() => false);

/**
 * Runs `task` once the answer being returned has left (a task after it), not before: what it
 * injects into the page would reach the page's main thread ahead of the answer, and hold up the
 * page's next step (reading its blocks after the screen, annotating after the lookup). Measured for
 * the screen's injection: its answer 3 ms sooner, detect + anchor + mount about 2 ms sooner at p50.
 */
const afterAnswer = (task: () => void): void => void setTimeout(task, 0);

const handlers: Handlers<BackgroundRequest, BackgroundReplies, Sender> = {
  screen: async (request, sender) => {
    const start = performance.now();
    const { candidate, likely } = await screen(textShingles(request.texts));
    const injecting = likely && !request.annotatorLoaded;
    // The chunk then runs while the page waits for the lookup's answer.
    if (injecting) afterAnswer(startAnnotator(sender));
    return { candidate, injecting, backgroundMs: performance.now() - start };
  },

  lookup: async (request, sender) => {
    const start = performance.now();
    const match = await lookup(blockShingles(request.blocks), request.annotatorLoaded ? undefined : startAnnotator(sender));
    if (match && !request.highlightStyles) afterAnswer(() => void insertHighlightStyles(sender).catch(() => undefined));
    return { match, backgroundMs: performance.now() - start };
  },

  'load-annotator': (_request, sender) => injectChunk(sender, 'annotator.js'),

  // The card UI chunk, asked for by the annotator (through the content script) once the mentions are mounted.
  'load-cards': (_request, sender) => injectChunk(sender, 'cards.js'),

  report: async (request, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return null;
    if (request.report) await saveTabReport(tabId, request.report);
    else await clearTab(tabId);
    await showBadge(tabId, request.report);
    return null;
  },

  'tab-state': async (request) => {
    const report = await tabReport(request.tabId);
    const article = report ? await recordAt(report.articleNumber, report.articleId) : null;
    if (report && article) return { kind: 'article', article, report };
    return { kind: 'none', datasetArticles: (await loadMeta()).articleCount };
  },

  'problem-report': async (request, sender) => {
    const tabId = request.tabId ?? sender.tab?.id;
    if (tabId === undefined) throw new Error('problem-report: no tab');
    const { entity, fuzzy, includeAddress } = request;
    const pageUrl = request.tabId === undefined ? sender.tab?.url : undefined;
    return problemReportFor({
      tabId,
      includeAddress,
      ...(entity === undefined ? {} : { entity }),
      ...(fuzzy === undefined ? {} : { fuzzy }),
      ...(pageUrl ? { pageUrl } : {}),
    });
  },
};

browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => dispatch(handlers, message, sender));

browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install' || reason === 'update') void injectIntoOpenTabs();
});

browser.tabs.onRemoved.addListener((tabId) => {
  void clearTab(tabId);
});

browser.tabs.onUpdated.addListener((tabId, change) => {
  // A new document is loading: its content script will report afresh.
  if (change.status === 'loading' && change.url) void clearTab(tabId);
});

/** The manifest's keyboard commands that are a request to the active tab's content script. */
const TAB_COMMANDS: Record<string, ContentRequest> = {
  'toggle-overlays': { type: 'toggle-overlays' },
  'next-mention': { type: 'next-mention' },
};

browser.commands.onCommand.addListener((command, tab) => {
  const request = TAB_COMMANDS[command];
  if (request) void askActiveTab(request);
  // Opened here, in the command's own handler: both browsers open a panel only in answer to a user action.
  if (command === 'open-panel' && tab?.windowId !== undefined) void openPanel(tab.windowId).catch(() => undefined);
});

async function askActiveTab(request: ContentRequest): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await askTab(tab.id, request).catch(() => undefined);
}

/**
 * The background: holds the dataset once per browser, answers lookups, injects the annotator on a
 * match, keeps per-tab results and the badge, and serves the popup. Stateless in memory beyond
 * caches, so a stopped Chrome service worker answers correctly when woken.
 */
import browser from '../shared/browser.js';
import { askTab, isRequest, type BackgroundReplies, type BackgroundRequest, type Handlers } from '../shared/messages.js';
import { openPanel } from '../shared/panel.js';
import { showBadge } from './badge.js';
import { loadMeta, lookup, recordAt } from './dataset.js';
import { injectIntoOpenTabs } from './inject-open-tabs.js';
import { addJumpStyle } from './jump-style.js';
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

const injectAnnotator = (sender: Sender): Promise<boolean> => injectChunk(sender, 'annotator.js');

const handlers: Handlers<BackgroundRequest, BackgroundReplies, Sender> = {
  lookup: async (request, sender) => {
    // On a match, start injecting the annotator while the record loads, and answer without waiting
    // for the injection's completion to travel back here: the content script waits for the chunk
    // to register itself instead (two fewer hops between detection and cards). A failed injection
    // is not fatal: the content script then asks with 'load-annotator'.
    return lookup(request.blocks, request.annotatorLoaded ? undefined : () => void injectAnnotator(sender).catch(() => false));
  },

  'load-annotator': (_request, sender) => injectAnnotator(sender),

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

  'jump-style': (_request, sender) => (sender.tab?.id === undefined ? false : addJumpStyle(sender.tab.id, sender.frameId ?? 0)),
};

const TYPES = Object.keys(handlers);

browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
  if (!isRequest<BackgroundRequest>(message, TYPES)) return undefined;
  const handler = handlers[message.type] as (request: BackgroundRequest, sender: Sender) => unknown;
  return Promise.resolve(handler(message, sender));
});

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

browser.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-overlays') void toggleOverlaysInActiveTab();
  // Opened here, in the command's own handler: both browsers open a panel only in answer to a user action.
  if (command === 'open-panel' && tab?.windowId !== undefined) void openPanel(tab.windowId).catch(() => undefined);
});

async function toggleOverlaysInActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await askTab(tab.id, { type: 'toggle-overlays' }).catch(() => undefined);
}

/**
 * Per-tab results in `storage.session`: they survive a Chrome service worker being stopped after
 * idle (memory does not), stay out of disk storage, and are per tab, so no window or private
 * window ever shows another's state.
 */
import browser from '../shared/browser.js';
import type { PageReport } from '../shared/report.js';

const key = (tabId: number): string => `tab:${tabId}`;

export async function saveTabReport(tabId: number, report: PageReport): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: report });
}

export async function tabReport(tabId: number): Promise<PageReport | null> {
  const stored = await browser.storage.session.get(key(tabId));
  return (stored[key(tabId)] as PageReport | undefined) ?? null;
}

export async function clearTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

import browser from '../shared/browser.js';
import type { PageReport } from '../shared/report.js';

/** The number of distinct entities annotated on the tab; nothing on other tabs. */
export async function showBadge(tabId: number, report: PageReport | null): Promise<void> {
  const count = report ? new Set(report.mentions.map((m) => m.entity)).size : 0;
  await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1f3a5f' });
}

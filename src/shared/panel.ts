/**
 * Opens the companion panel: Chrome's side panel (`sidePanel`, Chrome only, hence `chrome.*` behind a
 * check) or Firefox's sidebar (`sidebarAction`). Both browsers allow it only in answer to a user
 * action (a click in the popup, a keyboard command), so callers call this first, before any await.
 */
import browser from './browser.js';

interface ChromeSidePanel {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
}

/** Whether this browser has a panel to open. */
export function hasPanel(): boolean {
  return (globalThis as { chrome?: ChromeSidePanel }).chrome?.sidePanel !== undefined || browser.sidebarAction !== undefined;
}

export async function openPanel(windowId: number): Promise<void> {
  const sidePanel = (globalThis as { chrome?: ChromeSidePanel }).chrome?.sidePanel;
  if (sidePanel) await sidePanel.open({ windowId });
  else await browser.sidebarAction.open();
}

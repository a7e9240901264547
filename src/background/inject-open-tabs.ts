/**
 * After an install or an update, Chrome runs declared content scripts only in pages loaded from
 * then on (Firefox also injects them into open tabs). Injecting ours into the open http(s) tabs
 * gives them Backstory without a reload and lets an orphaned copy of the previous version hand the
 * page over (content/handover.ts; a copy already running in a world makes a second one a no-op).
 * Not webext-inject-on-install: it requires the `tabs` permission, while our host access already
 * shows us the URLs of http(s) tabs.
 */
import browser from '../shared/browser.js';

export async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'], discarded: false, status: 'complete' });
  await Promise.all(
    tabs.flatMap((tab) =>
      tab.id === undefined ? [] : [browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: ['content.js'] }).catch(() => undefined)],
    ),
  );
}

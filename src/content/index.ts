/**
 * The content script: the only code every http(s) page pays for. Gate (global switch and
 * per-site switch, before any DOM work), scan, ask the background, and only on a match load the
 * annotator. Everything it attaches to the page hangs off one AbortSignal, which an orphaned copy
 * aborts when a newer copy takes over (see handover.ts).
 */
import browser from '../shared/browser.js';
import { isActiveOn, loadSettings, siteOf, watchSettings, type Settings } from '../shared/settings.js';
import { announceHandover, claimWorld, onHandover, releaseWorld } from './handover.js';
import { PageSession } from './page-session.js';

function isContextValid(): boolean {
  try {
    return Boolean(browser.runtime.id);
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const site = siteOf(location.href);
  if (!site || window.top !== window) return;
  // Before anything else: an orphaned copy of an earlier version clears the page (and its world) for us.
  announceHandover();
  if (!claimWorld()) return;
  // One signal for the content script's life in this page (aborted when it is orphaned), and one
  // per page session beneath it (aborted when the site is switched off): every listener, observer,
  // timer, highlight and host hangs off one of them.
  const lifetime = new AbortController();
  let session: AbortController | null = null;
  lifetime.signal.addEventListener('abort', () => {
    session?.abort();
    session = null;
    releaseWorld();
  });
  onHandover(
    () => !isContextValid(),
    () => lifetime.abort(),
    lifetime.signal,
  );
  let settings: Settings = await loadSettings();

  let page: PageSession | null = null;
  const apply = (next: Settings): void => {
    settings = next;
    const active = isActiveOn(settings, site);
    if (active && !session) {
      session = new AbortController();
      page = new PageSession(settings, session.signal, isContextValid, () => lifetime.abort());
      page.start();
    } else if (!active && session) {
      session.abort();
      session = null;
      page = null;
    } else {
      page?.applySettings(settings);
    }
  };
  watchSettings(apply, lifetime.signal);
  apply(settings);
}

main().catch((error: unknown) => {
  // A page can not be allowed to see Backstory fail loudly; keep a trace for developers.
  console.debug('[backstory] content script stopped:', error);
});

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
  const lifetime = new AbortController();
  let session: PageSession | null = null;
  // Orphaned (extension reloaded or updated): leave the page, and this world, as they were.
  lifetime.signal.addEventListener('abort', () => {
    session?.stop();
    session = null;
    releaseWorld();
  });
  onHandover(
    () => !isContextValid(),
    () => lifetime.abort(),
    lifetime.signal,
  );
  let settings: Settings = await loadSettings();

  const apply = (next: Settings): void => {
    settings = next;
    const active = isActiveOn(settings, site);
    if (active && !session) {
      session = new PageSession(settings, isContextValid, () => lifetime.abort());
      session.start();
    } else if (!active && session) {
      session.stop();
      session = null;
    } else {
      session?.applySettings(settings);
    }
  };
  watchSettings(apply, lifetime.signal);
  apply(settings);
}

main().catch((error: unknown) => {
  // A page can not be allowed to see Backstory fail loudly; keep a trace for developers.
  console.debug('[backstory] content script stopped:', error);
});

/**
 * Loads what the popup or the panel shows for one tab and keeps it current: settings changes (the
 * switch, the options page, another window), a late report from the page (the content script
 * reports after the view opened, or after the reader turned Backstory back on), navigation, and,
 * when it describes the active tab rather than a given one, the reader switching tabs (the panel
 * stays open while they do).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser.js';
import { askBackground, type TabState } from '../shared/messages.js';
import { loadSettings, siteOf, watchSettings, type Settings } from '../shared/settings.js';
import { decideView, disabledReason, type PageView } from './tab-model.js';

export interface TabView {
  view: PageView;
  /** The tab described, once known. */
  tabId: number | null;
  /** Its window, once known (the panel opens in it). */
  windowId: number | null;
  /** The tab's site, once known (null for non-http(s) pages). */
  site: string | null;
  settings: Settings | null;
  /** Reloads everything now (after a change, or from the error state's retry button). */
  refresh: () => void;
  /** Applies settings the popup just saved, before storage echoes them back. */
  applySettings: (settings: Settings) => void;
}

interface Loaded {
  view: PageView;
  tabId: number | null;
  windowId: number | null;
  site: string | null;
  settings: Settings | null;
}

/** Storage events arrive in bursts (a report, then the badge…); one reload per burst is enough. */
const REFRESH_DEBOUNCE_MS = 80;

/** What to describe: one tab (`?tab=ID`), or the active tab of one window (`?window=ID`) or of the view's own window. */
export type TabTarget = { tab: number } | { activeIn: number | 'current' };

async function resolveTabId(target: TabTarget): Promise<number> {
  if ('tab' in target) {
    if (!Number.isInteger(target.tab)) throw new Error('invalid ?tab= parameter');
    return target.tab;
  }
  const { activeIn } = target;
  if (activeIn !== 'current' && !Number.isInteger(activeIn)) throw new Error('invalid ?window= parameter');
  const [tab] = await browser.tabs.query(activeIn === 'current' ? { active: true, currentWindow: true } : { active: true, windowId: activeIn });
  if (tab?.id === undefined) throw new Error('no active tab');
  return tab.id;
}

function isTabState(value: unknown): value is TabState {
  const kind = (value as { kind?: unknown } | null | undefined)?.kind;
  return kind === 'article' || kind === 'none';
}

export function useTabView(target: TabTarget): TabView {
  const [loaded, setLoaded] = useState<Loaded>({ view: { state: 'loading' }, tabId: null, windowId: null, site: null, settings: null });
  // The effect depends on the target's value, not on the object a parent re-creates at each render.
  const targetKey = JSON.stringify(target);
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  // Known tab id, read by the listeners without re-subscribing them on every load.
  const tabIdRef = useRef<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let sequence = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const parsed = JSON.parse(targetKey) as TabTarget;
    const load = async (): Promise<void> => {
      const mine = ++sequence;
      // Only the newest load may write: an older, slower one must not overwrite fresher state.
      const current = (): boolean => mine === sequence && !signal.aborted;
      let known: Omit<Loaded, 'view'> = { tabId: tabIdRef.current, windowId: null, site: null, settings: null };
      try {
        const tabId = await resolveTabId(parsed);
        tabIdRef.current = tabId;
        const [tab, settings] = await Promise.all([browser.tabs.get(tabId), loadSettings()]);
        const site = siteOf(tab.url);
        known = { tabId, windowId: tab.windowId ?? null, site, settings };
        let tabState: TabState | null = null;
        if (site !== null && disabledReason(settings, site) === null) {
          const reply: unknown = await askBackground({ type: 'tab-state', tabId });
          if (!isTabState(reply)) throw new Error('unexpected tab-state reply');
          tabState = reply;
        }
        if (current()) setLoaded({ ...known, view: decideView(site, settings, tabState) });
      } catch (error) {
        console.warn('Backstory popup:', error);
        if (current()) setLoaded({ ...known, view: { state: 'error' } });
      }
    };
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), REFRESH_DEBOUNCE_MS);
    };

    void load();
    watchSettings(schedule, signal);

    // The background keeps per-tab reports in storage.session; any change may be this tab's.
    const onStorage = (_changes: unknown, area: string): void => {
      if (area === 'session') schedule();
    };
    browser.storage.onChanged.addListener(onStorage);
    const onUpdated = (tabId: number, change: { url?: string; status?: string }): void => {
      if (tabId === tabIdRef.current && (change.url !== undefined || change.status === 'complete')) schedule();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    // Following the active tab: another tab activated (in any window: the load asks which one is ours).
    const onActivated = (): void => {
      if (!('tab' in parsed)) schedule();
    };
    browser.tabs.onActivated.addListener(onActivated);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      browser.storage.onChanged.removeListener(onStorage);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onActivated.removeListener(onActivated);
    });
    return () => controller.abort();
  }, [targetKey, generation]);

  const applySettings = useCallback((settings: Settings) => setLoaded((prev) => ({ ...prev, settings })), []);

  return { ...loaded, refresh, applySettings };
}

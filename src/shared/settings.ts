/**
 * Reader settings: one typed record in `storage.sync`, read through here only. Unknown or
 * malformed stored values fall back to defaults field by field, so a bad write never disables
 * the extension's UI.
 */
import browser from './browser.js';
import { ENTITY_KINDS } from './types.js';

export { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, type Settings } from './settings-defaults.js';
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, type Settings } from './settings-defaults.js';

const KEY = 'settings';

export function coerceSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const kindsRaw = (typeof r.kinds === 'object' && r.kinds !== null ? r.kinds : {}) as Record<string, unknown>;
  const kinds = { ...DEFAULT_SETTINGS.kinds };
  for (const kind of ENTITY_KINDS) if (typeof kindsRaw[kind] === 'boolean') kinds[kind] = kindsRaw[kind];
  const delay = typeof r.hoverDelayMs === 'number' && Number.isFinite(r.hoverDelayMs) ? r.hoverDelayMs : DEFAULT_SETTINGS.hoverDelayMs;
  return {
    enabled: typeof r.enabled === 'boolean' ? r.enabled : DEFAULT_SETTINGS.enabled,
    disabledSites: Array.isArray(r.disabledSites)
      ? [...new Set(r.disabledSites.filter((s): s is string => typeof s === 'string').map(normaliseSite))].filter(Boolean)
      : [],
    hoverDelayMs: Math.round(Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, delay))),
    kinds,
    showSinceThen: typeof r.showSinceThen === 'boolean' ? r.showSinceThen : DEFAULT_SETTINGS.showSinceThen,
  };
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(KEY);
  return coerceSettings(stored[KEY]);
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = coerceSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.sync.set({ [KEY]: next });
  return next;
}

/** Calls back with the new settings whenever they change, until the signal aborts. */
export function watchSettings(callback: (settings: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    if (area === 'sync' && KEY in changes) callback(coerceSettings(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

export function normaliseSite(site: string): string {
  return site
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** The site a URL belongs to, or null for pages Backstory never works on (not http/https). */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return normaliseSite(parsed.hostname);
  } catch {
    return null;
  }
}

export function isActiveOn(settings: Settings, site: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(site);
}

export async function setSiteEnabled(site: string, enabled: boolean): Promise<Settings> {
  const settings = await loadSettings();
  const others = settings.disabledSites.filter((s) => s !== site);
  return saveSettings({ disabledSites: enabled ? others : [...others, site] });
}

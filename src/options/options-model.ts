/**
 * The options page's rules, free of the DOM so they are tested in Node: what counts as a site
 * the reader can add, and the bounds of the hover delay.
 */
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, normaliseSite } from '../shared/settings.js';

export type SiteError = 'empty' | 'invalid' | 'duplicate';

export type AddSiteResult = { ok: true; site: string; sites: string[] } | { ok: false; error: SiteError; site?: string };

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The site the reader means, or null. Accepts a bare hostname ("www.Example.com"), a pasted
 * address ("https://example.com/news/1") or a host with a port, and normalises it the way
 * `siteOf` normalises page URLs, so what is stored matches what pages report (internationalised
 * names become punycode, exactly as `URL.hostname` gives them).
 */
export function parseSite(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let hostname: string;
  try {
    const url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    hostname = url.hostname;
  } catch {
    return null;
  }
  const site = normaliseSite(hostname);
  if (!site || site.length > 253) return null;
  if (site.startsWith('[')) return site; // An IPv6 literal URL accepted.
  // URL turns "123" into "0.0.0.123"; only take an IPv4 address the reader actually typed.
  if (IPV4.test(site)) return trimmed.toLowerCase().includes(site) ? site : null;
  return site.split('.').every((label) => LABEL.test(label)) ? site : null;
}

/** Adds the typed site to the disabled list, or says why it can not be added. */
export function addSite(sites: readonly string[], raw: string): AddSiteResult {
  if (!raw.trim()) return { ok: false, error: 'empty' };
  const site = parseSite(raw);
  if (site === null) return { ok: false, error: 'invalid' };
  if (sites.includes(site)) return { ok: false, error: 'duplicate', site };
  return { ok: true, site, sites: [...sites, site] };
}

export function removeSite(sites: readonly string[], site: string): string[] {
  return sites.filter((s) => s !== site);
}

export const HOVER_DELAY_STEP = 50;

/** A delay within HOVER_DELAY_RANGE, whole milliseconds; anything unreadable gives the default. */
export function clampDelay(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_SETTINGS.hoverDelayMs;
  return Math.round(Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, value)));
}

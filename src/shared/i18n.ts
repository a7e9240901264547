/** UI strings come from `_locales/<lang>/messages.json` so the extension can be translated without code changes. */
import browser from './browser.js';

/** A UI string by its key (t below), as the content script hands it to the annotator chunk. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * Dates in the extension's own pages (popup). Creating an Intl.DateTimeFormat costs milliseconds,
 * so keep them.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Dates in the reader's locale; accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`. */
export function formatDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  const value = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
  const key = `${locale ?? ''}|${m ? 1 : 0}${d ? 1 : 0}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
    if (m) options.month = 'short';
    if (d) options.day = 'numeric';
    formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  }
  return formatter.format(value);
}

/**
 * Dates inside a card, which runs in the news page's renderer: built from the extension's own
 * messages rather than Intl, because the first Intl.DateTimeFormat in a renderer loads locale data
 * in one 60–80 ms task (measured on the hardening fixtures), a long task on the reader's page.
 * Accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`, like formatDate.
 */
export function formatCardDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  const month = m ? t('monthsShort').split('|')[m - 1] : undefined;
  if (!month) return String(y);
  return d ? t('dateDayMonthYear', [month, String(d), String(y)]) : t('dateMonthYear', [month, String(y)]);
}

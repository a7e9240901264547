/** UI strings come from `_locales/<lang>/messages.json` so the extension can be translated without code changes. */
import browser from './browser.js';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Dates in the reader's locale; accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD`. */
export function formatDate(date: string, locale?: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  const value = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (m) options.month = 'short';
  if (d) options.day = 'numeric';
  return new Intl.DateTimeFormat(locale, options).format(value);
}

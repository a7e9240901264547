/** Locale-aware text for counts and dates: plurals and numbers follow the browser's UI language. */
import browser from '../shared/browser.js';
import { formatDate, t } from '../shared/i18n.js';
import { pluralKey } from './tab-model.js';

function uiLocale(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}

export function formatCount(count: number): string {
  return new Intl.NumberFormat(uiLocale()).format(count);
}

/** A message with a count in `$1` (and any `extra` in `$2`…), chosen by the count's plural form. */
export function tCount(base: string, count: number, extra: string[] = []): string {
  return t(pluralKey(base, count, uiLocale()), [formatCount(count), ...extra]);
}

export function formatArticleDate(date: string): string {
  return formatDate(date, uiLocale());
}

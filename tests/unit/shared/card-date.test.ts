/**
 * Card dates come from the extension's messages (no Intl in the page). browser.i18n is replaced by
 * a getMessage that reads the real _locales/en/messages.json and substitutes placeholders the way
 * browsers do, so the test checks the shipped strings, not a copy.
 */
import { describe, expect, it, vi } from 'vitest';
import { getMessage } from '../helpers/shipped-messages.js';

vi.mock('../../../src/shared/browser.js', () => ({ default: { i18n: { getMessage } } }));
const { formatCardDate, formatDate } = await import('../../../src/shared/i18n.js');

describe('formatCardDate', () => {
  it('formats full dates, months and years from the messages', () => {
    expect(formatCardDate('2020-12-15')).toBe('Dec 15, 2020');
    expect(formatCardDate('2021-01-06')).toBe('Jan 6, 2021');
    expect(formatCardDate('2024-07')).toBe('Jul 2024');
    expect(formatCardDate('2022')).toBe('2022');
  });

  it('agrees with Intl in English for every month', () => {
    for (let m = 1; m <= 12; m++) {
      const date = `2023-${String(m).padStart(2, '0')}-09`;
      expect(formatCardDate(date)).toBe(formatDate(date, 'en-US'));
    }
  });

  it('returns text it cannot read as it is', () => {
    expect(formatCardDate('soon')).toBe('soon');
    expect(formatCardDate('2020-13-01')).toBe('2020');
  });
});

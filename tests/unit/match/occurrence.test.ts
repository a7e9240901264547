import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/match/normalise.js';
import { keepsWordsWhole, occurrenceIndex, occurrencesIn } from '../../../src/match/occurrence.js';
import { anchorQuote, normaliseQuote } from '../../../src/match/quote.js';

const SUMMIT =
  'At the summit Trump played his trump card. May said Britain may agree, but Biden, asked about Bidenomics, said: in the end, In June, Biden would decide.';

describe('occurrence (one definition for the compiler and the matcher)', () => {
  it('counts case-insensitively and whole words only', () => {
    expect(occurrenceIndex(SUMMIT, 'trump', SUMMIT.indexOf('trump card'))).toBe(1);
    expect(occurrenceIndex(SUMMIT, 'Trump', SUMMIT.indexOf('Trump'))).toBe(0);
    expect(occurrenceIndex(SUMMIT, 'may', SUMMIT.indexOf('may agree'))).toBe(1);
    // "Bidenomics" is not an occurrence of "Biden".
    expect(occurrenceIndex(SUMMIT, 'Biden', SUMMIT.lastIndexOf('Biden'))).toBe(1);
    expect(occurrenceIndex(SUMMIT, 'In', SUMMIT.indexOf('In June'))).toBe(1);
    expect(occurrenceIndex(SUMMIT, 'in', SUMMIT.indexOf('in the end'))).toBe(0);
  });

  it('is counted on normalised text, so typography does not shift it', () => {
    const typographic = 'Biden\u2019s aides and Biden\u00A0himself; Bi\u00ADden again.';
    expect(occurrenceIndex(typographic, 'Biden', typographic.indexOf('Bi\u00ADden'))).toBe(2);
    expect(occurrenceIndex(typographic, 'Biden\u2019s', 0)).toBe(0);
  });

  it('lets only the word edges a quote has decide', () => {
    const text = normalise("Biden's win; the biden-harris ticket; bidenomics");
    expect(occurrencesIn(text, 'biden')).toEqual([0, text.indexOf('biden-')]);
    // A quote starting with an apostrophe may follow a letter.
    expect(keepsWordsWhole(text, 5, 7)).toBe(true);
    expect(keepsWordsWhole(text, 1, 5)).toBe(false);
    expect(occurrencesIn(text, 'biden', 1)).toEqual([0]);
  });

  it('is what the matcher uses as its hint: compiled from the reference, it picks the same copy on a verbatim page', () => {
    // Each quote located by a longer, unique stretch of SUMMIT that starts with it.
    for (const [quote, locator] of [
      ['Trump', 'Trump played'],
      ['trump', 'trump card'],
      ['May', 'May said'],
      ['may', 'may agree'],
      ['Biden', 'Biden would'],
      ['In', 'In June'],
      ['in', 'in the end'],
    ] as const) {
      const start = SUMMIT.indexOf(locator);
      const selector = {
        exact: quote,
        // No context: the occurrence alone must point at the right copy.
        prefix: '',
        suffix: '',
        occurrence: occurrenceIndex(SUMMIT, quote, start),
      };
      const text = normalise(SUMMIT);
      const expected = normalise(SUMMIT.slice(0, start) + 'x').length - 1;
      expect(anchorQuote(text, normaliseQuote(selector))?.start, locator).toBe(expected);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/match/normalise.js';
import { anchorQuote, MIN_FUZZY_QUOTE, type NormalisedQuote } from '../../../src/match/quote.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

function q(exact: string, prefix = '', suffix = '', occurrence = 0): NormalisedQuote {
  return { exact, prefix, suffix, occurrence };
}

/** All start offsets of `needle` in `text`. */
function positions(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

describe('anchorQuote', () => {
  it('finds a unique exact quote', () => {
    const text = normalise('The Russian president was one of the last remaining leaders to congratulate Biden.');
    const m = anchorQuote(text, q('the russian president'));
    expect(m).not.toBeNull();
    expect(m?.method).toBe('exact');
    expect(m?.score).toBe(1);
    expect(text.slice(m?.start, m?.end)).toBe('the russian president');
    expect(m?.start).toBe(0);
    const biden = anchorQuote(text, q('biden'));
    expect(biden?.start).toBe(text.indexOf('biden'));
    expect(biden?.end).toBe(text.indexOf('biden') + 5);
  });

  it('returns null for an empty or absent quote', () => {
    expect(anchorQuote('some text here', q(''))).toBeNull();
    expect(anchorQuote('some text here', q('absent'))).toBeNull();
    expect(anchorQuote('', q('absent words here'))).toBeNull();
  });

  it('disambiguates repeated text by prefix and by suffix', () => {
    const text = 'biden said that biden would meet putin, and putin said biden was ready.';
    const at = positions(text, 'biden');
    expect(at).toHaveLength(3);
    expect(anchorQuote(text, q('biden', 'said that ', ''))?.start).toBe(at[1]);
    expect(anchorQuote(text, q('biden', 'putin said ', ''))?.start).toBe(at[2]);
    expect(anchorQuote(text, q('biden', '', ' was ready'))?.start).toBe(at[2]);
    expect(anchorQuote(text, q('biden', '', ' said that'))?.start).toBe(at[0]);
    const putins = positions(text, 'putin');
    expect(anchorQuote(text, q('putin', 'would meet ', ', and'))?.start).toBe(putins[0]);
    expect(anchorQuote(text, q('putin', 'and ', ' said'))?.start).toBe(putins[1]);
  });

  it('falls back to the occurrence when contexts are identical', () => {
    const text = 'ok. biden. ok. biden. ok. biden.';
    const at = positions(text, 'biden');
    for (let occurrence = 0; occurrence < 3; occurrence++) expect(anchorQuote(text, q('biden', 'ok. ', '.', occurrence))?.start).toBe(at[occurrence]);
    expect(anchorQuote(text, q('biden', '', '', 2))?.start).toBe(at[2]);
  });

  it('uses the occurrence only among the best-context candidates', () => {
    // The page has an extra occurrence with other context before the two the annotation knows.
    const text = 'c biden d; a biden b; a biden b';
    const at = positions(text, 'biden');
    // Occurrence 0 points at the page's first "biden", whose context is worse: never pick it.
    expect(anchorQuote(text, q('biden', 'a ', ' b', 0))?.start).toBe(at[1]);
    expect(anchorQuote(text, q('biden', 'a ', ' b', 2))?.start).toBe(at[2]);
    for (let occurrence = 0; occurrence < 4; occurrence++) expect(anchorQuote(text, q('biden', 'a ', ' b', occurrence))?.start).not.toBe(at[0]);
  });

  it('respects word boundaries', () => {
    const text = normalise('Putinism is a term; Putinist policies were discussed.');
    expect(anchorQuote(text, q('putin'))).toBeNull();
    const withWord = normalise("Putinism grew under Putin's rule.");
    const m = anchorQuote(withWord, q('putin'));
    expect(m?.start).toBe(withWord.indexOf('putin\''));
    expect(withWord.slice(m?.start, m?.end)).toBe('putin');
    // A longer quote must not match inside a longer word either.
    expect(anchorQuote('the presidential campaigns', q('presidential campaign'))?.end ?? -1).not.toBe('the presidential campaign'.length);
  });

  it('matches fuzzily with one or two edits', () => {
    const reference = 'the state-by-state electoral college vote';
    const cases = [
      'president-elect biden has formally won the state-by-state electoral colege vote.',
      'president-elect biden has formally won the state by state electorial college vote.',
      'president-elect biden has formally won the state-by-state electoral college vot.',
    ];
    for (const text of cases) {
      expect(text.includes(reference)).toBe(false);
      const m = anchorQuote(text, q(reference, 'has formally won ', '.'));
      expect(m).not.toBeNull();
      expect(m?.method).toBe('fuzzy');
      expect(m?.start).toBe(text.indexOf('the state'));
      expect(m?.end).toBe(text.length - 1);
      expect(m?.score).toBeGreaterThan(0.75);
      expect(m?.score).toBeLessThan(1);
    }
  });

  it('widens a fuzzy match to whole words', () => {
    const text = 'he wished the us president-elect every success';
    const m = anchorQuote(text, q('the us presidentelect', 'he wished ', ' every'));
    expect(m?.method).toBe('fuzzy');
    expect(text.slice(m?.start, m?.end)).toBe('the us president-elect');
  });

  it('never matches short quotes fuzzily', () => {
    expect(MIN_FUZZY_QUOTE).toBeGreaterThan(1);
    const short = 'bidenx'.slice(0, MIN_FUZZY_QUOTE - 1);
    const near = `${short.slice(0, -1)}q`;
    const text = `they said ${near} was here`;
    expect(anchorQuote(text, q(short, 'they said ', ' was here'))).toBeNull();
    expect(anchorQuote('they said bidan was here', q('biden', 'they said ', ' was here'))).toBeNull();
  });

  it('gives up on poor fuzzy candidates', () => {
    const text = 'completely different words that share nothing with the quote at all';
    expect(anchorQuote(text, q('vladimir putin congratulates joe biden'))).toBeNull();
  });

  it('stays fast on adversarial inputs', () => {
    const random = mulberry32(7);
    const vocabulary = Array.from({ length: 500 }, (_, i) => `w${i.toString(36)}${'xyz'[i % 3]}`);
    const parts: string[] = [];
    let length = 0;
    while (length < 1_000_000) {
      const word = vocabulary[Math.floor(random() * vocabulary.length)] as string;
      parts.push(word);
      length += word.length + 1;
    }
    const big = parts.join(' ');
    const absent = 'vladimir putin finally congratulates joe';
    expect(absent).toHaveLength(40);
    const abab = 'ab '.repeat(200_000);
    const nearMiss = 'ab ab ab ab ab ac ab ab ab ab ab ab ab ab';

    const started = performance.now();
    const r1 = anchorQuote(big, q(absent, 'the ', ' biden'));
    const r2 = anchorQuote(abab, q(nearMiss, 'zz ', ' zz'));
    const r3 = anchorQuote(abab, q(nearMiss));
    const elapsed = performance.now() - started;

    expect(r1).toBeNull();
    for (const r of [r2, r3]) {
      if (r !== null) {
        expect(r.method).toBe('fuzzy');
        expect(r.end).toBeGreaterThan(r.start);
        expect(abab.slice(r.start, r.end)).toMatch(/^(ab ?)+$/);
      }
    }
    expect(elapsed).toBeLessThan(2000);
  });
});

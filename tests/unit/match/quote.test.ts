import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/match/normalise.js';
import { normaliseContext } from '../../../src/match/normalise.js';
import { anchorQuote, MIN_FUZZY_QUOTE, normaliseQuote, type NormalisedQuote } from '../../../src/match/quote.js';
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
    expect(m?.start).toBe(withWord.indexOf("putin'"));
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

  it('never matches 1–3 character quotes fuzzily; 4–5 character ones only with agreeing context', () => {
    expect(MIN_FUZZY_QUOTE).toBe(4);
    expect(anchorQuote('they said ib was here', q('in', 'they said ', ' was here'))).toBeNull();
    expect(anchorQuote('they said hsa was here', q('has', 'they said ', ' was here'))).toBeNull();
    // One letter of five is within the 20% a copy may change, and the context agrees fully.
    const text = 'they said bidan was here';
    expect(anchorQuote(text, q('biden', 'they said ', ' was here'))).toMatchObject({ start: 10, end: 15, method: 'fuzzy' });
    // The same near copy with context that does not agree is no answer.
    expect(anchorQuote('nobody ever asked bidan about the weather', q('biden', 'they said ', ' was here'))).toBeNull();
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

  it('keeps the space between a quote and its context (normaliseQuote)', () => {
    expect(normaliseContext('  has formally\u00A0won ')).toBe(' has formally won ');
    expect(normaliseContext('\u2019s election ')).toBe("'s election ");
    expect(normaliseQuote({ exact: ' Joe\u00A0Biden ', prefix: 'congratulated ', suffix: ' on his', occurrence: 2 })).toEqual({
      exact: 'joe biden',
      prefix: 'congratulated ',
      suffix: ' on his',
      occurrence: 2,
    });
  });

  it('tells repeated words apart by their context, with or without the separating space', () => {
    const text = 'salmon leave the sea. their life cycles are long and hard. trout stay, and their life cycles are shorter.';
    const second = text.lastIndexOf('life cycles');
    // The context that tells them apart is beyond the edge; occurrence 0 points at the other copy.
    expect(anchorQuote(text, q('life cycles', 'trout stay, and their ', ' are shorter.', 0))?.start).toBe(second);
    expect(anchorQuote(text, q('life cycles', 'trout stay, and their', 'are shorter.', 0))?.start).toBe(second);
    expect(anchorQuote(text, q('life cycles', 'the sea. their ', ' are long', 1))?.start).toBe(text.indexOf('life cycles'));
  });

  it('finds a quote with a typo when its context agrees', () => {
    const text = 'the board said the count was the cleanest in a decade; tom okafor said the cuont had been slow but fair.';
    const m = anchorQuote(text, q('the count', 'tom okafor said ', ' had been slow', 1));
    expect(m?.method).toBe('fuzzy');
    expect(text.slice(m?.start, m?.end)).toBe('the cuont');
  });

  it('prefers a near copy with the right context to an exact copy with the wrong one', () => {
    // The page fixed a typo in one copy of a repeated phrase: only the other copy is exact.
    const text = 'the state electoral colege met. later the state electoral college voted.';
    const m = anchorQuote(text, q('the state electoral colege', 'met. later ', ' voted.', 1));
    expect(m?.start).toBe(text.lastIndexOf('the state'));
    expect(m?.method).toBe('fuzzy');
  });

  it('judges a unique exact copy by its context: a short quote whose context disagrees is not found', () => {
    const text = 'the mayor said the plan has money behind it.';
    expect(anchorQuote(text, q('has', 'critics said the budget ', ' no support at all'))).toBeNull();
    expect(anchorQuote(text, q('has', 'said the plan ', ' money behind'))?.start).toBe(text.indexOf('has'));
    // A long quote carries more of its own evidence: one side of its context may be rewritten.
    const rewritten = 'in a surprise move, the mayor said the plan has money behind it.';
    expect(anchorQuote(rewritten, q('the mayor said the plan has money', 'late on monday, ', ' behind it.'))?.start).toBe(rewritten.indexOf('the mayor'));
    expect(anchorQuote(rewritten, q('has', 'late on monday, ', ' behind it.'))).toBeNull();
  });

  it('uses the occurrence hint for near copies with identical context', () => {
    const text = 'ok. bidem. ok. bidem. ok. bidem.';
    const at = positions(text, 'bidem');
    for (let occurrence = 0; occurrence < 3; occurrence++) expect(anchorQuote(text, q('biden', 'ok. ', '.', occurrence))?.start).toBe(at[occurrence]);
  });

  it('lets context outrank the occurrence: a copy the page inserted where the occurrence points loses, however little worse it agrees', () => {
    const prefix = 'when the senate voted last week, ';
    const suffix = ' spoke for an hour on the budget.';
    // The inserted copy's context differs by one letter of 66; the true copy is five places past the occurrence.
    const page = `when the senate voted last weak, biden${suffix} biden. biden. biden. biden. ${prefix}biden${suffix}`;
    expect(anchorQuote(page, q('biden', prefix, suffix, 0))?.start).toBe(page.lastIndexOf('biden'));
  });

  it('breaks a tie between equally good near copies with the occurrence, counted as the compiler counts', () => {
    const tied = 'the council met. a plan. the council said yes. a plan. the council said yes. the council left.';
    const at = positions(tied, 'the council');
    const prefix = 'a plan. ';
    const suffix = ' said yes.';
    // The reference misspelt both tied copies: its occurrence counts "the councl" only, not every "the council" of the page.
    for (const occurrence of [0, 1]) expect(anchorQuote(tied, q('the councl', prefix, suffix, occurrence))?.start).toBe(at[occurrence + 1]);
    expect(anchorQuote(tied, q('the councl', '', '', 1))?.start).toBe(at[1]);
    // The page misspelt them: the reference counted every copy, and so do the page's exact copies.
    const misspelt = tied.replaceAll('a plan. the council', 'a plan. the councl');
    const near = positions(misspelt, 'the councl');
    for (const occurrence of [1, 2]) expect(anchorQuote(misspelt, q('the council', prefix, suffix, occurrence))?.start).toBe(near[occurrence - 1]);
  });

  it('does not pin a deleted quote on another copy of its words', () => {
    const reference = 'the council met in the old town hall. in june the council will meet again in the old town hall.';
    const at = reference.lastIndexOf('the old town hall');
    const selector = q('the old town hall', reference.slice(at - 32, at), reference.slice(at + 17), 1);
    const page = 'the council met in the old town hall. in june the council will meet again in .';
    expect(anchorQuote(reference, selector)?.start).toBe(at);
    expect(anchorQuote(page, selector)).toBeNull();
  });
});

/**
 * The anchoring corpus against the bar: no wrong place anywhere (ties the occurrence must
 * break and copies inserted where it points included), 98% right where the
 * quote survives with at most 20% of its characters changed, nothing where it was deleted. The
 * table with timings is printed by `npm run bench:anchoring` (and `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { normaliseWithMap } from '../../../src/match/normalise.js';
import { occurrenceIndex } from '../../../src/match/occurrence.js';
import { anchorQuote, normaliseQuote } from '../../../src/match/quote.js';
import { buildCorpus, judge, TIE_PERTURBATIONS, type AnchoringCase } from './anchoring-corpus.js';

function outcome(c: AnchoringCase): string {
  const { text, map } = normaliseWithMap(c.page);
  const found = anchorQuote(text, normaliseQuote(c.selector));
  return judge(c, found ? { start: map[found.start] as number, end: (map[found.end - 1] as number) + 1 } : null);
}

describe('anchoring corpus', () => {
  const cases = buildCorpus(occurrenceIndex);
  const results = cases.map((c) => ({ c, outcome: outcome(c) }));

  it('has every kind of case', () => {
    expect(cases.length).toBeGreaterThan(1000);
    for (const kind of ['verbatim', 'typography and capitals', 'typo in quote', 'word beside changed', 'extra copy before', 'quote deleted']) {
      expect(cases.filter((c) => c.perturbation === kind).length, kind).toBeGreaterThan(50);
    }
    // Ties only the occurrence breaks, and copies placed where the occurrence points (issue 20).
    for (const kind of TIE_PERTURBATIONS) expect(cases.filter((c) => c.perturbation === kind).length, kind).toBeGreaterThan(40);
    expect(cases.filter((c) => c.selector.exact.length <= 3).length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.big).length).toBeGreaterThan(300);
  });

  it('never anchors on a wrong place', () => {
    const wrong = results.filter((r) => r.outcome === 'wrong').map((r) => `${r.c.perturbation}: ${r.c.label}`);
    expect(wrong).toEqual([]);
  });

  it('finds at least 98% of the quotes that survive with at most 20% of their characters changed', () => {
    const surviving = results.filter((r) => r.c.expected && r.c.changed <= 0.2);
    const right = surviving.filter((r) => r.outcome === 'right').length;
    expect(right / surviving.length).toBeGreaterThanOrEqual(0.98);
  });

  it('finds nothing where the quote was deleted', () => {
    const deleted = results.filter((r) => !r.c.expected);
    expect(deleted.length).toBeGreaterThan(100);
    expect(deleted.filter((r) => r.outcome !== 'nothing').map((r) => r.c.label)).toEqual([]);
  });
});

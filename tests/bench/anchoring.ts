/**
 * The anchoring corpus (tests/unit/match/anchoring-corpus.ts) through the matcher, as the
 * annotator runs it on one aligned paragraph: right place / wrong place / nothing per kind of
 * change, and the time per quote (p50 and worst, overall and on the 20 KB paragraph).
 */
import os from 'node:os';
import { normaliseWithMap } from '../../src/match/normalise.js';
import { occurrenceIndex } from '../../src/match/occurrence.js';
import { anchorQuote, normaliseQuote } from '../../src/match/quote.js';
import { buildCorpus, formatTable, judge, tabulate, type AnchoringCase, type CaseResult, type TableRow } from '../unit/match/anchoring-corpus.js';

/**
 * Each quote is timed this often and its fastest run kept: on a shared, loaded machine one run
 * mostly measures the neighbours; the load average is printed with the figures.
 */
const RUNS = 5;

/** One case as anchor.ts runs it: the page paragraph normalised once, then the quote timed. */
export function anchorCase(c: AnchoringCase): CaseResult {
  const { text, map } = normaliseWithMap(c.page);
  let ms = Number.POSITIVE_INFINITY;
  let found: ReturnType<typeof anchorQuote> = null;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    found = anchorQuote(text, normaliseQuote(c.selector));
    ms = Math.min(ms, performance.now() - started);
  }
  const span = found ? { start: map[found.start] as number, end: (map[found.end - 1] as number) + 1 } : null;
  return { case: c, outcome: judge(c, span), found: span, ms };
}

export function runAnchoringCorpus(): CaseResult[] {
  const cases = buildCorpus(occurrenceIndex);
  cases.slice(0, 50).forEach(anchorCase); // warm-up
  return cases.map(anchorCase);
}

export interface AnchoringFigures {
  rows: TableRow[];
  p50Ms: number;
  worstMs: number;
  bigP50Ms: number;
  bigWorstMs: number;
  loadAverage: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export function anchoringFigures(results: readonly CaseResult[]): AnchoringFigures {
  const big = results.filter((r) => r.case.big).map((r) => r.ms);
  const all = results.map((r) => r.ms);
  return {
    rows: tabulate(results),
    p50Ms: percentile(all, 50),
    worstMs: Math.max(...all),
    bigP50Ms: percentile(big, 50),
    bigWorstMs: Math.max(...big),
    loadAverage: os.loadavg()[0] ?? NaN,
  };
}

export function formatAnchoring(figures: AnchoringFigures): string {
  return [
    formatTable(figures.rows),
    `time per quote: p50 ${figures.p50Ms.toFixed(3)} ms, worst ${figures.worstMs.toFixed(2)} ms; on the 20 KB paragraph p50 ${figures.bigP50Ms.toFixed(3)} ms, worst ${figures.bigWorstMs.toFixed(2)} ms (fastest of ${RUNS} runs per quote; load average ${figures.loadAverage.toFixed(1)} on ${os.cpus().length} cores)`,
  ].join('\n');
}

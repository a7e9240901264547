/**
 * docs/benchmarks.md, written by `npm run bench -- --markdown` from one run's figures (never edited
 * by hand): each section the run measured, next to its budget in DESIGN.md.
 */
import { formatTable } from '../unit/match/anchoring-corpus.js';
import type { AnchoringFigures } from './anchoring.js';
import type { DetectFigures } from './detect.js';
import type { HardeningRow, RecallSummary } from './extraction.js';
import { readerScanRows, type ReaderScanFigures } from './reader-scan.js';
import type { BuildFigures, ColdStartFigures, FirefoxFigures, LookupFigures, PackageFigures } from './scale.js';

export interface EngineScaleRow {
  articles: number;
  compileMs: number;
  indexMB: number;
  lookupUs: number;
  falsePositives: number;
}

export interface ChromiumRow {
  index: string;
  /** In one tab (a warm renderer), and each load in a new tab on a site of its own (cold code). */
  detect: DetectFigures;
  detectNewSite: DetectFigures;
  hoverToPaintMs: number;
  build: BuildFigures | undefined;
  package: PackageFigures;
  lintErrors: number;
  coldStart: ColdStartFigures;
  firefox: FirefoxFigures;
}

export interface Sizes {
  contentKBgz: number;
  annotatorKBgz: number;
  cardsKBgz: number;
  backgroundKBgz: number;
  popupKBgz: number;
  optionsKBgz: number;
  packageKB: number;
}

export interface BenchResults {
  machine: string;
  /** When and on what: ISO date, commit, load average at the start. */
  started: string;
  commit: string;
  loadAverage: number;
  readerScan?: ReaderScanFigures[];
  /** `--scan-only`: the matching page beside the scan. */
  detect?: (DetectFigures & { build?: string })[];
  detectNewSite?: (DetectFigures & { build?: string })[];
  fingerprintMBps?: number;
  scale?: EngineScaleRow[];
  anchoring?: AnchoringFigures;
  chromium?: ChromiumRow[];
  lookups?: Partial<Record<'chromium' | 'firefox', (LookupFigures & { index: string })[]>>;
  extraction?: { recall: RecallSummary[]; hardening?: Record<string, Record<string, HardeningRow>> };
  sizes?: Sizes;
}

const f = (n: number | undefined, d = 1): string => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : '–');
const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.join(' | ')} |`,
  `|${head.map(() => '---').join('|')}|`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
];

function readerSection(r: BenchResults): string[] {
  if (!r.readerScan) return [];
  const chromium = r.readerScan.find((s) => s.browser === 'chromium' && !s.build?.startsWith('baseline'));
  const firefox = r.readerScan.find((s) => s.browser === 'firefox' && !s.build?.startsWith('baseline'));
  const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
  return [
    '## Every page: the scan, as a reader meets it',
    '',
    "Each of the real pages is opened in a new tab on a site of its own (127.0.0.N: a new renderer in Chromium, a new content process under Firefox's Fission), and its first scan measured with no warm-up; beside it, page by page in turn, the same page in one tab that goes from page to page on one origin (a warm renderer). Main-thread ms from `backstory:scan` and its detail; the text walk is a plain TreeWalker over the page's text run right after, in the same renderer; background is the background's own time for the page (`backstory:lookup` detail: the screen of the page's text, and the block lookup when the screen names a candidate). Firefox has no long-task entries.",
    '',
    ...readerScanRows(r.readerScan),
    '',
    `Budgets (DESIGN.md), new tab on its own site: scan p50 ≤ 3× the text walk — Chromium ${f(chromium?.newSite.ratioP50)}×, ${verdict((chromium?.newSite.ratioP50 ?? Infinity) <= 3)}; max ≤ 30 ms — Chromium ${f(chromium?.newSite.scanMax)} ms (${chromium?.newSite.maxPage ?? ''}), ${verdict((chromium?.newSite.scanMax ?? Infinity) <= 30)}; Firefox ${f(firefox?.newSite.scanMax)} ms (${firefox?.newSite.maxPage ?? ''}), ${verdict((firefox?.newSite.scanMax ?? Infinity) <= 30)}; no long task over 50 ms overlapping a scan — Chromium ${f(chromium?.newSite.longestTask, 0)} ms.`,
    '',
  ];
}

function detectRows(rows: { label: string; d: DetectFigures }[]): string[] {
  return table(
    [
      '',
      'loads',
      'detect + anchor + mount p50',
      'scan (wall)',
      'lookup + annotator injection',
      'annotate (wall)',
      'annotate main thread',
      'longest annotate slice',
    ],
    rows.map(({ label, d }) => [
      label,
      String(d.loads),
      f(d.detectMs),
      f(d.scanMs),
      f(d.lookupMs),
      f(d.annotateWallMs),
      f(d.annotateBusyMs),
      f(d.annotateLongestSliceMs),
    ]),
  );
}

function matchingSection(r: BenchResults): string[] {
  const rows = r.chromium
    ? r.chromium.flatMap((c) => [
        { label: `${c.index}, new tab on its own site`, d: c.detectNewSite },
        { label: `${c.index}, one tab`, d: c.detect },
      ])
    : [
        ...(r.detectNewSite ?? []).map((d) => ({ label: `${d.build ?? 'Chromium'}, new tab on its own site`, d })),
        ...(r.detect ?? []).map((d) => ({ label: `${d.build ?? 'Chromium'}, one tab`, d })),
      ];
  if (rows.length === 0) return [];
  return [
    '## The matching page',
    '',
    "The seed article's fixtures (original, syndicated, div and br paragraphs), each loaded 3 times, each load in a new Chromium tab on a site of its own (a new renderer: how a reader meets it) and in one tab that stays on one origin; `backstory:detect` is scan → lookup → annotator → anchor → mount. Budget: ≤ 30 ms.",
    '',
    ...detectRows(rows),
    '',
    ...(r.chromium
      ? [
          `Hover → card painted: ${r.chromium.map((c) => `${c.index} ${f(c.hoverToPaintMs, 0)} ms`).join(', ')} (hover delay 400 ms; budget: ≤ 1 frame after it).`,
          '',
        ]
      : []),
  ];
}

function sizesSection(r: BenchResults): string[] {
  if (!r.sizes) return [];
  const s = r.sizes;
  return [
    '## Sizes (gzip -9)',
    '',
    ...table(
      ['every-page content.js', 'annotator.js', 'cards.js', 'background.js', 'popup.js', 'options.js', 'unpacked package'],
      [
        [
          `${f(s.contentKBgz)} KB (budget ≤ 10 KB)`,
          `${f(s.annotatorKBgz)} KB`,
          `${f(s.cardsKBgz)} KB`,
          `${f(s.backgroundKBgz)} KB`,
          `${f(s.popupKBgz)} KB`,
          `${f(s.optionsKBgz)} KB`,
          `${f(s.packageKB, 0)} KB`,
        ],
      ],
    ),
    '',
  ];
}

function scaleSection(r: BenchResults): string[] {
  const rows = r.chromium;
  if (!rows || rows.length === 0) return [];
  const lookup = (name: 'chromium' | 'firefox', i: number): string => {
    const all = r.lookups?.[name];
    const one = all?.[i];
    const base = all?.[0]?.p50 ?? NaN;
    if (!one) return '–';
    return `${f(one.p50)} / ${f(one.p95)} ms${i > 0 ? ` (${f((100 * one.p50) / base - 100, 0)}%)` : ''}`;
  };
  const cell = (fn: (c: ChromiumRow, i: number) => string): string[] => rows.map((c, i) => fn(c, i));
  return [
    '## Scale',
    '',
    'One package per scale (synthetic articles beside the seed, `npm run dataset synth`). Index readiness and first lookup: a fresh browser per start. Lookup round trip per real page: every package open at once, the pages taking turns between them, warm backgrounds.',
    '',
    ...table(
      ['measure', ...rows.map((c) => c.index), 'budget'],
      [
        [
          'package unpacked / zip / files',
          ...cell((c) => `${f(c.package.unpackedMB, 2)} MB / ${f(c.package.zipMB, 2)} MB / ${c.package.files}`),
          '≤ 20 MB at 10k, ≤ 180 MB at 100k',
        ],
        [
          'largest file; largest .js/.json/.html',
          ...cell((c) => `${f(c.package.largestMB, 2)} MB (${c.package.largest}); ${f(c.package.largestCodeMB, 2)} MB`),
          '.js/.json/.html < 5 MB',
        ],
        ['`web-ext lint` errors', ...cell((c) => (Number.isFinite(c.lintErrors) ? String(c.lintErrors) : '')), '0'],
        ['build: wall, peak memory', ...cell((c) => (c.build ? `${f(c.build.wallS)} s, ${f(c.build.peakMB, 0)} MB` : 'reused')), '—'],
        ['index ready after a cold start (Chromium, p50)', ...cell((c) => `${f(c.coldStart.indexReadyMs)} ms`), '≤ 50 ms at 10k, ≤ 100 ms at 100k'],
        [
          '… first question in the worker (shards read) / its round trip',
          ...cell((c) => `${f(c.coldStart.firstLookupWorkerMs)} ms (${f(c.coldStart.shardsRead, 0)}) / ${f(c.coldStart.firstLookupRoundTripMs)} ms`),
          '—',
        ],
        ['Firefox: first round trip after a fresh start (p50)', ...cell((c) => `${f(c.firefox.firstLookupRoundTripMs)} ms`), '—'],
        ['lookup round trip per real page, Chromium, p50 / p95', ...cell((_, i) => lookup('chromium', i)), 'within 10% of 1 article'],
        ['lookup round trip per real page, Firefox, p50 / p95', ...cell((_, i) => lookup('firefox', i)), 'within 10% of 1 article'],
        ['worker heap after the first lookup', ...cell((c) => `${f(c.coldStart.heapMB)} MB`), '—'],
        [
          'detect + anchor + mount, seed fixtures (p50): new tab on its own site / one tab',
          ...cell((c) => `${f(c.detectNewSite.detectMs)} / ${f(c.detect.detectMs)} ms`),
          '≤ 30 ms',
        ],
      ],
    ),
    '',
  ];
}

function engineSection(r: BenchResults): string[] {
  const out: string[] = [];
  if (r.fingerprintMBps !== undefined || r.scale) {
    out.push('## The engine in Node', '');
    if (r.fingerprintMBps !== undefined) out.push(`Normalise + fingerprint of the real pages' text: ${f(r.fingerprintMBps)} MB/s.`, '');
    if (r.scale?.length)
      out.push(
        ...table(
          ['articles', 'compile', 'index', 'lookup + score per real page', 'false positives'],
          r.scale.map((s) => [String(s.articles), `${f(s.compileMs, 0)} ms`, `${f(s.indexMB, 2)} MB`, `${f(s.lookupUs)} µs`, String(s.falsePositives)]),
        ),
        '',
      );
  }
  if (r.anchoring) {
    const a = r.anchoring;
    out.push(
      '## Anchoring corpus',
      '',
      'Right place / wrong place / nothing per kind of change (`npm run bench:anchoring`). Budget: 0 wrong; worst time per quote ≤ 10 ms.',
      '',
      formatTable(a.rows),
      '',
      `Time per quote: p50 ${f(a.p50Ms, 3)} ms, worst ${f(a.worstMs, 2)} ms; on the 20 KB paragraph p50 ${f(a.bigP50Ms, 3)} ms, worst ${f(a.bigWorstMs, 2)} ms (fastest of 5 runs per quote; load average ${f(a.loadAverage)}).`,
      '',
    );
  }
  return out;
}

function extractionSection(r: BenchResults): string[] {
  if (!r.extraction) return [];
  const out = [
    '## Finding the article on real pages',
    '',
    "Each real page's own article (Readability's) built into a dataset beside the seed; Chromium, least of 2 scans per page.",
    '',
    ...table(
      ['build', 'found as their own article', 'found as another', 'scan p50 / p95 / max'],
      r.extraction.recall.map((s) => [
        s.label,
        `${s.found} / ${s.withArticle}`,
        String(s.wrong.length),
        `${f(s.scanP50, 2)} / ${f(s.scanP95, 2)} / ${f(s.scanMax, 2)} ms`,
      ]),
    ),
    '',
  ];
  const gaps = r.extraction.hardening;
  if (gaps) {
    const cases = [...new Set(Object.values(gaps).flatMap((rows) => Object.keys(rows)))];
    const cell = (browser: string, name: string): string => {
      const row = gaps[browser]?.[name];
      return row ? `${row.worst ?? '–'}${row.result === 'pass' ? '' : ' (fail)'}` : '–';
    };
    out.push(
      '## Hardening: worst main-thread gap per case',
      '',
      'Attributable to the extension (ms; the hardening e2e suite writes them). Budget 50 ms; the suite asserts only 500 ms.',
      '',
      ...table(
        ['case', 'Chromium', 'Firefox'],
        cases.map((name) => [name, cell('chromium', name), cell('firefox', name)]),
      ),
      '',
    );
  }
  return out;
}

export function benchmarksMarkdown(r: BenchResults): string {
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench -- --markdown\` (do not edit by hand): ${r.started}, commit ${r.commit}, ${r.machine}, load average ${f(r.loadAverage)} at the start. The machine may be shared: compare ratios within one run, not milliseconds between runs. How to run it, and the budgets: README, "How to measure".`,
    '',
    ...readerSection(r),
    ...matchingSection(r),
    ...sizesSection(r),
    ...scaleSection(r),
    ...engineSection(r),
    ...extractionSection(r),
  ].join('\n');
}

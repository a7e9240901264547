/**
 * Issue 12's part of `npm run bench`: finding the article wherever real pages put it.
 *   - real-page recall in Chromium: each page's own article (Readability, see
 *     tests/e2e/realpages-dataset.ts) built next to the seed; pages found as their own article (or
 *     one they hold word for word), wrongly, or not at all;
 *   - `backstory:scan` p50/p95/max on the 130 pages, measured in the same run with today's
 *     extractor and with the one before issue 12 (commit BASELINE), so the two are comparable on a
 *     busy machine;
 *   - the hardening suite's worst main-thread gap per case and browser (tests/e2e/hardening, which
 *     reports them instead of asserting them).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { launch, REALPAGES, ROOT, type Server } from '../e2e/harness.js';
import { buildWithDataset, deriveRealPagesDataset } from '../e2e/realpages-dataset.js';

/** The last commit whose extractor skipped subtrees by a class or id word. */
const BASELINE = 'c981059';
const DETECT_TIMEOUT_MS = 8_000;

type Log = (line: string) => void;
const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

interface RecallRun {
  label: string;
  scans: number[];
  found: number;
  withArticle: number;
  wrong: string[];
  missed: string[];
}

/** A copy of the project with the baseline's extractor, to build "before" from the same sources otherwise. */
function baselineRoot(): string | null {
  const base = path.join(ROOT, '.cache/extract-before');
  let source: Buffer;
  try {
    source = execFileSync('git', ['-C', ROOT, 'show', `${BASELINE}:src/content/extract.ts`], { stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null; // not a git checkout (or the commit is gone): "before" is left out
  }
  fs.rmSync(base, { recursive: true, force: true });
  for (const entry of ['build.mjs', 'manifest.json', 'package.json', 'tsconfig.json', 'src', 'tools', 'icons', '_locales']) fs.cpSync(path.join(ROOT, entry), path.join(base, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(base, 'node_modules'));
  fs.writeFileSync(path.join(base, 'src/content/extract.ts'), source);
  return base;
}

async function scanAndDetect(page: Page, url: string, expectArticle: boolean): Promise<{ scan: number | null; detected: string | null }> {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  const scanned = await page.waitForFunction(() => performance.getEntriesByName('backstory:scan').length > 0, { timeout: 10_000 }).then(() => true, () => false);
  const scan = scanned ? await page.evaluate(() => (performance.getEntriesByName('backstory:scan')[0] as PerformanceMeasure).duration) : null;
  const detected = await page
    .waitForFunction(() => document.documentElement.getAttribute('data-backstory-article'), { timeout: expectArticle ? DETECT_TIMEOUT_MS : 500 })
    .then((handle) => handle.jsonValue() as Promise<string>, () => null);
  return { scan, detected };
}

async function measure(label: string, dist: string, server: Server, pages: ReturnType<typeof deriveRealPagesDataset>['pages']): Promise<RecallRun> {
  const session = await launch('chromium', path.join(dist, 'chrome'));
  const run: RecallRun = { label, scans: [], found: 0, withArticle: 0, wrong: [], missed: [] };
  try {
    const page = await session.newPage();
    for (const { file, articleId, carries } of pages) {
      const { scan, detected } = await scanAndDetect(page, `${server.origin}/real/${encodeURIComponent(file)}`, articleId !== null);
      if (scan !== null) run.scans.push(scan);
      if (articleId) run.withArticle++;
      if (detected && !carries.includes(detected)) run.wrong.push(`${file} as ${detected}`);
      else if (articleId && detected) run.found++;
      else if (articleId) run.missed.push(file);
    }
  } finally {
    await session.close();
  }
  return run;
}

interface HardeningRow {
  result: string;
  worst: number | null;
}

/** Runs the hardening e2e suite (both browsers) and reads the per-case worst gaps it writes. */
function hardeningGaps(log: Log): Record<string, Record<string, HardeningRow>> {
  const out: Record<string, Record<string, HardeningRow>> = {};
  const files = ['chromium', 'firefox'].map((b) => path.join(ROOT, 'test-output', `hardening-${b}.json`));
  for (const file of files) fs.rmSync(file, { force: true });
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e', 'tests/e2e/hardening.e2e.test.ts'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    log('   (the hardening suite had failures: see `npx vitest run --project e2e tests/e2e/hardening.e2e.test.ts`)');
  }
  for (const [i, browser] of ['chromium', 'firefox'].entries()) {
    const file = files[i] as string;
    if (fs.existsSync(file)) out[browser] = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, HardeningRow>;
  }
  return out;
}

export async function benchExtraction(server: Server, log: Log): Promise<Record<string, unknown>> {
  const derived = deriveRealPagesDataset(ROOT, REALPAGES);
  const runs: RecallRun[] = [];
  const base = baselineRoot();
  if (base) {
    const beforeDist = path.join(ROOT, '.cache/realpages/dist-before');
    buildWithDataset(base, derived.dataset, beforeDist);
    runs.push(await measure(`before (${BASELINE})`, beforeDist, server, derived.pages));
  }
  runs.push(await measure('now', derived.dist, server, derived.pages));
  log(`5. finding the article (Chromium, the 130 real pages, each page's own article in the dataset)`);
  for (const r of runs) {
    log(`   ${r.label.padEnd(18)} recall ${r.found}/${r.withArticle}, wrong ${r.wrong.length}; backstory:scan ms p50 ${fmt(pct(r.scans, 50), 2)}, p95 ${fmt(pct(r.scans, 95), 2)}, max ${fmt(Math.max(...r.scans), 2)} (${r.scans.length} pages)`);
    if (r.missed.length) log(`      missed: ${r.missed.join(', ')}`);
    if (r.wrong.length) log(`      wrong: ${r.wrong.join(', ')}`);
  }
  const gaps = hardeningGaps(log);
  log(`6. hardening: worst main-thread gap attributable to the extension, per case (ms; budget 50, asserted only at 500)`);
  const cases = [...new Set(Object.values(gaps).flatMap((rows) => Object.keys(rows)))];
  for (const name of cases) log(`   ${name.padEnd(34)} ${['chromium', 'firefox'].map((b) => `${b} ${gaps[b]?.[name]?.worst ?? '–'}${gaps[b]?.[name]?.result === 'pass' ? '' : ' (fail)'}`).join(' / ')}`);
  return {
    recall: runs.map((r) => ({ label: r.label, found: r.found, withArticle: r.withArticle, wrong: r.wrong, missed: r.missed, scanP50: pct(r.scans, 50), scanP95: pct(r.scans, 95), scanMax: Math.max(...r.scans) })),
    hardening: gaps,
  };
}

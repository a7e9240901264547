/**
 * What the tests need beside the code, in one place: the browsers' paths (the e2e harness, the
 * bench, the demo and .ci/run all read them here) and the real pages (where they are, where they
 * come from, how to fetch them). tools/test-env.mjs is its command line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type BrowserName = 'chromium' | 'firefox';
type Env = Record<string, string | undefined>;

/** Debian's browsers by default; the variable points the tests at another build. */
export const BROWSER_EXECUTABLES: Record<BrowserName, { variable: string; fallback: string; aptPackage: string }> = {
  chromium: { variable: 'BACKSTORY_CHROMIUM', fallback: '/usr/bin/chromium', aptPackage: 'chromium' },
  firefox: { variable: 'BACKSTORY_FIREFOX', fallback: '/usr/bin/firefox-esr', aptPackage: 'firefox-esr' },
};

export function browserExecutable(name: BrowserName, env: Env = process.env): string {
  const { variable, fallback } = BROWSER_EXECUTABLES[name];
  return env[variable] || fallback;
}

export const REALPAGES_VARIABLE = 'BACKSTORY_REALPAGES';

/** The real pages' folder: BACKSTORY_REALPAGES, else `shared/realpages` beside the checkout. */
export function realPagesDir(root: string, env: Env = process.env): string {
  return path.resolve(env[REALPAGES_VARIABLE] || path.join(root, '../shared/realpages'));
}

/**
 * Where the real pages come from: each `test/test-pages/<name>/source.html` of Mozilla Readability
 * saved as `<name>.html`. The copy the tests were written against is identical, page for page
 * checked, to those files in the repository's history, but no single commit of it could be
 * pinned (README, "Real pages"); a fetch records the commit it took in SOURCE.txt.
 */
export const REALPAGES_SOURCE = {
  repository: 'https://github.com/mozilla/readability',
  folder: 'test/test-pages',
  license: 'Apache-2.0',
};

/** The suites iterate over at least this many pages (realpages.e2e.test.ts, realpages-positive). */
export const MIN_REALPAGES = 130;

export function realPagesFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

export function realPagesInstruction(dir: string): string {
  return [
    `The real pages are missing: ${dir} holds fewer than ${MIN_REALPAGES} .html files.`,
    `They are Mozilla Readability's test pages (${REALPAGES_SOURCE.repository}, folder ${REALPAGES_SOURCE.folder}, ${REALPAGES_SOURCE.license}),`,
    `each <name>/source.html saved as <name>.html. Either:`,
    `  npm run realpages          fetches them there (git clone --depth 1, sparse checkout; needs git and github.com), or`,
    `  ${REALPAGES_VARIABLE}=/path/to/folder npm test    uses a copy you already have.`,
  ].join('\n');
}

/** Why the tests cannot run on this machine (empty when they can): each line says what to do. */
export function testEnvironmentProblems(root: string, env: Env = process.env, nodeVersion = process.versions.node): string[] {
  const problems: string[] = [];
  const major = Number(nodeVersion.split('.')[0]);
  if (major < 20) problems.push(`Node ${nodeVersion} is too old: Backstory needs Node 20 or later (package.json "engines").`);
  for (const name of ['chromium', 'firefox'] as const) {
    const file = browserExecutable(name, env);
    const { variable, aptPackage } = BROWSER_EXECUTABLES[name];
    if (!fs.existsSync(file)) problems.push(`${name} not found at ${file}: apt-get install -y ${aptPackage}, or set ${variable} to its executable.`);
  }
  const dir = realPagesDir(root, env);
  if (realPagesFiles(dir).length < MIN_REALPAGES) problems.push(realPagesInstruction(dir));
  return problems;
}

/**
 * Fetches the real pages into `dir`: a shallow, sparse clone of the test pages' folder, each
 * page's source.html copied as <name>.html with the licence, and the commit in SOURCE.txt.
 * Throws when git or the repository cannot be reached.
 */
export function fetchRealPages(dir: string, run = (args: string[], cwd?: string): string => execFileSync('git', args, { cwd, encoding: 'utf8' })): number {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-readability-'));
  try {
    run(['clone', '--depth', '1', '--filter=blob:none', '--sparse', REALPAGES_SOURCE.repository, clone]);
    run(['sparse-checkout', 'set', REALPAGES_SOURCE.folder], clone);
    const commit = run(['rev-parse', 'HEAD'], clone).trim();
    const pages = path.join(clone, REALPAGES_SOURCE.folder);
    fs.mkdirSync(dir, { recursive: true });
    let count = 0;
    for (const name of fs.readdirSync(pages).sort()) {
      const source = path.join(pages, name, 'source.html');
      if (!fs.existsSync(source)) continue;
      fs.copyFileSync(source, path.join(dir, `${name}.html`));
      count++;
    }
    fs.copyFileSync(path.join(clone, 'LICENSE.md'), path.join(dir, 'LICENSE-readability.md'));
    fs.writeFileSync(
      path.join(dir, 'SOURCE.txt'),
      `${REALPAGES_SOURCE.repository} ${REALPAGES_SOURCE.folder}/*/source.html at ${commit} (${REALPAGES_SOURCE.license}, LICENSE-readability.md)\n`,
    );
    return count;
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
}

/**
 * What `npm test` checks first (tools/lib/test-environment.ts): a machine without Node 20, a
 * browser or the real pages is told what to do in its first second; and the real pages' fetch,
 * run against a local stand-in for Readability's repository, lays them out as the suites read them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserExecutable,
  fetchRealPages,
  MIN_REALPAGES,
  realPagesDir,
  REALPAGES_SOURCE,
  realPagesFiles,
  testEnvironmentProblems,
} from '../../../tools/lib/test-environment.js';

const temp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
/** A folder with `count` pages and a stand-in browser executable. */
function machine(count: number): { root: string; env: Record<string, string> } {
  const base = temp('backstory-env-');
  const root = path.join(base, 'checkout');
  const pages = path.join(base, 'shared/realpages');
  fs.mkdirSync(root);
  fs.mkdirSync(pages, { recursive: true });
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(pages, `page-${i}.html`), '<p>page</p>');
  const browser = path.join(base, 'browser');
  fs.writeFileSync(browser, '');
  return { root, env: { BACKSTORY_CHROMIUM: browser, BACKSTORY_FIREFOX: browser } };
}

describe('the environment check', () => {
  it('passes with Node 20, both browsers and the real pages beside the checkout', () => {
    const { root, env } = machine(MIN_REALPAGES);
    expect(testEnvironmentProblems(root, env, '20.19.0')).toEqual([]);
    expect(realPagesDir(root, env)).toBe(path.resolve(root, '../shared/realpages'));
  });

  it('names an old Node, a missing browser and missing real pages, each with what to do', () => {
    const { root, env } = machine(MIN_REALPAGES - 1);
    const problems = testEnvironmentProblems(root, { ...env, BACKSTORY_FIREFOX: '/nowhere/firefox' }, '18.20.0');
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/Node 18\.20\.0 .* Node 20 or later/);
    expect(problems[1]).toMatch(/firefox not found at \/nowhere\/firefox: apt-get install -y firefox-esr, or set BACKSTORY_FIREFOX/);
    expect(problems[2]).toContain(REALPAGES_SOURCE.repository);
    expect(problems[2]).toContain('npm run realpages');
    expect(problems[2]).toContain('BACKSTORY_REALPAGES=');
  });

  it('reads the real pages and the browsers from the variables when set', () => {
    const { root, env } = machine(0);
    const elsewhere = path.join(machine(MIN_REALPAGES).root, '../shared/realpages');
    expect(testEnvironmentProblems(root, { ...env, BACKSTORY_REALPAGES: elsewhere }, '20.0.0')).toEqual([]);
    expect(browserExecutable('chromium', {})).toBe('/usr/bin/chromium');
    expect(browserExecutable('firefox', { BACKSTORY_FIREFOX: '/opt/firefox/firefox' })).toBe('/opt/firefox/firefox');
  });
});

describe('fetching the real pages', () => {
  it('copies each test page’s source.html as <name>.html, with the licence and the commit', () => {
    const upstream = temp('backstory-upstream-');
    const git = (args: string[], cwd = upstream): string => execFileSync('git', args, { cwd, encoding: 'utf8' });
    git(['init', '-q']);
    for (const name of ['cnn', 'nytimes-1']) {
      fs.mkdirSync(path.join(upstream, REALPAGES_SOURCE.folder, name), { recursive: true });
      fs.writeFileSync(path.join(upstream, REALPAGES_SOURCE.folder, name, 'source.html'), `<p>${name}</p>`);
      fs.writeFileSync(path.join(upstream, REALPAGES_SOURCE.folder, name, 'expected.html'), 'not a page');
    }
    fs.writeFileSync(path.join(upstream, 'LICENSE.md'), 'Apache License');
    fs.writeFileSync(path.join(upstream, 'Readability.js'), '// not fetched');
    git(['add', '-A']);
    git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'pages']);
    const commit = git(['rev-parse', 'HEAD']).trim();
    const dir = path.join(temp('backstory-fetched-'), 'realpages');
    // The repository's URL swapped for the local stand-in: the same git commands run.
    const count = fetchRealPages(dir, (args, cwd) => git([...args.map((a) => (a === REALPAGES_SOURCE.repository ? `file://${upstream}` : a))], cwd));
    expect(count).toBe(2);
    expect(realPagesFiles(dir)).toEqual(['cnn.html', 'nytimes-1.html']);
    expect(fs.readFileSync(path.join(dir, 'cnn.html'), 'utf8')).toBe('<p>cnn</p>');
    expect(fs.readFileSync(path.join(dir, 'LICENSE-readability.md'), 'utf8')).toBe('Apache License');
    expect(fs.readFileSync(path.join(dir, 'SOURCE.txt'), 'utf8')).toContain(commit);
  });
});

// The bundle boundaries of src/ (README "Layout") as eslint.config.js states them, checked against a
// second statement of the same architecture: every forbidden arrow must fail lint, every allowed one
// must pass. Virtual files (lintText), so no violation is ever written into src/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', '@typescript-eslint/no-restricted-types', 'no-restricted-syntax']);

/** Bundle → the src/ folders it is built from; src/shared/ and src/match/ are shared by all, src/ui/ by the UI bundles. */
const BUNDLES: Record<string, string[]> = {
  content: ['content'],
  annotator: ['annotator'],
  cards: ['cards'],
  background: ['background'],
  popup: ['popup'],
  panel: ['panel'],
  options: ['options'],
};
const UI_FOLDERS = ['cards', 'popup', 'panel', 'options'];
const BUNDLE_FOLDERS = Object.values(BUNDLES).flat();
const UI_PACKAGES = ['preact', 'preact/hooks', '@floating-ui/dom'];
const bundleOf = (folder: string): string => Object.keys(BUNDLES).find((bundle) => BUNDLES[bundle]?.includes(folder)) ?? folder;

let eslint: ESLint;

beforeAll(async () => {
  // Type information is not needed by the boundary rules, and a virtual file is in no tsconfig.
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { project: false, projectService: false } } },
    ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
  });
  // The first lint loads the config, the parser and the plugins (seconds on a busy machine): here,
  // under the hook's timeout, rather than inside the first test's 5 s.
  await eslint.lintText('', { filePath: path.join(ROOT, 'src', 'shared', 'boundary-probe.ts') });
}, 60_000);

/** Boundary rule ids reported for `code` as if it were a file in src/<folder>/. */
async function boundaryErrors(folder: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'src', folder, 'boundary-probe.ts') });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error in probe: ${fatal.message}`);
  return result.messages.map((message) => message.ruleId ?? '');
}

const importOf = (specifier: string): string => `import * as m from '${specifier}';\nexport const all = m;\n`;

describe('bundle boundaries (eslint.config.js)', () => {
  for (const folder of BUNDLE_FOLDERS) {
    const ownBundle = BUNDLES[bundleOf(folder)] ?? [];
    for (const other of BUNDLE_FOLDERS.filter((candidate) => !ownBundle.includes(candidate))) {
      it(`src/${folder}/ ↛ src/${other}/ (another bundle), type-only imports included`, async () => {
        expect(await boundaryErrors(folder, importOf(`../${other}/index.js`))).toEqual(['no-restricted-imports']);
        expect(await boundaryErrors(folder, `import type { X } from '../${other}/types.js';\nexport type Y = X;\n`)).toEqual(['no-restricted-imports']);
      });
    }
    it(`src/${folder}/ → src/shared/, src/match/ and its own bundle`, async () => {
      for (const allowed of ['../shared/messages.js', '../match/normalise.js', './local.js', ...ownBundle.map((same) => `../${same}/index.js`)]) {
        expect(await boundaryErrors(folder, importOf(allowed)), allowed).toEqual([]);
      }
    });
    it(`src/${folder}/ has no import(): esbuild would inline the module into this bundle`, async () => {
      expect(await boundaryErrors(folder, `export const lazy = () => import('./local.js');\n`)).toEqual(['no-restricted-syntax']);
    });
  }

  for (const folder of ['content', 'annotator', 'background']) {
    it(`src/${folder}/ ↛ UI libraries, nor src/ui/`, async () => {
      for (const name of UI_PACKAGES) expect(await boundaryErrors(folder, importOf(name)), name).toEqual(['no-restricted-imports']);
      expect(await boundaryErrors(folder, importOf('../ui/start-page.js'))).toEqual(['no-restricted-imports']);
    });
  }
  it('the UI bundles may use the UI libraries and src/ui/', async () => {
    for (const folder of UI_FOLDERS) {
      for (const name of UI_PACKAGES) expect(await boundaryErrors(folder, importOf(name)), `${folder} → ${name}`).toEqual([]);
      expect(await boundaryErrors(folder, importOf('../ui/start-page.js')), `${folder} → src/ui/`).toEqual([]);
    }
  });

  it('src/ui/ (shared by the UI bundles) ↛ any bundle folder; → src/shared/, src/match/, UI libraries', async () => {
    for (const folder of BUNDLE_FOLDERS) expect(await boundaryErrors('ui', importOf(`../${folder}/index.js`)), folder).toEqual(['no-restricted-imports']);
    for (const allowed of ['../shared/messages.js', '../match/fingerprint.js', './local.js', ...UI_PACKAGES])
      expect(await boundaryErrors('ui', importOf(allowed)), allowed).toEqual([]);
  });

  it('src/shared/ (in every bundle) ↛ any bundle folder, nor UI libraries', async () => {
    for (const folder of [...BUNDLE_FOLDERS, 'ui'])
      expect(await boundaryErrors('shared', importOf(`../${folder}/index.js`)), folder).toEqual(['no-restricted-imports']);
    for (const name of UI_PACKAGES) expect(await boundaryErrors('shared', importOf(name)), name).toEqual(['no-restricted-imports']);
    expect(await boundaryErrors('shared', importOf('./types.js'))).toEqual([]);
  });
});

describe('src/match/ is DOM-free and self-contained', () => {
  it('imports nothing outside src/match/', async () => {
    for (const specifier of ['../shared/types.js', '../content/extract.js', '../data/schema.js', '../../tools/dataset/compile.js']) {
      expect(await boundaryErrors('match', importOf(specifier)), specifier).toEqual(['no-restricted-imports']);
    }
  });
  it('imports no browser-only package', async () => {
    for (const name of ['webextension-polyfill', ...UI_PACKAGES])
      expect(await boundaryErrors('match', importOf(name)), name).toEqual(['no-restricted-imports']);
  });
  it('uses no DOM or browser global, as a value or as a type', async () => {
    const values = [
      'document.title',
      'window.innerWidth',
      'chrome.runtime',
      'browser.runtime',
      "fetch('x')",
      'requestAnimationFrame(() => 0)',
      'navigator.language',
      "localStorage.getItem('k')",
    ];
    for (const expression of values) expect(await boundaryErrors('match', `export const v = ${expression};\n`), expression).toEqual(['no-restricted-globals']);
    for (const type of ['Element', 'HTMLElement', 'Node', 'Range', 'Document', 'MutationObserver']) {
      expect(await boundaryErrors('match', `export type T = ${type} | null;\n`), type).toEqual(['@typescript-eslint/no-restricted-types']);
    }
  });
  it('may use its own modules, approx-string-match and the language (incl. what Node shares, e.g. TextEncoder)', async () => {
    expect(await boundaryErrors('match', importOf('./normalise.js'))).toEqual([]);
    expect(await boundaryErrors('match', importOf('approx-string-match'))).toEqual([]);
    expect(await boundaryErrors('match', 'export const v = [new TextEncoder(), new Map<string, number>(), Math.max(1, 2), new Uint32Array(4)];\n')).toEqual([]);
  });
});

// House rules kept by a tool: type-aware correctness rules for all our code, and the bundle
// boundaries of src/ (README "Layout") as import rules, so a change that crosses one fails
// `npm run lint` instead of waiting for a reviewer (or for content.js to outgrow its 10 KB).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The bundles build.mjs makes, by the src/ folders each one is built from. A folder may import
 * from its own bundle, from src/shared/ (messages, settings, types, i18n: shared by every bundle)
 * and from src/match/ (the DOM-free engine, used today by content, annotator and background);
 * never from another bundle's folder. The UI bundles also share src/ui/ (UI_SHARED).
 */
const BUNDLES = {
  content: ['content'],
  annotator: ['annotator'],
  cards: ['cards'],
  background: ['background'],
  popup: ['popup'],
  panel: ['panel'],
  options: ['options'],
};
const BUNDLE_FOLDERS = Object.values(BUNDLES).flat();
/**
 * src/ui/: the UI code the extension's pages (popup, panel, options) and the cards share (start-up,
 * palette, the tab's view, card content), so none of it is written twice. Only UI bundles import it.
 */
const UI_SHARED = 'ui';
const UI_BUNDLES = ['cards', 'popup', 'panel', 'options'];
/** UI libraries: only the bundles that render UI may pull them in. */
const UI_PACKAGES = ['preact', '@floating-ui/dom'];

/** A no-restricted-imports pattern for "imports nothing from src/<folder>/", whatever the relative depth. */
const folderPattern = (folder, message) => ({ regex: `(^|/)${folder}(/|$)`, message });
/** A pattern for a package and its subpaths (preact, preact/hooks, …). */
const packagePattern = (name, message) => ({ regex: `^${name.replace('/', '\\/')}(/|$)`, message });

/**
 * One `files` block per src/ folder, one pattern (with its own message) per forbidden arrow.
 * no-restricted-imports matches the specifier as written: there are no path aliases (tsconfig has
 * no `paths`), so every import of another folder is spelled `../<folder>/…`. Options of a rule are
 * replaced, not merged, when two blocks match a file: hence one block per folder, built here.
 */
function boundaryBlocks() {
  const blocks = [];
  for (const [bundle, folders] of Object.entries(BUNDLES)) {
    const foreign = BUNDLE_FOLDERS.filter((folder) => !folders.includes(folder));
    for (const folder of folders) {
      const patterns = foreign.map((other) =>
        folderPattern(
          other,
          `src/${folder}/ is built into ${bundle}.js and must not import src/${other}/ (another bundle); share code through src/shared/ (or src/ui/ between UI bundles).`,
        ),
      );
      if (!UI_BUNDLES.includes(bundle))
        patterns.push(folderPattern(UI_SHARED, `src/${UI_SHARED}/ is UI shared by the extension's pages and the cards; ${bundle}.js renders no UI.`));
      const noUi = {
        content: 'content.js runs on every page (≤ 10 KB gzipped); UI belongs in the cards chunk, injected only on a match.',
        annotator: 'annotator.js holds anchoring and mention behaviour only; the cards are rendered by the cards chunk (src/cards/), injected on request.',
        background: 'the background has none.',
      }[bundle];
      if (noUi) for (const name of UI_PACKAGES) patterns.push(packagePattern(name, `${name} is UI: ${noUi}`));
      blocks.push({ name: `boundaries/${folder}`, files: [`src/${folder}/**`], rules: { 'no-restricted-imports': ['error', { patterns }] } });
    }
  }
  blocks.push({
    name: 'boundaries/ui',
    files: [`src/${UI_SHARED}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: BUNDLE_FOLDERS.map((folder) =>
            folderPattern(folder, `src/${UI_SHARED}/ is shared by the UI bundles and must not import src/${folder}/ (one bundle's code).`),
          ),
        },
      ],
    },
  });
  blocks.push({
    name: 'boundaries/shared',
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...[...BUNDLE_FOLDERS, UI_SHARED].map((folder) =>
              folderPattern(folder, `src/shared/ is in every bundle and must not import src/${folder}/: that would pull one bundle's code into all of them.`),
            ),
            ...UI_PACKAGES.map((name) => packagePattern(name, `${name} is UI: src/shared/ is in every bundle, content.js included.`)),
          ],
        },
      ],
    },
  });
  return blocks;
}

/**
 * src/match/ is the pure engine: it runs in Node (unit tests, bench, dataset tools) and in the
 * background worker, so it may touch no DOM or browser API. A lint rule rather than a tsconfig
 * with `lib: ["ES2023"]`: one more tsconfig would have to stay in step with the two we have, and
 * the rule names the boundary in its message. The list is every browser global that Node lacks
 * (the `globals` package: browser minus node minus ES builtins: document, window, HTMLElement,
 * MutationObserver, requestAnimationFrame, …), plus the WebExtension namespaces and the browser
 * APIs Node happens to share (fetch, storage, navigator). no-restricted-globals sees values only,
 * so the same names are also banned as types (`node: Element`) with no-restricted-types.
 */
function matchIsDomFree() {
  const nodeHas = new Set([...Object.keys(globals.node), ...Object.keys(globals.builtin)]);
  const browserOnly = Object.keys(globals.browser).filter((name) => !nodeHas.has(name));
  const extra = ['browser', 'chrome', 'fetch', 'navigator', 'localStorage', 'sessionStorage', 'WebSocket'];
  const message = 'src/match/ is the DOM-free engine (it runs in Node and in the background worker): no DOM or browser API here.';
  const banned = [...browserOnly, ...extra];
  return {
    name: 'boundaries/match',
    files: ['src/match/**'],
    rules: {
      'no-restricted-globals': ['error', ...banned.map((name) => ({ name, message }))],
      '@typescript-eslint/no-restricted-types': ['error', { types: Object.fromEntries(banned.map((name) => [name, { message }])) }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // src/match/ is flat: every `../` leaves it.
            { regex: '^\\.\\./', message: 'src/match/ imports nothing outside src/match/: it is the self-contained engine several bundles and Node share.' },
            ...['webextension-polyfill', ...UI_PACKAGES].map((name) => packagePattern(name, `${name} runs in the browser only: ${message}`)),
          ],
        },
      ],
    },
  };
}

export default defineConfig([
  globalIgnores(['dist/', '.cache/', 'demo-output/', 'test-output/', 'bench-output/', 'node_modules/'], 'build output'),
  // The fixtures' page scripts stand for third-party pages, served to the browser byte for byte.
  globalIgnores(['tests/fixtures/**/*.js'], 'fixture page scripts'),
  {
    name: 'backstory/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  {
    name: 'backstory/all',
    files: ['**/*.{ts,tsx,mjs}', 'eslint.config.js'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The two tsconfigs the typecheck uses: browser code (src/) and Node code (tools/, tests/).
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      // verbatimModuleSyntax keeps every import that is not marked `type`: mark type-only ones.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'error',
      // `import { type A }` still loads the module under verbatimModuleSyntax; `import type { A }` does not.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-unused-private-class-members': 'error',
    },
  },
  {
    // Plain ES modules (build.mjs, tools/*.mjs, this file): in no tsconfig (no allowJs), so typed through the
    // project service's default project, which infers their types from the code and the imports.
    name: 'backstory/mjs',
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        project: null,
        projectService: {
          // A new .mjs elsewhere fails lint with "not found by the project service": add its folder here.
          allowDefaultProject: ['*.mjs', 'eslint.config.js', 'tools/*.mjs', 'tools/*/*.mjs', 'tests/fixtures/*/*.mjs'],
          // 7 files today (the default cap is 8); a few more script files cost little.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
        },
      },
    },
    rules: {
      // Untyped JavaScript: JSON.parse, puppeteer handles and esbuild results are `any` here, and
      // annotating them all with JSDoc would be TypeScript by other means. The promise rules stay.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The functions given to page.evaluate / waitForFunction run in the page, not in Node.
    name: 'backstory/demo-page-functions',
    files: ['tools/demo.mjs'],
    languageOptions: { globals: { document: 'readonly', requestAnimationFrame: 'readonly' } },
  },
  {
    // no-restricted-imports does not see import(): without this, `await import('../cards/…')`
    // would walk past every boundary above.
    name: 'boundaries/no-dynamic-import',
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression',
          message:
            'No import() in src/: esbuild builds IIFE bundles, so it would inline the module into this bundle. The annotator chunk is injected by the background (scripting.executeScript) instead.',
        },
      ],
    },
  },
  ...boundaryBlocks(),
  matchIsDomFree(),
]);

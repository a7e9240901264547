// Builds both browser packages from one source: bundles every entry point with esbuild, compiles
// and validates the dataset, renders the icons, derives the Chrome and Firefox manifests from
// manifest.json + package.json, and writes store-ready zips. `--watch` rebuilds on change.
import { context, transform } from 'esbuild';
import { Resvg } from '@resvg/resvg-js';
import { zipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, importTs } from './tools/lib/import-ts.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
// BACKSTORY_DIST builds elsewhere (parallel work, or a bench build with a synthetic dataset).
const DIST = process.env.BACKSTORY_DIST ? path.resolve(process.env.BACKSTORY_DIST) : path.join(ROOT, 'dist');
const BROWSERS = ['chrome', 'firefox'];
export const ICON_SIZES = [16, 32, 48, 96, 128];

/** Bundles: [entry, output file]. The content script is the only code every page pays for. */
export const ENTRIES = [
  ['src/content/index.ts', 'content.js'],
  ['src/annotator/index.ts', 'annotator.js'],
  // The card UI (Preact, floating-ui), injected on the annotator's request once its mentions are mounted.
  ['src/cards/index.tsx', 'cards.js'],
  ['src/background/index.ts', 'background.js'],
  ['src/popup/index.tsx', 'popup.js'],
  // The companion panel: Chrome's side panel and Firefox's sidebar load the same page.
  ['src/panel/index.tsx', 'panel.js'],
  ['src/options/index.tsx', 'options.js'],
];
/**
 * The extension's pages, each written from the one template (src/ui/page.html) with its own script:
 * they differ in nothing else (the title and the language are set by src/ui/start-page.tsx).
 */
const PAGES = ['popup', 'panel', 'options'];

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const datasetDir = process.env.BACKSTORY_DATASET ? path.resolve(process.env.BACKSTORY_DATASET) : path.join(ROOT, 'src/data');

function manifestFor(browser) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  const withIdentity = { name: pkg.displayName, version: pkg.version, description: pkg.description, ...manifest };
  // The panel: Chrome's side panel (`side_panel` + the `sidePanel` permission), Firefox's sidebar
  // (`sidebar_action`); each browser gets only its own keys, so neither warns about the other's.
  if (browser === 'chrome') {
    delete withIdentity.browser_specific_settings;
    delete withIdentity.sidebar_action;
    withIdentity.background = { service_worker: manifest.background.service_worker };
  } else {
    delete withIdentity.side_panel;
    withIdentity.permissions = manifest.permissions.filter((permission) => permission !== 'sidePanel');
    withIdentity.background = { scripts: manifest.background.scripts };
  }
  return withIdentity;
}

function renderIcons(outDir) {
  const svg = fs.readFileSync(path.join(ROOT, 'icons/icon.svg'));
  fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    fs.writeFileSync(path.join(outDir, 'icons', `icon-${size}.png`), png);
  }
}

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

function zipDir(dir, zipPath) {
  const files = {};
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      // A fixed mtime makes the archives reproducible. Already compressed files (gzipped packs,
      // random hashes, PNG) are stored: deflating them again took minutes at 100,000 articles.
      else files[rel] = [fs.readFileSync(path.join(dir, rel)), { mtime: new Date('2020-12-15T00:00:00Z'), level: /\.(gz|bin|png)$/.test(rel) ? 0 : 9 }];
    }
  };
  walk('');
  fs.writeFileSync(zipPath, zipSync(files, { level: 9 }));
}

async function compileDataset() {
  const { compileDataset: compile, formatDatasetErrors } = await importTs('tools/dataset/compile.ts');
  const result = compile(datasetDir);
  if (!result.ok) {
    console.error(formatDatasetErrors(result.errors));
    throw new Error(`dataset in ${path.relative(ROOT, datasetDir) || datasetDir} is invalid (${result.errors.length} error(s))`);
  }
  return result.compiled;
}

/** Text files of a built package, gzipped ones inflated, for the shipped-text check (binary files hold only hashes). */
function packageTexts(dir) {
  const files = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(json|js|html|css|txt)$/.test(entry.name)) files.push({ name: rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
      else if (entry.name.endsWith('.gz')) files.push({ name: rel, text: zlib.gunzipSync(fs.readFileSync(path.join(dir, rel))).toString('utf8') });
    }
  };
  walk('');
  return files;
}

/** Stops the build when a package holds article text beyond the selectors (tools/dataset/shipped-text.ts). */
async function checkNoArticleText(outDir, compiled) {
  const { findShippedText, LEAK_WORDS } = await importTs('tools/dataset/shipped-text.ts');
  const articles = compiled.records.map((record, i) => ({ record, paragraphs: compiled.paragraphTexts[i] }));
  const found = findShippedText(articles, packageTexts(outDir));
  if (found.length === 0) return;
  const lines = found
    .slice(0, 10)
    .map((f) => `${path.relative(ROOT, path.join(outDir, f.file))}: article ${f.article}, paragraph ${f.paragraph}: "${f.words}"`);
  throw new Error(`the package holds article text (${found.length} run(s) of ${LEAK_WORDS} words outside the selectors):\n${lines.join('\n')}`);
}

const TARGET = ['chrome120', 'firefox128'];

/** CSS imported as text (the cards' shadow-root styles) ships minified: its comments are for us, not for every article page. */
const minifiedCssText = {
  name: 'minified-css-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await fs.promises.readFile(args.path, 'utf8'), { loader: 'css', minify: true, target: TARGET });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

const esbuildOptions = {
  entryPoints: ENTRIES.map(([entry, out]) => ({ in: path.join(ROOT, entry), out: out.replace(/\.js$/, '') })),
  outdir: path.join(DIST, '.bundles'),
  bundle: true,
  format: 'iife',
  target: TARGET,
  minify: true,
  legalComments: 'none',
  plugins: [minifiedCssText],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
};

/**
 * content.js runs on every page (≤ 10 KB gzipped): no UI may reach it, whatever path the import
 * takes (the lint rules see only direct imports). annotator.js runs before any card is wanted:
 * the card UI is cards.js, injected on request. Checked on esbuild's list of what each bundle holds.
 */
const NOT_IN_BUNDLE = {
  'content.js': {
    pattern: /(^|\/)(node_modules\/(preact|@floating-ui)|src\/(cards|annotator|popup|options))\//,
    what: 'no UI code (Preact, floating-ui, cards/annotator/popup/options)',
  },
  'annotator.js': {
    pattern: /(^|\/)(node_modules\/(preact|@floating-ui|webextension-polyfill)|src\/(cards|content|popup|options))\//,
    what: 'no card UI code (Preact, floating-ui, src/cards/: that is cards.js) nor content/popup/options, and no webextension-polyfill (the content script hands the annotator what it needs)',
  },
};

function checkBundles(metafile) {
  for (const [bundle, { pattern, what }] of Object.entries(NOT_IN_BUNDLE)) {
    const [, output] = Object.entries(metafile.outputs).find(([file]) => path.basename(file) === bundle);
    const found = Object.entries(output.inputs).filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && pattern.test(input));
    if (found.length > 0) throw new Error(`${bundle} must hold ${what}, but bundles: ${found.map(([input]) => input).join(', ')}`);
  }
}

async function buildOnce(ctx) {
  const started = performance.now();
  const compiled = await compileDataset();
  const { metafile } = await ctx.rebuild();
  checkBundles(metafile);
  // The dataset is written and checked once, then copied into each package (the same files).
  const dataStage = path.join(DIST, '.data');
  fs.rmSync(dataStage, { recursive: true, force: true });
  // The package's dataset: its format is src/shared/package-format.ts, shared with the background's reader.
  const { writePackage } = await importTs('tools/dataset/package.ts');
  writePackage(dataStage, compiled);
  for (const browser of BROWSERS) {
    const outDir = path.join(DIST, browser);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    for (const [, out] of ENTRIES) fs.copyFileSync(path.join(DIST, '.bundles', out), path.join(outDir, out));
    const template = fs.readFileSync(path.join(ROOT, 'src/ui/page.html'), 'utf8');
    for (const page of PAGES) fs.writeFileSync(path.join(outDir, `${page}.html`), template.replace('{{script}}', `${page}.js`));
    copyDir(path.join(ROOT, '_locales'), path.join(outDir, '_locales'));
    renderIcons(outDir);
    copyDir(path.join(dataStage, 'data'), path.join(outDir, 'data'));
    // The packages differ only in manifest.json, which holds no article text: one check covers both.
    if (browser === BROWSERS[0]) await checkNoArticleText(outDir, compiled);
    fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
    zipDir(outDir, path.join(DIST, `backstory-${browser}-${pkg.version}.zip`));
  }
  fs.rmSync(dataStage, { recursive: true, force: true });
  console.log(`built dist/chrome and dist/firefox (${compiled.catalog.articles.length} article(s)) in ${Math.round(performance.now() - started)} ms`);
}

async function main() {
  const ctx = await context(esbuildOptions);
  try {
    await buildOnce(ctx);
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    if (!watch) {
      await ctx.dispose();
      process.exit(1);
    }
  }
  if (!watch) {
    await ctx.dispose();
    return;
  }
  console.log('watching src/, manifest.json, icons/, _locales/ …');
  let timer;
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void buildOnce(ctx).catch((error) => console.error(`build failed: ${error.message}`)), 150);
  };
  for (const target of ['src', 'icons', '_locales', 'manifest.json', 'package.json']) {
    fs.watch(path.join(ROOT, target), { recursive: true }, rebuild);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

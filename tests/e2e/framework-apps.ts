/**
 * The framework apps of frameworks.e2e.test.ts: React 19, Vue 3 and Svelte 5 from npm, each
 * rendering the seed article (tests/fixtures/frameworks/), bundled with esbuild at test time for
 * the browser, and for Node to server-render the HTML that the browser then hydrates late.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { compile } from 'svelte/compiler';
import { type BrowserName, ROOT } from './harness.js';

export const APPS = ['react', 'vue', 'svelte'] as const;
export type AppName = (typeof APPS)[number];
/** `ssr`: server-rendered, hydrated 1.5 s after load; `csr`: an empty root the client mounts into. */
export const MODES = ['ssr', 'csr'] as const;
export type Mode = (typeof MODES)[number];

const SOURCES = path.join(ROOT, 'tests/fixtures/frameworks');
const SERVER_BUNDLES = path.join(ROOT, '.cache/frameworks');

/** Compiles .svelte files for the client (DOM) or the server (strings). */
function sveltePlugin(generate: 'client' | 'server'): Plugin {
  return {
    name: 'svelte',
    setup(b) {
      b.onLoad({ filter: /\.svelte$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const { js } = compile(source, { filename: args.path, generate, dev: false });
        return { contents: js.code, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** Production builds, as a news site ships them (React's minified errors, Vue's flags set). */
const DEFINE = {
  'process.env.NODE_ENV': '"production"',
  __VUE_OPTIONS_API__: 'true',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
};

async function clientBundle(app: AppName): Promise<string> {
  const result = await build({
    entryPoints: [path.join(SOURCES, app, 'client.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: DEFINE,
    plugins: [sveltePlugin('client')],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild made no bundle for ${app}`);
  return file.text;
}

type Render = (route: string) => string | Promise<string>;

/** Bundles the app's server entry (packages stay imports, resolved from the project) and loads it. */
async function serverRenderer(app: AppName): Promise<Render> {
  fs.mkdirSync(SERVER_BUNDLES, { recursive: true });
  const outfile = path.join(SERVER_BUNDLES, `${app}-server.mjs`);
  await build({
    entryPoints: [path.join(SOURCES, app, 'server.js')],
    bundle: true,
    outfile,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    plugins: [sveltePlugin('server')],
    logLevel: 'silent',
  });
  const module = (await import(pathToFileURL(outfile).href)) as { render: Render };
  return module.render;
}

export interface FrameworkServer {
  origin: string;
  /** The app's article page: `${origin}/${app}/${mode}/`; the unrelated article is `…/other`. */
  url(app: AppName, mode: Mode): string;
  close(): Promise<void>;
}

/** Builds the three apps and serves their pages: /<app>/<mode>/[other] and /assets/<app>.js. */
export async function startFrameworkServer(): Promise<FrameworkServer> {
  const clients = new Map<AppName, string>();
  const renderers = new Map<AppName, Render>();
  for (const app of APPS) {
    clients.set(app, await clientBundle(app));
    renderers.set(app, await serverRenderer(app));
  }
  const page = async (app: AppName, mode: Mode, route: string): Promise<string> => {
    const render = renderers.get(app) as Render;
    const body = mode === 'ssr' ? await render(route) : '';
    return `<!doctype html>
<html lang="en" data-mode="${mode}" data-base="/${app}/${mode}/">
<head><meta charset="utf-8"><title>The Daily Bundle (${app})</title>
<script type="module" src="/assets/${app}.js"></script></head>
<body><div id="app">${body}</div></body>
</html>`;
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const asset = /^\/assets\/(react|vue|svelte)\.js$/.exec(url.pathname);
    const route = /^\/(react|vue|svelte)\/(ssr|csr)\/(other)?$/.exec(url.pathname);
    const headers = { 'cache-control': 'no-store' };
    if (asset) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(clients.get(asset[1] as AppName));
    } else if (route) {
      page(route[1] as AppName, route[2] as Mode, route[3] ?? '').then(
        (html) => res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    } else {
      // favicon.ico and anything else: an empty answer, not a 404 the console would report.
      res.writeHead(204, headers).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (app, mode) => `${origin}/${app}/${mode}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface BareBrowser {
  browser: Browser;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The same browser without Backstory: the baseline run that tells which page and console errors
 * the apps log on their own. The pages load only from the loopback server, so no confinement.
 */
export async function launchBare(name: BrowserName): Promise<BareBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `backstory-bare-${name}-`));
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          headless: true,
          pipe: true,
          userDataDir,
          args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
          protocol: 'webDriverBiDi',
          headless: true,
          userDataDir,
        });
  return {
    browser,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

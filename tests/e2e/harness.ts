/**
 * Real-browser harness: a loopback static server for the fixtures and the real pages, and launchers
 * for Debian's Chromium and Firefox ESR with the built extension installed (recipes in
 * shared/reference/browser-testing.md). A missing browser or a missing build throws: the e2e
 * suite fails loudly, it never skips.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type CreatePageOptions, type Page, type Target, TargetType } from 'puppeteer-core';

/** The project root: the nearest folder up from here with build.mjs (this file also runs bundled from .cache/). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'build.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${from}`);
  }
}
export const ROOT = findRoot(import.meta.dirname);
export const FIXTURES = path.join(ROOT, 'tests/fixtures/pages');
export const REALPAGES = path.resolve(process.env.BACKSTORY_REALPAGES ?? path.join(ROOT, '../shared/realpages'));
export const OUTPUT = path.join(ROOT, 'test-output');
/** Where the built packages are (BACKSTORY_DIST, as for build.mjs). */
export const DIST = process.env.BACKSTORY_DIST ? path.resolve(process.env.BACKSTORY_DIST) : path.join(ROOT, 'dist');
const GECKO_ID = 'backstory@backstory.example';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};

export interface Server {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves /fixtures/* from tests/fixtures/pages and /real/* from the real pages. Fixture files may
 * come with a `<name>.headers.json` of extra response headers (the CSP fixtures use it). `hosts`
 * serves a page under a publisher's own address (a request for any path of that host, through
 * launch's `publisherHost`): host → a path served here, e.g. `/fixtures/original.html`.
 */
export async function startServer(hosts: Record<string, string> = {}): Promise<Server> {
  const roots: Record<string, string> = { fixtures: FIXTURES, real: REALPAGES, hostile: path.join(ROOT, 'tests/fixtures/hostile') };
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(hosts[host] ?? req.url ?? '/', 'http://127.0.0.1');
    const [, mount, ...rest] = url.pathname.split('/');
    const base = roots[mount ?? ''];
    const file = base ? path.join(base, ...rest.map(decodeURIComponent)) : '';
    if (!base || !file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headersFile = `${file}.headers.json`;
    const extra = fs.existsSync(headersFile) ? (JSON.parse(fs.readFileSync(headersFile, 'utf8')) as Record<string, string>) : {};
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...extra });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Session {
  name: BrowserName;
  browser: Browser;
  /** chrome-extension://ID or moz-extension://UUID */
  extensionOrigin: string;
  /** Requests made by the extension's own contexts to anything but its own package. */
  extensionRequests: string[];
  newPage(): Promise<Page>;
  /** Opens an extension page (popup.html?tab=…, options.html) in a tab (or a window of its own) and waits for `ready`. */
  openExtensionPage(file: string, ready: string, options?: CreatePageOptions): Promise<Page>;
  /** The browser's tab id of a page (for popup.html?tab=ID). */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

function requireFile(file: string, hint: string): void {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

const BASE_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return hostname === '127.0.0.1' || hostname === 'localhost';
  } catch {
    return true;
  }
}

/** Refuses every request that would leave the machine, so real pages never hang on remote resources. */
async function confineToLoopback(page: Page, name: BrowserName, mappedHost: string | undefined): Promise<void> {
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  // Firefox is confined by its proxy prefs (see launch); Chromium by request interception.
  if (name === 'chromium') {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const allowed = isLoopback(request.url()) || (mappedHost !== undefined && new URL(request.url()).hostname === mappedHost);
      void (allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
    });
  }
}

/**
 * `publisherHost`: a publisher's host name answered by the loopback server at `port` (plain http),
 * so a fixture can be read at the article's canonical address: Chromium maps the name with
 * --host-resolver-rules, Firefox sends its http requests through that server as a proxy.
 * `firefoxPrefs`: extra about:config prefs (e.g. a dark theme, where BiDi cannot emulate media
 * features). `watchRequests: false` leaves Chromium's service worker without DevTools network
 * tracking (the bench: tracking keeps a copy of every response, which slowed reading a 4.7 MB
 * package file severalfold); `extensionRequests` then stays empty.
 */
export async function launch(
  name: BrowserName,
  distDir = path.join(DIST, name === 'chromium' ? 'chrome' : 'firefox'),
  options: { firefoxPrefs?: Record<string, unknown>; watchRequests?: boolean; publisherHost?: { host: string; port: number } } = {},
): Promise<Session> {
  requireFile(EXECUTABLES[name], `install it (apt-get install -y ${name === 'chromium' ? 'chromium' : 'firefox-esr'}); the e2e suite needs real browsers`);
  requireFile(path.join(distDir, 'manifest.json'), 'run `npm run build` first');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `backstory-${name}-`));
  const extensionRequests: string[] = [];
  let browser: Browser;
  let extensionOrigin: string;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: EXECUTABLES.chromium,
      headless: true,
      pipe: true,
      enableExtensions: true,
      userDataDir,
      args: options.publisherHost
        ? [...BASE_CHROMIUM_ARGS, `--host-resolver-rules=MAP ${options.publisherHost.host} 127.0.0.1:${options.publisherHost.port}`]
        : BASE_CHROMIUM_ARGS,
    });
    const id = await browser.installExtension(distDir);
    extensionOrigin = `chrome-extension://${id}`;
    await browser.waitForTarget((t) => t.type() === TargetType.SERVICE_WORKER && t.url().startsWith(extensionOrigin), { timeout: 15_000 });
    if (options.watchRequests !== false) await watchWorkerRequests(browser, extensionOrigin, extensionRequests);
  } else {
    const uuid = crypto.randomUUID();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLES.firefox,
      protocol: 'webDriverBiDi',
      headless: true,
      userDataDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': options.publisherHost?.port ?? 9,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': 9,
        'network.proxy.no_proxies_on': '127.0.0.1,localhost',
        'network.proxy.allow_hijacking_localhost': false,
        'browser.shell.checkDefaultBrowser': false,
        'dom.disable_open_during_load': false,
        ...options.firefoxPrefs,
      },
    });
    await browser.installExtension(distDir);
    extensionOrigin = `moz-extension://${uuid}`;
  }

  const session: Session = {
    name,
    browser,
    extensionOrigin,
    extensionRequests,
    async newPage() {
      const page = await browser.newPage();
      await confineToLoopback(page, name, options.publisherHost?.host);
      return page;
    },
    async openExtensionPage(file, ready, options) {
      const page = await browser.newPage(options);
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(extensionOrigin)) extensionRequests.push(`${file}: ${url}`);
      });
      const url = `${extensionOrigin}/${file}`;
      if (name === 'chromium') {
        await page.goto(url);
      } else {
        // Firefox/BiDi: navigation to moz-extension:// does not resolve reliably; poll for content.
        void page.goto(url).catch(() => undefined);
      }
      await waitFor(page, ready, 15_000);
      return page;
    },
    async tabIdOf(page) {
      const probe = await session.openExtensionPage('options.html', 'body');
      const pageUrl = page.url();
      try {
        return await probe.evaluate(async (target: string) => {
          type TabsApi = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
          const g = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
          const tabs = await (g.browser ?? g.chrome).tabs.query({});
          const tab = tabs.find((t) => t.url === target);
          if (tab?.id === undefined) throw new Error(`no tab with url ${target}`);
          return tab.id;
        }, pageUrl);
      } finally {
        await probe.close();
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Records requests from the extension's service worker (and any later worker) that leave the package. */
async function watchWorkerRequests(browser: Browser, origin: string, sink: string[]): Promise<void> {
  const attach = async (target: Target): Promise<void> => {
    if (target.type() !== TargetType.SERVICE_WORKER || !target.url().startsWith(origin)) return;
    const cdp = await target.createCDPSession();
    await cdp.send('Network.enable').catch(() => undefined);
    cdp.on('Network.requestWillBeSent', (event: { request: { url: string } }) => {
      if (!event.request.url.startsWith(origin)) sink.push(`service worker: ${event.request.url}`);
    });
  };
  for (const target of browser.targets()) await attach(target);
  browser.on('targetcreated', (target) => void attach(target).catch(() => undefined));
}

/** Polls for a selector (piercing shadow roots with `pierce/`), tolerant of navigations in progress. */
export async function waitFor(page: Page, selector: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      if (await page.$(selector)) return;
    } catch (error) {
      lastError = String(error);
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${selector}${lastError ? ` (${lastError})` : ''}`);
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(OUTPUT, { recursive: true });
  return path.join(OUTPUT, `${name}.png`);
}

/** The page's visible text with Backstory's UI host left out: must be identical before and after annotation. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const host of clone.querySelectorAll('backstory-root')) host.remove();
    return clone.textContent ?? '';
  });
}

/** The article's original text, before any content script touched it: fetched raw from the server. */
export async function serverText(page: Page, url: string): Promise<string> {
  return page.evaluate(async (u: string) => {
    const html = await (await fetch(u)).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // A page saved while annotated carries an old Backstory host: not the page's text.
    for (const host of doc.querySelectorAll('backstory-root')) host.remove();
    return doc.body.textContent ?? '';
  }, url);
}

/** What Backstory has put in a page: the article attribute, mentions, UI hosts and stray attributes. */
export interface PageMarks {
  article: string | null;
  mentions: number;
  hosts: number;
  /** `data-backstory-*` attributes anywhere but on mentions and `<html>`: the contract allows no others. */
  strayAttributes: number;
}

/** Reads the page's marks with plain loops: a hostile fixture replaces the Array methods. */
export function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate(() => {
    let stray = 0;
    const all = document.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i] as Element;
      if (el === document.documentElement) continue;
      for (let j = 0; j < el.attributes.length; j++) {
        const name = (el.attributes[j] as Attr).name;
        if (name.startsWith('data-backstory') && name !== 'data-backstory-entity') stray++;
      }
    }
    return {
      article: document.documentElement.getAttribute('data-backstory-article'),
      mentions: document.querySelectorAll('[data-backstory-entity]').length,
      hosts: document.querySelectorAll('backstory-root').length,
      strayAttributes: stray,
    };
  });
}

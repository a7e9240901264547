/**
 * Real-browser harness: a loopback static server for the fixtures and the real pages, and launchers
 * for Chromium and Firefox ESR (paths and real pages: tools/lib/test-environment.ts) with the built
 * extension installed. A missing browser or a missing build throws: the e2e suite fails loudly, it
 * never skips.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type CreatePageOptions, type Page, type Target, TargetType } from 'puppeteer-core';
import {
  ARTICLE_ATTRIBUTE,
  ENTITY_ATTRIBUTE,
  HOST_TAG,
  MATCH_ATTRIBUTE,
  MENTION_HIGHLIGHT,
  MENTION_LIST_ATTRIBUTE,
  OPEN_ATTRIBUTE,
  POPOVER_ATTRIBUTE,
} from '../../src/shared/dom-contract.js';
import type { ContentReplies, ContentRequest } from '../../src/shared/messages.js';
import { BROWSER_EXECUTABLES, browserExecutable, realPagesDir, type BrowserName } from '../../tools/lib/test-environment.js';

/** The project root: the nearest folder up from here with build.mjs (this file also runs bundled from .cache/). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'build.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project root above ${from}`);
  }
}
export const ROOT = findRoot(import.meta.dirname);
export const FIXTURES = path.join(ROOT, 'tests/fixtures/pages');
export const REALPAGES = realPagesDir(ROOT);
export const OUTPUT = path.join(ROOT, 'test-output');
/** Where the built packages are (BACKSTORY_DIST, as for build.mjs). */
export const DIST = process.env.BACKSTORY_DIST ? path.resolve(process.env.BACKSTORY_DIST) : path.join(ROOT, 'dist');
const GECKO_ID = 'backstory@backstory.example';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type { BrowserName };
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const EXECUTABLES: Record<BrowserName, string> = { chromium: browserExecutable('chromium'), firefox: browserExecutable('firefox') };

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
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const mapped = hosts[host];
    serveStatic(mapped ? Object.assign(req, { url: mapped }) : req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A server that answers on `sites` more loopback addresses too, each a site of its own to a browser. */
export interface SitesServer extends Server {
  /** The origin of site `i` (0-based): http://127.0.0.(i + 2):port, the same files as `origin`. */
  siteOrigin(i: number): string;
}

/**
 * The bench's reader's-way figures need a new site per page (Chromium gives each site its own
 * renderer, Firefox's Fission its own content process): every 127.0.0.N is loopback on Linux, and
 * an IP address is a site of its own.
 */
export async function startSitesServer(sites: number): Promise<SitesServer> {
  if (sites > 250) throw new Error(`at most 250 loopback sites, not ${sites}`);
  const main = http.createServer(serveStatic);
  await new Promise<void>((resolve) => main.listen(0, '127.0.0.1', resolve));
  const { port } = main.address() as AddressInfo;
  const servers = [main];
  for (let i = 0; i < sites; i++) {
    const server = http.createServer(serveStatic);
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, `127.0.0.${i + 2}`, resolve));
    servers.push(server);
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    siteOrigin: (i) => `http://127.0.0.${i + 2}:${port}`,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

const STATIC_ROOTS: Record<string, string> = { fixtures: FIXTURES, real: REALPAGES, hostile: path.join(ROOT, 'tests/fixtures/hostile') };

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [, mount, ...rest] = url.pathname.split('/');
  const base = STATIC_ROOTS[mount ?? ''];
  const file = base ? path.join(base, ...rest.map(decodeURIComponent)) : '';
  if (!base || !file.startsWith(base) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  const headersFile = `${file}.headers.json`;
  const extra = fs.existsSync(headersFile) ? (JSON.parse(fs.readFileSync(headersFile, 'utf8')) as Record<string, string>) : {};
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...extra });
  res.end(fs.readFileSync(file));
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
  /**
   * Sends a content request to the page's tab from an extension page, as the background does for
   * a keyboard command (synthesized key events never reach the browsers' command shortcuts).
   */
  askPage<R extends ContentRequest>(page: Page, request: R): Promise<ContentReplies[R['type']]>;
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
    return /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === 'localhost';
  } catch {
    return true;
  }
}

/** Refuses every request that would leave the machine, so real pages never hang on remote resources. */
async function confineToLoopback(page: Page, name: BrowserName, interceptInFirefox: boolean, mappedHost: string | undefined): Promise<void> {
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  // Firefox is confined by its proxy prefs (see launch), and by interception too where the proxy
  // records what reaches it (recordFirefoxBackground); Chromium by request interception.
  if (name === 'chromium' || interceptInFirefox) {
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
 * package file severalfold); `extensionRequests` then stays empty. `recordFirefoxBackground`:
 * Firefox's extension background is no target the harness can watch, so its requests are caught
 * where they leave the browser (startOutboundRecorder): Firefox's proxy becomes a recorder, and
 * the session's pages are confined by interception so that only the extension reaches it.
 */
export async function launch(
  name: BrowserName,
  distDir = path.join(DIST, name === 'chromium' ? 'chrome' : 'firefox'),
  options: {
    firefoxPrefs?: Record<string, unknown>;
    watchRequests?: boolean;
    recordFirefoxBackground?: boolean;
    publisherHost?: { host: string; port: number };
  } = {},
): Promise<Session> {
  const { aptPackage, variable } = BROWSER_EXECUTABLES[name];
  requireFile(EXECUTABLES[name], `install it (apt-get install -y ${aptPackage}) or set ${variable}; the e2e suite needs real browsers`);
  requireFile(path.join(distDir, 'manifest.json'), 'run `npm run build` first');
  // Both work through Firefox's one http proxy: a session can have one or the other.
  if (name === 'firefox' && options.publisherHost && options.recordFirefoxBackground)
    throw new Error('launch: publisherHost and recordFirefoxBackground both need Firefox proxy; use two sessions');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `backstory-${name}-`));
  const extensionRequests: string[] = [];
  const recorder =
    name === 'firefox' && options.recordFirefoxBackground
      ? await startOutboundRecorder((request) => extensionRequests.push(`Firefox, outside web pages (background or extension page): ${request}`))
      : undefined;
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
      // Release builds honour services.settings.server (below) only with this set.
      ...(recorder && { env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' } }),
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
        // Recorded: Firefox's own remote-settings sync would be the recorder's only other caller.
        ...(recorder && {
          'network.proxy.http_port': recorder.port,
          'network.proxy.ssl_port': recorder.port,
          'services.settings.server': 'http://127.0.0.1:9/v1',
        }),
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
      await confineToLoopback(page, name, recorder !== undefined, options.publisherHost?.host);
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
    async askPage(page, request) {
      const tabId = await session.tabIdOf(page);
      const remote = await session.openExtensionPage('options.html', 'body');
      try {
        return (await remote.evaluate(
          async (id: number, message: unknown) => {
            type TabsApi = { tabs: { sendMessage(tab: number, message: unknown, options: object): Promise<unknown> } };
            const g = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
            return (g.browser ?? g.chrome).tabs.sendMessage(id, message, { frameId: 0 });
          },
          tabId,
          request,
        )) as ContentReplies[typeof request.type];
      } finally {
        await remote.close();
        await page.bringToFront();
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      await recorder?.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * A stand-in for Firefox's proxy that records what reaches it (`GET http://host/…` or
 * `CONNECT host:443`) and refuses it: every request from Firefox that leaves the loopback
 * interface, handed to `onRequest` as it arrives.
 */
export async function startOutboundRecorder(onRequest: (request: string) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n')) return;
      head += chunk.toString('latin1');
      const line = head.split('\r\n')[0];
      if (!head.includes('\r\n') || !line) return;
      const [method, target] = line.split(' ');
      onRequest(`${method} ${target}`);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  return page.evaluate((hostTag: string) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const host of clone.querySelectorAll(hostTag)) host.remove();
    return clone.textContent ?? '';
  }, HOST_TAG);
}

/** The article's original text, before any content script touched it: fetched raw from the server. */
export async function serverText(page: Page, url: string): Promise<string> {
  return page.evaluate(
    async (u: string, hostTag: string) => {
      const html = await (await fetch(u)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      // A page saved while annotated carries an old Backstory host: not the page's text.
      for (const host of doc.querySelectorAll(hostTag)) host.remove();
      return doc.body.textContent ?? '';
    },
    url,
    HOST_TAG,
  );
}

/** The contract's names, handed to functions that run in the page (they cannot import). */
export const CONTRACT = {
  article: ARTICLE_ATTRIBUTE,
  host: HOST_TAG,
  highlight: MENTION_HIGHLIGHT,
  list: MENTION_LIST_ATTRIBUTE,
  entity: ENTITY_ATTRIBUTE,
  match: MATCH_ATTRIBUTE,
  open: OPEN_ATTRIBUTE,
  popover: POPOVER_ATTRIBUTE,
} as const;
export type Contract = typeof CONTRACT;

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One mention as the DOM contract exposes it: a range of the highlight and its list item. */
export interface MentionInfo {
  index: number;
  entity: string;
  /** `exact` or `fuzzy` (the list item's data-backstory-match). */
  match: string;
  /** The list item's text. */
  text: string;
  /** The page text the range covers now: the contract promises it equals `text`. */
  rangeText: string;
  /** The card of this mention is open (data-backstory-open on its item). */
  open: boolean;
  /** CSS direction and line height of the element the mention's text sits in. */
  direction: string;
  lineHeight: number;
  /** Client rects of the range (one per line box). */
  rects: Rect[];
  /** The mention's text sits in a region the contract keeps mentions out of. */
  inChrome: boolean;
}

/**
 * Reads the mentions through the public DOM contract, with plain loops (a hostile fixture replaces
 * the Array methods): the ranges of CSS.highlights' `backstory-mention`, paired in order with the
 * items of the host's read-only list. Throws when the two disagree in number.
 */
export function readMentions(page: Page): Promise<MentionInfo[]> {
  return page.evaluate((c: Contract) => {
    const highlight = CSS.highlights.get(c.highlight);
    const items = document.querySelectorAll(`${c.host} > [${c.list}] > li`);
    const ranges: AbstractRange[] = [];
    if (highlight) highlight.forEach((range) => void ranges.push(range));
    if (ranges.length !== items.length) throw new Error(`contract broken: ${ranges.length} highlight ranges, ${items.length} list items`);
    const out: MentionInfo[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Element;
      const abstract = ranges[i] as AbstractRange;
      const range = document.createRange();
      range.setStart(abstract.startContainer, abstract.startOffset);
      range.setEnd(abstract.endContainer, abstract.endOffset);
      const node = range.startContainer;
      const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
      const style = element ? getComputedStyle(element) : null;
      const rects: Rect[] = [];
      const list = range.getClientRects();
      for (let j = 0; j < list.length; j++) {
        const r = list[j] as DOMRect;
        rects.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
      out.push({
        index: i,
        entity: item.getAttribute(c.entity) ?? '',
        match: item.getAttribute(c.match) ?? '',
        text: item.textContent ?? '',
        rangeText: range.toString(),
        open: item.hasAttribute(c.open),
        direction: style?.direction ?? '',
        lineHeight: style ? parseFloat(style.lineHeight) : NaN,
        rects,
        inChrome: element?.closest('nav, aside, footer, form, [contenteditable], .related, .ad-slot, .comments, .sidebar') !== null,
      });
    }
    return out;
  }, CONTRACT);
}

/** Scrolls mention `index` to the middle of the viewport; resolves to the centre of its first line box. */
export async function mentionPoint(page: Page, index: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    async (c: Contract, i: number) => {
      const ranges: AbstractRange[] = [];
      CSS.highlights.get(c.highlight)?.forEach((range) => void ranges.push(range));
      const abstract = ranges[i];
      if (!abstract) return null;
      const range = document.createRange();
      range.setStart(abstract.startContainer, abstract.startOffset);
      range.setEnd(abstract.endContainer, abstract.endOffset);
      const frame = (): Promise<unknown> => new Promise((resolve) => requestAnimationFrame(resolve));
      // A smooth scroll still running (a card opened from the keyboard scrolls to its mention)
      // would carry the mention away from the point: wait until the page stands still.
      for (let last = NaN, still = 0, tries = 0; still < 2 && tries < 60; tries++) {
        await frame();
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
      }
      const first = range.getClientRects()[0];
      if (!first) return null;
      scrollBy({ top: first.top + first.height / 2 - innerHeight / 2, behavior: 'instant' });
      await frame();
      const r = range.getClientRects()[0] as DOMRect;
      return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
    },
    CONTRACT,
    index,
  );
  if (!point) throw new Error(`no mention ${index} with a line box`);
  return point;
}

/** The open card's entity (the element with data-backstory-popover in the host's shadow root), or null. */
export function openCard(page: Page): Promise<string | null> {
  return page.evaluate(
    (c: Contract) => document.querySelector(c.host)?.shadowRoot?.querySelector(`[${c.popover}]`)?.getAttribute('data-entity') ?? null,
    CONTRACT,
  );
}

/** What Backstory has put in a page: the article attribute, mentions, UI hosts and stray marks. */
export interface PageMarks {
  article: string | null;
  /** Ranges in the mention highlight. */
  mentions: number;
  hosts: number;
  /** `data-backstory-*` attributes outside `<html>` and the UI host: the contract allows none. */
  strayAttributes: number;
  /** Elements with a Backstory tag (`backstory-*`) outside the one host: the contract allows none. */
  strayElements: number;
}

/** Reads the page's marks with plain loops: a hostile fixture replaces the Array methods. */
export function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate((c: Contract) => {
    let strayAttributes = 0;
    let strayElements = 0;
    const all = document.querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i] as Element;
      if (el === document.documentElement || el.closest(c.host)) continue;
      if (el.localName.startsWith('backstory-')) strayElements++;
      for (let j = 0; j < el.attributes.length; j++) if ((el.attributes[j] as Attr).name.startsWith('data-backstory')) strayAttributes++;
    }
    return {
      article: document.documentElement.getAttribute(c.article),
      mentions: CSS.highlights.get(c.highlight)?.size ?? 0,
      hosts: document.querySelectorAll(c.host).length,
      strayAttributes,
      strayElements,
    };
  }, CONTRACT);
}

/**
 * What Backstory's content script measured in a page: its `backstory:scan` and `backstory:lookup`
 * performance measures, which the page's main world sees in Chromium and in Firefox (timings
 * rounded to 1 ms there, details intact). The evidence that Backstory looked at a page, which a
 * check that a page was left untouched needs: untouched by a content script that never ran proves nothing.
 */
export interface LookupEvidence {
  /** The document measured: a failed navigation leaves the previous page's measures in place. */
  url: string;
  /** Text blocks found by each scan, in order. */
  scannedBlocks: number[];
  /** Each lookup's answer, in order: matched an article or not. */
  lookups: boolean[];
}

export function readLookupEvidence(page: Page): Promise<LookupEvidence> {
  return page.evaluate(() => ({
    url: location.href,
    scannedBlocks: performance.getEntriesByName('backstory:scan').map((e) => ((e as PerformanceMeasure).detail as { blocks: number }).blocks),
    lookups: performance.getEntriesByName('backstory:lookup').map((e) => ((e as PerformanceMeasure).detail as { matched: boolean }).matched),
  }));
}

/** Backstory looked and found no article: every lookup said so, or the page had no text to look up. */
export function foundNoArticle({ scannedBlocks, lookups }: LookupEvidence): boolean {
  return lookups.length > 0 ? !lookups.includes(true) : scannedBlocks.length > 0 && scannedBlocks.every((blocks) => blocks === 0);
}

/**
 * Waits until Backstory has answered for the page: a lookup measure, or a scan that found no text
 * block (nothing to look up). Throws when neither comes within `timeout`: the content script did
 * not run, or did not finish.
 */
export async function waitForLookup(page: Page, timeout = 10_000): Promise<LookupEvidence> {
  const deadline = Date.now() + timeout;
  let evidence: LookupEvidence = { url: '', scannedBlocks: [], lookups: [] };
  for (;;) {
    evidence = await readLookupEvidence(page).catch(() => evidence);
    if (evidence.lookups.length > 0 || evidence.scannedBlocks.includes(0)) return evidence;
    if (Date.now() > deadline) throw new Error(`no backstory:lookup in ${page.url()} within ${timeout} ms (scans: ${JSON.stringify(evidence.scannedBlocks)})`);
    await sleep(100);
  }
}

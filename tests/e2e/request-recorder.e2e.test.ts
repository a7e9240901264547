/**
 * The positive control of the privacy checks ("made no request outside its own package", in
 * popup.e2e and hardening.e2e): a test-only copy of the package whose background and one extra
 * page each make a deliberate request outside it, which the session's recorder must catch, in
 * Chromium (DevTools on the service worker, request events on the page) and in Firefox (the
 * proxy recorder, as Firefox's background is no target the harness can watch). Without this, an
 * empty list could mean a recorder that hears nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, DIST, launch, sleep, type Session } from './harness.js';

/** One host each: Firefox upgrades these requests to https, so its proxy sees only `CONNECT host:443`. */
const PAGE_HOST = 'page.backstory-control.invalid';
const BACKGROUND_HOST = 'background.backstory-control.invalid';
/** Asked for by control.html; the background answers with its request. */
const CONTROL_MESSAGE = 'backstory-control-request';

/** A copy of the built package with a page and a background listener that each make a request outside it. */
function controlPackage(browserName: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backstory-control-${browserName}-`));
  fs.cpSync(path.join(DIST, browserName === 'chromium' ? 'chrome' : 'firefox'), dir, { recursive: true });
  const api = '(globalThis.browser ?? globalThis.chrome)';
  fs.appendFileSync(
    path.join(dir, 'background.js'),
    `\n;${api}.runtime.onMessage.addListener((m) => { if (m === '${CONTROL_MESSAGE}') fetch('http://${BACKGROUND_HOST}/').catch(() => undefined); });\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'control.html'),
    '<!doctype html><meta charset="utf-8"><title>control</title><script src="control.js"></script><p id="ready">ready</p>',
  );
  fs.writeFileSync(
    path.join(dir, 'control.js'),
    `fetch('http://${PAGE_HOST}/').catch(() => undefined);\n${api}.runtime.sendMessage('${CONTROL_MESSAGE}').catch(() => undefined);\n`,
  );
  return dir;
}

describe.each(BROWSERS)('%s: the request recorder', (browserName) => {
  let session: Session;
  let dir: string;

  beforeAll(async () => {
    dir = controlPackage(browserName);
    session = await launch(browserName, dir, { recordFirefoxBackground: true });
  });
  afterAll(async () => {
    await session?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('catches a request from an extension page and one from the background', async () => {
    const page = await session.openExtensionPage('control.html', '#ready');
    // The page's own request listener labels its entries "control.html: …"; the background's can
    // only come from the worker's DevTools session (Chromium) or the proxy recorder (Firefox).
    const fromPage = (): string[] => session.extensionRequests.filter((r) => r.includes(PAGE_HOST));
    const fromBackground = (): string[] => session.extensionRequests.filter((r) => r.includes(BACKGROUND_HOST) && !r.startsWith('control.html:'));
    const deadline = Date.now() + 10_000;
    while ((fromPage().length === 0 || fromBackground().length === 0) && Date.now() < deadline) await sleep(100);
    expect(fromPage()).not.toEqual([]);
    expect(fromBackground()).not.toEqual([]);
    await page.close();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { addSite, clampDelay, parseSite, removeSite } from '../../../src/options/options-model.js';
import { createSaveQueue } from '../../../src/options/save-queue.js';

// settings.ts imports the WebExtension API, which refuses to load outside an extension.
vi.mock('webextension-polyfill', () => ({ default: {} }));

describe('parseSite', () => {
  it('normalises hostnames and pasted addresses like siteOf does', () => {
    expect(parseSite('  www.Example.COM ')).toBe('example.com');
    expect(parseSite('https://www.bbc.co.uk/news/world-1')).toBe('bbc.co.uk');
    expect(parseSite('example.com:8080/x')).toBe('example.com');
    expect(parseSite('example.com.')).toBe('example.com');
    expect(parseSite('localhost')).toBe('localhost');
    expect(parseSite('127.0.0.1')).toBe('127.0.0.1');
    expect(parseSite('bücher.de')).toBe('xn--bcher-kva.de');
  });

  it('rejects what is not a hostname', () => {
    for (const bad of ['', '   ', 'not a site', 'ftp://example.com', 'file:///etc', '-bad.com', 'a..b', '123', 'http://']) {
      expect(parseSite(bad), bad).toBeNull();
    }
  });
});

describe('addSite / removeSite', () => {
  it('adds a new site, says why otherwise', () => {
    expect(addSite(['a.com'], 'www.b.com')).toEqual({ ok: true, site: 'b.com', sites: ['a.com', 'b.com'] });
    expect(addSite(['a.com'], ' ')).toEqual({ ok: false, error: 'empty' });
    expect(addSite(['a.com'], 'a b')).toEqual({ ok: false, error: 'invalid' });
    expect(addSite(['a.com'], 'https://www.a.com/x')).toEqual({ ok: false, error: 'duplicate', site: 'a.com' });
  });

  it('removes a site', () => {
    expect(removeSite(['a.com', 'b.com'], 'a.com')).toEqual(['b.com']);
  });
});

describe('clampDelay', () => {
  it('keeps the delay within range, whole, with a default for junk', () => {
    expect(clampDelay(10)).toBe(150);
    expect(clampDelay(99999)).toBe(1500);
    expect(clampDelay(432.6)).toBe(433);
    expect(clampDelay(Number.NaN)).toBe(400);
  });
});

describe('createSaveQueue', () => {
  it('runs saves one after another, and a failure does not block the next', async () => {
    const log: string[] = [];
    const queue = createSaveQueue(async (patch: string) => {
      log.push(`start ${patch}`);
      await new Promise((resolve) => setTimeout(resolve, patch === 'slow' ? 20 : 1));
      log.push(`end ${patch}`);
      if (patch === 'bad') throw new Error('quota');
      return patch;
    });
    const results = await Promise.allSettled([queue('slow'), queue('bad'), queue('fast')]);
    expect(log).toEqual(['start slow', 'end slow', 'start bad', 'end bad', 'start fast', 'end fast']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

import { describe, expect, it } from 'vitest';
import { sourceOutlets } from '../../../src/ui/card-content.js';

const titled = (...titles: string[]) => titles.map((title, i) => ({ title, url: `https://example.com/${i}` }));

describe('sourceOutlets', () => {
  it('names each outlet once, in order, from "Outlet — Headline"', () => {
    expect(sourceOutlets(titled('AP — One', 'Reuters — Two', 'AP — Three', 'Kremlin — Four'))).toEqual(['AP', 'Reuters', 'Kremlin']);
  });
  it('a reprint is the carried outlet’s; a language note and a "via" mirror are not outlets', () => {
    expect(sourceOutlets(titled('Japan Today (Reuters) — X', 'Gordon (in Russian) — Y', 'CNN via madison.com — Z', 'No dash at all'))).toEqual([
      'Reuters',
      'Gordon',
      'CNN',
      'No dash at all',
    ]);
  });
});

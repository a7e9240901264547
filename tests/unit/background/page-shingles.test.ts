// @vitest-environment happy-dom
/**
 * The background's page shingles (issue 21): the lookup's per-block shingles are the content
 * script's old ones, and the screen of a page's raw text holds every sampled shingle of its blocks,
 * so screening first can not lose an article the blocks would have found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockShingles, MAX_PAGE_SHINGLES, textShingles } from '../../../src/background/page-shingles.js';
import { extractBlocks } from '../../../src/content/extract.js';
import { readText } from '../../../src/content/read-text.js';
import { fingerprint, isSampled } from '../../../src/match/fingerprint.js';
import { blockText } from '../../../src/shared/page-block.js';
import { ROOT } from '../match/seed-fixture.js';

const signal = new AbortController().signal;

/** The sampled shingles of the page's blocks that the screen of its text does not hold. */
async function lostByScreen(html: string): Promise<{ blocks: number; lost: number[] }> {
  document.body.innerHTML = html;
  const { blocks, texts } = await extractBlocks(document.body, signal);
  const screened = new Set(textShingles((await readText(document.body, signal)).texts).flat());
  const sampled = blockShingles(texts)
    .flat()
    .filter((hash) => isSampled(hash));
  expect(texts).toEqual(blocks.map(blockText));
  return { blocks: blocks.length, lost: sampled.filter((hash) => !screened.has(hash)) };
}

describe('the screen holds what the blocks hold', () => {
  const fixtures = ['original.html', 'syndicated.html', 'div-paragraphs.html', 'br-paragraphs.html', 'updated-edition.html', 'rtl.html'];
  it.each(fixtures)('%s: every sampled shingle of its blocks', async (file) => {
    const html = fs.readFileSync(path.join(ROOT, 'tests/fixtures/pages', file), 'utf8');
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    const { blocks, lost } = await lostByScreen(body);
    expect(blocks).toBeGreaterThan(3);
    expect(lost).toEqual([]);
  });

  it('words split by markup, runs split by <br>, blocks without whitespace between them', async () => {
    const words = (n: number): string => Array.from({ length: 40 }, (_, i) => `w${n}x${i}`).join(' ');
    const { lost } = await lostByScreen(
      `<p>${words(1)} Vla<b>dimir</b> Putin ${words(2)}</p><p>${words(3)}<br><br>${words(4)}</p><div>${words(5)}</div><div>${words(6)}<br>${words(7)}</div>`,
    );
    expect(lost).toEqual([]);
  });
});

describe('block shingles', () => {
  it('are each block fingerprint, aligned with the blocks (an empty block keeps its place)', () => {
    const texts = ['The first block has some words in it.', 'Two', 'The third block has words too, and more of them.'];
    expect(blockShingles(texts)).toEqual(texts.map((t) => fingerprint(t)));
  });

  it('stop at MAX_PAGE_SHINGLES: the block crossing it and every later one get none', () => {
    const block = Array.from({ length: 1003 }, (_, i) => `word${i}`).join(' '); // 1,000 shingles
    const out = blockShingles(Array.from({ length: MAX_PAGE_SHINGLES / 1000 + 5 }, () => block));
    expect(out.slice(0, MAX_PAGE_SHINGLES / 1000).every((hashes) => hashes.length === 1000)).toBe(true);
    expect(out.slice(MAX_PAGE_SHINGLES / 1000).every((hashes) => hashes.length === 0)).toBe(true);
  });
});

import { fingerprint } from '../match/fingerprint.js';
import { blockText, type PageBlock } from '../shared/page-block.js';
import { yieldToPage } from '../shared/yield.js';

/**
 * Most shingles sent for one page (about 40,000 words): beyond a long article's worth, more text
 * only costs time, and Chromium serialises the lookup message synchronously (12,000 blocks of
 * hashes took ~37 ms, measured).
 */
const MAX_PAGE_SHINGLES = 40_000;
/** Work per slice before yielding to the page, in ms (as for extraction). */
const SLICE_MS = 8;

export interface Fingerprints {
  /** Blocks that have at least one shingle, in document order. */
  blocks: PageBlock[];
  /** Their shingles, aligned with `blocks`. */
  hashes: number[][];
  /** Main-thread time spent, without the pauses given back to the page. */
  busyMs: number;
}

/** Fingerprints the blocks, time-sliced like extraction so a huge page never gets a long task from us. */
export async function fingerprintBlocks(blocks: readonly PageBlock[], signal: AbortSignal): Promise<Fingerprints> {
  const out: Fingerprints = { blocks: [], hashes: [], busyMs: 0 };
  let total = 0;
  let sliceStart = performance.now();
  for (const block of blocks) {
    if (performance.now() - sliceStart > SLICE_MS) {
      out.busyMs += performance.now() - sliceStart;
      await yieldToPage();
      if (signal.aborted) return out;
      sliceStart = performance.now();
    }
    const hashes = fingerprint(blockText(block));
    if (hashes.length === 0) continue;
    total += hashes.length;
    if (total > MAX_PAGE_SHINGLES) break;
    out.blocks.push(block);
    out.hashes.push(hashes);
  }
  out.busyMs += performance.now() - sliceStart;
  return out;
}

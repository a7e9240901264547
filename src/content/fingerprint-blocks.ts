import { fingerprint } from '../match/fingerprint.js';
import { blockText, type PageBlock } from '../shared/page-block.js';

/** Most shingles sent for one page: beyond a long article's worth, more text only costs time. */
const MAX_PAGE_SHINGLES = 120_000;

export interface Fingerprints {
  /** Blocks that have at least one shingle, in document order. */
  blocks: PageBlock[];
  /** Their shingles, aligned with `blocks`. */
  hashes: number[][];
}

export function fingerprintBlocks(blocks: readonly PageBlock[]): Fingerprints {
  const out: Fingerprints = { blocks: [], hashes: [] };
  let total = 0;
  for (const block of blocks) {
    const hashes = fingerprint(blockText(block));
    if (hashes.length === 0) continue;
    total += hashes.length;
    if (total > MAX_PAGE_SHINGLES) break;
    out.blocks.push(block);
    out.hashes.push(hashes);
  }
  return out;
}

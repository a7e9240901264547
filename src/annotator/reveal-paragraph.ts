/**
 * "Jump to" a paragraph from the popup or the panel: scroll the page to the blocks holding it and
 * mark their text for a moment, without touching the page's DOM. The mark is a CSS Custom
 * Highlight (JUMP_HIGHLIGHT), styled by the rules the background inserted with the annotator.
 */
import { JUMP_HIGHLIGHT } from '../shared/dom-contract.js';
import type { PageBlock } from '../shared/page-block.js';

/** Long enough to find the paragraph with the eyes after the scroll, short enough not to linger. */
const MARK_MS = 2000;

/** The range from the first text of the first block to the end of the last block's text. */
export function rangeOfBlocks(blocks: readonly PageBlock[]): Range | null {
  const first = blocks[0]?.nodes[0];
  const lastBlock = blocks[blocks.length - 1];
  const last = lastBlock?.nodes[lastBlock.nodes.length - 1];
  if (!first?.isConnected || !last?.isConnected) return null;
  const range = document.createRange();
  range.setStart(first, 0);
  range.setEnd(last, last.data.length);
  return range;
}

/** Scrolls the blocks into the middle of the view and highlights them briefly; false when they left the page. */
export function revealBlocks(blocks: readonly PageBlock[], signal: AbortSignal): boolean {
  const range = rangeOfBlocks(blocks);
  if (!range) return false;
  const rect = range.getBoundingClientRect();
  // Smooth only where it is seen: Firefox never finishes a smooth scroll in a hidden tab (seen in e2e).
  const smooth = document.visibilityState === 'visible' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
  scrollTo({ top: scrollY + rect.top - Math.max(0, (innerHeight - rect.height) / 2), behavior: smooth ? 'smooth' : 'instant' });
  const mark = new Highlight(range);
  CSS.highlights.set(JUMP_HIGHLIGHT, mark);
  const clear = (): void => {
    clearTimeout(timer);
    if (CSS.highlights.get(JUMP_HIGHLIGHT) === mark) CSS.highlights.delete(JUMP_HIGHLIGHT);
  };
  const timer = setTimeout(clear, MARK_MS);
  signal.addEventListener('abort', clear, { once: true });
  return true;
}

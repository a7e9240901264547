/**
 * "Jump to" a paragraph from the popup or the panel: scroll the page to the blocks holding it and
 * mark their text for a moment, without touching the page's DOM. The mark is a CSS Custom
 * Highlight (a range registered in `CSS.highlights`, not an element), styled by a user style
 * sheet the background adds with `scripting.insertCSS` (no `<style>` in the page either).
 */
import { askBackground } from '../shared/messages.js';
import type { PageBlock } from '../shared/page-block.js';

/** The highlight's name; its ::highlight() style is background/jump-style.ts's. */
export const JUMP_HIGHLIGHT = 'backstory-jump';
/** Long enough to find the paragraph with the eyes after the scroll, short enough not to linger. */
const MARK_MS = 2000;

let styled: Promise<boolean> | null = null;
let clearTimer: ReturnType<typeof setTimeout> | undefined;

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
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  scrollTo({ top: scrollY + rect.top - Math.max(0, (innerHeight - rect.height) / 2), behavior: reduce ? 'instant' : 'smooth' });
  styled ??= askBackground({ type: 'jump-style' }).catch(() => false);
  // Older engines without the Highlight API still get the scroll.
  if (typeof Highlight === 'undefined' || !('highlights' in CSS)) return true;
  CSS.highlights.set(JUMP_HIGHLIGHT, new Highlight(range));
  clearTimeout(clearTimer);
  const clear = (): void => {
    clearTimeout(clearTimer);
    CSS.highlights.delete(JUMP_HIGHLIGHT);
  };
  clearTimer = setTimeout(clear, MARK_MS);
  signal.addEventListener('abort', clear, { once: true });
  return true;
}

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

/** Elements that hold a block of their own (as extraction reads them): a block's text never runs past one. */
const BLOCK_ELEMENTS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, div, td, th, dd, dt, figcaption, pre, section, article, main, body';

/**
 * The last text of a block as the page holds it now. Until mentions stop being elements, wrapping a
 * mention splits a text node and moves its tail into new nodes after it; the block's text then runs
 * on past its last recorded node, up to the next block or the end of its element.
 */
function endOfBlockText(last: Text, next: Node | undefined): Text {
  const container = last.parentElement?.closest(BLOCK_ELEMENTS);
  if (!container) return last;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  walker.currentNode = last;
  let end = last;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node === next) break;
    end = node as Text;
  }
  return end;
}

/** The range from the first text of the first block to the end of the last block's text; `next` is the block after them. */
export function rangeOfBlocks(blocks: readonly PageBlock[], next?: PageBlock): Range | null {
  const first = blocks[0]?.nodes[0];
  const lastBlock = blocks[blocks.length - 1];
  const recorded = lastBlock?.nodes[lastBlock.nodes.length - 1];
  if (!first?.isConnected || !recorded?.isConnected) return null;
  const last = endOfBlockText(recorded, next?.nodes[0]);
  const range = document.createRange();
  range.setStart(first, 0);
  range.setEnd(last, last.data.length);
  return range;
}

/** Scrolls the blocks into the middle of the view and highlights them briefly; false when they left the page. */
export function revealBlocks(blocks: readonly PageBlock[], next: PageBlock | undefined, signal: AbortSignal): boolean {
  const range = rangeOfBlocks(blocks, next);
  if (!range) return false;
  const rect = range.getBoundingClientRect();
  // Smooth only where it is seen: Firefox never finishes a smooth scroll in a hidden tab (seen in e2e).
  const smooth = document.visibilityState === 'visible' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
  scrollTo({ top: scrollY + rect.top - Math.max(0, (innerHeight - rect.height) / 2), behavior: smooth ? 'smooth' : 'instant' });
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

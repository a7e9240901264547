/**
 * The first read of every page: its text nodes in document order, as they are, for the background
 * to screen (issue 21). Most pages hold no article of ours, and on them this is all the scan does,
 * so it is the cheapest read the DOM offers: a TreeWalker over text nodes, one native call and one
 * string per node, no structure, no copy (long script and style texts left out). The background
 * does the rest where its code is warm (normalising, hashing, the index's gate); only a page it
 * names a candidate on is then read block by block (extract.ts).
 */
import { SliceClock } from '../shared/yield.js';
import { DEFAULT_LIMITS } from './extract.js';

export interface TextRead {
  /** The text nodes' data under the root, whitespace-only ones included (they separate words). */
  texts: string[];
  /** Main-thread time spent, without the pauses given back to the page between slices. */
  busyMs: number;
}

/**
 * Characters read at most: about what the lookup looks at (MAX_PAGE_SHINGLES, 40,000 words of
 * blocks, some 250,000 characters of prose), so a page with megabytes of text costs a bounded read
 * and message. The read's cost is per text node, and in a new Firefox content process each one is
 * dear (every node and its text cross from the page's compartment to ours): the longest real page
 * (wikipedia-2, 14,000 text nodes, 500,000 characters) cost 28–44 ms there read whole, measured
 * cold in new tabs; read to here, half of that.
 */
export const MAX_READ_CHARS = 250_000;
/** Texts longer than this are checked for a script or style parent. */
const CODE_CHECK_CHARS = 500;
const CODE_PARENTS = new Set(['script', 'style', 'noscript', 'template']);

export async function readText(root: Node, signal: AbortSignal, maxChars = MAX_READ_CHARS): Promise<TextRead> {
  const texts: string[] = [];
  // Slices as long as extraction's, before the page gets its turn.
  const clock = new SliceClock(DEFAULT_LIMITS.sliceMs);
  let chars = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && chars < maxChars; node = walker.nextNode()) {
    const data = (node as Text).data;
    // A long text in a script or style (inline JSON state, CSS) is no prose; one parent read per
    // long node keeps it out of the message (short ones are not worth the read). A text longer
    // than a block may be (a 2 MB text node) is in no block the extractor keeps: the screen needs
    // none of it.
    if (
      data.length > CODE_CHECK_CHARS &&
      (data.length > DEFAULT_LIMITS.maxBlockChars || CODE_PARENTS.has((node.parentNode as Element | null)?.localName ?? ''))
    )
      continue;
    texts.push(data);
    chars += data.length;
    if ((texts.length & 1023) === 0 && clock.due()) {
      await clock.pause();
      if (signal.aborted) break;
    }
  }
  return { texts, busyMs: clock.busyMs() };
}

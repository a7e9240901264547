/**
 * Reads the page's candidate text blocks for detection: paragraph-like runs of text (p, li,
 * blockquote, headings, pre, divs with their own text, `<br><br>`-separated runs), skipping site
 * chrome by what it is (nav, aside, landmark roles, page-level header/footer), controls and
 * editable regions, hidden subtrees, code, and Backstory's own UI. One iterative pass over the DOM
 * (no recursion: pages nest 5,000 deep), time-sliced so a huge page never produces a long task, and
 * capped so its cost stays bounded.
 *
 * Reading is generous on purpose; annotating is strict (src/annotator/annotatable.ts). No class or
 * id word hides a subtree here: real sites put "social", "share", "ad", "sidebar" on the wrappers of
 * whole page regions, article body included (cnn, aclu, liberation…), and reading a related box
 * for detection is harmless (one teaser never makes a match). Boilerplate is recognised from what a
 * block is instead: a block whose text is nearly all link text (menus, related lists) is dropped.
 * A `<form>` is read too: ASP.NET sites wrap the whole page in one; its controls stay unread.
 */
import type { PageBlock } from '../shared/page-block.js';
import { SliceClock } from '../shared/yield.js';

/** Elements whose subtree holds no article text (or text we must never read): controls, media, code, chrome. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'input',
  'textarea',
  'select',
  'option',
  'button',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'code',
  'kbd',
  'samp',
  'dialog',
  'menu',
  'label',
  'head',
  'title',
  'meta',
  'link',
  'backstory-root',
]);
/** Landmark roles of site chrome. */
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert']);
/** Elements that start a new block; everything else is inline and joins its parent's block. */
const BLOCK_TAGS = new Set([
  'p',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'td',
  'th',
  'dd',
  'dt',
  'figcaption',
  'pre',
  'section',
  'article',
  'main',
  'body',
  'ul',
  'ol',
  'dl',
  'table',
  'tr',
  'figure',
  'center',
  'address',
  'details',
  'summary',
  'form',
]);
/** Text with something in it besides whitespace (the test `data.trim()` made, without the copy). */
const NON_SPACE = /\S/;
/** A block with at least this share of its text inside links is a menu or a list of links, not prose. */
const LINK_DENSE = 0.8;

export interface ExtractLimits {
  /** Stop after this many DOM nodes (a 50,000-paragraph page is read only up to here). */
  maxNodes: number;
  maxBlocks: number;
  /** A block longer than this is not a paragraph (a 2 MB text node); it is skipped. */
  maxBlockChars: number;
  /** Work per slice before yielding to the page, in ms. */
  sliceMs: number;
}

// 5,000 blocks is several long articles' worth of a page: collecting more (a 50,000-paragraph page)
// only made garbage, whose collection was a 40-80 ms pause in Chromium (measured).
export const DEFAULT_LIMITS: ExtractLimits = { maxNodes: 300_000, maxBlocks: 5_000, maxBlockChars: 20_000, sliceMs: 8 };

function skipElement(el: Element): boolean {
  const tag = el.localName;
  if (SKIP_TAGS.has(tag)) return true;
  // <header>/<footer> are chrome only as page landmarks; inside an article they hold its headline.
  if ((tag === 'header' || tag === 'footer') && !el.parentElement?.closest('article, main, [role="main"], [role="article"]')) return true;
  // Most elements carry no attribute at all: one cheap test spares them the five lookups below.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('contenteditable')) return true;
  const role = el.getAttribute('role');
  if (role && SKIP_ROLES.has(role)) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

interface OpenBlock {
  el: Element;
  current: PageBlock | null;
  /** Index of `current` in the blocks (and their character counts). */
  index: number;
  /** A <br> was the last thing seen; a second one starts a new run. */
  pendingBreaks: number;
}

export interface Extraction {
  blocks: PageBlock[];
  /** Each block's text (blockText), built while reading so no node is read twice. */
  texts: string[];
  /** Main-thread time spent, without the pauses given back to the page between slices. */
  busyMs: number;
}

/** Extracts blocks from `root` in document order. Resolves early (with what it has) when aborted. */
export async function extractBlocks(root: Element, signal: AbortSignal, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Extraction> {
  const blocks: PageBlock[] = [];
  const texts: string[] = [];
  const clock = new SliceClock(limits.sliceMs);
  const stack: OpenBlock[] = [{ el: root, current: null, index: -1, pendingBreaks: 0 }];
  /** Per block: its characters, and those inside links (to drop menus and link lists). */
  const chars: number[] = [];
  const linkChars: number[] = [];
  /** Links open around the current node (inline elements are not on the block stack). */
  let linkDepth = 0;
  let visited = 0;
  let node: Node | null = root.firstChild;

  while (node && visited < limits.maxNodes && blocks.length < limits.maxBlocks) {
    if ((++visited & 255) === 0 && clock.due()) {
      await clock.pause();
      if (signal.aborted) break;
    }
    const top = stack[stack.length - 1] as OpenBlock;
    let descend = false;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === 'br') {
        if (++top.pendingBreaks >= 2) top.current = null;
      } else if (!skipElement(el) && el.firstChild) {
        descend = true;
        if (el.localName === 'a') linkDepth++;
        if (BLOCK_TAGS.has(el.localName)) {
          top.current = null; // text after a nested block is a new run of the parent
          stack.push({ el, current: null, index: -1, pendingBreaks: 0 });
        }
      }
    } else if (node.nodeType === 3) {
      const text = node as Text;
      const data = text.data;
      if (NON_SPACE.test(data)) {
        if (!top.current) {
          top.current = { nodes: [], gaps: [] };
          top.index = blocks.push(top.current) - 1;
          texts.push('');
          chars.push(0);
          linkChars.push(0);
        }
        chars[top.index] = (chars[top.index] ?? 0) + data.length;
        if (linkDepth > 0) linkChars[top.index] = (linkChars[top.index] ?? 0) + data.length;
        const gap = top.pendingBreaks > 0 ? '\n' : '';
        top.current.gaps.push(gap);
        top.current.nodes.push(text);
        texts[top.index] += gap + data;
        top.pendingBreaks = 0;
      } else if (top.current && top.pendingBreaks === 0) {
        // The only space between two inline elements (`<a>Vladimir Putin</a> <b>FINALLY</b>`)
        // separates their words: without it they run together and neither shingles nor quotes match.
        top.current.gaps.push('');
        top.current.nodes.push(text);
        texts[top.index] += data;
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) {
        node = null;
        break;
      }
      if ((node as Element).localName === 'a') linkDepth--;
      const open = stack[stack.length - 1];
      if (open && open.el === node) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.current = null;
      }
    }
    if (node) node = node.nextSibling;
  }
  const keep = (i: number): boolean => {
    const n = chars[i] as number;
    return n <= limits.maxBlockChars && (linkChars[i] as number) < LINK_DENSE * n;
  };
  return { blocks: blocks.filter((_, i) => keep(i)), texts: texts.filter((_, i) => keep(i)), busyMs: clock.busyMs() };
}

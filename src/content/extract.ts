/**
 * Reads the page's candidate text blocks: paragraph-like runs of text (p, li, blockquote, headings,
 * divs with their own text, `<br><br>`-separated runs), skipping site chrome (nav, banner header,
 * footer, aside), forms and editable regions, hidden and boilerplate subtrees, and Backstory's own
 * UI. One iterative pass over the DOM (no recursion: pages nest 5,000 deep), time-sliced so a huge
 * page never produces a long task, and capped so its cost stays bounded.
 */
import type { PageBlock } from '../shared/page-block.js';
import { yieldToPage } from '../shared/yield.js';

/** Elements whose subtree holds no article text (or text we must never touch). */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'input', 'textarea', 'select', 'option',
  'button', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'picture', 'img', 'code',
  'pre', 'kbd', 'samp', 'dialog', 'menu', 'label', 'head', 'title', 'meta', 'link',
  'backstory-root',
]);
/** Landmark roles of site chrome. */
const SKIP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert', 'form']);
/** Class or id words of boilerplate boxes: related links, teasers, ads, share bars, comments. */
const BOILERPLATE = /(^|[\s_-])(related|recommend(ed|ations)?|promo|teasers?|sidebar|share|sharing|social|comments?|newsletter|advert(isement)?|ads?|ad-slot|sponsor(ed)?|outbrain|taboola|trending|most-read|popular|breadcrumbs?|cookie|subscribe|paywall|more-on)([\s_-]|$)/i;
/** Elements that start a new block; everything else is inline and joins its parent's block. */
const BLOCK_TAGS = new Set([
  'p', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'td', 'th', 'dd', 'dt', 'figcaption',
  'section', 'article', 'main', 'body', 'ul', 'ol', 'dl', 'table', 'tr', 'figure', 'center', 'address', 'details', 'summary',
]);

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
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('contenteditable')) return true;
  const role = el.getAttribute('role');
  if (role && SKIP_ROLES.has(role)) return true;
  const cls = el.getAttribute('class');
  if (cls && BOILERPLATE.test(cls)) return true;
  const id = el.id;
  if (id && BOILERPLATE.test(id)) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

interface OpenBlock {
  el: Element;
  current: PageBlock | null;
  /** A <br> was the last thing seen; a second one starts a new run. */
  pendingBreaks: number;
}

export interface Extraction {
  blocks: PageBlock[];
  /** Main-thread time spent, without the pauses given back to the page between slices. */
  busyMs: number;
}

/** Extracts blocks from `root` in document order. Resolves early (with what it has) when aborted. */
export async function extractBlocks(root: Element, signal: AbortSignal, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Extraction> {
  const blocks: PageBlock[] = [];
  let busyMs = 0;
  const stack: OpenBlock[] = [{ el: root, current: null, pendingBreaks: 0 }];
  let sliceStart = performance.now();
  let visited = 0;
  let node: Node | null = root.firstChild;

  while (node && visited < limits.maxNodes && blocks.length < limits.maxBlocks) {
    if ((++visited & 255) === 0 && performance.now() - sliceStart > limits.sliceMs) {
      busyMs += performance.now() - sliceStart;
      await yieldToPage();
      if (signal.aborted) break;
      sliceStart = performance.now();
    }
    const top = stack[stack.length - 1] as OpenBlock;
    let descend = false;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === 'br') {
        if (++top.pendingBreaks >= 2) top.current = null;
      } else if (!skipElement(el) && el.firstChild) {
        descend = true;
        if (BLOCK_TAGS.has(el.localName)) {
          top.current = null; // text after a nested block is a new run of the parent
          stack.push({ el, current: null, pendingBreaks: 0 });
        }
      }
    } else if (node.nodeType === 3) {
      const text = node as Text;
      if (text.data.trim()) {
        if (!top.current) {
          top.current = { nodes: [], gaps: [] };
          blocks.push(top.current);
        }
        top.current.gaps.push(top.pendingBreaks > 0 ? '\n' : '');
        top.current.nodes.push(text);
        top.pendingBreaks = 0;
      } else if (top.current && top.pendingBreaks === 0) {
        // The only space between two inline elements (`<a>Vladimir Putin</a> <b>FINALLY</b>`)
        // separates their words: without it they run together and neither shingles nor quotes match.
        top.current.gaps.push('');
        top.current.nodes.push(text);
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
      const open = stack[stack.length - 1];
      if (open && open.el === node) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.current = null;
      }
    }
    if (node) node = node.nextSibling;
  }
  const kept = blocks.filter((b) => b.nodes.reduce((n, t) => n + t.data.length, 0) <= limits.maxBlockChars);
  return { blocks: kept, busyMs: busyMs + performance.now() - sliceStart };
}

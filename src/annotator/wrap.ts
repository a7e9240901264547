/**
 * Wrapping a mention in one element without changing the page's text: text nodes are split at the
 * mention's edges and the covered nodes moved into the wrapper. A mention that would cut an
 * element in two (half inside a <b>) is not wrapped: that would change the page's structure.
 * Unwrapping puts the nodes back and re-joins the pieces we split, so the page's own text nodes
 * are whole again.
 */

export const MENTION_TAG = 'backstory-mention';

/** Elements inside which splitting is safe: inline phrasing content. */
const INLINE = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'span',
  'font',
  'mark',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'time',
  'bdi',
  'bdo',
  'data',
  'dfn',
  'ins',
  'del',
  MENTION_TAG,
]);

export interface Wrapped {
  element: HTMLElement;
  /** Text nodes created by splitting; merged back on unwrap. */
  created: Text[];
}

function childOf(ancestor: Node, node: Node): Node | null {
  let n: Node | null = node;
  while (n && n.parentNode !== ancestor) n = n.parentNode;
  return n;
}

function firstText(node: Node): Text | null {
  if (node.nodeType === 3) return node as Text;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

function lastText(node: Node): Text | null {
  if (node.nodeType === 3) return node as Text;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
  return last;
}

function isInlineRun(from: Node, to: Node): boolean {
  for (let n: Node | null = from; n; n = n.nextSibling) {
    if (n.nodeType === 1 && !INLINE.has((n as Element).localName)) return false;
    if (n === to) return true;
  }
  return false;
}

/** Wraps the range's content in `element`; returns null (page untouched) when it cannot be done cleanly. */
export function wrapRange(range: Range, element: HTMLElement): Wrapped | null {
  const startNode = range.startContainer;
  const endNode = range.endContainer;
  if (startNode.nodeType !== 3 || endNode.nodeType !== 3) return null;
  const ancestor = range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer;
  if (!ancestor) return null;
  const startTop = childOf(ancestor, startNode);
  const endTop = childOf(ancestor, endNode);
  if (!startTop || !endTop) return null;
  // Crossing into an element is fine only if the mention covers that element's whole text.
  if (startTop !== startNode && (firstText(startTop) !== startNode || range.startOffset !== 0)) return null;
  if (endTop !== endNode && (lastText(endTop) !== endNode || range.endOffset !== (endNode as Text).length)) return null;
  if (!isInlineRun(startTop, endTop)) return null;

  const created: Text[] = [];
  let first: Node = startTop;
  let last: Node = endTop;
  const endText = endNode as Text;
  const endOffset = range.endOffset;
  const startOffset = range.startOffset;
  if (endTop === endNode && endOffset < endText.length) created.push(endText.splitText(endOffset));
  if (startTop === startNode && startOffset > 0) {
    const tail = (startNode as Text).splitText(startOffset);
    created.push(tail);
    first = tail;
    if (startNode === endNode) last = tail;
  }
  ancestor.insertBefore(element, first);
  for (let n: Node | null = first; n;) {
    const next: Node | null = n.nextSibling;
    element.appendChild(n);
    if (n === last) break;
    n = next;
  }
  return { element, created };
}

export function unwrap({ element, created }: Wrapped): void {
  const parent = element.parentNode;
  if (parent) {
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    parent.removeChild(element);
  }
  // Re-join split pieces, last first, so every original text node is whole again.
  for (const piece of [...created].reverse()) {
    const previous = piece.previousSibling;
    if (previous && previous.nodeType === 3 && piece.parentNode) {
      (previous as Text).appendData(piece.data);
      piece.remove();
    }
  }
}

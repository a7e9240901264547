/** One anchored mention: a live Range over the page's own text nodes, never a wrapper element. */
import type { Entity } from '../shared/types.js';

export interface Mention {
  /** Live: the browser moves it with the page's edits; `intact()` tells whether it still holds `text`. */
  range: Range;
  /** The page's text it covered when anchored. */
  text: string;
  entity: Entity;
  fuzzy: boolean;
  /** Its entry in the host's read-only mention list (the DOM contract). */
  item: HTMLElement;
}

/** True while the mention still covers, in the document, the words it was anchored on. */
export function intact(mention: Mention): boolean {
  return mention.range.startContainer.isConnected && mention.range.toString() === mention.text;
}

/** The element the mention's text sits in: its style (direction, line height) is the mention's. */
export function mentionElement(mention: Mention): Element | null {
  const node = mention.range.startContainer;
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

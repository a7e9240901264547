/**
 * Which mention is under the pointer, with no element to receive the event: the caret position
 * at the point names a text node and offset, a mention's range must hold it, and one of the
 * range's line boxes must hold the point itself (the caret snaps to the nearest character even
 * from the blank end of a line).
 */
import type { Mention } from './mention.js';

/** Slack around a line box, so the pointer on the underline below the glyphs still counts. */
const SLACK_PX = 2;

interface Caret {
  node: Node;
  offset: number;
}

function caretAt(x: number, y: number): Caret | null {
  // caretPositionFromPoint: Firefox, Chrome 128+; caretRangeFromPoint: older Chromium.
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

function rectsHold(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left - SLACK_PX && x <= r.right + SLACK_PX && y >= r.top - SLACK_PX && y <= r.bottom + SLACK_PX) return true;
  return false;
}

/**
 * The mention at viewport point (x, y), if any. `hosts` holds the elements mention text sits in:
 * a pointer over any other element is answered without asking the layout for a caret.
 */
export function mentionAt(x: number, y: number, target: EventTarget | null, hosts: ReadonlySet<Element>, mentions: readonly Mention[]): Mention | undefined {
  if (!(target instanceof Element) || !hosts.has(target)) return undefined;
  const caret = caretAt(x, y);
  if (!caret) return undefined;
  for (const mention of mentions) {
    const { range } = mention;
    if (range.collapsed) continue;
    try {
      if (!range.isPointInRange(caret.node, caret.offset)) continue;
    } catch {
      // A caret in another document or a doctype: not ours.
      continue;
    }
    if (rectsHold(range.getClientRects(), x, y)) return mention;
  }
  return undefined;
}

/** The elements whose own text a mention covers: what the pointer's target is when over it. */
export function mentionHosts(mentions: readonly Mention[]): Set<Element> {
  const hosts = new Set<Element>();
  for (const { range } of mentions) {
    const root = range.commonAncestorContainer;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode(); node; node = walker.nextNode()) {
      if (range.intersectsNode(node) && node.parentElement) hosts.add(node.parentElement);
      if (root.nodeType === Node.TEXT_NODE) break;
    }
  }
  return hosts;
}

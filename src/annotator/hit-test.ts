/**
 * Which mention is under the pointer, with no element to receive the event. The pointer's target
 * is the element whose text it is over; only the mentions whose text sits in that element are
 * candidates, and the one whose range has a line box under the point is it. No caret query: at
 * the edge of a left-to-right name inside right-to-left text the caret position belongs to the
 * neighbouring run, while the range's boxes are where the words are drawn.
 */
import type { Mention } from './mention.js';

/** Slack around a line box, so the pointer on the underline just below the glyphs still counts. */
const SLACK_PX = 2;

/** For each element holding a mention's text (the pointer's target over it), those mentions. */
export type MentionHosts = ReadonlyMap<Element, readonly Mention[]>;

function rectsHold(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) if (r.width > 0 && x >= r.left - SLACK_PX && x <= r.right + SLACK_PX && y >= r.top - SLACK_PX && y <= r.bottom + SLACK_PX) return true;
  return false;
}

/** The mention at viewport point (x, y) over `target`, if any. */
export function mentionAt(x: number, y: number, target: EventTarget | null, hosts: MentionHosts): Mention | undefined {
  if (!(target instanceof Element)) return undefined;
  const candidates = hosts.get(target);
  if (!candidates) return undefined;
  for (const mention of candidates) if (!mention.range.collapsed && rectsHold(mention.range.getClientRects(), x, y)) return mention;
  return undefined;
}

/** The elements whose own text a mention covers, each with its mentions. */
export function mentionHosts(mentions: readonly Mention[]): Map<Element, Mention[]> {
  const hosts = new Map<Element, Mention[]>();
  const add = (element: Element | null, mention: Mention): void => {
    if (!element) return;
    const list = hosts.get(element) ?? [];
    if (!list.includes(mention)) list.push(mention);
    hosts.set(element, list);
  };
  for (const mention of mentions) {
    const root = mention.range.commonAncestorContainer;
    if (root.nodeType === Node.TEXT_NODE) {
      add(root.parentElement, mention);
      continue;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (mention.range.intersectsNode(node)) add(node.parentElement, mention);
  }
  return hosts;
}

/**
 * Anchoring one article's annotations on the page: for each paragraph, the text of the blocks the
 * background aligned to it, then each of its quotes inside that text.
 */
import { anchorQuote, normaliseQuote } from '../match/quote.js';
import type { PageMatch } from '../shared/messages.js';
import type { PageBlock } from '../shared/page-block.js';
import type { Annotation } from '../shared/types.js';
import { mapBlocks } from './text-map.js';

export interface Anchor {
  annotation: Annotation;
  range: Range;
  fuzzy: boolean;
}

export function anchorAnnotations(match: PageMatch, blocks: readonly PageBlock[]): { anchors: Anchor[]; missing: Annotation[] } {
  const anchors: Anchor[] = [];
  const missing: Annotation[] = [];
  const byParagraph = new Map<number, Annotation[]>();
  for (const annotation of match.article.annotations) {
    const list = byParagraph.get(annotation.paragraph) ?? [];
    list.push(annotation);
    byParagraph.set(annotation.paragraph, list);
  }
  for (const [paragraph, annotations] of byParagraph) {
    const aligned = (match.alignment[paragraph] ?? []).map((i) => blocks[i]).filter((b): b is PageBlock => b !== undefined);
    if (aligned.length === 0) {
      missing.push(...annotations);
      continue;
    }
    const mapped = mapBlocks(aligned);
    for (const annotation of annotations) {
      const found = anchorQuote(mapped.text, normaliseQuote(annotation));
      const range = found ? mapped.range(found.start, found.end) : null;
      if (found && range) anchors.push({ annotation, range, fuzzy: found.method === 'fuzzy' });
      else missing.push(annotation);
    }
  }
  return { anchors, missing };
}

/** Drops anchors overlapping an earlier one (two fuzzy matches landing on the same words). */
export function withoutOverlaps(anchors: readonly Anchor[]): { kept: Anchor[]; dropped: Anchor[] } {
  const sorted = [...anchors].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  const kept: Anchor[] = [];
  const dropped: Anchor[] = [];
  for (const anchor of sorted) {
    const previous = kept[kept.length - 1];
    // START_TO_END compares previous's end with anchor's start (the DOM's naming is inverted; the
    // END_TO_START used before compared previous's start with anchor's end and never found an overlap).
    if (previous && previous.range.compareBoundaryPoints(Range.START_TO_END, anchor.range) > 0) dropped.push(anchor);
    else kept.push(anchor);
  }
  return { kept, dropped };
}

/**
 * Which of the article's annotations become mentions on this page: anchored (exact or a near copy),
 * where the strict annotatable rule allows them, of the kinds the reader shows, without overlaps.
 */
import type { AnnotateInput } from '../shared/annotator-api.js';
import { annotatableIn, articleWrappers } from './annotatable.js';
import { anchorAnnotations, withoutOverlaps } from './anchor.js';
import type { AnchoredMention } from './mentions-ui.js';

export interface Anchored {
  mentions: AnchoredMention[];
  /** Annotations whose quote was not found on the page (not those refused or filtered out). */
  notFound: number;
  /** Annotation ids not anchored (not found, refused by the annotatable rule, overlapping). */
  unanchored: string[];
}

/** Anchors the annotations where the strict annotatable rule and the reader's kinds allow them. */
export function anchorMentions({ match, blocks, settings }: AnnotateInput): Anchored {
  const { anchors, missing } = anchorAnnotations(match, blocks);
  const entities = new Map(match.article.entities.map((e) => [e.id, e]));
  // Extraction read generously (related boxes, page-wide forms, <pre>); a mention is only created
  // where the strict rule allows it. The refused ones are reported as not found on this page.
  const annotatable = annotatableIn(articleWrappers(match.alignment.flatMap((found) => blocks[found[0] ?? -1]?.nodes[0] ?? [])));
  const refused = anchors.filter((a) => !annotatable(a.range.startContainer) || !annotatable(a.range.endContainer));
  const allowed = anchors.filter((a) => !refused.includes(a) && settings.kinds[entities.get(a.annotation.entity)?.kind ?? 'person']);
  const { kept, dropped } = withoutOverlaps(allowed);
  const mentions: AnchoredMention[] = [];
  for (const { annotation, range, fuzzy } of kept) {
    const entity = entities.get(annotation.entity);
    if (!entity) continue;
    mentions.push({ annotation: annotation.id, range, text: range.toString(), entity, fuzzy });
  }
  return {
    mentions,
    notFound: missing.length,
    unanchored: [...missing.map((a) => a.id), ...refused.map((a) => a.annotation.id), ...dropped.map((a) => a.annotation.id)],
  };
}

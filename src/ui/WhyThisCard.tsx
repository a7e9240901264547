import { formatCardDate, t } from '../shared/i18n.js';
import type { Entity } from '../shared/types.js';
import { sourceOutlets } from './card-content.js';

export interface WhyThisCardProps {
  entity: Entity;
  /** How the mention was matched, when known (the card's own mention). */
  match?: 'exact' | 'near';
}

/** Outlets named on the line; more are counted ("+2"), all are listed with the sources under "More". */
const OUTLETS_SHOWN = 3;

/**
 * Why the reader can trust the card, at a glance: how the mention was matched, the month its
 * "since then" was last reviewed and the outlets behind its sources ("AP, Reuters, Kremlin").
 * Dates through formatCardDate: the card runs in the page's renderer (see shared/i18n.ts).
 */
export function WhyThisCard({ entity, match }: WhyThisCardProps) {
  const outlets = sourceOutlets(entity.sources);
  const parts = [
    match && t(match === 'exact' ? 'cardWhyExact' : 'cardWhyNear'),
    // Month precision: the review is of a month's news, not of a day's.
    entity.reviewedAt && t('cardWhyReviewed', formatCardDate(entity.reviewedAt.slice(0, 7))),
    outlets.length > 0 && outlets.slice(0, OUTLETS_SHOWN).join(', ') + (outlets.length > OUTLETS_SHOWN ? ` +${outlets.length - OUTLETS_SHOWN}` : ''),
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  const line = parts.join(' · ');
  // The card cuts the line to one (its CSS); the whole of it stays a hover away.
  return (
    <p class="why" data-testid="why" title={line}>
      <span class="label">{t('cardWhy')}:</span> {line}
    </p>
  );
}

import { Fragment } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCardDate, t } from '../shared/i18n.js';
import type { CardWalk } from '../shared/cards-api.js';
import type { Entity } from '../shared/types.js';
import { roleAt, sinceThen } from '../ui/card-content.js';
import { ReportProblem } from '../ui/ReportProblem.js';
import { SourceLink } from '../ui/SourceLink.js';
import { WhyThisCard } from '../ui/WhyThisCard.js';
import { CardWalkNav } from './CardWalkNav.js';
import { COMPACT, kindMessageKey, type CompactFit } from './card-model.js';

export type CardProps = {
  /** The entity the card explains. */
  entity: Entity;
  /** The article's publication date (YYYY-MM-DD): the card speaks as of then, plus "since then". */
  articleDate: string;
  /** The mention was matched approximately (the page's wording differs from the dataset's). */
  fuzzy: boolean;
  /** Show the "Since then" section (reader setting). */
  showSinceThen: boolean;
  /**
   * Measure the compact view and tighten it to its box (COMPACT). Off for the idle warm-up card,
   * whose steps keep rendering and layout apart so that neither is a long task.
   */
  fitCompact: boolean;
  /** Element id, so the mention's aria-controls can point at the card. */
  id: string;
  /**
   * Language and direction of the card's text (the dataset's and the UI strings'), set on the card
   * so that an Arabic or Hebrew page neither reverses its punctuation nor reads it in another voice.
   */
  lang?: string;
  dir: 'ltr' | 'rtl';
  /** Previous/next mention, for a card opened from the keyboard (null otherwise). */
  walk: CardWalk | null;
  onClose: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  /** "Report a problem": the report's text for this card (built by the background), copied by the card. */
  buildReport: (includeAddress: boolean) => Promise<string>;
};

/** A kind without a message of its own (one the dataset added before the UI) shows its own name. */
function kindLabel(kind: string): string {
  const key = kindMessageKey(kind);
  const label = t(key);
  return label === key ? kind : label;
}

/**
 * The hover/focus card: a non-modal dialog with the entity's background as of the article's date.
 * Compact first (kind, name, one line, the role then, the latest "since then"), read in seconds;
 * "More" opens the facts, the whole "since then" and the sources in place.
 */
export function Card({
  entity,
  articleDate,
  fuzzy,
  showSinceThen,
  fitCompact,
  id,
  lang,
  dir,
  onClose,
  onPointerEnter,
  walk,
  onPointerLeave,
  buildReport,
}: CardProps) {
  const [expanded, setExpanded] = useState(false);
  const [fit, setFit] = useState<CompactFit>('as-is');
  const body = useRef<HTMLDivElement>(null);
  const role = roleAt(entity, articleDate);
  const since = showSinceThen ? sinceThen(entity, articleDate) : [];
  const shown = expanded ? since : since.slice(0, fit === 'as-is' ? COMPACT.sinceItems : COMPACT.fewerSinceItems);
  // Measured once, before the card is shown (it stays hidden until placed), so the reader never sees
  // it shrink; the level is chosen from that one layout, so a card re-renders at most once for it.
  useLayoutEffect(() => {
    const el = body.current;
    if (!fitCompact || expanded || fit !== 'as-is' || !el) return;
    const over = el.scrollHeight + 2 - COMPACT.maxHeightPx; // + the card's 1px border above and below
    if (over <= 0) return;
    // What showing fewer items saves: from the bottom of the last one kept to the bottom of the last one shown.
    const items = el.querySelectorAll('.since li');
    const lastShown = items[items.length - 1];
    const lastKept = items[COMPACT.fewerSinceItems - 1];
    const saved =
      lastShown && lastKept && items.length > COMPACT.fewerSinceItems ? lastShown.getBoundingClientRect().bottom - lastKept.getBoundingClientRect().bottom : 0;
    setFit(saved >= over ? 'fewer' : 'tight');
  }, [fitCompact, expanded, fit]);
  const titleId = `${id}-title`;
  const sinceId = `${id}-since`;
  const detailsId = `${id}-details`;
  // Month precision: the review is of a month's news, not of a day's.
  const reviewed = entity.reviewedAt ? formatCardDate(entity.reviewedAt.slice(0, 7)) : '';
  return (
    <div
      id={id}
      class={expanded ? 'card expanded' : fit === 'tight' ? 'card tight' : 'card'}
      role="dialog"
      aria-labelledby={titleId}
      lang={lang}
      dir={dir}
      tabIndex={-1}
      data-backstory-popover=""
      data-entity={entity.id}
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      <div class="arrow" data-arrow="" />
      {/* The arrow sits outside the scrolling body, so overflow never clips it. */}
      <div class="body" data-scroll="" tabIndex={-1} ref={body}>
        <header class="head">
          <div>
            <p class="kind">{kindLabel(entity.kind)}</p>
            <h2 class="name" id={titleId}>
              {entity.name}
            </h2>
          </div>
          <button type="button" class="close" aria-label={t('cardClose')} onClick={onClose}>
            ×
          </button>
        </header>
        {/* Up front, so the reader weighs the card knowing the page's wording differed. */}
        {fuzzy && <p class="fuzzy">{t('cardFuzzy')}</p>}
        <p class="description">{entity.description}</p>
        <WhyThisCard entity={entity} match={fuzzy ? 'near' : 'exact'} />
        {role && (
          <p class="role">
            {/* The compact view clamps this inner box: clamping the padded paragraph showed a sliver of the next line. */}
            <span>
              <span class="label">{t('cardAsOf', formatCardDate(articleDate))}</span> {role.text}
            </span>
          </p>
        )}
        {since.length > 0 && (
          <section class="since" aria-labelledby={`${sinceId}-title`}>
            <h3 id={`${sinceId}-title`}>{reviewed ? t('cardSinceThenAsOf', reviewed) : t('cardSinceThen')}</h3>
            {/* Newest first: the compact card shows "now", and "More" adds the older items below. */}
            <ul id={sinceId}>
              {shown.map((item) => (
                <li key={item.date + item.text}>
                  <time dateTime={item.date}>{formatCardDate(item.date)}</time> {item.text}
                </li>
              ))}
            </ul>
          </section>
        )}
        <button
          type="button"
          class="more"
          aria-expanded={expanded}
          aria-controls={since.length > 0 ? `${sinceId} ${detailsId}` : detailsId}
          onClick={() => setExpanded(!expanded)}
        >
          {t(expanded ? 'cardLess' : 'cardMore')}
        </button>
        {/* Rendered while closed too, so the button's aria-controls always names an element. */}
        <div class="details" id={detailsId} hidden={!expanded}>
          {entity.facts.length > 0 && (
            <dl class="facts">
              {entity.facts.map((fact) => (
                <Fragment key={fact.label}>
                  <dt>{fact.label}</dt>
                  <dd>{fact.value}</dd>
                </Fragment>
              ))}
            </dl>
          )}
          {entity.sources.length > 0 && (
            <footer class="sources">
              <span class="label">{t('cardSources')}</span>{' '}
              {entity.sources.map((source, i) => (
                <span key={source.url}>
                  {i > 0 && ' · '}
                  <SourceLink source={source} />
                </span>
              ))}
            </footer>
          )}
          <ReportProblem buildReport={buildReport} />
        </div>
        {/* Last: "More" opens the details right after itself; the walk follows what the card says. */}
        {walk && <CardWalkNav {...walk} />}
      </div>
    </div>
  );
}

import { formatCardDate, t } from '../shared/i18n.js';
import type { Entity } from '../shared/types.js';
import { roleAt, sinceThen } from './card-content.js';
import { tCount } from './format.js';
import { SourceLink } from './SourceLink.js';
import { WhyThisCard } from './WhyThisCard.js';

export interface EntityDetailsProps {
  entity: Entity;
  /** Mentions anchored on the page (none: nothing to show on it). */
  mentions: number;
  /** The article's date: the role is as of then, "since then" after it. */
  articleDate: string;
  /** Some of its mentions were matched approximately. */
  near: boolean;
  /** Scrolls to its first mention and opens its card. */
  onReveal: (entityId: string) => void;
}

/** A card's content in the panel: the role then, the latest "since then", the sources, and the way to its mention. */
export function EntityDetails({ entity, mentions, articleDate, near, onReveal }: EntityDetailsProps) {
  const role = roleAt(entity, articleDate);
  const [latest] = sinceThen(entity, articleDate);
  const titleId = `entity-${entity.id}`;
  return (
    <article class="entity-details" aria-labelledby={titleId} data-entity-details={entity.id}>
      <header class="entity-head">
        <h3 id={titleId} class="entity-name">
          {entity.name}
        </h3>
        <span class="entity-count">{tCount('popupEntityMentions', mentions)}</span>
      </header>
      <p class="entity-desc-full">{entity.description}</p>
      {role && (
        <p class="entity-role" data-testid="role-then">
          <span class="label">{t('cardAsOf', formatCardDate(articleDate))}</span> {role.text}
        </p>
      )}
      {latest && (
        <p class="entity-latest" data-testid="latest">
          <span class="label">{t('panelLatest')}:</span> <time dateTime={latest.date}>{formatCardDate(latest.date)}</time> {latest.text}
        </p>
      )}
      <WhyThisCard entity={entity} {...(mentions > 0 ? { match: near ? ('near' as const) : ('exact' as const) } : {})} />
      {entity.sources.length > 0 && (
        // Folded: the outlets are on the line above; the titles and links are there when wanted.
        <details class="entity-sources">
          <summary>{tCount('panelSources', entity.sources.length)}</summary>
          <ul>
            {entity.sources.map((source) => (
              <li key={source.url}>
                <SourceLink source={source} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {mentions > 0 && (
        <button type="button" class="button-secondary" data-reveal={entity.id} aria-describedby={titleId} onClick={() => onReveal(entity.id)}>
          {t('panelShowOnPage')}
        </button>
      )}
    </article>
  );
}

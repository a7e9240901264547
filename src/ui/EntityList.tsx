import { t } from '../shared/i18n.js';
import { EntityDetails } from './EntityDetails.js';
import { tCount } from './format.js';
import type { EntityRow } from './tab-model.js';

export interface EntityListProps {
  /** Id for the section heading, so the list is labelled by it. */
  headingId: string;
  /** Visible section title. */
  title: string;
  /** Entities in display order. */
  rows: EntityRow[];
  /** Called with an entity id when the reader picks it. */
  onReveal: (entityId: string) => void;
  /** The article's date to show each card's content as of (the panel), or null for one line each (the popup). */
  detailedAsOf: string | null;
}

/**
 * One section of entities: in the popup every row is a button that shows the entity's first mention
 * on the page; in the panel every row is the card's content with a button to its mention.
 */
export function EntityList({ headingId, title, rows, onReveal, detailedAsOf }: EntityListProps) {
  return (
    <section class="entities" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul>
        {rows.map(({ entity, mentions, near }) => (
          <li key={entity.id}>
            {detailedAsOf !== null ? (
              <EntityDetails entity={entity} mentions={mentions} articleDate={detailedAsOf} near={near} onReveal={onReveal} />
            ) : (
              <button type="button" class="entity" data-entity={entity.id} onClick={() => onReveal(entity.id)}>
                <span class="entity-name">{entity.name}</span>
                <span class="entity-count">{tCount('popupEntityMentions', mentions)}</span>
                <span class="entity-desc" title={entity.description}>
                  {entity.description}
                </span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface NotFoundListProps {
  /** Entities the page does not contain. */
  rows: EntityRow[];
}

/** Entities named by the article but absent from this page: listed, not clickable (nothing to show). */
export function NotFoundList({ rows }: NotFoundListProps) {
  return (
    <section class="entities not-found" aria-labelledby="not-found-heading" data-testid="not-found">
      <h2 id="not-found-heading">{t('popupNotFound')}</h2>
      <p class="note">{t('popupNotFoundNote')}</p>
      <ul>
        {rows.map(({ entity }) => (
          <li key={entity.id} class="entity entity-static" data-missing-entity={entity.id}>
            <span class="entity-name">{entity.name}</span>
            <span class="entity-desc" title={entity.description}>
              {entity.description}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

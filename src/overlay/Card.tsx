import { Fragment } from 'preact';
import { formatCardDate, t } from '../shared/i18n.js';
import type { Entity } from '../shared/types.js';
import { roleAt, sinceThen } from './card-model.js';

export type CardProps = {
  /** The entity the card explains. */
  entity: Entity;
  /** The article's publication date (YYYY-MM-DD): the card speaks as of then, plus "since then". */
  articleDate: string;
  /** The mention was matched approximately (the page's wording differs from the dataset's). */
  fuzzy: boolean;
  /** Show the "Since then" section (reader setting). */
  showSinceThen: boolean;
  /** Element id, so the mention's aria-controls can point at the card. */
  id: string;
  /**
   * Language and direction of the card's text (the dataset's and the UI strings'), set on the card
   * so that an Arabic or Hebrew page neither reverses its punctuation nor reads it in another voice.
   */
  lang?: string;
  dir: 'ltr' | 'rtl';
  onClose: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
};

const KIND_KEYS: Record<Entity['kind'], string> = {
  person: 'kindPerson',
  organisation: 'kindOrganisation',
  event: 'kindEvent',
  law: 'kindLaw',
};

/**
 * The build refuses non-https source links; the card checks again, so a dataset that bypassed the
 * build (or a bug in it) can never put a `javascript:` or `data:` link in front of a reader.
 */
function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The hover/focus card: a non-modal dialog with the entity's background as of the article's date. */
export function Card({ entity, articleDate, fuzzy, showSinceThen, id, lang, dir, onClose, onPointerEnter, onPointerLeave }: CardProps) {
  const role = roleAt(entity, articleDate);
  const since = showSinceThen ? sinceThen(entity, articleDate) : [];
  const titleId = `${id}-title`;
  return (
    <div
      id={id}
      class="card"
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
      <div class="body" data-scroll="" tabIndex={-1}>
        <header class="head">
          <div>
            <p class="kind">{t(KIND_KEYS[entity.kind])}</p>
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
        {role && (
          <p class="role">
            <span class="label">{t('cardAsOf', formatCardDate(articleDate))}</span> {role.text}
          </p>
        )}
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
        {since.length > 0 && (
          <section class="since" aria-labelledby={`${id}-since`}>
            <h3 id={`${id}-since`}>{t('cardSinceThen')}</h3>
            <ul>
              {since.map((item) => (
                <li key={item.date + item.text}>
                  <time dateTime={item.date}>{formatCardDate(item.date)}</time> {item.text}
                </li>
              ))}
            </ul>
          </section>
        )}
        {entity.sources.length > 0 && (
          <footer class="sources">
            <span class="label">{t('cardSources')}</span>{' '}
            {entity.sources.map((source, i) => (
              <span key={source.url}>
                {i > 0 && ' · '}
                {isHttps(source.url) ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.title}
                  </a>
                ) : (
                  source.title
                )}
              </span>
            ))}
          </footer>
        )}
      </div>
    </div>
  );
}

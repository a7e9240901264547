import { t } from '../shared/i18n.js';
import type { Provenance } from '../shared/provenance.js';
import type { ArticleRecord } from '../shared/types.js';
import { formatArticleDate, formatCount, tCount } from './format.js';

export interface ProvenanceViewProps {
  article: ArticleRecord;
  provenance: Provenance;
  /** Scrolls the page to where it holds the original's paragraph `paragraph`. */
  onJump: (paragraph: number) => void;
}

/** The first https canonical address, the one to open as "the original". */
function originalUrl(urls: readonly string[]): string | undefined {
  return urls.find((url) => url.startsWith('https://'));
}

/**
 * What this copy of the article is: one line (the original, or a copy of whose article of when),
 * and a disclosure with the counts as its summary and, inside, every paragraph of the original
 * (whole, edited and how much, or missing) with "jump to" for those on the page, and what the
 * page added inside the article.
 */
export function ProvenanceView({ article, provenance: p, onJump }: ProvenanceViewProps) {
  const date = formatArticleDate(article.published);
  const link = p.original ? undefined : originalUrl(article.urls);
  const counts = [
    tCount('provWhole', p.present),
    p.edited > 0 && tCount('provEdited', p.edited),
    p.missing > 0 && tCount('provMissing', p.missing),
    p.inserted.length > 0 && tCount('provAdded', p.inserted.length),
    p.repeated > 0 && tCount('provRepeated', p.repeated),
    t(p.headline === 'present' ? 'provHeadlineSame' : 'provHeadlineChanged'),
  ].filter((part): part is string => typeof part === 'string');
  return (
    <section
      class="provenance"
      aria-labelledby="provenance-heading"
      data-testid="provenance"
      data-original={String(p.original)}
      data-present={p.present}
      data-edited={p.edited}
      data-missing={p.missing}
      data-inserted={p.inserted.length}
      data-headline={p.headline}
    >
      <h2 id="provenance-heading">{t('provHeading')}</h2>
      <p class="prov-line" data-testid="provenance-line">
        {t(p.original ? 'provOriginalLine' : 'provCopyLine', [article.publisher, date])}
        {link && (
          <>
            {' · '}
            <a href={link} target="_blank" rel="noopener noreferrer">
              {t('provOpenOriginal')}
            </a>
          </>
        )}
      </p>
      <details class="prov-details" data-testid="provenance-details">
        <summary data-testid="provenance-summary">{counts.join(' · ')}</summary>
        <h3>{t('provParagraphs')}</h3>
        <ol class="prov-paragraphs">
          {p.paragraphs.map((paragraph) => (
            <li key={paragraph.paragraph} data-paragraph={paragraph.paragraph} data-state={paragraph.state}>
              <span class="prov-number">{t('provParagraphNumber', formatCount(paragraph.paragraph))}</span>
              {paragraph.state === 'missing' ? (
                <span class="prov-missing">{t('provStateMissing')}</span>
              ) : (
                <button type="button" class="prov-jump" title={t('provJump', formatCount(paragraph.paragraph))} onClick={() => onJump(paragraph.paragraph)}>
                  {paragraph.firstWords}
                </button>
              )}
              {paragraph.state === 'edited' && <span class="prov-edited">{t('provStateEdited', formatCount(paragraph.percent))}</span>}
            </li>
          ))}
        </ol>
        {p.inserted.length > 0 && (
          <>
            <h3>{t('provAddedHeading')}</h3>
            <ul class="prov-inserted" data-testid="provenance-inserted">
              {p.inserted.map((words, i) => (
                <li key={i}>{words}</li>
              ))}
            </ul>
          </>
        )}
      </details>
    </section>
  );
}

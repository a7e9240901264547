import { t } from '../shared/i18n.js';
import { CollapsibleText } from './CollapsibleText.js';
import { EntityList, NotFoundList } from './EntityList.js';
import { formatArticleDate, formatCount, tCount } from './format.js';
import { ProvenanceView } from './ProvenanceView.js';
import type { ArticleSummary, SectionId } from './tab-model.js';

export interface ArticleViewProps {
  /** The article and its grouped entities for this page. */
  summary: ArticleSummary;
  /** Called with an entity id when the reader picks an entity. */
  onReveal: (entityId: string) => void;
  /** Called with a paragraph's number when the reader jumps to it. */
  onJump: (paragraph: number) => void;
  /** Each entity with its card's content (the panel), or one line each (the popup). */
  detailed: boolean;
}

const SECTION_TITLES: Record<SectionId, string> = {
  people: 'popupPeople',
  events: 'popupEvents',
  organisations: 'popupOrganisations',
  quotes: 'popupQuotes',
};

/** The summary of a recognised article: what it is, what this copy of it is, and who and what it names. */
export function ArticleView({ summary, onReveal, onJump, detailed }: ArticleViewProps) {
  const { article } = summary;
  return (
    <>
      <header class="article-header">
        <p class="byline">
          <span class="publisher">{article.publisher}</span>
          <span aria-hidden="true"> · </span>
          <time dateTime={article.published}>{formatArticleDate(article.published)}</time>
        </p>
        <h1 class="headline">{article.headline}</h1>
        <p class="stats">
          <span data-testid="match-quality">{tCount('popupParagraphsFound', summary.paragraphsTotal, [formatCount(summary.paragraphsFound)])}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="mention-count">{tCount('popupMentionsAnnotated', summary.mentionsTotal)}</span>
        </p>
      </header>
      {summary.provenance && <ProvenanceView article={article} provenance={summary.provenance} onJump={onJump} />}
      <CollapsibleText text={article.summary} className="summary" />
      {summary.sections.length > 0 && !detailed && <p class="note">{t('popupRevealHint')}</p>}
      {summary.sections.map((section) => (
        <EntityList
          key={section.id}
          headingId={`section-${section.id}`}
          title={t(SECTION_TITLES[section.id])}
          rows={section.rows}
          onReveal={onReveal}
          detailedAsOf={detailed ? article.published : null}
        />
      ))}
      {summary.notFound.length > 0 && <NotFoundList rows={summary.notFound} />}
    </>
  );
}

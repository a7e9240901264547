/**
 * "Report a problem", offline: the report is text the reader copies and sends where they choose;
 * the extension sends nothing. Structured (one `key: value` a line) so whoever receives it can read
 * it and a tool can parse it; the page's address only when the reader ticked it.
 */

export interface ProblemReport {
  extensionVersion: string;
  /** The dataset shipped with this version: its size, so a report names what the reader saw. */
  dataset: { articles: number; entities: number };
  articleId: string | null;
  /** The card the report is about (from a card), or none (from the panel: the whole page). */
  entityId?: string;
  /** How the mention(s) were matched: `exact`, `near copy`, or a count of each for the page. */
  match: string;
  paragraphsFound: number | null;
  paragraphsTotal: number | null;
  /** Only when the reader ticked "include this page's address". */
  pageUrl?: string;
  browser: string;
}

export function formatProblemReport(report: ProblemReport): string {
  const paragraphs = report.paragraphsFound === null || report.paragraphsTotal === null ? 'unknown' : `${report.paragraphsFound} of ${report.paragraphsTotal}`;
  return [
    'Backstory problem report',
    `extension: ${report.extensionVersion}`,
    `browser: ${report.browser}`,
    `dataset: ${report.dataset.articles} articles, ${report.dataset.entities} entities`,
    `article: ${report.articleId ?? 'none'}`,
    `entity: ${report.entityId ?? 'none (the whole page)'}`,
    `match: ${report.match}`,
    `paragraphs found: ${paragraphs}`,
    `page: ${report.pageUrl ?? 'not included'}`,
    'what went wrong: ',
  ].join('\n');
}

/** The page's match methods in a report's words: "exact" / "near copy" for one mention, counts for a page. */
export function describeMatch(methods: readonly ('exact' | 'fuzzy')[]): string {
  if (methods.length === 0) return 'no mentions';
  const near = methods.filter((m) => m === 'fuzzy').length;
  if (methods.length === 1) return near ? 'near copy' : 'exact';
  return `${methods.length - near} exact, ${near} near copy`;
}

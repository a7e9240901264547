import type { Provenance } from './provenance.js';

/** What one page's annotation pass found; stored per tab by the background, shown by the popup. */
export interface AnchoredMention {
  annotation: string;
  entity: string;
  method: 'exact' | 'fuzzy';
}

export interface PageReport {
  articleId: string;
  /** The article's place in the compiled dataset (PageMatch.articleNumber), how the popup's record is found. */
  articleNumber: number;
  paragraphsTotal: number;
  /** Paragraphs the page holds (aligned to at least one block). */
  paragraphsFound: number;
  mentions: AnchoredMention[];
  /** Annotation ids that could not be anchored on this page (truncated copy, edited words). */
  missing: string[];
  /** What this copy of the article is (added by the page session to the annotator's report). */
  provenance?: Provenance;
  /** Milliseconds from the first scan to mounted cards, for the demo and the benchmarks. */
  timings: { scan: number; annotate: number };
}

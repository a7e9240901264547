/**
 * The compiled data model: what the build emits from `src/data/` and what the background,
 * the annotator, the cards and the popup read. Source files are validated against
 * `src/data/schema.ts`; these types describe the compiled, already-valid shape.
 */

export type EntityKind = 'person' | 'organisation' | 'event' | 'law' | 'quote';

export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organisation', 'event', 'law', 'quote'];

export interface Fact {
  label: string;
  value: string;
}

/** A dated item; `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export interface DatedItem {
  date: string;
  text: string;
}

export interface Source {
  title: string;
  /** Always https: the build refuses anything else. */
  url: string;
}

/** What the entity was during a period (a person's office, an event's status). */
export interface Role {
  from?: string;
  until?: string;
  text: string;
}

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  description: string;
  roles: Role[];
  facts: Fact[];
  timeline: DatedItem[];
  sources: Source[];
  /** When its "since then" was last reviewed: `YYYY-MM` or `YYYY-MM-DD`. */
  reviewedAt: string;
}

/**
 * One mention in the article, as a W3C-style TextQuoteSelector on one paragraph. The compiler
 * always fills `prefix`/`suffix` with up to CONTEXT_CHARS of surrounding reference text, so the
 * anchorer can disambiguate and score fuzzy candidates; `occurrence` is which occurrence of
 * `exact` in the reference paragraph this is (0-based, as src/match/occurrence.ts counts), the
 * last tie-breaker.
 */
export interface Annotation {
  id: string;
  entity: string;
  paragraph: number;
  exact: string;
  prefix: string;
  suffix: string;
  occurrence: number;
}

/**
 * One compiled article, with the entities it references, loaded by the background on a match.
 * It holds no paragraph text (the text is the publisher's): recognising the article needs only
 * its fingerprints, and anchoring only the annotations' bounded selectors.
 */
export interface ArticleRecord {
  id: string;
  headline: string;
  publisher: string;
  published: string;
  urls: string[];
  summary: string;
  /** Paragraphs of the reference text, headline included (annotations point into them by number). */
  paragraphCount: number;
  annotations: Annotation[];
  entities: Entity[];
}

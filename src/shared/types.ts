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

/**
 * An annotation as stored: [id, entity (index into the stored article's `entities`), paragraph,
 * prefix, exact, suffix, occurrence]. Tuples in reading order, without repeated keys and entity
 * ids: a tenth of the package at 100,000 articles.
 */
export type StoredAnnotation = [id: string, entity: number, paragraph: number, prefix: string, exact: string, suffix: string, occurrence: number];

/**
 * An article as stored in the package (in a pack of consecutive articles, `data/articles/<pack>.json.gz`):
 * its entities by id, each stored once (in the entity pack its id hashes to) however many articles
 * reference it, and its annotations as tuples. The background joins them into an ArticleRecord.
 */
export interface StoredArticle extends Omit<ArticleRecord, 'entities' | 'annotations'> {
  entities: string[];
  annotations: StoredAnnotation[];
}

/**
 * `data/meta.json`: the few numbers the background needs before its first lookup, so a freshly
 * woken worker is ready after reading a few hundred bytes whatever the dataset's size.
 */
export interface DatasetMeta {
  articleCount: number;
  entityCount: number;
  /** The index is split into 2^indexShardBits files, `data/index/<shard>.bin`, by hash. */
  indexShardBits: number;
  /** Article n's record and fingerprints are in pack floor(n / articlesPerPack). */
  articlesPerPack: number;
  /** Entities are in `data/entities/<entityPackOf(id, entityPacks)>.json`. */
  entityPacks: number;
}

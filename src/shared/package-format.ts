/**
 * The dataset as the package stores it, under `data/`: one definition for the writer
 * (tools/dataset/package.ts, run by build.mjs) and the reader (background/dataset.ts). meta.json
 * holds all a woken background reads before its first lookup; the index is in shards by hash
 * (binary layout in match/index-format.ts) with its gate (match/key-gate.ts); records,
 * fingerprints and entities are in packs, so no file is large (addons.mozilla.org refuses .json
 * files of 5 MB or more) and 100,000 articles are a few thousand files, not hundreds of
 * thousands. Record and entity packs are gzipped JSON: a quarter of the bytes, what keeps 100,000
 * articles under addons.mozilla.org's 200 MB.
 */
import type { ArticleRecord, Entity } from './types.js';

/**
 * `data/meta.json`: the few numbers the background needs before its first lookup, so a freshly
 * woken worker is ready after reading a few hundred bytes whatever the dataset's size.
 */
export interface DatasetMeta {
  articleCount: number;
  entityCount: number;
  /** The index is split into 2^indexShardBits files (PACKAGE_FILES.indexShard), by hash. */
  indexShardBits: number;
  /** Article n's record and fingerprints are in pack packOf(n, articlesPerPack). */
  articlesPerPack: number;
  /** Entities are in pack entityPackOf(id, entityPacks) (match/index-format.ts). */
  entityPacks: number;
}

/** Every file of the dataset, as a path inside the package. */
export const PACKAGE_FILES = {
  meta: 'data/meta.json',
  /** Every key of the index's shards (match/key-gate.ts). */
  gate: 'data/index/gate.bin',
  indexShard: (shard: number): string => `data/index/${shard}.bin`,
  /** Gzipped JSON: StoredArticle[], consecutive articles. */
  articlePack: (pack: number): string => `data/articles/${pack}.json.gz`,
  /** The same articles' fingerprints (match/index-format.ts, encodeFingerprintPack). */
  fingerprintPack: (pack: number): string => `data/fingerprints/${pack}.bin`,
  /** Gzipped JSON: EntityPack. */
  entityPack: (pack: number): string => `data/entities/${pack}.json.gz`,
} as const;

/** The pack holding article n, and its place in it. */
export function packOf(article: number, articlesPerPack: number): { pack: number; slot: number } {
  return { pack: Math.floor(article / articlesPerPack), slot: article % articlesPerPack };
}

/**
 * An annotation as stored: [id, entity (index into the stored article's `entities`), paragraph,
 * prefix, exact, suffix, occurrence]. Tuples in reading order, without repeated keys and entity
 * ids: a tenth of the package at 100,000 articles.
 */
export type StoredAnnotation = [id: string, entity: number, paragraph: number, prefix: string, exact: string, suffix: string, occurrence: number];

/**
 * An article as stored in its pack: its entities by id, each stored once (in the entity pack its
 * id hashes to) however many articles reference it, and its annotations as tuples.
 */
export interface StoredArticle extends Omit<ArticleRecord, 'entities' | 'annotations'> {
  entities: string[];
  annotations: StoredAnnotation[];
}

/** An entity pack: the entities whose ids hash to it, by id. */
export type EntityPack = Record<string, Entity>;

export function storeArticle(record: ArticleRecord): StoredArticle {
  const entities = record.entities.map((entity) => entity.id);
  const annotations = record.annotations.map(({ id, entity, paragraph, prefix, exact, suffix, occurrence }): StoredAnnotation => {
    const index = entities.indexOf(entity);
    if (index < 0) throw new Error(`annotation ${id} of ${record.id} refers to ${entity}, not among the article's entities`);
    return [id, index, paragraph, prefix, exact, suffix, occurrence];
  });
  return { ...record, entities, annotations };
}

/** The record back from its stored form, with its entities (in the stored order) joined in. */
export function joinArticle(stored: StoredArticle, entities: Entity[]): ArticleRecord {
  const annotations = stored.annotations.map(([id, entity, paragraph, prefix, exact, suffix, occurrence]) => {
    const entityId = stored.entities[entity];
    if (entityId === undefined) throw new Error(`Backstory: annotation ${id} of ${stored.id} refers to no stored entity`);
    return { id, entity: entityId, paragraph, exact, prefix, suffix, occurrence };
  });
  return { ...stored, annotations, entities };
}

/**
 * Writes the compiled dataset into a package's `data/` folder, in the format the background reads
 * (src/shared/package-format.ts). `packageFiles` is pure (path → bytes), so a unit test reads back
 * through the background's own reader what the build would write.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ARTICLES_PER_PACK, ENTITIES_PER_PACK, encodeFingerprintPack, entityPackOf } from '../../src/match/index-format.js';
import { PACKAGE_FILES, storeArticle, type DatasetMeta, type EntityPack, type StoredArticle } from '../../src/shared/package-format.js';
import type { Entity } from '../../src/shared/types.js';
import type { CompiledDataset } from './compile.js';

type PackagedDataset = Pick<CompiledDataset, 'indexShards' | 'indexGate' | 'fingerprints' | 'records' | 'catalog'>;

const gzipJson = (value: StoredArticle[] | EntityPack): Uint8Array => zlib.gzipSync(JSON.stringify(value), { level: 9 });

/** Every file of the dataset, by its path in the package. */
export function packageFiles(compiled: PackagedDataset): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  compiled.indexShards.forEach((buffer, shard) => files.set(PACKAGE_FILES.indexShard(shard), new Uint8Array(buffer)));
  files.set(PACKAGE_FILES.gate, new Uint8Array(compiled.indexGate));
  for (let pack = 0; pack * ARTICLES_PER_PACK < compiled.records.length; pack++) {
    const from = pack * ARTICLES_PER_PACK;
    const to = from + ARTICLES_PER_PACK;
    files.set(PACKAGE_FILES.fingerprintPack(pack), new Uint8Array(encodeFingerprintPack(compiled.fingerprints.slice(from, to))));
    files.set(PACKAGE_FILES.articlePack(pack), gzipJson(compiled.records.slice(from, to).map(storeArticle)));
  }
  // Each entity stored once, however many articles refer to it.
  const entities = new Map<string, Entity>();
  for (const record of compiled.records) for (const entity of record.entities) entities.set(entity.id, entity);
  const entityPacks = Math.max(1, Math.ceil(entities.size / ENTITIES_PER_PACK));
  const packs = Array.from({ length: entityPacks }, (): EntityPack => ({}));
  for (const [id, entity] of entities) (packs[entityPackOf(id, entityPacks)] as EntityPack)[id] = entity;
  packs.forEach((pack, n) => files.set(PACKAGE_FILES.entityPack(n), gzipJson(pack)));
  const meta: DatasetMeta = {
    articleCount: compiled.records.length,
    entityCount: compiled.catalog.entityCount,
    indexShardBits: Math.log2(compiled.indexShards.length),
    articlesPerPack: ARTICLES_PER_PACK,
    entityPacks,
  };
  files.set(PACKAGE_FILES.meta, new TextEncoder().encode(JSON.stringify(meta)));
  return files;
}

/** Writes the dataset's files under `outDir` (which then holds `data/`). */
export function writePackage(outDir: string, compiled: PackagedDataset): void {
  for (const [file, bytes] of packageFiles(compiled)) {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
}

/** Shared fixture: the real seed article (from src/data) indexed among synthetic articles. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleSource } from '../../../src/data/schema.js';
import { fingerprint, isSampled } from '../../../src/match/fingerprint.js';
import { buildIndex, CompiledIndex } from '../../../src/match/index-format.js';
import { synthDataset } from '../../../tools/dataset/synth.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DATA_DIR = path.join(ROOT, 'src/data');

export function readRealArticles(): ArticleSource[] {
  const dir = path.join(DATA_DIR, 'articles');
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as ArticleSource);
}

export const SEED_ID = '2020-12-15-sun-putin-congratulates-biden';

export function seedArticle(): ArticleSource {
  const seed = readRealArticles().find((a) => a.id === SEED_ID);
  if (!seed) throw new Error(`seed article ${SEED_ID} missing from src/data/articles`);
  return seed;
}

export interface SeedIndex {
  index: CompiledIndex;
  /** Every article's full fingerprints, by index position (the verification tier). */
  fingerprints: number[][][];
  /** Position of the seed article in the index. */
  seedNumber: number;
  seedParagraphs: string[];
  synthetic: ArticleSource[];
}

/** The seed article placed among `syntheticCount` synthetic articles (in the middle of them). */
export function buildSeedIndex(syntheticCount: number, seed = 4242): SeedIndex {
  const synthetic = synthDataset(syntheticCount, seed).articles;
  const real = seedArticle();
  const seedNumber = Math.floor(syntheticCount / 2);
  const articles: ArticleSource[] = [...synthetic.slice(0, seedNumber), real, ...synthetic.slice(seedNumber)];
  const fingerprints = articles.map((a) => a.paragraphs.map((p) => fingerprint(p.text)));
  const index = new CompiledIndex(buildIndex(fingerprints.map((paragraphs) => paragraphs.map((list) => list.filter(isSampled)))));
  return { index, fingerprints, seedNumber, seedParagraphs: real.paragraphs.map((p) => p.text), synthetic };
}

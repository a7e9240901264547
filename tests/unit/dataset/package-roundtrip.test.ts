/**
 * Write → read: the dataset as the build writes it (tools/dataset/package.ts) read back by the
 * background's own reader (src/background/dataset.ts), its package fetches served from the
 * written files. The seed article among 150 synthetic ones spans three article packs and two
 * entity packs, so the pack arithmetic of both sides is exercised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprint } from '../../../src/match/fingerprint.js';
import { ARTICLES_PER_PACK } from '../../../src/match/index-format.js';
import { PACKAGE_FILES, type DatasetMeta } from '../../../src/shared/package-format.js';
import { compileDataset, type CompiledDataset } from '../../../tools/dataset/compile.js';
import { packageFiles, writePackage } from '../../../tools/dataset/package.js';
import { synthDataset, toSourceJson } from '../../../tools/dataset/synth.js';
import { seedArticle, DATA_DIR } from '../match/seed-fixture.js';
import { tempDir } from './helpers.js';

const PACKAGE_ORIGIN = 'test-package://backstory/';
vi.mock('../../../src/shared/browser.js', () => ({ default: { runtime: { getURL: (file: string) => `test-package://backstory/${file}` } } }));

const { lookup, loadMeta, recordAt } = await import('../../../src/background/dataset.js');

function compileWithSynthetic(count: number): CompiledDataset {
  const dir = tempDir('backstory-package-');
  const { entities, articles } = synthDataset(count, 31);
  for (const kind of ['entities', 'articles'] as const) fs.mkdirSync(path.join(dir, kind));
  for (const entity of entities) fs.writeFileSync(path.join(dir, 'entities', `${entity.id}.json`), toSourceJson(entity));
  for (const name of fs.readdirSync(path.join(DATA_DIR, 'entities'))) fs.copyFileSync(path.join(DATA_DIR, 'entities', name), path.join(dir, 'entities', name));
  // The seed in the middle: its number is neither 0 nor in the first pack.
  const all = [...articles.slice(0, 100), seedArticle(), ...articles.slice(100)];
  all.forEach((article, n) => fs.writeFileSync(path.join(dir, 'articles', `${String(n).padStart(4, '0')}.json`), toSourceJson(article)));
  const result = compileDataset(dir, { today: '2026-12-01' });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}: ${e.reason}`).join('\n'));
  return result.compiled;
}

describe('the package format, written by the build and read by the background', () => {
  const compiled = compileWithSynthetic(150);
  const outDir = tempDir('backstory-package-out-');
  const fetched: string[] = [];

  beforeAll(() => {
    writePackage(outDir, compiled);
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      const file = path.join(outDir, url.slice(PACKAGE_ORIGIN.length));
      return Promise.resolve(fs.existsSync(file) ? new Response(fs.readFileSync(file)) : new Response('not found', { status: 404 }));
    });
  });
  afterAll(() => vi.unstubAllGlobals());

  it('writes every file packageFiles lists, and only those', () => {
    const files = [...packageFiles(compiled).keys()].sort();
    const written: string[] = [];
    const walk = (sub: string): void => {
      for (const entry of fs.readdirSync(path.join(outDir, sub), { withFileTypes: true }))
        if (entry.isDirectory()) walk(path.join(sub, entry.name));
        else written.push(path.join(sub, entry.name));
    };
    walk('');
    expect(written.sort()).toEqual(files);
    expect(files).toContain(PACKAGE_FILES.articlePack(2));
    expect(files).toContain(PACKAGE_FILES.entityPack(1));
  });

  it('reads back the numbers meta.json was written with', async () => {
    const meta: DatasetMeta = await loadMeta();
    expect(meta).toEqual({
      articleCount: 151,
      entityCount: compiled.catalog.entityCount,
      indexShardBits: Math.log2(compiled.indexShards.length),
      articlesPerPack: ARTICLES_PER_PACK,
      entityPacks: 2,
    });
  });

  it('reads back every record as compiled, entities joined in', async () => {
    for (let n = 0; n < compiled.records.length; n++) expect(await recordAt(n, compiled.catalog.articles[n] as string)).toEqual(compiled.records[n]);
    expect(await recordAt(100, 'another-id')).toBeNull();
    expect(await recordAt(151, compiled.catalog.articles[0] as string)).toBeNull();
  });

  it('finds the seed from its paragraphs through the written index, gate and fingerprints', async () => {
    const seed = seedArticle();
    fetched.length = 0;
    const match = await lookup(seed.paragraphs.map((p) => fingerprint(p.text)));
    expect(match?.articleNumber).toBe(100);
    expect(match?.article).toEqual(compiled.records[100]);
    expect(match?.alignment).toEqual(seed.paragraphs.map((_, i) => [i]));
    expect(fetched.some((url) => url.endsWith(PACKAGE_FILES.fingerprintPack(1)))).toBe(true);
  });

  it('finds nothing for text the dataset does not hold', async () => {
    const page = ['A page about gardening, with tomatoes planted in late spring and watered each evening by hand.'];
    expect(await lookup(page.map((text) => fingerprint(text)))).toBeNull();
  });
});

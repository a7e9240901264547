import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../../src/data/schema.js';
import { fingerprint } from '../../../src/match/fingerprint.js';
import { detectArticle } from '../../../src/match/detect.js';
import { CompiledIndex, decodeFingerprints } from '../../../src/match/index-format.js';
import { main } from '../../../tools/dataset/cli.js';
import { compileDataset, formatDatasetErrors } from '../../../tools/dataset/compile.js';
import { mulberry32, synthDataset, toSourceJson } from '../../../tools/dataset/synth.js';
import { DATA_DIR, ROOT, tempDir } from './helpers.js';

function serialise(n: number, seed: number): string {
  const { entities, articles } = synthDataset(n, seed);
  return [...entities, ...articles].map(toSourceJson).join('');
}

/** Every file of a folder tree, relative path → bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { root: ROOT, cwd, out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('mulberry32', () => {
  it('is deterministic, seed-dependent and in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('synthDataset', () => {
  it('is deterministic: same seed → identical output, different seed → different output', () => {
    const once = serialise(30, 1);
    expect(serialise(30, 1)).toBe(once);
    expect(serialise(30, 2)).not.toBe(once);
    expect(serialise(31, 1)).not.toBe(once);
  });

  it('produces N articles and a pool of N/2+10 entities with the requested shape', () => {
    for (const n of [1, 25, 80]) {
      const { entities, articles } = synthDataset(n, 9);
      expect(articles).toHaveLength(n);
      expect(entities).toHaveLength(Math.floor(n / 2) + 10);
      expect(new Set(articles.map((a) => a.id)).size).toBe(n);
      expect(new Set(entities.map((e) => e.id)).size).toBe(entities.length);
    }
    const { entities, articles } = synthDataset(80, 9);
    for (const e of entities) for (const s of e.sources) expect(s.url).toMatch(/^https:\/\/example\.org\//);
    for (const a of articles) {
      expect(a.paragraphs.length).toBeGreaterThanOrEqual(8);
      expect(a.paragraphs.length).toBeLessThanOrEqual(20);
      expect(a.paragraphs[0]?.role).toBe('headline');
      expect(a.paragraphs[0]?.text).toBe(a.headline);
      for (const p of a.paragraphs.slice(1)) {
        const words = p.text.split(/\s+/).length;
        expect(words).toBeGreaterThanOrEqual(12);
        expect(words).toBeLessThanOrEqual(45);
      }
      const mentioned = new Set(a.paragraphs.flatMap((p) => p.mentions.map((m) => m.entity)));
      expect(mentioned.size).toBeGreaterThanOrEqual(4);
      expect(mentioned.size).toBeLessThanOrEqual(6);
      for (const p of a.paragraphs) for (const m of p.mentions) expect(p.text).toContain(m.exact);
    }
  });

  it('validates with compileDataset', () => {
    const { entities, articles } = synthDataset(60, 3);
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'entities'));
    fs.mkdirSync(path.join(dir, 'articles'));
    for (const e of entities) fs.writeFileSync(path.join(dir, 'entities', `${e.id}.json`), toSourceJson(e));
    for (const a of articles) fs.writeFileSync(path.join(dir, 'articles', `${a.id}.json`), toSourceJson(a));
    const result = compileDataset(dir);
    if (!result.ok) throw new Error(formatDatasetErrors(result.errors.slice(0, 10)));
    expect(result.compiled.catalog.articles).toHaveLength(60);
    const annotations = result.compiled.records.reduce((n, r) => n + r.annotations.length, 0);
    const mentions = articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.mentions.length, 0), 0);
    expect(annotations).toBe(mentions);
    expect(annotations).toBeGreaterThan(60 * 5);
  });

  it('refuses bad arguments', () => {
    expect(() => synthDataset(-1, 1)).toThrow(RangeError);
    expect(() => synthDataset(1.5, 1)).toThrow(RangeError);
    expect(() => synthDataset(1, -1)).toThrow(RangeError);
  });
});

describe('CLI synth', () => {
  it('writes byte-identical datasets for the same N and seed, with the real dataset copied in', () => {
    const base = tempDir();
    const a = io(base);
    expect(main(['synth', '40', '--seed', '5', '--out', 'one'], a.io)).toBe(0);
    expect(main(['synth', '40', '--seed', '5', '--out', 'two'], a.io)).toBe(0);
    const one = snapshot(path.join(base, 'one'));
    const two = snapshot(path.join(base, 'two'));
    expect(two).toEqual(one);
    const realArticles = fs.readdirSync(path.join(DATA_DIR, 'articles')).filter((n) => n.endsWith('.json'));
    const realEntities = fs.readdirSync(path.join(DATA_DIR, 'entities')).filter((n) => n.endsWith('.json'));
    expect(fs.readdirSync(path.join(base, 'one', 'articles'))).toHaveLength(40 + realArticles.length);
    expect(fs.readdirSync(path.join(base, 'one', 'entities'))).toHaveLength(30 + realEntities.length);
    for (const name of realArticles) {
      expect(one.get(path.join('articles', name))).toBe(fs.readFileSync(path.join(DATA_DIR, 'articles', name), 'utf8'));
    }

    // The combined dataset validates, and the seed article is still detected in its index.
    const result = compileDataset(path.join(base, 'one'));
    if (!result.ok) throw new Error(formatDatasetErrors(result.errors.slice(0, 10)));
    const seedNumber = result.compiled.catalog.articles.indexOf('2020-12-15-sun-putin-congratulates-biden');
    expect(seedNumber).toBeGreaterThanOrEqual(0);
    const seedSource = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'articles', '2020-12-15-sun-putin-congratulates-biden.json'), 'utf8')) as ArticleSource;
    const detection = detectArticle(
      new CompiledIndex(result.compiled.indexShards[0] as ArrayBuffer),
      seedSource.paragraphs.map((p) => fingerprint(p.text)),
      (article) => decodeFingerprints(result.compiled.fingerprints[article] as ArrayBuffer),
    );
    expect(detection?.article).toBe(seedNumber);

    // A different seed differs; --no-real leaves the real data out.
    expect(main(['synth', '40', '--seed', '6', '--out', 'three', '--no-real'], a.io)).toBe(0);
    const three = snapshot(path.join(base, 'three'));
    expect(three.get(path.join('articles', realArticles[0] as string))).toBeUndefined();
    expect([...three.keys()].filter((k) => k.startsWith('articles'))).toHaveLength(40);
    expect(three.get(path.join('articles', 'synth-6-000000.json'))).not.toBe(one.get(path.join('articles', 'synth-5-000000.json')));

    // Rewriting a synth folder replaces it (no stale files).
    expect(main(['synth', '40', '--seed', '5', '--out', 'three', '--no-real'], a.io)).toBe(0);
    expect([...snapshot(path.join(base, 'three')).keys()].filter((k) => k.startsWith('articles')).sort()).toEqual(
      [...one.keys()].filter((k) => k.startsWith('articles') && path.basename(k).startsWith('synth-')).sort(),
    );
    expect(a.err).toEqual([]);
  });

  it('rejects usage errors with exit code 2', () => {
    const base = tempDir();
    fs.mkdirSync(path.join(base, 'occupied'));
    fs.writeFileSync(path.join(base, 'occupied', 'keep.txt'), 'mine');
    const cases = [
      ['synth'],
      ['synth', '10'],
      ['synth', 'ten', '--seed', '1'],
      ['synth', '0', '--seed', '1'],
      ['synth', '10', '--seed', 'x'],
      ['synth', '10', '--seed'],
      ['synth', '10', '--seed', '1', '--out', 'occupied'],
      ['synth', '10', '--seed', '1', '--frobnicate'],
      ['frobnicate'],
      [],
    ];
    for (const argv of cases) {
      const r = io(base);
      expect(main(argv, r.io), argv.join(' ')).toBe(2);
      expect(r.err.join('\n')).toContain('usage:');
    }
    expect(fs.readFileSync(path.join(base, 'occupied', 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('CLI check', () => {
  it('reports OK with counts for the real dataset and exit 1 with errors for bad data', () => {
    const ok = io(ROOT);
    expect(main(['check'], ok.io)).toBe(0);
    const compiled = compileDataset(DATA_DIR);
    if (!compiled.ok) throw new Error('real dataset invalid');
    const annotations = compiled.compiled.records.reduce((n, r) => n + r.annotations.length, 0);
    expect(ok.out).toEqual([
      `dataset OK: ${compiled.compiled.records.length} article(s), ${compiled.compiled.catalog.entityCount} entities, ${annotations} annotations`,
    ]);

    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'entities'));
    fs.mkdirSync(path.join(dir, 'articles'));
    fs.writeFileSync(path.join(dir, 'articles', 'bad.json'), '{');
    const bad = io(ROOT);
    expect(main(['check', '--dir', dir], bad.io)).toBe(1);
    expect(bad.err[0]).toMatch(/^articles[/\\]bad\.json: \$: is not valid JSON/);
    expect(main(['check', 'extra'], io(ROOT).io)).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { buildIndex, CompiledIndex, decodeFingerprints, encodeFingerprints, INDEX_MAGIC, MAX_POSTINGS } from '../../../src/match/index-format.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

/** Linear-probe distance of every stored key, read from the documented layout. */
function probeStats(buffer: ArrayBuffer): { keys: number; tableSize: number; mean: number; max: number } {
  const header = new Uint32Array(buffer, 0, 8);
  const tableSize = header[2] as number;
  const keys = new Uint32Array(buffer, 8 * 4, tableSize);
  let count = 0;
  let total = 0;
  let max = 0;
  keys.forEach((key, slot) => {
    if (key === 0) return;
    const distance = (slot - (key & (tableSize - 1)) + tableSize) & (tableSize - 1);
    count++;
    total += distance + 1;
    max = Math.max(max, distance + 1);
  });
  return { keys: count, tableSize, mean: count ? total / count : 0, max };
}

function randomArticles(count: number, paragraphs: number, shinglesPer: number, seed: number): number[][][] {
  const random = mulberry32(seed);
  const hash = () => 1 + Math.floor(random() * 0xfffffffe);
  return Array.from({ length: count }, () => Array.from({ length: paragraphs }, () => Array.from({ length: shinglesPer }, hash)));
}

describe('index format', () => {
  it('round-trips articles, paragraphs and postings', () => {
    const buffer = buildIndex([
      [[11, 22, 33], [33, 44, 44]],
      [[55], []],
      [[0x80000001, 0xffffffff, 22]],
    ]);
    // Loading copies the bytes (file → ArrayBuffer): the copy must read the same.
    const copy = new Uint8Array(buffer).slice().buffer;
    for (const index of [new CompiledIndex(buffer), new CompiledIndex(copy)]) {
      expect(index.articleCount).toBe(3);
      expect(index.paragraphCount).toBe(5);
      expect([...index.paraArticle]).toEqual([0, 0, 1, 1, 2]);
      expect([...index.paraShingles]).toEqual([3, 2, 1, 0, 3]);
      expect([...index.articleStart]).toEqual([0, 2, 4, 5]);
      expect([...index.lookup(11)]).toEqual([0]);
      expect([...index.lookup(22)]).toEqual([0, 4]);
      expect([...index.lookup(33)]).toEqual([0, 1]);
      expect([...index.lookup(44)]).toEqual([1]);
      expect([...index.lookup(55)]).toEqual([2]);
      expect([...index.lookup(0x80000001)]).toEqual([4]);
      expect([...index.lookup(0xffffffff)]).toEqual([4]);
    }
  });

  it('keeps a shingle found in one paragraph in its slot: no postings entry, same answers', () => {
    const singles = buildIndex([[[101, 102, 103, 104]], [[201, 202]]]);
    const header = new Uint32Array(singles, 0, 8);
    expect(header[3]).toBe(0); // postingsLength: every key is inlined
    const shared = buildIndex([[[101, 102, 103, 104]], [[201, 202, 101]]]);
    expect(new Uint32Array(shared, 0, 8)[3]).toBe(3); // 101 is in two paragraphs: n + 2 postings
    const index = new CompiledIndex(shared);
    expect([...index.lookup(101)]).toEqual([0, 1]);
    expect([...index.lookup(104)]).toEqual([0]);
    expect([...index.lookup(202)]).toEqual([1]);
  });

  it('returns nothing for unknown hashes', () => {
    const index = new CompiledIndex(buildIndex([[[1, 2, 3]]]));
    for (const hash of [4, 17, 0x7fffffff, 0xfffffffe, 123456789]) expect(index.lookup(hash)).toHaveLength(0);
    const empty = new CompiledIndex(buildIndex([]));
    expect(empty.articleCount).toBe(0);
    expect(empty.lookup(1)).toHaveLength(0);
  });

  it('drops boilerplate shingles found in more than MAX_POSTINGS paragraphs', () => {
    const boiler = 777;
    const common = 888;
    const articles = Array.from({ length: MAX_POSTINGS + 1 }, (_, a) => [[boiler, 1000 + a, ...(a < MAX_POSTINGS ? [common] : [])]]);
    const index = new CompiledIndex(buildIndex(articles));
    expect(index.lookup(boiler)).toHaveLength(0);
    expect(index.lookup(common)).toHaveLength(MAX_POSTINGS);
    expect([...index.lookup(1005)]).toEqual([5]);
    // Dropped shingles do not count in a paragraph's total either.
    expect(index.paraShingles[0]).toBe(2);
    expect(index.paraShingles[MAX_POSTINGS]).toBe(1);
  });

  it('refuses corrupted buffers', () => {
    const good = buildIndex([[[1, 2, 3], [4, 5]]]);
    expect(() => new CompiledIndex(good)).not.toThrow();

    const badMagic = good.slice(0);
    new Uint32Array(badMagic, 0, 1)[0] = INDEX_MAGIC ^ 1;
    expect(() => new CompiledIndex(badMagic)).toThrow(/magic/);

    const badVersion = good.slice(0);
    new Uint32Array(badVersion, 4, 1)[0] = 99;
    expect(() => new CompiledIndex(badVersion)).toThrow(/version/);

    expect(() => new CompiledIndex(good.slice(0, good.byteLength - 4))).toThrow(/size/);
    const longer = new Uint8Array(good.byteLength + 4);
    longer.set(new Uint8Array(good));
    expect(() => new CompiledIndex(longer.buffer)).toThrow(/size/);

    const badCount = good.slice(0);
    new Uint32Array(badCount, 5 * 4, 1)[0] = 3; // paragraphCount
    expect(() => new CompiledIndex(badCount)).toThrow(/size/);

    expect(() => new CompiledIndex(new ArrayBuffer(0))).toThrow(/short/);
    expect(() => new CompiledIndex(good.slice(0, 12))).toThrow(/short/);
  });

  it('keeps lookups O(1) at 10,000 articles: correct results and the same probe lengths as a small index', () => {
    const small = randomArticles(10, 8, 20, 1);
    const large = randomArticles(10_000, 4, 6, 2);
    const smallBuffer = buildIndex(small);
    const largeBuffer = buildIndex(large);
    const index = new CompiledIndex(largeBuffer);
    expect(index.articleCount).toBe(10_000);
    expect(index.paragraphCount).toBe(40_000);

    // Every paragraph is found through each of its shingles (random 32-bit hashes rarely collide;
    // when they do the posting lists both paragraphs).
    for (let a = 0; a < large.length; a += 97) {
      (large[a] as number[][]).forEach((paragraph, p) => {
        const global = (index.articleStart[a] as number) + p;
        for (const hash of paragraph) expect([...index.lookup(hash)]).toContain(global);
        expect(index.paraArticle[global]).toBe(a);
      });
    }
    const random = mulberry32(3);
    let misses = 0;
    for (let n = 0; n < 10_000; n++) misses += index.lookup(1 + Math.floor(random() * 0xfffffffe)).length === 0 ? 1 : 0;
    expect(misses).toBeGreaterThan(9_990);

    const s = probeStats(smallBuffer);
    const l = probeStats(largeBuffer);
    expect(s.keys).toBe(10 * 8 * 20);
    expect(l.keys).toBeGreaterThan(239_000);
    // Load factor at most 1/2, so linear probing stays short whatever the article count.
    expect(l.tableSize).toBeGreaterThanOrEqual(2 * l.keys);
    expect(s.tableSize).toBeGreaterThanOrEqual(2 * s.keys);
    expect(l.mean).toBeLessThan(2.5);
    expect(l.mean).toBeLessThan(s.mean + 1);
  }, 30_000);
});

describe('per-article fingerprints', () => {
  it('round-trip through their binary form, empty paragraphs included', () => {
    const paragraphs = [[1, 2, 3], [], [0xffffffff, 7]];
    expect(decodeFingerprints(encodeFingerprints(paragraphs))).toEqual(paragraphs);
  });

  it('refuse a truncated file', () => {
    const buffer = encodeFingerprints([[1, 2, 3, 4]]);
    expect(() => decodeFingerprints(buffer.slice(0, buffer.byteLength - 4))).toThrow(/truncated/);
  });
});

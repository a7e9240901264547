import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  buildIndexGate,
  buildIndexShards,
  CompiledIndex,
  decodeFingerprints,
  encodeFingerprintPack,
  encodeFingerprints,
  entityPackOf,
  INDEX_MAGIC,
  KEYS_PER_SHARD,
  MAX_POSTINGS,
  readFingerprintPack,
  shardBitsFor,
  shardOf,
  verificationKey,
} from '../../../src/match/index-format.js';
import { gateKey } from '../../../src/match/fingerprint.js';
import { KeyGate } from '../../../src/match/key-gate.js';
import { mulberry32 } from '../../../tools/dataset/synth.js';

function randomArticles(count: number, paragraphs: number, shinglesPer: number, seed: number): number[][][] {
  const random = mulberry32(seed);
  const hash = () => 1 + Math.floor(random() * 0xfffffffe);
  return Array.from({ length: count }, () => Array.from({ length: paragraphs }, () => Array.from({ length: shinglesPer }, hash)));
}

describe('index format', () => {
  it('round-trips articles and postings (a shingle in several paragraphs of one article counts once)', () => {
    const buffer = buildIndex([
      [
        [11, 22, 33],
        [33, 44, 44],
      ],
      [[55], []],
      [[0x80000001, 0xffffffff, 22]],
    ]);
    // Loading copies the bytes (file → ArrayBuffer): the copy must read the same.
    const copy = new Uint8Array(buffer).slice().buffer;
    for (const index of [new CompiledIndex(buffer), new CompiledIndex(copy)]) {
      expect(index.articleCount).toBe(3);
      expect([...index.lookup(11)]).toEqual([0]);
      expect([...index.lookup(22)]).toEqual([0, 2]);
      expect([...index.lookup(33)]).toEqual([0]);
      expect([...index.lookup(44)]).toEqual([0]);
      expect([...index.lookup(55)]).toEqual([1]);
      expect([...index.lookup(0x80000001)]).toEqual([2]);
      expect([...index.lookup(0xffffffff)]).toEqual([2]);
    }
  });

  it('keeps a shingle found in one article in its slot: no postings entry, same answers', () => {
    const singles = buildIndex([[[101, 102, 103, 104]], [[201, 202]]]);
    const header = new Uint32Array(singles, 0, 8);
    expect(header[3]).toBe(0); // postingsLength: every key is inlined
    const shared = buildIndex([[[101, 102, 103, 104]], [[201, 202, 101]]]);
    expect(new Uint32Array(shared, 0, 8)[3]).toBe(3); // 101 is in two articles: n + 2 postings
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

  it('drops boilerplate shingles found in more than MAX_POSTINGS articles', () => {
    const boiler = 777;
    const common = 888;
    const articles = Array.from({ length: MAX_POSTINGS + 1 }, (_, a) => [[boiler, 1000 + a, ...(a < MAX_POSTINGS ? [common] : [])]]);
    const index = new CompiledIndex(buildIndex(articles));
    expect(index.lookup(boiler)).toHaveLength(0);
    expect(index.lookup(common)).toHaveLength(MAX_POSTINGS);
    expect([...index.lookup(1005)]).toEqual([5]);
  });

  it('refuses corrupted buffers', () => {
    const good = buildIndex([
      [
        [1, 2, 3],
        [4, 5],
      ],
    ]);
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
    new Uint32Array(badCount, 3 * 4, 1)[0] = 3; // postingsLength
    expect(() => new CompiledIndex(badCount)).toThrow(/size/);

    const badShard = good.slice(0);
    new Uint32Array(badShard, 6 * 4, 1)[0] = 1; // shard 1 of a 1-shard index
    expect(() => new CompiledIndex(badShard)).toThrow(/shard/);

    expect(() => new CompiledIndex(new ArrayBuffer(0))).toThrow(/short/);
    expect(() => new CompiledIndex(good.slice(0, 12))).toThrow(/short/);
  });

  it("answers correctly at 10,000 articles, from shards no bigger than a small dataset's", () => {
    const small = randomArticles(10, 8, 20, 1);
    const large = randomArticles(10_000, 4, 6, 2);
    const shards = buildIndexShards(large).map((buffer) => new CompiledIndex(buffer));
    const bits = (shards[0] as CompiledIndex).shardBits;
    expect(shards.every((shard) => shard.articleCount === 10_000)).toBe(true);

    // Every article is found through each of its shingles (random 32-bit hashes rarely collide;
    // when they do the posting lists both articles).
    for (let a = 0; a < large.length; a += 97) {
      for (const paragraph of large[a] as number[][]) {
        for (const hash of paragraph) expect([...(shards[shardOf(hash, bits)] as CompiledIndex).lookup(hash)]).toContain(a);
      }
    }
    const random = mulberry32(3);
    let misses = 0;
    for (let n = 0; n < 10_000; n++) {
      const hash = 1 + Math.floor(random() * 0xfffffffe);
      misses += (shards[shardOf(hash, bits)] as CompiledIndex).lookup(hash).length === 0 ? 1 : 0;
    }
    expect(misses).toBeGreaterThan(9_990);

    // A lookup is a binary search in one shard: its keys, not the dataset's, set the cost.
    const keys = shards.reduce((sum, shard) => sum + shard.keyCount, 0);
    expect(keys).toBeGreaterThan(239_000);
    expect(Math.max(...shards.map((shard) => shard.keyCount))).toBeLessThanOrEqual(1.5 * KEYS_PER_SHARD);
    const smallIndex = new CompiledIndex(buildIndexShards(small)[0] as ArrayBuffer);
    expect(smallIndex.keyCount).toBe(10 * 8 * 20);
    expect(Math.max(...shards.map((shard) => shard.keyCount))).toBeLessThan(2 * smallIndex.keyCount);
  }, 30_000);
});

describe('index shards', () => {
  it('split the keys by their top bits: each shard answers for its own keys, the same as the whole index', () => {
    const articles = randomArticles(3_000, 3, 4, 7);
    const whole = new CompiledIndex(buildIndex(articles));
    const buffers = buildIndexShards(articles);
    const bits = shardBitsFor(36_000);
    expect(buffers).toHaveLength(2 ** bits);
    expect(bits).toBeGreaterThan(2);
    const shards = buffers.map((buffer) => new CompiledIndex(buffer));
    shards.forEach((shard, n) => {
      expect(shard.shard).toBe(n);
      expect(shard.shardBits).toBe(bits);
      expect(shard.articleCount).toBe(3_000);
    });
    for (let a = 0; a < articles.length; a += 61) {
      for (const paragraph of articles[a] as number[][]) {
        for (const hash of paragraph) {
          const home = shards[shardOf(hash, bits)] as CompiledIndex;
          expect([...home.lookup(hash)]).toEqual([...whole.lookup(hash)]);
          expect([...home.lookup(hash)]).toContain(a);
          // No other shard knows it.
          expect((shards[(shardOf(hash, bits) + 1) % shards.length] as CompiledIndex).lookup(hash)).toHaveLength(0);
        }
      }
    }
  }, 30_000);

  it('have a gate that knows the gate key of each shingle they hold, and leaves boilerplate out as they do', () => {
    // Sampled shingles as fingerprint.ts makes them: low bits zero, check bits above bit 32.
    const asSampled = (hash: number): number => ((hash & ~7) >>> 0) + (hash & 7) * 2 ** 32;
    const articles = randomArticles(3_000, 3, 4, 11).map((paragraphs) => paragraphs.map((list) => list.map(asSampled)));
    // One shingle in more articles than MAX_POSTINGS: the index leaves it out, so must the gate.
    const boilerplate = asSampled(0x12345678);
    for (let a = 0; a <= MAX_POSTINGS; a++) (articles[a] as number[][])[0]?.push(boilerplate);
    const buffers = buildIndexShards(articles);
    const shards = buffers.map((buffer) => new CompiledIndex(buffer));
    const gate = new KeyGate(buildIndexGate(articles, buffers));
    const inIndex = (hash: number): boolean => (shards[shardOf(hash, shards[0]?.shardBits ?? 0)] as CompiledIndex).lookup(hash).length > 0;
    // One key per distinct (hash, check bits): two shingles sharing a 32-bit hash are one index key, two gate keys.
    const distinct = new Set(
      articles
        .flat(2)
        .filter((hash) => hash !== boilerplate)
        .map(gateKey),
    );
    expect(gate.keyCount).toBe(distinct.size);
    expect(gate.keyCount).toBeGreaterThanOrEqual(shards.reduce((sum, shard) => sum + shard.keyCount, 0));
    for (const paragraphs of articles) for (const list of paragraphs) for (const hash of list) expect(gate.has(gateKey(hash))).toBe(hash !== boilerplate);
    const random = mulberry32(12);
    // Random sampled shingles: the gate passes only what the index holds, and fewer than the index's
    // own 29 bits would (the check bits turn chance hits away).
    let gatePasses = 0;
    let indexPasses = 0;
    for (let n = 0; n < 200_000; n++) {
      const hash = asSampled(Math.floor(random() * 2 ** 32));
      const passes = gate.has(gateKey(hash));
      if (passes) expect(inIndex(hash)).toBe(true);
      gatePasses += passes ? 1 : 0;
      indexPasses += inIndex(hash) ? 1 : 0;
    }
    expect(indexPasses).toBeGreaterThan(0);
    expect(gatePasses).toBeLessThan(indexPasses / 2);
    // The same 32-bit hash with other check bits: the index (32 bits) knows it, the gate does not.
    const first = (articles[5] as number[][])[0]?.[0] as number;
    expect(inIndex(first + 2 ** 32 * (Math.floor(first / 2 ** 32) === 7 ? -1 : 1))).toBe(true);
    expect(gate.has(gateKey(first + 2 ** 32 * (Math.floor(first / 2 ** 32) === 7 ? -1 : 1)))).toBe(false);
  }, 30_000);

  it('stay about KEYS_PER_SHARD keys each, so a shard costs the same at any dataset size', () => {
    expect(shardBitsFor(0)).toBe(0);
    expect(shardBitsFor(KEYS_PER_SHARD)).toBe(0);
    expect(shardBitsFor(KEYS_PER_SHARD + 1)).toBe(1);
    for (const keys of [10_000, 460_000, 4_600_000]) {
      const perShard = keys / 2 ** shardBitsFor(keys);
      expect(perShard).toBeLessThanOrEqual(KEYS_PER_SHARD);
      expect(perShard).toBeGreaterThan(KEYS_PER_SHARD / 2);
    }
    const sizes = buildIndexShards(randomArticles(2_000, 4, 10, 9)).map((b) => b.byteLength);
    expect(Math.max(...sizes)).toBeLessThan(64 * 1024);
  });
});

describe('packs', () => {
  it("hold each article's fingerprints at its place in the pack", () => {
    const articles = [[[1, 2], [3]], [], [[0xffff]], [[], [5, 6, 7]]];
    const pack = encodeFingerprintPack(articles.map(encodeFingerprints));
    articles.forEach((paragraphs, i) => expect(readFingerprintPack(pack, i)).toEqual(paragraphs));
    expect(() => readFingerprintPack(pack, 4)).toThrow(/no article 4/);
    expect(() => readFingerprintPack(pack.slice(0, pack.byteLength - 4), 3)).toThrow(/truncated/);
  });

  it('spread entities over their packs by a stable hash of the id', () => {
    const ids = Array.from({ length: 6_400 }, (_, n) => `person.s${n}-name`);
    const counts = new Array<number>(100).fill(0);
    for (const id of ids) {
      const pack = entityPackOf(id, 100);
      expect(pack).toBe(entityPackOf(id, 100));
      counts[pack] = (counts[pack] as number) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(30);
    expect(Math.max(...counts)).toBeLessThan(110);
  });
});

describe('per-article fingerprints', () => {
  it('round-trip through their binary form as sorted, distinct 16-bit verification keys, empty paragraphs included', () => {
    const paragraphs = [[3, 1, 2, 3], [], [0xffffffff, 0x12340007]];
    expect(decodeFingerprints(encodeFingerprints(paragraphs))).toEqual([[1, 2, 3], [], [7, 0xffff]]);
    expect(paragraphs[2]?.map(verificationKey)).toEqual([0xffff, 7]);
  });

  it('take about 13 bits a key (gaps Rice-coded), and decode exactly', () => {
    const random = mulberry32(11);
    const article = Array.from({ length: 20 }, (_, p) => Array.from({ length: 5 + p * 3 }, () => Math.floor(random() * 0x100000000)));
    const expected = article.map((list) => [...new Set(list.map(verificationKey))].sort((x, y) => x - y));
    const buffer = encodeFingerprints(article);
    expect(decodeFingerprints(buffer)).toEqual(expected);
    const keys = expected.reduce((sum, list) => sum + list.length, 0);
    expect((buffer.byteLength * 8) / keys).toBeLessThan(14.5);
  });

  it('refuse a truncated file', () => {
    const buffer = encodeFingerprints([[1000, 2000, 30000, 40000]]);
    expect(() => decodeFingerprints(buffer.slice(0, buffer.byteLength - 2))).toThrow(/truncated/);
  });
});

import { describe, expect, it } from 'vitest';
import { planShardReads, plannedLookup, rankCandidates } from '../../../src/match/detect.js';
import { fingerprint, gateKey, isSampled } from '../../../src/match/fingerprint.js';
import { buildIndexGate, buildIndexShards, CompiledIndex } from '../../../src/match/index-format.js';
import { KeyGate } from '../../../src/match/key-gate.js';
import { synthDataset } from '../../../tools/dataset/synth.js';
import { generatedParagraph } from './anchoring-texts.js';
import { seedArticle } from './seed-fixture.js';

/** The seed among synthetic articles, compiled as the build does: shards and their gate. */
function shardedSeedIndex(syntheticCount: number) {
  const articles = [seedArticle(), ...synthDataset(syntheticCount, 77).articles];
  const sampled = articles.map((a) => a.paragraphs.map((p) => fingerprint(p.text).filter(isSampled)));
  const buffers = buildIndexShards(sampled, 6);
  return {
    articles,
    gate: new KeyGate(buildIndexGate(sampled, buffers)),
    shards: new Map(buffers.map((buffer, n) => [n, new CompiledIndex(buffer)])),
  };
}

describe('shard reads planned from the gate', () => {
  const { articles, gate, shards } = shardedSeedIndex(3_000);

  it("reads the shards of the article's shingles on its page, and finds it from them alone", () => {
    const page = seedArticle().paragraphs.map((p) => fingerprint(p.text));
    const plan = planShardReads(page, gate, 6);
    expect(plan.known.size).toBeGreaterThanOrEqual(8);
    expect(plan.shards.size).toBeGreaterThan(0);
    const loaded = new Map([...plan.shards].map((n) => [n, shards.get(n) as CompiledIndex]));
    expect(rankCandidates(plannedLookup(plan, loaded, 6), page)[0]?.article).toBe(0);
  });

  it('reads nothing for a page that shares nothing, however long, and nothing for one chance hit', () => {
    // 60 KB of English-like prose about other things: thousands of sampled shingles, none indexed.
    const unrelated = [1, 2, 3].map((seed) => fingerprint(generatedParagraph(20_000, seed)));
    expect(unrelated.flat().filter(isSampled).length).toBeGreaterThan(1000);
    const plan = planShardReads(unrelated, gate, 6);
    expect(plan.known.size).toBe(0);
    expect(plan.shards.size).toBe(0);

    // One shingle shared with an article (a quoted phrase, a chance hit): it cannot make a candidate.
    const other = articles[5]?.paragraphs.map((p) => p.text).join(' ') ?? '';
    const indexed = [...new Set(fingerprint(other).filter((hash) => isSampled(hash) && gate.has(gateKey(hash))))];
    const oneShared = indexed.slice(0, 1);
    expect(oneShared).toHaveLength(1);
    const withOne = planShardReads([...unrelated, oneShared], gate, 6);
    expect(withOne.known.size).toBe(1);
    expect(withOne.shards.size).toBe(0);
    // Two make one possible: their shards are read.
    const twoShared = indexed.slice(0, 2);
    expect(twoShared).toHaveLength(2);
    expect(planShardReads([...unrelated, twoShared], gate, 6).shards.size).toBeGreaterThan(0);
  });

  it('refuses a shingle whose 32-bit hash is indexed but whose check bits are not', () => {
    const page = seedArticle().paragraphs.map((p) => fingerprint(p.text));
    const sampled = page.flat().filter(isSampled);
    const forged = sampled.map((hash) => (hash >>> 0) + ((Math.floor(hash / 2 ** 32) + 1) % 8) * 2 ** 32);
    expect(forged.every((hash) => !gate.has(gateKey(hash)))).toBe(true);
    expect(planShardReads([forged], gate, 6).shards.size).toBe(0);
    // Loaded shards know their 32-bit hashes, yet the planned lookup answers only for known shingles.
    const plan = planShardReads(page, gate, 6);
    const all = plannedLookup(plan, shards, 6);
    expect(forged.every((hash) => all.lookup(hash).length === 0)).toBe(true);
    expect(sampled.some((hash) => all.lookup(hash).length > 0)).toBe(true);
  });
});

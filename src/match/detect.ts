/**
 * Article detection and block alignment, in two tiers so the work and the memory do not grow with
 * the dataset:
 *   1. candidates: the page's shingles are looked up in the global index, which holds only a
 *      deterministic 1-in-8 sample of every article's shingles (the same sample on both sides, so a
 *      shared passage always shares sampled shingles);
 *   2. verification: for the few candidates, the article's full per-paragraph fingerprints are
 *      compared with the page's blocks (both by their 16-bit verification keys): containment per paragraph, and which blocks hold it (one
 *      block; several when the page split it; a block shared with neighbours when the page merged
 *      them; none when dropped).
 */
import { gateKey, isSampled, SHINGLE_SIZE } from './fingerprint.js';
import { shardOf, verificationKey, type ArticleLookup } from './index-format.js';
/** A page must share this many distinct sampled shingles with an article to be verified against it. */
export const MIN_SAMPLED_HITS = 2;
/** A paragraph counts as present when the page holds at least this share of its shingles. */
export const STRONG_CONTAINMENT = 0.5;
/** Paragraphs below this share are not aligned at all (a quoted phrase is not a paragraph). */
export const ALIGN_CONTAINMENT = 0.25;
/**
 * Present paragraphs needed to call a page our article (or all of them, for shorter articles); a
 * paragraph too short to have a shingle is not counted either way (see strongNeeded).
 */
export const MIN_STRONG_PARAGRAPHS = 4;
/** A block joins a paragraph only if it adds at least this share of the paragraph's shingles. */
const MIN_NEW_COVERAGE = 0.15;
/**
 * A block with at least this share of its own shingles in one paragraph is a piece of it: a run of
 * such blocks side by side is the paragraph split by the page (into list items, say) and is
 * weighed as one block. A block that merely quotes the paragraph holds mostly other words.
 */
const PIECE_SHARE = 0.5;
/** Articles verified in detail: the ones with most sampled hits. */
const CANDIDATES = 3;

export interface ParagraphAlignment {
  /** Page blocks holding this paragraph, in document order. */
  blocks: number[];
  /** Share of the paragraph's shingles found on the page, 0..1. */
  containment: number;
}

export interface Detection {
  article: number;
  /** One entry per article paragraph. */
  paragraphs: ParagraphAlignment[];
  /** Paragraphs at or above STRONG_CONTAINMENT. */
  strong: number;
}

type Blocks = readonly (readonly number[])[];

/** Tier 1: articles sharing enough sampled shingles with the page, best first. */
export function candidateArticles(index: ArticleLookup, blocks: Blocks): number[] {
  return rankCandidates(index, blocks).map(({ article }) => article);
}

/** What tier 1 needs read for a page: the sampled shingles the index holds, and their shards. */
export interface ShardPlan {
  known: Set<number>;
  shards: Set<number>;
}

/**
 * The page's sampled shingles that the index's gate holds (KeyGate.has over gateKey), and the shards
 * they fall into: none at all when fewer than MIN_SAMPLED_HITS are known, since no article could
 * then become a candidate. A page sharing nothing with the dataset reads nothing, whatever its size.
 */
export function planShardReads(blocks: Blocks, gate: { has(key: number): boolean }, shardBits: number): ShardPlan {
  const known = new Set<number>();
  // Each distinct shingle asks the gate once: the screen's two joins of a page repeat most of
  // them, and a set's lookup is cheaper than a gate bucket's decoding (0.7 against 1.4 ms a real
  // page at p50, measured in Node).
  const asked = new Set<number>();
  for (const hashes of blocks)
    for (const hash of hashes) {
      if (!isSampled(hash) || asked.has(hash)) continue;
      asked.add(hash);
      if (gate.has(gateKey(hash))) known.add(hash);
    }
  const shards = new Set<number>();
  if (known.size >= MIN_SAMPLED_HITS) for (const hash of known) shards.add(shardOf(hash, shardBits));
  return { known, shards };
}

/**
 * Tier 1's view of the shards read for a plan: only the shingles the gate knew, so that a shard read
 * for one shingle never answers for another with its 32-bit hash but other check bits.
 */
export function plannedLookup(plan: ShardPlan, loaded: ReadonlyMap<number, ArticleLookup>, shardBits: number): ArticleLookup {
  const none = new Uint32Array(0);
  return { lookup: (hash) => (plan.known.has(hash) ? (loaded.get(shardOf(hash, shardBits))?.lookup(hash) ?? none) : none) };
}

/** Tier 1 with its evidence: each candidate and the distinct sampled shingles it shares with the page. */
export function rankCandidates(index: ArticleLookup, blocks: Blocks): { article: number; hits: number }[] {
  const hitsByArticle = new Map<number, Set<number>>();
  for (const hashes of blocks) {
    for (const hash of hashes) {
      if (!isSampled(hash)) continue;
      for (const article of index.lookup(hash)) {
        let set = hitsByArticle.get(article);
        if (!set) hitsByArticle.set(article, (set = new Set()));
        set.add(hash);
      }
    }
  }
  return [...hitsByArticle]
    .filter(([, hits]) => hits.size >= MIN_SAMPLED_HITS)
    .sort((a, b) => b[1].size - a[1].size || a[0] - b[0])
    .slice(0, CANDIDATES)
    .map(([article, hits]) => ({ article, hits: hits.size }));
}

/** Tier 2: the page against one article's full fingerprints (shingles per paragraph). */
export function verifyArticle(article: number, paragraphs: Blocks, blocks: Blocks): Detection | null {
  const parasByHash = new Map<number, number[]>();
  const totals = paragraphs.map((list, p) => {
    const distinct = new Set(list);
    for (const hash of distinct) {
      const paras = parasByHash.get(hash);
      if (paras) paras.push(p);
      else parasByHash.set(hash, [p]);
    }
    return distinct.size;
  });
  const hitsByPara: Map<number, Set<number>>[] = paragraphs.map(() => new Map<number, Set<number>>());
  blocks.forEach((hashes, block) => {
    for (const hash of hashes) {
      for (const p of parasByHash.get(hash) ?? []) {
        const byBlock = hitsByPara[p] as Map<number, Set<number>>;
        let set = byBlock.get(block);
        if (!set) byBlock.set(block, (set = new Set()));
        set.add(hash);
      }
    }
  });
  const sizes = new Map<number, number>();
  const sizeOf = (block: number): number => {
    let size = sizes.get(block);
    if (size === undefined) sizes.set(block, (size = new Set(blocks[block]).size));
    return size;
  };
  let strong = 0;
  const aligned = hitsByPara.map((byBlock, p) => {
    const alignment = alignParagraph(byBlock, totals[p] as number, sizeOf);
    if (alignment.containment >= STRONG_CONTAINMENT) strong++;
    return alignment;
  });
  const needed = strongNeeded(totals);
  return strong >= needed && needed > 0 ? { article, paragraphs: aligned, strong } : null;
}

/**
 * Present paragraphs a page needs to be the article whose paragraphs have these shingle counts:
 * MIN_STRONG_PARAGRAPHS, or all of a shorter article's. A paragraph without a shingle (three words
 * or fewer: "Shares fell 4%.") can never be found present, so it is not counted: a 4-paragraph
 * brief with one such line needs its other 3.
 */
export function strongNeeded(shingleCounts: readonly number[]): number {
  return Math.min(MIN_STRONG_PARAGRAPHS, shingleCounts.filter((n) => n > 0).length);
}

/** Shingle lists in the verification tier's key space (stored fingerprints are already in it). */
export const verificationKeys = (blocks: Blocks): number[][] => blocks.map((hashes) => hashes.map(verificationKey));

/** Both tiers, for callers that hold every article's fingerprints (tests, benchmarks). */
export function detectArticle(index: ArticleLookup, blocks: Blocks, fingerprintsOf: (article: number) => Blocks): Detection | null {
  const candidates = candidateArticles(index, blocks);
  const keyed = candidates.length > 0 ? verificationKeys(blocks) : [];
  return best(candidates.map((article) => verifyArticle(article, verificationKeys(fingerprintsOf(article)), keyed)));
}

/** The verified detection with most present paragraphs (then most coverage). */
export function best(detections: readonly (Detection | null)[]): Detection | null {
  const coverage = (d: Detection): number => d.paragraphs.reduce((sum, p) => sum + p.containment, 0);
  return detections.filter((d): d is Detection => d !== null).sort((a, b) => b.strong - a.strong || coverage(b) - coverage(a))[0] ?? null;
}

/** Blocks weighed together: one block, or a run of pieces (see PIECE_SHARE) side by side. */
interface Group {
  blocks: number[];
  hashes: Set<number>;
}

/**
 * The paragraph's blocks as groups: each run of consecutive pieces holding different parts of it
 * (a paragraph the page shows as a list, one item a block) becomes one group; every other block is
 * a group of its own. Blocks without a shingle are not sent, so items too short to hash do not
 * break a run. A piece that repeats what its neighbour holds (a teaser above its headline) starts
 * a run of its own.
 */
function groupPieces(byBlock: Map<number, Set<number>>, sizeOf: (block: number) => number): Group[] {
  const groups: Group[] = [];
  let run: Group | null = null;
  for (const [block, hashes] of [...byBlock].sort((a, b) => a[0] - b[0])) {
    const piece = hashes.size >= PIECE_SHARE * sizeOf(block);
    if (piece && run && run.blocks.at(-1) === block - 1 && !repeats(run.hashes, hashes)) {
      run.blocks.push(block);
      for (const h of hashes) run.hashes.add(h);
      continue;
    }
    const group = { blocks: [block], hashes: new Set(hashes) };
    groups.push(group);
    run = piece ? group : null;
  }
  return groups;
}

/** The smaller of two shingle sets is mostly in the larger. */
function repeats(a: Set<number>, b: Set<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const h of small) if (large.has(h)) shared++;
  return shared >= PIECE_SHARE * small.size;
}

/**
 * Greedy set cover over the groups: the one holding most of the paragraph first, then any that
 * adds a real share of shingles not yet covered (the other half of a split paragraph). A teaser
 * box that repeats a fragment of the paragraph adds nothing new and is left out. The shingles that
 * span two items of a split run are on no block, so containment is counted out of those that
 * could be (SHINGLE_SIZE − 1 fewer a split).
 */
function alignParagraph(byBlock: Map<number, Set<number>>, total: number, sizeOf: (block: number) => number): ParagraphAlignment {
  if (total === 0 || byBlock.size === 0) return { blocks: [], containment: 0 };
  const covered = new Set<number>();
  const chosen: number[] = [];
  let splitLoss = 0;
  const ranked = groupPieces(byBlock, sizeOf).sort((a, b) => b.hashes.size - a.hashes.size || (a.blocks[0] as number) - (b.blocks[0] as number));
  for (const group of ranked) {
    let added = 0;
    for (const h of group.hashes) if (!covered.has(h)) added++;
    if (added < Math.max(1, MIN_NEW_COVERAGE * total)) continue;
    for (const h of group.hashes) covered.add(h);
    chosen.push(...group.blocks);
    splitLoss += (SHINGLE_SIZE - 1) * (group.blocks.length - 1);
  }
  // At most half the paragraph is excused: a run of items must still hold a fair share of it.
  const containment = Math.min(1, covered.size / Math.max(1, total - splitLoss, total / 2));
  if (containment < ALIGN_CONTAINMENT) return { blocks: [], containment };
  return { blocks: chosen.sort((a, b) => a - b), containment };
}

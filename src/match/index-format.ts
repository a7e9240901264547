/**
 * The compiled shingle index, split by hash into shards: one small file each, so a freshly woken
 * background reads only the shards the page's shingles fall into (never the whole index), and
 * the bytes a page costs depend on its shingles, not on how many articles the dataset holds.
 * Within a shard, lookup is a binary search over at most a few thousand sorted keys (8 bytes a
 * key, half a hash table's size at load factor 1/2); only the postings of shingles the page
 * really shares with an article are ever touched.
 *
 * Layout of one shard (all little-endian Uint32):
 *   header[8]   MAGIC, VERSION, keyCount, postingsLength, articleCount, shardBits, shard, 0
 *   keys[keyCount]         shingle hashes, ascending; every key's top shardBits bits = shard
 *   values[keyCount]       INLINE | article when the key is in one article only (most are);
 *                          otherwise the offset of the key's postings in `postings`
 *   postings[...]          per key in 2+ articles: n, then n article numbers
 */

import { gateKey } from './fingerprint.js';
import { encodeKeyGate } from './key-gate.js';
import { BitReader, BitWriter, riceParameter } from './rice.js';

export const INDEX_MAGIC = 0x58495342; // "BSIX"
export const INDEX_VERSION = 3;
/** Marks a slot holding its key's only article (article numbers stay below 2^31). */
const INLINE = 0x80000000;
const HEADER_WORDS = 8;

/**
 * A shingle found in more articles than this is boilerplate ("according to a statement"),
 * useless for telling articles apart; leaving it out keeps lookups bounded.
 */
export const MAX_POSTINGS = 24;

/** Article numbers are packed beside the hash in one float64 (exact up to 2^53) while building. */
const ARTICLE_BITS = 21;
const ARTICLE_SCALE = 2 ** ARTICLE_BITS;

/**
 * Keys per shard the build aims at: a shard is then about 16-40 KB, small enough that a page's
 * first lookup reads only a few hundred KB whatever the dataset's size.
 */
export const KEYS_PER_SHARD = 2048;
/** At most 2^MAX_SHARD_BITS shard files. */
const MAX_SHARD_BITS = 14;

/** The shard holding `hash`: its top `shardBits` bits. */
export function shardOf(hash: number, shardBits: number): number {
  return shardBits === 0 ? 0 : hash >>> (32 - shardBits);
}

/** Shard bits for this many distinct keys: shards of about KEYS_PER_SHARD keys. */
export function shardBitsFor(keyCount: number): number {
  let bits = 0;
  while (bits < MAX_SHARD_BITS && keyCount / 2 ** bits > KEYS_PER_SHARD) bits++;
  return bits;
}

interface Group {
  hash: number;
  from: number;
  to: number;
}

/**
 * Builds the index from each article's paragraphs, given as shingle lists, as 2^shardBits shard
 * buffers (default: sized from the key count). Every (hash, article) pair is packed into one
 * number and the lot sorted natively, so building 100,000 articles takes seconds, not the
 * minutes a Map of millions of keys costs in garbage collection.
 */
export function buildIndexShards(articles: readonly (readonly (readonly number[])[])[], shardBits?: number): ArrayBuffer[] {
  if (articles.length >= ARTICLE_SCALE) throw new Error(`Backstory index: at most ${ARTICLE_SCALE - 1} articles`);
  let pairCount = 0;
  for (const paragraphs of articles) for (const list of paragraphs) pairCount += list.length;
  const pairs = new Float64Array(pairCount);
  let p = 0;
  articles.forEach((paragraphs, article) => {
    // The low 32 bits: a sampled shingle's check bits are the gate's business (fingerprint.ts).
    for (const list of paragraphs) for (const hash of list) pairs[p++] = (hash >>> 0) * ARTICLE_SCALE + article;
  });
  pairs.sort();

  // Walk the sorted pairs: one group per hash, duplicates within an article collapsed.
  const groups: Group[] = [];
  const unique = new Uint32Array(pairCount);
  let u = 0;
  for (let i = 0; i < pairCount;) {
    const hash = Math.floor((pairs[i] as number) / ARTICLE_SCALE);
    const from = u;
    let last = -1;
    while (i < pairCount && Math.floor((pairs[i] as number) / ARTICLE_SCALE) === hash) {
      const article = (pairs[i] as number) % ARTICLE_SCALE;
      if (article !== last) unique[u++] = last = article;
      i++;
    }
    if (u - from <= MAX_POSTINGS) groups.push({ hash, from, to: u });
    else u = from;
  }

  const bits = shardBits ?? shardBitsFor(groups.length);
  // Groups are sorted by hash, so each shard's groups are one contiguous run.
  const shards: ArrayBuffer[] = [];
  let g = 0;
  for (let shard = 0; shard < 2 ** bits; shard++) {
    const from = g;
    while (g < groups.length && shardOf((groups[g] as Group).hash, bits) === shard) g++;
    shards.push(encodeShard(groups.slice(from, g), unique, articles.length, bits, shard));
  }
  return shards;
}

/** The whole index as one shard (tests, and datasets small enough not to split). */
export function buildIndex(articles: readonly (readonly (readonly number[])[])[]): ArrayBuffer {
  return buildIndexShards(articles, 0)[0] as ArrayBuffer;
}

function encodeShard(groups: readonly Group[], unique: Uint32Array, articleCount: number, shardBits: number, shard: number): ArrayBuffer {
  const keyCount = groups.length;
  // Single postings live in the value itself: most keys at 10,000 articles.
  const postingsLength = groups.reduce((sum, g) => sum + (g.to - g.from === 1 ? 0 : 1 + g.to - g.from), 0);
  const buffer = new ArrayBuffer((HEADER_WORDS + 2 * keyCount + postingsLength) * 4);
  new Uint32Array(buffer, 0, HEADER_WORDS).set([INDEX_MAGIC, INDEX_VERSION, keyCount, postingsLength, articleCount, shardBits, shard]);
  const keys = new Uint32Array(buffer, HEADER_WORDS * 4, keyCount);
  const values = new Uint32Array(buffer, (HEADER_WORDS + keyCount) * 4, keyCount);
  const postings = new Uint32Array(buffer, (HEADER_WORDS + 2 * keyCount) * 4, postingsLength);
  let cursor = 0;
  // Groups come sorted by hash: the keys are written in order.
  groups.forEach(({ hash, from, to }, k) => {
    keys[k] = hash;
    if (to - from === 1) {
      values[k] = (INLINE | (unique[from] as number)) >>> 0;
      return;
    }
    values[k] = cursor;
    postings[cursor++] = to - from;
    for (let i = from; i < to; i++) postings[cursor++] = unique[i] as number;
  });
  return buffer;
}

/**
 * The gate (key-gate.ts) in front of these shards: the gate key (fingerprint.ts, gateKey) of every
 * sampled shingle the shards hold, from the same lists they were built from (the shards keep only
 * the 32-bit hash; boilerplate they left out stays out of the gate too).
 */
export function buildIndexGate(articles: readonly (readonly (readonly number[])[])[], shards: readonly ArrayBuffer[]): ArrayBuffer {
  const indexes = shards.map((buffer) => new CompiledIndex(buffer));
  const shardBits = indexes[0]?.shardBits ?? 0;
  const keys: number[] = [];
  for (const paragraphs of articles)
    for (const list of paragraphs)
      for (const shingle of list) if ((indexes[shardOf(shingle, shardBits)]?.lookup(shingle).length ?? 0) > 0) keys.push(gateKey(shingle));
  return encodeKeyGate(keys);
}

/** What tier 1 needs of an index: the articles holding a shingle. */
export interface ArticleLookup {
  lookup(hash: number): Uint32Array;
}

/** Read-only view over one compiled shard; construction only validates and slices, no copying. */
export class CompiledIndex implements ArticleLookup {
  readonly articleCount: number;
  readonly shardBits: number;
  readonly shard: number;
  readonly keyCount: number;
  private readonly keys: Uint32Array;
  private readonly values: Uint32Array;
  private readonly postings: Uint32Array;

  constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('Backstory index: file too short');
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[0] !== INDEX_MAGIC) throw new Error('Backstory index: bad magic number');
    if (header[1] !== INDEX_VERSION) throw new Error(`Backstory index: version ${header[1]}, expected ${INDEX_VERSION}`);
    const [, , keyCount = 0, postingsLength = 0, articleCount = 0, shardBits = 0, shard = 0] = header;
    if (buffer.byteLength !== (HEADER_WORDS + 2 * keyCount + postingsLength) * 4) throw new Error('Backstory index: size does not match its header');
    if (shardBits > MAX_SHARD_BITS || shard >= 2 ** shardBits) throw new Error('Backstory index: bad shard number');
    this.articleCount = articleCount;
    this.shardBits = shardBits;
    this.shard = shard;
    this.keyCount = keyCount;
    this.keys = new Uint32Array(buffer, HEADER_WORDS * 4, keyCount);
    this.values = new Uint32Array(buffer, (HEADER_WORDS + keyCount) * 4, keyCount);
    this.postings = new Uint32Array(buffer, (HEADER_WORDS + 2 * keyCount) * 4, postingsLength);
  }

  /** Article numbers containing this shingle (by its low 32 bits; empty when unknown, boilerplate or another shard's). */
  lookup(shingle: number): Uint32Array {
    const hash = shingle >>> 0;
    let low = 0;
    let high = this.keyCount - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const key = this.keys[middle] as number;
      if (key < hash) low = middle + 1;
      else if (key > hash) high = middle - 1;
      else return this.valueAt(middle);
    }
    return EMPTY;
  }

  private valueAt(k: number): Uint32Array {
    const value = this.values[k] as number;
    if (value >= INLINE) {
      const article = value - INLINE;
      return article < this.articleCount ? Uint32Array.of(article) : EMPTY;
    }
    // Bounded by the buffer even when a corrupt count points past it.
    const count = this.postings[value] ?? 0;
    return this.postings.subarray(value + 1, value + 1 + count);
  }
}

const EMPTY = new Uint32Array(0);

/**
 * The verification tier compares shingles by their low 16 bits: an article's ~400 shingles then
 * take under half the bytes (80 MB less at 100,000 articles), and a page block's shingle falsely matches
 * a paragraph's with odds of about paragraph size / 65,536, far below the containment thresholds.
 * Idempotent, so callers may key lists that are already keyed.
 */
export const verificationKey = (hash: number): number => hash & 0xffff;

/**
 * One article's fingerprints for verification (per paragraph, its distinct verification keys),
 * stored beside the index and read only when the article is a candidate. Each paragraph's keys are
 * sorted and their gaps Rice-coded (about 13 bits a key instead of 16; verification compares sets,
 * so order and repeats do not matter). Bit stream, most significant bit first:
 *   paragraphCount (16), then per paragraph: n (16), k (4), n gaps (unary quotient, k-bit remainder)
 */
export function encodeFingerprints(paragraphs: readonly (readonly number[])[]): ArrayBuffer {
  if (paragraphs.length > 0xffff) throw new Error('Backstory fingerprints: at most 65,535 paragraphs');
  const writer = new BitWriter();
  writer.write(paragraphs.length, 16);
  for (const list of paragraphs) {
    const keys = [...new Set(list.map(verificationKey))].sort((x, y) => x - y);
    const k = riceParameter(keys.length, 0x10000, 15);
    writer.write(keys.length, 16);
    writer.write(k, 4);
    let previous = -1;
    for (const key of keys) {
      writer.gap(key - previous - 1, k);
      previous = key;
    }
  }
  return writer.finish();
}

export function decodeFingerprints(buffer: ArrayBuffer): number[][] {
  const reader = new BitReader(new Uint8Array(buffer), 'Backstory fingerprints');
  const count = reader.read(16);
  const paragraphs: number[][] = [];
  for (let p = 0; p < count; p++) {
    const n = reader.read(16);
    const k = reader.read(4);
    const keys: number[] = [];
    let previous = -1;
    for (let i = 0; i < n; i++) {
      previous += 1 + reader.gap(k);
      if (previous > 0xffff) throw new Error('Backstory fingerprints: corrupt file');
      keys.push(previous);
    }
    paragraphs.push(keys);
  }
  return paragraphs;
}

/**
 * Fingerprints of consecutive articles in one file (a pack), so 100,000 articles are not 100,000
 * files: Uint32 [count, then count+1 byte offsets of each article's encodeFingerprints() bytes
 * from the start of the data], then the data.
 */
export function encodeFingerprintPack(articles: readonly ArrayBuffer[]): ArrayBuffer {
  const dataStart = (2 + articles.length) * 4;
  const bytes = new Uint8Array(dataStart + articles.reduce((sum, buffer) => sum + buffer.byteLength, 0));
  const header = new Uint32Array(bytes.buffer, 0, 2 + articles.length);
  header[0] = articles.length;
  let at = 0;
  articles.forEach((buffer, i) => {
    header[1 + i] = at;
    bytes.set(new Uint8Array(buffer), dataStart + at);
    at += buffer.byteLength;
  });
  header[1 + articles.length] = at;
  return bytes.buffer;
}

/** The `i`th article's fingerprints in a pack. */
export function readFingerprintPack(buffer: ArrayBuffer, i: number): number[][] {
  const count = buffer.byteLength >= 4 ? (new Uint32Array(buffer, 0, 1)[0] as number) : 0;
  if (i < 0 || i >= count || buffer.byteLength < (2 + count) * 4) throw new Error(`Backstory fingerprints: no article ${i} in pack`);
  const header = new Uint32Array(buffer, 0, 2 + count);
  const from = header[1 + i] as number;
  const to = header[2 + i] as number;
  const dataStart = (2 + count) * 4;
  if (dataStart + to > buffer.byteLength || from > to) throw new Error('Backstory fingerprints: truncated pack');
  return decodeFingerprints(buffer.slice(dataStart + from, dataStart + to));
}

/**
 * Articles per pack file (records and fingerprints): a match reads one pack of each, a few dozen
 * KB, and 100,000 articles make about 1,600 files of each kind instead of 100,000.
 */
export const ARTICLES_PER_PACK = 64;
/** Entities per entity pack, on average (packs are chosen by a hash of the id). */
export const ENTITIES_PER_PACK = 64;

/** The entity pack holding `id`: FNV-1a of the id, so the build and the background agree without a table. */
export function entityPackOf(id: string, packs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % packs;
}

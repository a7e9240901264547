/**
 * The index's gate: the exact set of the gate keys (fingerprint.ts, gateKey) of every sampled
 * shingle in the index, in one file the background reads whole when it starts (about 1.5 bytes a
 * key: 6.5 MB at 100,000 articles). A page's sampled shingles are checked against it first, and only
 * those in the index send the background to the shard files holding their articles. A page that
 * shares nothing with the dataset, most pages, then reads no shard at all, so its lookup costs what
 * it costs with one article; the article's own page reads the shards of the shingles it shares.
 *
 * A sorted set of uniformly spread 32-bit keys, Rice-coded: about log2(2^32 / keys) + 2 bits a key,
 * what a binary fuse filter of the same false-positive rate (keys / 2^32, a page's chance hit) costs.
 *
 * Layout (header and directory little-endian Uint32):
 *   header[8]      MAGIC, VERSION, keyCount, bucketBits, k, bitLength, 0, 0
 *   directory[2^bucketBits + 1]  the bit offset in `bits` where each bucket starts (the last: bitLength)
 *   bits           per bucket, ascending, the gaps between its keys' remainders (Rice-coded, k bits)
 * A key falls in the bucket of its top bucketBits bits; its remainder is the rest. Buckets hold about
 * KEYS_PER_BUCKET keys, so a check decodes a few dozen gaps.
 */
import { BitReader, BitWriter, riceParameter } from './rice.js';

export const GATE_MAGIC = 0x54475342; // "BSGT"
export const GATE_VERSION = 1;
const HEADER_WORDS = 8;
/** Keys per bucket the encoder aims at: the directory costs 4 bytes a bucket, a check decodes half a bucket. */
const KEYS_PER_BUCKET = 64;
const MAX_BUCKET_BITS = 24;
const LABEL = 'Backstory index gate';

/** The distinct keys, ascending (a typed sort: millions of keys in a few hundred ms, no Set). */
function sortedDistinct(keys: ArrayLike<number>): Uint32Array {
  const all = Uint32Array.from(keys).sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i] as number;
  return all.subarray(0, n);
}

/** Encodes a set of 32-bit keys (any order, repeats allowed). */
export function encodeKeyGate(keys: ArrayLike<number>): ArrayBuffer {
  const sorted = sortedDistinct(keys);
  let bucketBits = 0;
  while (bucketBits < MAX_BUCKET_BITS && sorted.length / 2 ** bucketBits > KEYS_PER_BUCKET) bucketBits++;
  const remainderBits = 32 - bucketBits;
  const k = riceParameter(sorted.length, 2 ** 32, Math.min(30, remainderBits));
  const buckets = 2 ** bucketBits;
  const directory = new Uint32Array(buckets + 1);
  const writer = new BitWriter();
  let i = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    directory[bucket] = writer.position;
    let previous = -1;
    for (; i < sorted.length; i++) {
      const key = sorted[i] as number;
      if (Math.floor(key / 2 ** remainderBits) !== bucket) break;
      const remainder = key % 2 ** remainderBits;
      writer.gap(remainder - previous - 1, k);
      previous = remainder;
    }
  }
  directory[buckets] = writer.position;
  const bits = new Uint8Array(writer.finish());
  const out = new Uint8Array((HEADER_WORDS + buckets + 1) * 4 + bits.byteLength);
  new Uint32Array(out.buffer, 0, HEADER_WORDS).set([GATE_MAGIC, GATE_VERSION, sorted.length, bucketBits, k, writer.position, 0, 0]);
  new Uint32Array(out.buffer, HEADER_WORDS * 4, buckets + 1).set(directory);
  out.set(bits, (HEADER_WORDS + buckets + 1) * 4);
  return out.buffer;
}

/** Read-only view over an encoded gate; construction validates the header and slices, no decoding. */
export class KeyGate {
  readonly keyCount: number;
  private readonly remainderBits: number;
  private readonly k: number;
  private readonly directory: Uint32Array;
  private readonly bits: Uint8Array;

  constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error(`${LABEL}: file too short`);
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[0] !== GATE_MAGIC) throw new Error(`${LABEL}: bad magic number`);
    if (header[1] !== GATE_VERSION) throw new Error(`${LABEL}: version ${header[1]}, expected ${GATE_VERSION}`);
    const [, , keyCount = 0, bucketBits = 0, k = 0, bitLength = 0] = header;
    if (bucketBits > MAX_BUCKET_BITS || k > 30) throw new Error(`${LABEL}: bad parameters`);
    const bitsStart = (HEADER_WORDS + 2 ** bucketBits + 1) * 4;
    if (buffer.byteLength !== bitsStart + Math.ceil(bitLength / 8)) throw new Error(`${LABEL}: size does not match its header`);
    this.keyCount = keyCount;
    this.remainderBits = 32 - bucketBits;
    this.k = k;
    this.directory = new Uint32Array(buffer, HEADER_WORDS * 4, 2 ** bucketBits + 1);
    if (this.directory[2 ** bucketBits] !== bitLength) throw new Error(`${LABEL}: directory does not match its header`);
    this.bits = new Uint8Array(buffer, bitsStart);
  }

  /** Whether `key` (a uint32) is in the set. */
  has(key: number): boolean {
    const bucket = Math.floor(key / 2 ** this.remainderBits);
    const remainder = key % 2 ** this.remainderBits;
    const end = this.directory[bucket + 1] as number;
    const reader = new BitReader(this.bits, LABEL, this.directory[bucket]);
    for (let member = -1; reader.position < end;) {
      member += 1 + reader.gap(this.k);
      if (member >= remainder) return member === remainder;
    }
    return false;
  }
}

/**
 * The compiled shingle index: one ArrayBuffer of typed arrays, built once by the build and loaded
 * once by the background. Lookup is an open-addressing hash probe, so its cost does not depend on
 * how many articles the dataset holds; only the postings of shingles the page really shares with
 * an article are ever touched.
 *
 * Layout (all little-endian Uint32):
 *   header[8]   MAGIC, VERSION, tableSize, postingsLength, articleCount, paragraphCount, 0, 0
 *   keys[tableSize]        shingle hash, 0 = empty slot
 *   slots[tableSize]       INLINE | paragraph when the key is in one paragraph only (most are);
 *                          otherwise the offset of the key's postings in `postings`
 *   postings[...]          per key in 2+ paragraphs: n, then n global paragraph numbers
 *   paraArticle[paragraphCount]   article number of each global paragraph
 *   paraShingles[paragraphCount]  distinct indexed shingles of each paragraph
 *   articleStart[articleCount+1]  first global paragraph of each article
 */

export const INDEX_MAGIC = 0x58495342; // "BSIX"
export const INDEX_VERSION = 2;
/** Marks a slot holding its key's only paragraph (paragraph numbers stay below 2^21). */
const INLINE = 0x80000000;
const HEADER_WORDS = 8;

/**
 * A shingle found in more paragraphs than this is boilerplate ("according to a statement"),
 * useless for telling articles apart; leaving it out keeps lookups bounded.
 */
export const MAX_POSTINGS = 24;

/** Paragraph numbers are packed beside the hash in one float64 (exact up to 2^53) while building. */
const PARA_BITS = 21;
const PARA_SCALE = 2 ** PARA_BITS;

/**
 * Builds the index from each article's paragraphs, given as shingle lists. Every (hash, paragraph)
 * pair is packed into one number and the lot sorted natively, so building 10,000 articles takes
 * seconds, not the minutes a Map of millions of keys costs in garbage collection.
 */
export function buildIndex(articles: readonly (readonly (readonly number[])[])[]): ArrayBuffer {
  const articleStart: number[] = [];
  let paragraphCount = 0;
  let pairCount = 0;
  for (const paragraphs of articles) {
    articleStart.push(paragraphCount);
    paragraphCount += paragraphs.length;
    for (const list of paragraphs) pairCount += list.length;
  }
  articleStart.push(paragraphCount);
  if (paragraphCount >= PARA_SCALE) throw new Error(`Backstory index: at most ${PARA_SCALE - 1} paragraphs`);

  const paraArticle = new Uint32Array(paragraphCount);
  const pairs = new Float64Array(pairCount);
  let para = 0;
  let p = 0;
  articles.forEach((paragraphs, articleNumber) => {
    for (const list of paragraphs) {
      paraArticle[para] = articleNumber;
      for (const hash of list) pairs[p++] = hash * PARA_SCALE + para;
      para++;
    }
  });
  pairs.sort();

  // Walk the sorted pairs: one group per hash, duplicates within a paragraph collapsed.
  const groups: { hash: number; from: number; to: number }[] = [];
  const unique = new Uint32Array(pairCount);
  let u = 0;
  for (let i = 0; i < pairCount; ) {
    const hash = Math.floor((pairs[i] as number) / PARA_SCALE);
    const from = u;
    let last = -1;
    while (i < pairCount && Math.floor((pairs[i] as number) / PARA_SCALE) === hash) {
      const paragraph = (pairs[i] as number) % PARA_SCALE;
      if (paragraph !== last) unique[u++] = last = paragraph;
      i++;
    }
    if (u - from <= MAX_POSTINGS) groups.push({ hash, from, to: u });
  }

  const paraShingles = new Uint32Array(paragraphCount);
  let tableSize = 16;
  while (tableSize < groups.length * 2) tableSize *= 2;
  // Single postings live in the slot itself: a third of the file at 10,000 articles.
  const postingsLength = groups.reduce((sum, g) => sum + (g.to - g.from === 1 ? 0 : 1 + g.to - g.from), 0);
  const words = HEADER_WORDS + 2 * tableSize + postingsLength + 2 * paragraphCount + articleStart.length;
  const buffer = new ArrayBuffer(words * 4);
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  header.set([INDEX_MAGIC, INDEX_VERSION, tableSize, postingsLength, articles.length, paragraphCount]);
  const keys = new Uint32Array(buffer, HEADER_WORDS * 4, tableSize);
  const slots = new Uint32Array(buffer, (HEADER_WORDS + tableSize) * 4, tableSize);
  const postings = new Uint32Array(buffer, (HEADER_WORDS + 2 * tableSize) * 4, postingsLength);
  let cursor = 0;
  const mask = tableSize - 1;
  for (const { hash, from, to } of groups) {
    let slot = hash & mask;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = hash;
    for (let k = from; k < to; k++) {
      const paragraph = unique[k] as number;
      paraShingles[paragraph] = (paraShingles[paragraph] as number) + 1;
    }
    if (to - from === 1) {
      slots[slot] = (INLINE | (unique[from] as number)) >>> 0;
      continue;
    }
    slots[slot] = cursor;
    postings[cursor++] = to - from;
    for (let k = from; k < to; k++) postings[cursor++] = unique[k] as number;
  }
  let offset = HEADER_WORDS + 2 * tableSize + postingsLength;
  new Uint32Array(buffer, offset * 4, paragraphCount).set(paraArticle);
  offset += paragraphCount;
  new Uint32Array(buffer, offset * 4, paragraphCount).set(paraShingles);
  offset += paragraphCount;
  new Uint32Array(buffer, offset * 4, articleStart.length).set(articleStart);
  return buffer;
}

/** Read-only view over a compiled index; construction only validates and slices, no copying. */
export class CompiledIndex {
  readonly articleCount: number;
  readonly paragraphCount: number;
  private readonly keys: Uint32Array;
  private readonly slots: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly mask: number;
  readonly paraArticle: Uint32Array;
  readonly paraShingles: Uint32Array;
  readonly articleStart: Uint32Array;
  /** 0, 1, 2, …: a view of one element of it is the answer for an inlined single posting. */
  private readonly paragraphNumbers: Uint32Array;

  constructor(buffer: ArrayBuffer) {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('Backstory index: file too short');
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[0] !== INDEX_MAGIC) throw new Error('Backstory index: bad magic number');
    if (header[1] !== INDEX_VERSION) throw new Error(`Backstory index: version ${header[1]}, expected ${INDEX_VERSION}`);
    const [, , tableSize = 0, postingsLength = 0, articleCount = 0, paragraphCount = 0] = header;
    const expectedWords = HEADER_WORDS + 2 * tableSize + postingsLength + 2 * paragraphCount + articleCount + 1;
    if (buffer.byteLength !== expectedWords * 4) throw new Error('Backstory index: size does not match its header');
    if (tableSize === 0 || (tableSize & (tableSize - 1)) !== 0) throw new Error('Backstory index: table size is not a power of two');
    this.articleCount = articleCount;
    this.paragraphCount = paragraphCount;
    this.mask = tableSize - 1;
    let offset = HEADER_WORDS;
    this.keys = new Uint32Array(buffer, offset * 4, tableSize);
    offset += tableSize;
    this.slots = new Uint32Array(buffer, offset * 4, tableSize);
    offset += tableSize;
    this.postings = new Uint32Array(buffer, offset * 4, postingsLength);
    offset += postingsLength;
    this.paraArticle = new Uint32Array(buffer, offset * 4, paragraphCount);
    offset += paragraphCount;
    this.paraShingles = new Uint32Array(buffer, offset * 4, paragraphCount);
    offset += paragraphCount;
    this.articleStart = new Uint32Array(buffer, offset * 4, articleCount + 1);
    this.paragraphNumbers = new Uint32Array(paragraphCount);
    for (let i = 0; i < paragraphCount; i++) this.paragraphNumbers[i] = i;
  }

  /** Global paragraph numbers containing this shingle (empty when unknown or boilerplate). */
  lookup(hash: number): Uint32Array {
    let slot = hash & this.mask;
    // Bounded even on a corrupt, completely full table.
    for (let probes = 0; probes <= this.mask; probes++) {
      const key = this.keys[slot];
      if (key === 0 || key === undefined) return EMPTY;
      if (key === hash) {
        const value = this.slots[slot] as number;
        if (value >= INLINE) {
          const paragraph = value - INLINE;
          return paragraph < this.paragraphCount ? this.paragraphNumbers.subarray(paragraph, paragraph + 1) : EMPTY;
        }
        const count = this.postings[value] as number;
        return this.postings.subarray(value + 1, value + 1 + count);
      }
      slot = (slot + 1) & this.mask;
    }
    return EMPTY;
  }
}

const EMPTY = new Uint32Array(0);

/**
 * One article's full fingerprints (its paragraphs' shingles), stored beside the index and loaded
 * only when the article is a candidate: Uint32 [paragraphCount, then per paragraph n, n hashes].
 */
export function encodeFingerprints(paragraphs: readonly (readonly number[])[]): ArrayBuffer {
  const words = new Uint32Array(1 + paragraphs.length + paragraphs.reduce((s, p) => s + p.length, 0));
  let at = 0;
  words[at++] = paragraphs.length;
  for (const list of paragraphs) {
    words[at++] = list.length;
    words.set(list, at);
    at += list.length;
  }
  return words.buffer;
}

export function decodeFingerprints(buffer: ArrayBuffer): number[][] {
  const words = new Uint32Array(buffer);
  const count = words[0] ?? 0;
  const paragraphs: number[][] = [];
  let at = 1;
  for (let p = 0; p < count; p++) {
    const n = words[at++];
    if (n === undefined || at + n > words.length) throw new Error('Backstory fingerprints: truncated file');
    paragraphs.push(Array.from(words.subarray(at, at + n)));
    at += n;
  }
  return paragraphs;
}

/**
 * The build's guard that the package ships no article text: the text is the publisher's, and the
 * extension needs only fingerprints and bounded selectors. Every run of LEAK_WORDS consecutive
 * words of every paragraph is looked for in every text file of the package; a run may appear only
 * inside one annotation's selector (prefix + exact + suffix, bounded by the compiler) or in the
 * headline, which the package holds as metadata. Words are compared after NFKC and lower-casing,
 * with any run of non-letters as a separator, so JSON escaping or punctuation cannot hide a copy.
 */
import type { ArticleRecord } from '../../src/shared/types.js';

export const LEAK_WORDS = 12;

export interface ShippedText {
  file: string;
  article: string;
  paragraph: number;
  words: string;
}

/** One compiled article and its source paragraphs' text (in the record's paragraph order). */
export interface ArticleText {
  record: Pick<ArticleRecord, 'id' | 'headline' | 'annotations'>;
  paragraphs: readonly string[];
}

const words = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two independent 32-bit hashes of each LEAK_WORDS-word window (a 64-bit key: no false hits at 100k articles). */
function windows(hashes: Uint32Array, each: (start: number, a: number, b: number) => void): void {
  for (let start = 0; start + LEAK_WORDS <= hashes.length; start++) {
    let a = 0;
    let b = 0x9747b28c;
    for (let k = start; k < start + LEAK_WORDS; k++) {
      a = Math.imul(a ^ (hashes[k] as number), 0x9e3779b1) + 0x7f4a7c15;
      b = Math.imul(b + (hashes[k] as number), 0x85ebca6b) ^ (b >>> 13);
    }
    each(start, a >>> 0, b >>> 0);
  }
}

/** Open-addressing set of (a, b) keys, each with the file it came from. */
class WindowSet {
  private a: Uint32Array;
  private b: Uint32Array;
  private file: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    let slots = 1024;
    while (slots < capacity * 2) slots *= 2;
    this.a = new Uint32Array(slots);
    this.b = new Uint32Array(slots);
    this.file = new Int32Array(slots).fill(-1);
  }

  add(a: number, b: number, file: number): void {
    if ((this.size + 1) * 2 > this.file.length) this.grow();
    const mask = this.file.length - 1;
    let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & mask;
    while (this.file[slot] !== -1) {
      if (this.a[slot] === a && this.b[slot] === b) return;
      slot = (slot + 1) & mask;
    }
    this.a[slot] = a;
    this.b[slot] = b;
    this.file[slot] = file;
    this.size++;
  }

  fileOf(a: number, b: number): number {
    const mask = this.file.length - 1;
    let slot = (a ^ Math.imul(b, 0x27d4eb2d)) & mask;
    while (this.file[slot] !== -1) {
      if (this.a[slot] === a && this.b[slot] === b) return this.file[slot] as number;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private grow(): void {
    const { a, b, file } = this;
    this.a = new Uint32Array(a.length * 2);
    this.b = new Uint32Array(a.length * 2);
    this.file = new Int32Array(a.length * 2).fill(-1);
    this.size = 0;
    for (let slot = 0; slot < file.length; slot++) if ((file[slot] as number) !== -1) this.add(a[slot] as number, b[slot] as number, file[slot] as number);
  }
}

/** Word runs of `text` allowed in the package for this article: inside one selector, or the headline. */
function allowed(article: ArticleText, paragraph: number, run: string): boolean {
  if (` ${words(article.record.headline).join(' ')} `.includes(` ${run} `)) return true;
  return article.record.annotations.some((a) => a.paragraph === paragraph && ` ${words(a.prefix + a.exact + a.suffix).join(' ')} `.includes(` ${run} `));
}

/**
 * Every run of LEAK_WORDS words from the articles' paragraphs found in `files` outside the
 * selectors and headline. Files are given as (name, text); binary files need not be passed.
 */
export function findShippedText(articles: readonly ArticleText[], files: readonly { name: string; text: string }[]): ShippedText[] {
  const set = new WindowSet(1 << 16);
  files.forEach(({ text }, file) => windows(Uint32Array.from(words(text), wordHash), (_, a, b) => set.add(a, b, file)));
  const found: ShippedText[] = [];
  for (const article of articles) {
    article.paragraphs.forEach((text, paragraph) => {
      const list = words(text);
      windows(Uint32Array.from(list, wordHash), (start, a, b) => {
        const file = set.fileOf(a, b);
        if (file === -1) return;
        const run = list.slice(start, start + LEAK_WORDS).join(' ');
        if (allowed(article, paragraph, run)) return;
        // The 64-bit key makes a false hit unlikely; the file's words themselves decide.
        const { name, text: shipped } = files[file] as { name: string; text: string };
        if (` ${words(shipped).join(' ')} `.includes(` ${run} `)) found.push({ file: name, article: article.record.id, paragraph, words: run });
      });
    });
  }
  return found;
}

/**
 * What this copy of the article is, derived from the alignment the page session already has (no
 * article text needed): the original or a copy, which of the original's paragraphs the page holds
 * whole, edited or not at all, what the page added inside the article's body, and whether the
 * headline is the original's. Pure, so every case is unit-tested in Node; the annotator computes it
 * once per annotation pass (from the match, which carries the blocks the background found
 * repeated) and sends it with the page's report.
 */
import { SHINGLE_SIZE } from '../match/fingerprint.js';

/** How much of one article paragraph the page holds (from the background's verification tier). */
export interface ParagraphCoverage {
  /** Share of the paragraph's shingles found in its blocks, 0..1. */
  containment: number;
  /** Distinct shingles of the paragraph. */
  shingles: number;
}

/** One page block as the provenance sees it. */
export interface ProvenanceBlock {
  /** The block's text as the page shows it. */
  text: string;
  /** Inside the article's body: the innermost element holding every paragraph found (see annotator/article-body.ts). */
  inBody: boolean;
}

export interface ProvenanceInput {
  pageUrl: string;
  /** The article's canonical addresses. */
  urls: readonly string[];
  /** Per article paragraph (0 is the headline): the page blocks holding it. */
  alignment: readonly (readonly number[])[];
  /** Per article paragraph, aligned with `alignment`. */
  coverage: readonly ParagraphCoverage[];
  blocks: readonly ProvenanceBlock[];
  /** Blocks outside the alignment that repeat the blocks found (repeatedBlocks, from the background). */
  repeated: readonly number[];
}

export type ParagraphState = 'present' | 'edited' | 'missing';

export interface ParagraphProvenance {
  /** The paragraph's number in the original (0 is the headline). */
  paragraph: number;
  state: ParagraphState;
  /** Share of the paragraph found on the page, in whole percent. */
  percent: number;
  /** The page's own first words for it ('' when missing): how the reader recognises it. */
  firstWords: string;
}

export interface Provenance {
  /** The page's address is one of the article's canonical addresses. */
  original: boolean;
  headline: ParagraphState;
  /** Body paragraphs (the headline is `headline`), in the original's order. */
  paragraphs: ParagraphProvenance[];
  present: number;
  edited: number;
  missing: number;
  /** The first words of the page's own blocks inside the article's body that the original does not have. */
  inserted: string[];
  /** Page blocks that repeat text of the blocks found (the article, or part of it, twice on the page). */
  repeated: number;
}

/**
 * A block shorter than this is a label ("Advertisement", "More on this story"), not inserted text.
 * Five words: an aggregator's banner line ("Compare car insurance in 2 minutes") has six.
 */
export const MIN_INSERTED_WORDS = 5;
/** Words of the page's text shown to name a paragraph. */
const FIRST_WORDS = 6;
/** A block is a repeat when at least this share of its shingles are in the blocks found. */
const REPEAT_SHARE = 0.5;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The first words of a text, as the page writes them (its case and punctuation kept within words). */
export function firstWords(text: string, count = FIRST_WORDS): string {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  const head = words.slice(0, count).join(' ');
  return words.length > count ? `${head}…` : head;
}

const wordCount = (text: string): number => text.match(WORD)?.length ?? 0;

/** An address reduced to what names a page: host without `www.`, path without its trailing slash. */
export function pageKey(url: string): string | null {
  try {
    const { hostname, pathname } = new URL(url);
    return `${hostname.toLowerCase().replace(/^www\./, '')}${pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/**
 * Whole, edited or missing. A paragraph the page split over several blocks loses the shingles that
 * span each split (SHINGLE_SIZE - 1 of them) without a word changing: those are allowed, any other
 * loss is an edit.
 */
export function paragraphState(blocks: readonly number[], coverage: ParagraphCoverage): ParagraphState {
  if (blocks.length === 0) return 'missing';
  const lost = Math.round((1 - coverage.containment) * coverage.shingles);
  return lost > (SHINGLE_SIZE - 1) * (blocks.length - 1) ? 'edited' : 'present';
}

/**
 * The page blocks outside the alignment that repeat text of the blocks found (at least
 * REPEAT_SHARE of their distinct shingles): a second copy of the article, or of part of it, is not
 * text the page added. Computed by the background, which holds every block's shingles already (the
 * page then never hashes its blocks).
 */
export function repeatedBlocks(alignment: readonly (readonly number[])[], blockShingles: readonly (readonly number[])[]): number[] {
  const aligned = new Set(alignment.flat());
  const found = new Set<number>();
  for (const block of aligned) for (const hash of blockShingles[block] ?? []) found.add(hash);
  const repeated: number[] = [];
  blockShingles.forEach((hashes, i) => {
    if (aligned.has(i)) return;
    const distinct = new Set(hashes);
    let shared = 0;
    for (const hash of distinct) if (found.has(hash)) shared++;
    if (distinct.size > 0 && shared >= REPEAT_SHARE * distinct.size) repeated.push(i);
  });
  return repeated;
}

export function describeProvenance(input: ProvenanceInput): Provenance {
  const { alignment, coverage, blocks } = input;
  const aligned = new Set<number>();
  for (const list of alignment) for (const block of list) aligned.add(block);

  const states = alignment.map((list, paragraph) => {
    const state = paragraphState(list, coverage[paragraph] ?? { containment: 0, shingles: 0 });
    const first = list[0];
    return {
      paragraph,
      state,
      percent: state === 'missing' ? 0 : Math.round(100 * (coverage[paragraph]?.containment ?? 0)),
      firstWords: first === undefined ? '' : firstWords(blocks[first]?.text ?? ''),
    };
  });
  const [headline, ...paragraphs] = states;

  const repeats = new Set(input.repeated);
  const inserted: string[] = [];
  blocks.forEach((block, i) => {
    if (aligned.has(i) || repeats.has(i)) return;
    if (block.inBody && wordCount(block.text) >= MIN_INSERTED_WORDS) inserted.push(firstWords(block.text));
  });

  const page = pageKey(input.pageUrl);
  const count = (state: ParagraphState): number => paragraphs.filter((p) => p.state === state).length;
  return {
    original: page !== null && input.urls.some((url) => pageKey(url) === page),
    headline: headline?.state ?? 'missing',
    paragraphs,
    present: count('present'),
    edited: count('edited'),
    missing: count('missing'),
    inserted,
    repeated: repeats.size,
  };
}

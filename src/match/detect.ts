/**
 * Article detection and block alignment. Input: the page's blocks as shingle lists, in document
 * order. Output: the best article, if the page really carries it, and for each of its paragraphs
 * the page blocks that hold it (one block; several when the page split it; a block shared with
 * neighbours when the page merged them; none when dropped).
 */
import type { CompiledIndex } from './index-format.js';

/** A paragraph counts as present when the page holds at least this share of its shingles. */
export const STRONG_CONTAINMENT = 0.5;
/** Paragraphs below this share are not aligned at all (a quoted phrase is not a paragraph). */
export const ALIGN_CONTAINMENT = 0.25;
/** Present paragraphs needed to call a page our article (or all of them, for shorter articles). */
export const MIN_STRONG_PARAGRAPHS = 4;
/** A block joins a paragraph only if it adds at least this share of the paragraph's shingles. */
const MIN_NEW_COVERAGE = 0.15;
/** Articles compared in detail: the ones with most raw hits. */
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

interface Hit {
  block: number;
  hash: number;
}

/** Finds the article the page carries, or null. Work is proportional to the page's shingles and their postings. */
export function detectArticle(index: CompiledIndex, blocks: readonly (readonly number[])[]): Detection | null {
  const hitsByPara = new Map<number, Hit[]>();
  const hitsByArticle = new Map<number, number>();
  blocks.forEach((hashes, block) => {
    for (const hash of hashes) {
      for (const para of index.lookup(hash)) {
        let list = hitsByPara.get(para);
        if (!list) hitsByPara.set(para, (list = []));
        list.push({ block, hash });
        const article = index.paraArticle[para] as number;
        hitsByArticle.set(article, (hitsByArticle.get(article) ?? 0) + 1);
      }
    }
  });
  const candidates = [...hitsByArticle]
    .sort((a, b) => b[1] - a[1])
    .slice(0, CANDIDATES)
    .map(([article]) => evaluate(index, article, hitsByPara))
    .filter((d): d is Detection => d !== null)
    .sort((a, b) => b.strong - a.strong || coverage(b) - coverage(a));
  return candidates[0] ?? null;
}

function coverage(d: Detection): number {
  return d.paragraphs.reduce((sum, p) => sum + p.containment, 0);
}

function evaluate(index: CompiledIndex, article: number, hitsByPara: Map<number, Hit[]>): Detection | null {
  const first = index.articleStart[article] as number;
  const end = index.articleStart[article + 1] as number;
  const paragraphs: ParagraphAlignment[] = [];
  let strong = 0;
  for (let para = first; para < end; para++) {
    const total = index.paraShingles[para] as number;
    const alignment = alignParagraph(hitsByPara.get(para) ?? [], total);
    if (alignment.containment >= STRONG_CONTAINMENT) strong++;
    paragraphs.push(alignment);
  }
  const needed = Math.min(MIN_STRONG_PARAGRAPHS, end - first);
  return strong >= needed && needed > 0 ? { article, paragraphs, strong } : null;
}

/**
 * Greedy set cover: the block holding most of the paragraph first, then any block that adds a
 * real share of shingles not yet covered (the other half of a split paragraph). A teaser box
 * that repeats a fragment of the paragraph adds nothing new and is left out.
 */
function alignParagraph(hits: readonly Hit[], total: number): ParagraphAlignment {
  if (total === 0 || hits.length === 0) return { blocks: [], containment: 0 };
  const byBlock = new Map<number, Set<number>>();
  for (const { block, hash } of hits) {
    let set = byBlock.get(block);
    if (!set) byBlock.set(block, (set = new Set()));
    set.add(hash);
  }
  const covered = new Set<number>();
  const chosen: number[] = [];
  const remaining = [...byBlock].sort((a, b) => b[1].size - a[1].size || a[0] - b[0]);
  for (const [block, hashes] of remaining) {
    let added = 0;
    for (const h of hashes) if (!covered.has(h)) added++;
    if (added < Math.max(1, MIN_NEW_COVERAGE * total)) continue;
    for (const h of hashes) covered.add(h);
    chosen.push(block);
  }
  const containment = Math.min(1, covered.size / total);
  if (containment < ALIGN_CONTAINMENT) return { blocks: [], containment };
  return { blocks: chosen.sort((a, b) => a - b), containment };
}

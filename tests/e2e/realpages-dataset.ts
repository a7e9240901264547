/**
 * The positive real-page dataset: each real page's own article, as a reader sees it, derived with
 * Mozilla's Readability in Node (over linkedom), written as a dataset next to the seed and built
 * into a second dist. Nothing is committed: the pages are only read from BACKSTORY_REALPAGES and
 * everything derived goes under .cache/realpages/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** A page carries an article when Readability finds at least this many paragraphs of MIN_WORDS words. */
export const MIN_PARAGRAPHS = 3;
export const MIN_WORDS = 8;
/**
 * A paragraph with this share of link text is navigation, not the article's prose. Stricter than
 * extraction's 0.8 (src/content/extract.ts), which must keep reading a link-rich paragraph.
 */
const LINK_DENSE = 0.5;
const LEAF_BLOCKS = 'p, li, blockquote, pre, h1, h2, h3, h4, h5, h6, dd, dt, td, th, figcaption';
/** The dataset refuses text that looks like markup or an HTML entity (schema.ts); such a paragraph is left out. */
const HTML_LIKE = /<\s*\/?\s*[a-z!?]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

export interface RealPageArticle {
  file: string;
  /** The article id in the test dataset, or null when Readability found no article on the page. */
  articleId: string | null;
  paragraphs: string[];
  /**
   * Every dataset article whose text the page really holds (pageHolds: most of its paragraphs word
   * for word in the page's text), its own included: Readability's synthetic test pages share one
   * lorem ipsum text, and two saves of one story (lifehacker-*) are the same article. Detecting any
   * of these is right; detecting anything else is wrong.
   */
  carries: string[];
}

export interface RealPagesDataset {
  dataset: string;
  dist: string;
  pages: RealPageArticle[];
}

/**
 * Words for MIN_WORDS: separated by spaces. A paragraph in a script written without
 * spaces (Chinese, Japanese, Thai) thus rarely counts; their shingles are unit-tested instead
 * (tests/unit/match/fingerprint.test.ts). The one such page here, hukumusume.html, carries a
 * one-paragraph fable; Readability's other "paragraphs" there are sidebar teasers (a label and a link).
 */
function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The article's paragraphs: the text of Readability's innermost blocks (a <pre> split at blank lines). */
export function articleParagraphs(html: string): string[] {
  let content: string | null | undefined;
  try {
    const { document } = parseHTML(html);
    content = new Readability(document).parse()?.content;
  } catch {
    return [];
  }
  if (!content) return [];
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  // Innermost blocks, without those that are mostly links (breadcrumbs, "more stories", a label and
  // its link): nobody reads those as the article's prose.
  const length = (node: Element): number => (node.textContent ?? '').replace(/\s+/g, '').length;
  const linkText = (el: Element): number => [...el.querySelectorAll('a')].reduce((n, a) => n + length(a), 0);
  const blocks = [...document.querySelectorAll(LEAF_BLOCKS)].filter((el) => !el.querySelector(LEAF_BLOCKS) && linkText(el) < LINK_DENSE * length(el));
  const texts = blocks.flatMap((el) => (el.localName === 'pre' ? (el.textContent ?? '').split(/\n\s*\n/) : [el.textContent ?? '']));
  // Distinct paragraphs: a synthetic test page repeating one lorem ipsum paragraph five times holds one.
  return [...new Set(texts.map((t) => t.replace(/\s+/g, ' ').trim()))].filter((t) => wordCount(t) >= MIN_WORDS && !HTML_LIKE.test(t));
}

/**
 * The page's text, roughly as a reader sees it: scripts, styles and tags dropped by pattern (a
 * second DOM parse of 130 pages would double the derivation's time). Hidden text is kept, so a page
 * may be said to carry an article it only hides: such a page may then also stay untouched.
 */
function pageText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return entities[e.toLowerCase()] ?? m;
      const code = Number(e[1] === 'x' || e[1] === 'X' ? `0${e.slice(1)}` : e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    });
}

/*
 * The oracle: does a page hold an article? Decided as a reader would check it, word for word, and
 * on purpose with nothing from src/match (no normalisation, shingles, sampling or thresholds of
 * the detector's): loosening the detector must not loosen what the test accepts.
 */
/** Word n-grams compared: 4 words in a row are rarely shared by chance, and survive a split paragraph. */
const NGRAM_WORDS = 4;
/** A paragraph is on the page when this share of its word 4-grams is (a few edited words allowed). */
const PARAGRAPH_ON_PAGE = 0.8;
/** An article is on the page when most of its paragraphs are. */
const ARTICLE_ON_PAGE = 0.5;

/** Words: runs of letters and digits after NFKC and lower-casing (punctuation and spacing do not count). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function wordNgrams(text: string): string[] {
  const list = words(text);
  if (list.length <= NGRAM_WORDS) return [list.join(' ')];
  return Array.from({ length: list.length - NGRAM_WORDS + 1 }, (_, i) => list.slice(i, i + NGRAM_WORDS).join(' '));
}

/** Every word n-gram of a page's text, for pageHolds. */
export function pageNgrams(text: string): Set<string> {
  return new Set(wordNgrams(text));
}

/** True when most of the article's paragraphs are in the page, each with most of its word n-grams. */
export function pageHolds(page: Set<string>, paragraphs: readonly string[]): boolean {
  const present = paragraphs.filter((paragraph) => {
    const grams = wordNgrams(paragraph);
    return grams.filter((g) => page.has(g)).length >= PARAGRAPH_ON_PAGE * grams.length;
  }).length;
  return paragraphs.length > 0 && present >= ARTICLE_ON_PAGE * paragraphs.length;
}

function articleIdOf(file: string): string {
  return `real-${file
    .replace(/\.html$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/**
 * Derives every page's article and writes `<out>/dataset` (the seed's entities and articles plus one
 * article per page that carries one, without mentions), then builds it into `<out>/dist`.
 */
export function deriveRealPagesDataset(root: string, realpages: string, out = path.join(root, '.cache/realpages')): RealPagesDataset {
  const dataset = path.join(out, 'dataset');
  const dist = path.join(out, 'dist');
  fs.rmSync(dataset, { recursive: true, force: true });
  fs.mkdirSync(path.join(dataset, 'articles'), { recursive: true });
  fs.cpSync(path.join(root, 'src/data/entities'), path.join(dataset, 'entities'), { recursive: true });
  fs.cpSync(path.join(root, 'src/data/articles'), path.join(dataset, 'articles'), { recursive: true });

  const files = fs
    .readdirSync(realpages)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const htmls = files.map((file) => fs.readFileSync(path.join(realpages, file), 'utf8'));
  const pages = files.map((file, i): RealPageArticle => {
    const paragraphs = articleParagraphs(htmls[i] as string);
    if (paragraphs.length < MIN_PARAGRAPHS) return { file, articleId: null, paragraphs, carries: [] };
    const articleId = articleIdOf(file);
    const article = {
      id: articleId,
      headline: `Real page ${file}`,
      publisher: 'Readability test pages',
      published: '2020-01-01',
      urls: [],
      summary: `The article Readability derives from ${file}, for the positive real-page test.`,
      paragraphs: paragraphs.map((text, p) => ({ id: `p${p}`, text, mentions: [] })),
    };
    fs.writeFileSync(path.join(dataset, 'articles', `${articleId}.json`), JSON.stringify(article, null, 1));
    return { file, articleId, paragraphs, carries: [] };
  });
  const articles = pages.filter((p) => p.articleId);
  pages.forEach((page, i) => {
    const text = pageNgrams(pageText(htmls[i] as string));
    page.carries = articles.filter((a) => a.articleId === page.articleId || pageHolds(text, a.paragraphs)).map((a) => a.articleId as string);
  });
  buildWithDataset(root, dataset, dist);
  return { dataset, dist, pages };
}

/** Builds the project at `root` (this one, or a baseline copy for the bench) with `dataset` into `dist`. */
export function buildWithDataset(root: string, dataset: string, dist: string): void {
  execFileSync(process.execPath, [path.join(root, 'build.mjs')], { stdio: 'pipe', env: { ...process.env, BACKSTORY_DATASET: dataset, BACKSTORY_DIST: dist } });
}

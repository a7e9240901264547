/**
 * The one message protocol, typed by direction: requests to the background (from the content
 * script, the annotator and the popup) and requests to a tab's content script (from the background
 * and the popup). Each request type names its reply type, so senders and handlers cannot drift.
 */
import browser from './browser.js';
import type { ParagraphCoverage } from './provenance.js';
import type { PageReport } from './report.js';
import type { ArticleRecord } from './types.js';

/** The background's answer to a lookup: the article and where its paragraphs are on the page. */
export interface PageMatch {
  article: ArticleRecord;
  /** Its place in the compiled dataset (the popup reads the record again from there). */
  articleNumber: number;
  /** For each article paragraph, the page blocks holding it (indexes into the lookup's blocks). */
  alignment: number[][];
  /** Paragraphs found with most of their text. */
  strongParagraphs: number;
  /** For each article paragraph, how much of it the page holds (what the provenance is derived from). */
  coverage: ParagraphCoverage[];
}

export type TabState = { kind: 'article'; article: ArticleRecord; report: PageReport } | { kind: 'none'; datasetArticles: number };

export type BackgroundRequest =
  /**
   * Content → background: the page's block fingerprints, in document order. On a match the
   * background starts injecting the annotator and answers without waiting for it to finish.
   */
  | { type: 'lookup'; blocks: number[][]; annotatorLoaded: boolean }
  /** Content → background: inject the annotator chunk (anchoring + cards), if the lookup's injection did not take. */
  | { type: 'load-annotator' }
  /** Content → background: inject the card UI chunk (Preact, floating-ui, the cards), asked for once the mentions are mounted. */
  | { type: 'load-cards' }
  /** Content → background: the result of annotating this tab, or null when it has no article. */
  | { type: 'report'; report: PageReport | null }
  /** Popup → background: what is known about a tab. */
  | { type: 'tab-state'; tabId: number }
  /**
   * Card (content) or panel → background: the offline problem report's text, for the reader to copy.
   * `tabId` from the panel (a card's tab is its sender's); `fuzzy` is the card's own mention's match.
   */
  | { type: 'problem-report'; tabId?: number; entity?: string; fuzzy?: boolean; includeAddress: boolean }
  /** Content → background: add the style of the jump-to-paragraph highlight to the sender's frame (a user style sheet, no DOM change). */
  | { type: 'jump-style' };

export interface BackgroundReplies {
  lookup: PageMatch | null;
  'load-annotator': boolean;
  'load-cards': boolean;
  report: null;
  'tab-state': TabState;
  'jump-style': boolean;
  'problem-report': string;
}

export type ContentRequest =
  /** Popup → content: scroll to the entity's first mention and open its card. */
  | { type: 'reveal'; entity: string }
  /** Background → content (keyboard command): hide or show the annotations. */
  | { type: 'toggle-overlays' }
  /** Popup/panel → content: scroll to where the page holds the article's paragraph and mark it briefly. */
  | { type: 'reveal-paragraph'; paragraph: number };

export interface ContentReplies {
  reveal: boolean;
  'reveal-paragraph': boolean;
  'toggle-overlays': boolean;
}

export type ReplyOf<Replies, R extends { type: keyof Replies }> = Replies[R['type']];

export async function askBackground<R extends BackgroundRequest>(request: R): Promise<ReplyOf<BackgroundReplies, R>> {
  return await browser.runtime.sendMessage<R, ReplyOf<BackgroundReplies, R>>(request);
}

export async function askTab<R extends ContentRequest>(tabId: number, request: R): Promise<ReplyOf<ContentReplies, R>> {
  return await browser.tabs.sendMessage<R, ReplyOf<ContentReplies, R>>(tabId, request, { frameId: 0 });
}

/** Handler maps: one function per request type, each returning that type's reply. */
export type Handlers<Request extends { type: string }, Replies extends Record<Request['type'], unknown>, Context> = {
  [K in Request['type']]: (request: Extract<Request, { type: K }>, context: Context) => Promise<Replies[K]> | Replies[K];
};

export function isRequest<T extends { type: string }>(value: unknown, types: readonly string[]): value is T {
  return typeof value === 'object' && value !== null && types.includes((value as { type?: unknown }).type as string);
}

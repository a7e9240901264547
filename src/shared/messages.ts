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
  /** Page blocks outside the alignment that repeat the blocks found (provenance.ts repeatedBlocks). */
  repeatedBlocks: number[];
}

export type TabState = { kind: 'article'; article: ArticleRecord; report: PageReport } | { kind: 'none'; datasetArticles: number };

export type BackgroundRequest =
  /**
   * Content → background, first on every page: the page's text nodes as read (read-text.ts). The
   * background normalises and hashes them where its code is warm, and answers whether any article
   * shares enough with them to be a candidate; only then does the page read its blocks. When one
   * is all but certain it starts injecting the annotator too (`injecting` in the reply).
   */
  | { type: 'screen'; texts: string[]; annotatorLoaded: boolean }
  /**
   * Content → background: the text of the page's blocks, in document order (the alignment's block
   * indexes point into them). On a match the background starts injecting the annotator, unless
   * already loaded or injecting, and answers without waiting for it to finish; then, unless the
   * document has them (`highlightStyles`), it inserts the highlights' stylesheet.
   */
  | { type: 'lookup'; blocks: string[]; annotatorLoaded: boolean; highlightStyles: boolean }
  /** Content → background: inject the annotator chunk (anchoring, highlights, mention behaviour), if the early injection did not take. */
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
  | { type: 'problem-report'; tabId?: number; entity?: string; fuzzy?: boolean; includeAddress: boolean };

/** The background's own time for a request (wall, its file reads included), for DevTools and the bench. */
interface Timed {
  backgroundMs: number;
}

export interface BackgroundReplies {
  screen: Timed & { candidate: boolean; injecting: boolean };
  lookup: Timed & { match: PageMatch | null };
  'load-annotator': boolean;
  'load-cards': boolean;
  report: null;
  'tab-state': TabState;
  'problem-report': string;
}

export type ContentRequest =
  /** Popup → content: scroll to the entity's first mention and open its card, with the focus in it. */
  | { type: 'reveal'; entity: string }
  /** Background → content (keyboard command): open the next mention's card, with the focus in it. */
  | { type: 'next-mention' }
  /** Background → content (keyboard command): hide or show the annotations. */
  | { type: 'toggle-overlays' }
  /** Popup/panel → content: scroll to where the page holds the article's paragraph and mark it briefly. */
  | { type: 'reveal-paragraph'; paragraph: number };

export interface ContentReplies {
  reveal: boolean;
  'next-mention': boolean;
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

/**
 * Routes a message to its handler; undefined (not ours: let another listener answer) when its
 * type is none of the map's. The map's type makes the compiler check that every request type of
 * the direction has a handler.
 */
export function dispatch<Request extends { type: string }, Replies extends Record<Request['type'], unknown>, Context>(
  handlers: Handlers<Request, Replies, Context>,
  message: unknown,
  context: Context,
): Promise<unknown> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
  const handler = handlers[type as Request['type']] as (request: Request, context: Context) => unknown;
  return Promise.resolve(handler(message as Request, context));
}

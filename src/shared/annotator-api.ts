/**
 * The handshake between the tiny content script and the lazily injected annotator chunk. Both run
 * in the extension's isolated world of the same page, so the annotator registers itself on that
 * world's global object (invisible to the page) and the content script calls it.
 */
import type { CardsUi } from './cards-api.js';
import type { Translate } from './i18n.js';
import type { PageMatch } from './messages.js';
import type { PageBlock } from './page-block.js';
import type { PageReport } from './report.js';
import type { Settings } from './settings.js';

export const ANNOTATOR_GLOBAL = '__backstoryAnnotator__';

export interface AnnotateInput {
  match: PageMatch;
  blocks: PageBlock[];
  /** Each block's text, as the extraction built it for the lookup (aligned with `blocks`). */
  texts: string[];
  settings: Settings;
  scanMs: number;
  /** Has the background inject the card UI chunk (once) and resolves to it; undefined if it could not. */
  loadCards: () => Promise<CardsUi | undefined>;
  /**
   * The UI strings (the live region's). The annotator calls no extension API itself: it would need
   * its own copy of webextension-polyfill, whose evaluation cost every article page about 2 ms.
   */
  t: Translate;
}

/**
 * Runs the annotator's DOM writes (the UI host, the article attribute). The content script passes
 * a writer that pauses its MutationObserver, so our own writes never look like a page change.
 */
export type DomWriter = (write: () => void) => void;

export interface Annotator {
  /**
   * Anchors the mentions (live Ranges, registered as highlights) and mounts the UI host, through
   * `write`; replaces any earlier pass.
   */
  annotate(input: AnnotateInput, write: DomWriter): PageReport;
  /** True while every mention's range still covers the words it was anchored on. */
  intact(): boolean;
  /** Drops the mentions that are not intact (until the next pass re-anchors them). */
  prune(): void;
  /** True when the last pass did not find some of the article's quotes on the page. */
  incomplete(): boolean;
  /** Opens the card of the entity's first mention, scrolled into view, with the focus in it. */
  reveal(entity: string): boolean;
  /** Opens the next mention's card from the reader's place (the keyboard command). */
  next(): boolean;
  /** Scrolls to the blocks holding the article's paragraph and marks them briefly (no DOM change). */
  revealParagraph(paragraph: number): boolean;
  setVisible(visible: boolean): void;
  /**
   * Applies new settings; when the annotated kinds changed, runs a new pass (resolving to its
   * report), otherwise restyles in place and returns null.
   */
  applySettings(settings: Settings, write: DomWriter): PageReport | null;
  /** Removes the highlights, the UI host and every listener. */
  teardown(): void;
}

/** Callbacks of content scripts waiting for the chunk, on the same world's global object. */
const WAITERS_GLOBAL = '__backstoryAnnotatorWaiters__';
type Waiter = (annotator: Annotator) => void;
const world = globalThis as Record<string, unknown>;

export function registeredAnnotator(): Annotator | undefined {
  return world[ANNOTATOR_GLOBAL] as Annotator | undefined;
}

export function registerAnnotator(annotator: Annotator): void {
  world[ANNOTATOR_GLOBAL] = annotator;
  const waiters = (world[WAITERS_GLOBAL] as Waiter[] | undefined) ?? [];
  world[WAITERS_GLOBAL] = [];
  for (const waiter of waiters) waiter(annotator);
}

/** Forgets an orphaned copy's annotator, so a successor in the same world injects a fresh one. */
export function unregisterAnnotator(): void {
  delete world[ANNOTATOR_GLOBAL];
}

/**
 * The annotator once the chunk the background is injecting has registered itself; undefined if it
 * has not within `timeoutMs` (the injection failed: the caller asks for it explicitly).
 */
export function whenAnnotatorRegistered(timeoutMs: number, signal: AbortSignal): Promise<Annotator | undefined> {
  const ready = registeredAnnotator();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    const done = (annotator: Annotator | undefined): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
      resolve(annotator);
    };
    const abort = (): void => done(undefined);
    const timer = setTimeout(abort, timeoutMs);
    signal.addEventListener('abort', abort, { once: true });
    const waiters = (world[WAITERS_GLOBAL] as Waiter[] | undefined) ?? [];
    waiters.push(done);
    world[WAITERS_GLOBAL] = waiters;
  });
}

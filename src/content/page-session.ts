/**
 * One page's life with Backstory: scan, look up, annotate; rescan when content arrives late or the
 * URL changes in-page; re-anchor when the page strips our mentions, a bounded number of times.
 * Every listener, observer and timer hangs off the one AbortSignal its owner hands it: aborting it
 * leaves nothing (the annotator's highlights and host go with it).
 */
import { registeredAnnotator, whenAnnotatorRegistered, type Annotator } from '../shared/annotator-api.js';
import { registeredCards, type CardsUi } from '../shared/cards-api.js';
import browser from '../shared/browser.js';
import {
  askBackground,
  dispatch,
  type BackgroundReplies,
  type BackgroundRequest,
  type ContentReplies,
  type ContentRequest,
  type Handlers,
  type PageMatch,
  type ReplyOf,
} from '../shared/messages.js';
import { t } from '../shared/i18n.js';
import type { Settings } from '../shared/settings.js';
import { extractBlocks, type Extraction } from './extract.js';
import { readText } from './read-text.js';
import { ReanchorBudget } from './reanchor-budget.js';

/** Rescans of one URL without a match (late content), each after a longer quiet period. */
const MAX_RESCANS = 6;
const RESCAN_QUIET_MS = 800;
const NAVIGATION_QUIET_MS = 300;
/** How long to wait for the annotator the background started injecting before asking again. */
const ANNOTATOR_WAIT_MS = 3000;

/**
 * Whether this document has asked for the highlights' stylesheet (with its first match). Per
 * document, not per session: the sheet stays when the site is switched off and on again.
 */
let highlightStylesAsked = false;

/** Text added at once that may be a paragraph of the article: more than a clock's or a counter's. */
const PARAGRAPH_CHARS = 40;

/** Whether the records add at least a paragraph's worth of text (stops counting once it has). */
function addsText(records: readonly MutationRecord[]): boolean {
  let chars = 0;
  for (const record of records)
    for (const node of record.addedNodes) {
      chars += node.textContent?.length ?? 0;
      if (chars >= PARAGRAPH_CHARS) return true;
    }
  return false;
}

export class PageSession {
  private url = location.href;
  private rescans = 0;
  private readonly reanchors = new ReanchorBudget();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The scheduled task, if one is waiting: when it was first asked for. */
  private pending: { since: number } | null = null;
  /** A route change is waiting for the page to settle: its scan comes first. */
  private navigating = false;
  /** Paragraph-sized text was added while a scan ran. */
  private addedDuringScan = false;
  private scanning = false;
  /** The page changed while a scan was running: handled when that scan ends. */
  private changedDuringScan = false;
  private annotator: Annotator | undefined;
  private matched: PageMatch | null = null;
  private observer: MutationObserver | null = null;
  private visible = true;

  /**
   * `signal`: the session's lifetime (the site turned off, or the content script orphaned).
   * `onInvalidated`: called when the extension's context is gone; the owner then aborts `signal`.
   */
  constructor(
    private settings: Settings,
    private readonly signal: AbortSignal,
    private readonly contextValid: () => boolean,
    private readonly onInvalidated: () => void,
  ) {}

  start(): void {
    this.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(this.timer);
        this.observer?.disconnect();
        this.withoutObserver(() => this.annotator?.teardown());
        this.annotator = undefined;
      },
      { once: true },
    );
    const onMessage = (message: unknown): Promise<unknown> | undefined => dispatch(this.handlers, message, undefined);
    browser.runtime.onMessage.addListener(onMessage);
    this.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
    addEventListener('popstate', () => this.checkNavigation(), { signal: this.signal });
    addEventListener('hashchange', () => this.checkNavigation(), { signal: this.signal });
    this.observe();
    void this.scan();
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    const report = this.annotator?.applySettings(settings, this.withoutObserver);
    // A new pass (other kinds annotated) changes what the popup should list.
    if (report) void this.safeAsk({ type: 'report', report });
  }

  /** What the popup, the panel and the keyboard commands (through the background) ask of this page. */
  private readonly handlers: Handlers<ContentRequest, ContentReplies, undefined> = {
    reveal: ({ entity }) => this.annotator?.reveal(entity) ?? false,
    'next-mention': () => this.annotator?.next() ?? false,
    'reveal-paragraph': ({ paragraph }) => this.annotator?.revealParagraph(paragraph) ?? false,
    'toggle-overlays': () => {
      this.visible = !this.visible;
      this.withoutObserver(() => this.annotator?.setVisible(this.visible));
      return this.visible;
    },
  };

  private observe(): void {
    const target = document.body ?? document.documentElement;
    this.observer = new MutationObserver((records) => this.onMutations(() => addsText(records)));
    this.observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  /**
   * Our own DOM writes (the UI host, the article attribute) must not look like page changes. A bound
   * field, so the annotator can run each of its slices through it.
   */
  private readonly withoutObserver = (write: () => void): void => {
    this.observer?.disconnect();
    try {
      write();
    } finally {
      if (!this.signal.aborted && this.observer) {
        this.observer.takeRecords();
        this.observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true });
      }
    }
  };

  private alive(): boolean {
    if (this.signal.aborted) return false;
    if (this.contextValid()) return true;
    // The extension was reloaded or updated: this script is orphaned. Its owner aborts the
    // session's signal, which leaves the page as it was.
    this.onInvalidated();
    return false;
  }

  /**
   * Runs `task` once the page has been quiet for `delay`: each new request replaces the pending
   * one and starts the wait again. With `capped`, no later than 2 × `delay` after the first
   * request, for work a page that never goes quiet (a live clock ticking every 200 ms) must not
   * postpone for ever.
   */
  private schedule(delay: number, task: () => void, capped = false): void {
    clearTimeout(this.timer);
    const now = performance.now();
    const since = this.pending?.since ?? now;
    this.pending = { since };
    const wait = capped ? Math.max(0, Math.min(delay, since + 2 * delay - now)) : delay;
    this.timer = setTimeout(() => {
      this.pending = null;
      if (this.alive()) task();
    }, wait);
  }

  private checkNavigation(): boolean {
    if (location.href === this.url) return false;
    this.url = location.href;
    this.rescans = 0;
    this.reanchors.reset();
    // Until the new route is scanned, the page's changes belong to the route change: nothing else
    // may replace this task (an earlier re-anchor would have kept the old article's marks).
    this.navigating = true;
    this.schedule(NAVIGATION_QUIET_MS, () => {
      this.navigating = false;
      this.withoutObserver(() => this.annotator?.teardown());
      if (this.matched) void this.safeAsk({ type: 'report', report: null });
      this.matched = null;
      void this.scan();
    });
    return true;
  }

  /** `addedText` is asked only where it matters (a page with an article, or a scan running): most pages never pay for it. */
  private onMutations(addedText: () => boolean): void {
    if (!this.alive() || this.checkNavigation() || this.navigating) return;
    // Hardening: a change landing while a scan runs (a page re-rendering the text we just marked,
    // during the report round trip) used to be dropped, so such a page was never re-anchored.
    // Note it and handle it when the scan ends (still bounded by the re-anchor budget / MAX_RESCANS).
    if (this.scanning) {
      this.changedDuringScan = true;
      this.addedDuringScan ||= addedText();
      return;
    }
    if (this.matched) {
      if (!this.annotator) return;
      const broken = !this.annotator.intact();
      // The page's own code replaced or edited text under a mention: that mention goes at once
      // (never marking words it no longer covers).
      if (broken) {
        const { annotator } = this;
        this.withoutObserver(() => annotator.prune());
      }
      // Anchored again once these changes have been quiet for a while, within the re-anchor
      // budget: after a broken mention, or when the page added a paragraph's worth of text while
      // some quotes are still not found (a paragraph re-added, the rest of a progressive render).
      // Changes that do neither (a live clock) neither trigger nor postpone it; a page that breaks
      // the mentions or re-renders its paragraphs without pause is left alone.
      // A page still adding paragraphs while one is pending postpones it: it is not quiet yet.
      if (broken || ((this.pending !== null || this.annotator.incomplete()) && addedText()))
        this.schedule(RESCAN_QUIET_MS, () => {
          if (this.reanchors.take(performance.now())) void this.scan();
        });
      return;
    }
    if (this.rescans < MAX_RESCANS)
      this.schedule(
        RESCAN_QUIET_MS * 2 ** this.rescans,
        () => {
          this.rescans++;
          void this.scan();
        },
        true,
      );
  }

  private async safeAsk<R extends BackgroundRequest>(request: R): Promise<ReplyOf<BackgroundReplies, R> | undefined> {
    try {
      return await askBackground(request);
    } catch (error) {
      if (!this.alive()) return undefined;
      throw error;
    }
  }

  private async scan(): Promise<void> {
    if (this.scanning || !this.alive()) return;
    this.scanning = true;
    try {
      const start = performance.now();
      const root = document.body ?? document.documentElement;
      // First the page's text as it is, screened by the background; its blocks only when the
      // screen names a candidate (most pages hold no article of ours and stop after the screen).
      const read = await readText(root, this.signal);
      const asked = read.texts.length > 0 && !this.signal.aborted;
      const lookupStart = performance.now();
      let scanEnd = lookupStart;
      let extraction: Extraction | null = null;
      let match: PageMatch | null = null;
      let backgroundMs = 0;
      if (asked) {
        const screened = await this.safeAsk({ type: 'screen', texts: read.texts, annotatorLoaded: registeredAnnotator() !== undefined });
        backgroundMs += screened?.backgroundMs ?? 0;
        if (screened?.candidate && !this.signal.aborted) {
          extraction = await extractBlocks(root, this.signal);
          scanEnd = performance.now();
          if (extraction.blocks.length > 0 && !this.signal.aborted) {
            const annotatorLoaded = registeredAnnotator() !== undefined || screened.injecting;
            const found = await this.safeAsk({ type: 'lookup', blocks: extraction.texts, annotatorLoaded, highlightStyles: highlightStylesAsked });
            backgroundMs += found?.backgroundMs ?? 0;
            match = found?.match ?? null;
            if (match) highlightStylesAsked = true;
          }
        }
      }
      // The measure's duration is main-thread work (slices summed); the wall time, which includes
      // the pauses handed back to the page on huge pages and, on a candidate, the screen's round
      // trip before its blocks are read, goes in its detail.
      const blocks = extraction?.blocks ?? [];
      const scanMs = read.busyMs + (extraction?.busyMs ?? 0);
      performance.measure('backstory:scan', {
        start,
        duration: scanMs,
        detail: { wallMs: scanEnd - start, blocks: blocks.length, readMs: read.busyMs, extractMs: extraction?.busyMs ?? 0 },
      });
      // The round trips to the background (screen, then lookup on a candidate), with its own time.
      if (asked) performance.measure('backstory:lookup', { start: lookupStart, end: performance.now(), detail: { matched: Boolean(match), backgroundMs } });
      if (!match || this.signal.aborted) {
        if (this.matched) await this.safeAsk({ type: 'report', report: null });
        this.matched = null;
        return;
      }
      this.matched = match;
      const annotator = await this.loadAnnotator();
      if (!annotator || this.signal.aborted) return;
      // The page's changes during the lookup are seen by the observer (changedDuringScan) and
      // handled once this scan ends: the annotator anchors on the page as it is now.
      const report = annotator.annotate(
        { match, blocks, texts: extraction?.texts ?? [], settings: this.settings, scanMs, loadCards: this.loadCards, t },
        this.withoutObserver,
      );
      if (!this.signal.aborted) {
        if (!this.visible) this.withoutObserver(() => annotator.setVisible(false));
        performance.measure('backstory:detect', { start, end: performance.now(), detail: { phase: 'scan + lookup + annotator load + anchor + mount' } });
        await this.safeAsk({ type: 'report', report });
      }
    } finally {
      this.scanning = false;
      if (this.changedDuringScan) {
        const added = this.addedDuringScan;
        this.changedDuringScan = false;
        this.addedDuringScan = false;
        this.onMutations(() => added);
      }
    }
  }

  /** The card UI chunk, asked for by the annotator once its mentions are mounted; injection resolves after it registered. */
  private readonly loadCards = async (): Promise<CardsUi | undefined> => {
    if (!registeredCards()) await this.safeAsk({ type: 'load-cards' });
    return this.signal.aborted ? undefined : registeredCards();
  };

  /** After a match the background is already injecting the chunk: wait for it, else ask for it. */
  private async loadAnnotator(): Promise<Annotator | undefined> {
    if (this.annotator) return this.annotator;
    let annotator = await whenAnnotatorRegistered(ANNOTATOR_WAIT_MS, this.signal);
    if (!annotator && !this.signal.aborted) {
      await this.safeAsk({ type: 'load-annotator' });
      annotator = registeredAnnotator();
    }
    this.annotator = annotator;
    return annotator;
  }
}

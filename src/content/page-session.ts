/**
 * One page's life with Backstory: scan, look up, annotate; rescan when content arrives late or the
 * URL changes in-page; re-anchor when the page strips our mentions, a bounded number of times.
 * Every listener, observer and timer hangs off one AbortController, so `stop()` leaves nothing.
 */
import { registeredAnnotator, whenAnnotatorRegistered, type Annotator } from '../shared/annotator-api.js';
import { registeredCards, type CardsUi } from '../shared/cards-api.js';
import browser from '../shared/browser.js';
import {
  askBackground,
  isRequest,
  type BackgroundReplies,
  type BackgroundRequest,
  type ContentReplies,
  type ContentRequest,
  type PageMatch,
  type ReplyOf,
} from '../shared/messages.js';
import { describeProvenance } from '../shared/provenance.js';
import type { PageReport } from '../shared/report.js';
import { blockText } from '../shared/page-block.js';
import type { Settings } from '../shared/settings.js';
import { blocksInBody } from './article-body.js';
import { extractBlocks } from './extract.js';
import { fingerprintBlocks, type Fingerprints } from './fingerprint-blocks.js';
import { revealBlocks } from './reveal-paragraph.js';

/** Rescans of one URL without a match (late content), each after a longer quiet period. */
const MAX_RESCANS = 6;
const RESCAN_QUIET_MS = 800;
/** Times we put mentions back after the page removed them, before leaving the page alone. */
const MAX_REANCHORS = 5;
const NAVIGATION_QUIET_MS = 300;
/** How long to wait for the annotator the background started injecting before asking again. */
const ANNOTATOR_WAIT_MS = 3000;

export class PageSession {
  private readonly controller = new AbortController();
  private readonly signal = this.controller.signal;
  private url = location.href;
  private rescans = 0;
  private reanchors = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scanning = false;
  /** The page changed while a scan was running: handled when that scan ends. */
  private changedDuringScan = false;
  private annotator: Annotator | undefined;
  private matched: PageMatch | null = null;
  /** The matched scan's blocks, for the provenance and jump-to-paragraph. */
  private scanned: Fingerprints | null = null;
  /** Their text as read, before annotation (wrapping mentions splits their nodes: the recorded ones then hold less). */
  private scannedText: string[] = [];
  private observer: MutationObserver | null = null;
  private visible = true;

  constructor(
    private settings: Settings,
    private readonly contextValid: () => boolean,
    private readonly onInvalidated: () => void,
  ) {}

  start(): void {
    this.signal.addEventListener('abort', () => clearTimeout(this.timer));
    const onMessage = (message: unknown): Promise<ContentReplies[ContentRequest['type']]> | undefined => {
      if (!isRequest<ContentRequest>(message, ['reveal', 'toggle-overlays', 'reveal-paragraph'])) return undefined;
      return Promise.resolve(this.handle(message));
    };
    browser.runtime.onMessage.addListener(onMessage);
    this.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
    addEventListener('popstate', () => this.checkNavigation(), { signal: this.signal });
    addEventListener('hashchange', () => this.checkNavigation(), { signal: this.signal });
    this.observe();
    void this.scan();
  }

  stop(): void {
    if (this.signal.aborted) return;
    this.controller.abort();
    this.observer?.disconnect();
    this.withoutObserver(() => this.annotator?.teardown());
    this.annotator = undefined;
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    const pass = this.annotator?.applySettings(settings, this.withoutObserver);
    // A new pass (other kinds annotated) changes what the popup should list.
    void pass?.then((report) => (report && !this.signal.aborted ? this.safeAsk({ type: 'report', report: this.withProvenance(report) }) : undefined));
  }

  private handle(message: ContentRequest): boolean {
    if (message.type === 'reveal') return this.annotator?.reveal(message.entity) ?? false;
    if (message.type === 'reveal-paragraph') {
      const indexes = this.matched?.alignment[message.paragraph] ?? [];
      const blocks = indexes.map((i) => this.scanned?.blocks[i]).filter((block) => block !== undefined);
      const next = this.scanned?.blocks[(indexes[indexes.length - 1] ?? -2) + 1];
      return blocks.length > 0 && revealBlocks(blocks, next, this.signal);
    }
    this.visible = !this.visible;
    this.withoutObserver(() => this.annotator?.setVisible(this.visible));
    return this.visible;
  }

  private observe(): void {
    const target = document.body ?? document.documentElement;
    this.observer = new MutationObserver(() => this.onMutations());
    this.observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  /**
   * Our own DOM writes (wrapping, unwrapping, mounting) must not look like page changes. A bound
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
    // The extension was reloaded or updated: this script is orphaned. Leave the page as it was.
    this.stop();
    this.onInvalidated();
    return false;
  }

  private schedule(delay: number, task: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.alive()) task();
    }, delay);
  }

  private checkNavigation(): boolean {
    if (location.href === this.url) return false;
    this.url = location.href;
    this.rescans = 0;
    this.reanchors = 0;
    this.schedule(NAVIGATION_QUIET_MS, () => {
      this.withoutObserver(() => this.annotator?.teardown());
      if (this.matched) void this.safeAsk({ type: 'report', report: null });
      this.matched = null;
      void this.scan();
    });
    return true;
  }

  private onMutations(): void {
    if (!this.alive() || this.checkNavigation()) return;
    // Hardening: a change landing while a scan runs (a page stripping the mentions we just wrapped,
    // during the report round trip) used to be dropped, so such a page was never re-anchored.
    // Note it and handle it when the scan ends (still bounded by MAX_REANCHORS / MAX_RESCANS).
    if (this.scanning) {
      this.changedDuringScan = true;
      return;
    }
    if (this.matched) {
      if (this.annotator && !this.annotator.intact() && this.reanchors < MAX_REANCHORS) {
        this.reanchors++;
        this.schedule(RESCAN_QUIET_MS, () => void this.scan());
      }
      return;
    }
    if (this.rescans < MAX_RESCANS)
      this.schedule(RESCAN_QUIET_MS * 2 ** this.rescans, () => {
        this.rescans++;
        void this.scan();
      });
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
      const extraction = await extractBlocks(document.body ?? document.documentElement, this.signal);
      const fingerprints: Fingerprints = await fingerprintBlocks(extraction.blocks, this.signal);
      const end = performance.now();
      // The measure's duration is main-thread work (slices summed); the wall time, which includes
      // the pauses handed back to the page on huge pages, goes in its detail.
      const scanMs = extraction.busyMs + fingerprints.busyMs;
      performance.measure('backstory:scan', {
        start,
        duration: scanMs,
        detail: { wallMs: end - start, blocks: fingerprints.blocks.length, extractMs: extraction.busyMs, fingerprintMs: fingerprints.busyMs },
      });
      if (this.signal.aborted) return;
      const lookupStart = performance.now();
      const match = fingerprints.hashes.length
        ? await this.safeAsk({ type: 'lookup', blocks: fingerprints.hashes, annotatorLoaded: registeredAnnotator() !== undefined })
        : null;
      // The round trip to the background (its dataset reads included), for DevTools and the bench.
      if (fingerprints.hashes.length)
        performance.measure('backstory:lookup', { start: lookupStart, end: performance.now(), detail: { matched: Boolean(match) } });
      if (!match || this.signal.aborted) {
        if (this.matched) await this.safeAsk({ type: 'report', report: null });
        this.matched = null;
        return;
      }
      this.matched = match;
      this.scanned = fingerprints;
      this.scannedText = fingerprints.blocks.map(blockText);
      const annotator = await this.loadAnnotator();
      if (!annotator || this.signal.aborted) return;
      // The annotator works in slices; the page's changes between them are seen by the observer
      // (changedDuringScan) and handled once this scan ends.
      const report = await annotator.annotate(
        { match, blocks: fingerprints.blocks, settings: this.settings, scanMs, loadCards: this.loadCards },
        this.withoutObserver,
      );
      if (report && !this.signal.aborted) {
        if (!this.visible) this.withoutObserver(() => annotator.setVisible(false));
        performance.measure('backstory:detect', { start, end: performance.now(), detail: { phase: 'scan + lookup + annotator load + anchor + mount' } });
        await this.safeAsk({ type: 'report', report: this.withProvenance(report) });
      }
    } finally {
      this.scanning = false;
      if (this.changedDuringScan) {
        this.changedDuringScan = false;
        this.onMutations();
      }
    }
  }

  /** The annotator's report with what this copy of the article is (src/shared/provenance.ts). */
  private withProvenance(report: PageReport): PageReport {
    const { matched, scanned } = this;
    if (!matched || !scanned) return report;
    const inBody = blocksInBody(scanned.blocks, matched.alignment);
    const provenance = describeProvenance({
      pageUrl: location.href,
      urls: matched.article.urls,
      alignment: matched.alignment,
      coverage: matched.coverage,
      blocks: scanned.blocks.map((_, i) => ({ text: this.scannedText[i] ?? '', hashes: scanned.hashes[i] ?? [], inBody: inBody[i] === true })),
    });
    return { ...report, provenance };
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

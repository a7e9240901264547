/**
 * The handshake between the tiny content script and the lazily injected annotator chunk. Both run
 * in the extension's isolated world of the same page, so the annotator registers itself on that
 * world's global object (invisible to the page) and the content script calls it.
 */
import type { PageMatch } from './messages.js';
import type { PageBlock } from './page-block.js';
import type { PageReport } from './report.js';
import type { Settings } from './settings.js';

export const ANNOTATOR_GLOBAL = '__backstoryAnnotator__';

export interface AnnotateInput {
  match: PageMatch;
  blocks: PageBlock[];
  settings: Settings;
  scanMs: number;
}

export interface Annotator {
  /** Anchors, wraps and mounts the cards; replaces any earlier pass. */
  annotate(input: AnnotateInput): PageReport;
  /** True while every mention element is still in the document where it was put. */
  intact(): boolean;
  /** True when the node belongs to Backstory (a mention or the UI host): its mutations are ours. */
  owns(node: Node): boolean;
  reveal(entity: string): boolean;
  setVisible(visible: boolean): void;
  applySettings(settings: Settings): void;
  /** Unwraps every mention (restoring the page's own text nodes) and unmounts the UI. */
  teardown(): void;
}

export function registeredAnnotator(): Annotator | undefined {
  return (globalThis as Record<string, unknown>)[ANNOTATOR_GLOBAL] as Annotator | undefined;
}

export function registerAnnotator(annotator: Annotator): void {
  (globalThis as Record<string, unknown>)[ANNOTATOR_GLOBAL] = annotator;
}

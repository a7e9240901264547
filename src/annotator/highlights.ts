/**
 * The mentions' marks, without one change to the page's DOM: two highlights in the document's
 * CSS Custom Highlight registry (every mention, and the one whose card is open), styled by the
 * `::highlight()` rules the background inserted. Live Ranges follow the page's own edits; the
 * page-session's observer re-anchors when one stops covering its text.
 */
import { ACTIVE_MENTION_HIGHLIGHT, MENTION_HIGHLIGHT } from '../shared/dom-contract.js';

export class MentionHighlights {
  private readonly all: Highlight;
  private readonly active = new Highlight();
  private visible = true;

  /** Registers `ranges` (in reading order) until `signal` aborts. */
  constructor(ranges: readonly Range[], signal: AbortSignal) {
    this.all = new Highlight(...ranges);
    // Over the underline where both cover the same words: the open card's mention shows as such.
    this.active.priority = 1;
    this.register();
    signal.addEventListener('abort', () => this.unregister(), { once: true });
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.register();
    else this.unregister();
  }

  remove(range: Range): void {
    this.all.delete(range);
  }

  /** Marks the mention whose card is open (null: none). */
  setActive(range: Range | null): void {
    this.active.clear();
    if (range) this.active.add(range);
  }

  private register(): void {
    if (!this.visible) return;
    CSS.highlights.set(MENTION_HIGHLIGHT, this.all);
    CSS.highlights.set(ACTIVE_MENTION_HIGHLIGHT, this.active);
  }

  /** Removes only our own entries: a successor's (extension updated) may already hold the names. */
  private unregister(): void {
    if (CSS.highlights.get(MENTION_HIGHLIGHT) === this.all) CSS.highlights.delete(MENTION_HIGHLIGHT);
    if (CSS.highlights.get(ACTIVE_MENTION_HIGHLIGHT) === this.active) CSS.highlights.delete(ACTIVE_MENTION_HIGHLIGHT);
  }
}

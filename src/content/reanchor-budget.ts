/**
 * How often a page's own edits may send us back to anchoring: at most MAX_REANCHORS within any
 * REANCHOR_WINDOW_MS. A page that rewrites its text without end is left alone (its broken
 * mentions pruned), while a live page that updates now and then keeps its mentions all day.
 */
export const MAX_REANCHORS = 5;
export const REANCHOR_WINDOW_MS = 60_000;

export class ReanchorBudget {
  /** When each re-anchor within the window was granted. */
  private granted: number[] = [];

  /** Takes one re-anchor at time `now` (ms); false when the window's budget is spent. */
  take(now: number): boolean {
    this.granted = this.granted.filter((at) => now - at < REANCHOR_WINDOW_MS);
    if (this.granted.length >= MAX_REANCHORS) return false;
    this.granted.push(now);
    return true;
  }

  /** A new URL: a new page, a new budget. */
  reset(): void {
    this.granted = [];
  }
}

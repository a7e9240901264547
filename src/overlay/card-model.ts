/** What a card shows, derived from the entity and the article's date (DOM-free, unit-tested). */
import type { DatedItem, Entity, Role } from '../shared/types.js';

/**
 * Compares partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) by their shared precision: "2020" is on or
 * before "2020-12-15" (and after it too: at year precision they are the same time).
 */
function onOrBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) <= b.slice(0, n);
}

/**
 * The role covering the article's date: the entity as the article's reader knew it. `from` is
 * inclusive, `until` exclusive (on the day a role ends, the next one applies); a partial `until`
 * in the article's own year or month ends the role before the article. No covering role: none is
 * shown, rather than a later or an earlier one passed off as "as of" the article's date.
 */
export function roleAt(entity: Entity, date: string): Role | undefined {
  return entity.roles.find((r) => (!r.from || onOrBefore(r.from, date)) && (!r.until || !onOrBefore(r.until, date)));
}

/**
 * Timeline items strictly after the article's date, newest first: "what happened since", with
 * "now" on top so the compact card can show the latest few and "More" adds the older ones below.
 * An item dated at a coarser precision that contains the article's date ("2020-12" for 15 Dec
 * 2020) may have come before it, so it is left out.
 */
export function sinceThen(entity: Entity, date: string): DatedItem[] {
  return entity.timeline.filter((item) => !onOrBefore(item.date, date)).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * The compact card: read in a glance, in about 360 × 300 CSS px with no scrolling. It shows the three
 * most recent "since then" items; when that is taller, two; when still taller (a long name, a long
 * role), two with the description cut to one line and the role to two. "More" shows it all.
 */
export const COMPACT = { maxHeightPx: 300, sinceItems: 3, fewerSinceItems: 2 } as const;

/** How far a compact card had to tighten to fit COMPACT.maxHeightPx. */
export type CompactFit = 'as-is' | 'fewer' | 'tight';

/** The i18n message of an entity kind's label: `quote` → `kindQuote`. */
export function kindMessageKey(kind: string): string {
  return `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

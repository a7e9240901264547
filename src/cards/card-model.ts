/** How the card's compact view fits its box (DOM-free, unit-tested); its content is src/ui/card-content.ts's. */

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

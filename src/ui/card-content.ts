/**
 * What a card says about an entity, shared by the card on the page (src/cards/) and the panel:
 * the role as of the article's date, what happened since, and the outlets behind its sources
 * (DOM-free, unit-tested).
 */
import type { DatedItem, Entity, Role, Source } from '../shared/types.js';

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
 * The outlets behind an entity's sources, in order, each once: a source's title is "Outlet — Headline",
 * and a reprint names the outlet whose copy it carries in parentheses ("Japan Today (Reuters)" is
 * Reuters', "CNN via madison.com" CNN's); a language note ("Gordon (in Russian)") is not an outlet.
 */
export function sourceOutlets(sources: readonly Source[]): string[] {
  const outlets: string[] = [];
  for (const { title } of sources) {
    const name = (title.split(' — ')[0] ?? title).trim();
    const carried = /\(([^)]+)\)\s*$/.exec(name)?.[1];
    const outlet = carried && !/^in\s/i.test(carried) ? carried : name.replace(/\s*\([^)]*\)\s*$/, '').replace(/\s+via\s.*$/i, '');
    if (outlet && !outlets.includes(outlet)) outlets.push(outlet);
  }
  return outlets;
}

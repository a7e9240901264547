/** What a card shows, derived from the entity and the article's date (DOM-free, unit-tested). */
import type { DatedItem, Entity, Role } from '../shared/types.js';

/** Compares partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) by their shared precision. */
function onOrBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) <= b.slice(0, n);
}

/** The role covering the article's date: the entity as the article's reader knew it. */
export function roleAt(entity: Entity, date: string): Role | undefined {
  return (
    entity.roles.find((r) => (!r.from || onOrBefore(r.from, date)) && (!r.until || !onOrBefore(r.until, date))) ??
    entity.roles[entity.roles.length - 1]
  );
}

/** Timeline items after the article's date, oldest first: "what happened since". */
export function sinceThen(entity: Entity, date: string): DatedItem[] {
  return entity.timeline.filter((item) => item.date.slice(0, date.length) > date.slice(0, item.date.length)).sort((a, b) => (a.date < b.date ? -1 : 1));
}

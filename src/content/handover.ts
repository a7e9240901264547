/**
 * Handing the page over between two copies of the content script. When the extension is reloaded
 * or updated, the old copy keeps running in its own world, orphaned ("Extension context
 * invalidated"), with its mentions, card host and listeners still in the page. The new copy (the
 * browser or the background injects one into open tabs) announces itself with a DOM event, which
 * every world sees; an orphaned copy that hears it tears everything down, leaving the page as it
 * was, before the new copy reads the page. A live copy ignores the event, so a page that fires it
 * itself changes nothing.
 */
import { unregisterAnnotator } from '../shared/annotator-api.js';
import { unregisterCards } from '../shared/cards-api.js';

const HANDOVER_EVENT = 'backstory:handover';
/** Set on this world's global object: a second injection into the same world does nothing. */
const RUNNING_GLOBAL = '__backstoryContentScript__';

const world = globalThis as Record<string, unknown>;

/**
 * False when a live copy already runs in this world (the browser and the background both injected
 * it). Called after announceHandover(): an orphaned copy sharing this world has released it by then.
 */
export function claimWorld(): boolean {
  if (world[RUNNING_GLOBAL]) return false;
  world[RUNNING_GLOBAL] = true;
  return true;
}

/** What an orphaned copy leaves for its successor, should the browser give both the same world. */
export function releaseWorld(): void {
  delete world[RUNNING_GLOBAL];
  unregisterAnnotator();
  unregisterCards();
}

export function announceHandover(): void {
  document.dispatchEvent(new Event(HANDOVER_EVENT));
}

export function onHandover(isOrphaned: () => boolean, teardown: () => void, signal: AbortSignal): void {
  document.addEventListener(
    HANDOVER_EVENT,
    () => {
      if (isOrphaned()) teardown();
    },
    { signal },
  );
}

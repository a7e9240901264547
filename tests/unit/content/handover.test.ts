// @vitest-environment happy-dom
/**
 * The handover between two copies of the content script (src/content/handover.ts) in one
 * happy-dom document and world: a second copy in the same world stands down, an orphaned copy
 * that hears a successor's announcement tears down and releases the world before the successor
 * claims it, and a live copy ignores the event (which the page itself can fire).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerAnnotator, registeredAnnotator, type Annotator } from '../../../src/shared/annotator-api.js';
import { registerCards, registeredCards, type CardsUi } from '../../../src/shared/cards-api.js';
import { announceHandover, claimWorld, onHandover, releaseWorld } from '../../../src/content/handover.js';

const lifetimes: AbortController[] = [];
/** One copy's listener, alive until its lifetime aborts. */
function copy(isOrphaned: () => boolean, teardown: () => void): AbortController {
  const lifetime = new AbortController();
  lifetimes.push(lifetime);
  onHandover(isOrphaned, teardown, lifetime.signal);
  return lifetime;
}

afterEach(() => {
  for (const lifetime of lifetimes.splice(0)) lifetime.abort();
  releaseWorld();
});

describe('claiming the world', () => {
  it('lets one copy run per world: a second injection into the same world is a no-op', () => {
    expect(claimWorld()).toBe(true);
    expect(claimWorld()).toBe(false);
  });

  it('a released world can be claimed again, without the previous copy’s annotator and card UI', () => {
    expect(claimWorld()).toBe(true);
    registerAnnotator({} as Annotator);
    registerCards({} as CardsUi);
    releaseWorld();
    expect(registeredAnnotator()).toBeUndefined();
    expect(registeredCards()).toBeUndefined();
    expect(claimWorld()).toBe(true);
  });
});

describe('the announcement', () => {
  it('an orphaned copy tears down on hearing it, and its successor then claims the world', () => {
    expect(claimWorld()).toBe(true);
    const teardown = vi.fn(() => releaseWorld());
    copy(() => true, teardown);
    announceHandover();
    expect(teardown).toHaveBeenCalledOnce();
    expect(claimWorld()).toBe(true);
  });

  it('a live copy ignores it, so the page firing it changes nothing', () => {
    expect(claimWorld()).toBe(true);
    const teardown = vi.fn();
    copy(() => false, teardown);
    document.dispatchEvent(new Event('backstory:handover'));
    announceHandover();
    expect(teardown).not.toHaveBeenCalled();
    expect(claimWorld()).toBe(false);
  });

  it('a copy whose lifetime has ended no longer listens', () => {
    const teardown = vi.fn();
    copy(() => true, teardown).abort();
    announceHandover();
    expect(teardown).not.toHaveBeenCalled();
  });

  it('asks whether it is orphaned when it hears the event, not when it starts listening', () => {
    let orphaned = false;
    const teardown = vi.fn();
    copy(() => orphaned, teardown);
    announceHandover();
    orphaned = true;
    announceHandover();
    expect(teardown).toHaveBeenCalledOnce();
  });
});

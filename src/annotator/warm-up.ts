/**
 * Once the page is idle, load the card UI chunk, then lay out one card unseen (.card stays
 * visibility: hidden until placed), in idle steps (load, render, layout, remove) so no step is a
 * long task: the first real card then skips first-time script, style, font and layout work, which
 * otherwise lands after the hover delay (measured: ~60 ms, later cards ~12 ms).
 */
import type { CardView } from '../shared/cards-api.js';
import type { CardController } from './card-controller.js';
import type { CardsLoader } from './cards-loader.js';
import type { Mention } from './mention.js';

function whenIdle(step: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(step, { timeout: 2000 });
    signal.addEventListener('abort', () => cancelIdleCallback(handle), { once: true });
  } else {
    const handle = setTimeout(step, 200);
    signal.addEventListener('abort', () => clearTimeout(handle), { once: true });
  }
}

export function warmUpCards(first: Mention | undefined, controller: CardController, cards: CardsLoader, shadow: ShadowRoot, signal: AbortSignal): void {
  if (!first) return;
  const warmUpId = 'backstory-card-warm-up';
  whenIdle(() => {
    void cards.ready().then((ready) => {
      whenIdle(() => {
        if (!ready || controller.current() || signal.aborted) return;
        const unplaced: CardView = { ...controller.content(first), key: -1, fuzzy: true, showSinceThen: true, id: warmUpId, walk: null };
        ready.paintUnplaced(unplaced);
        whenIdle(() => {
          if (controller.current()) return;
          shadow.getElementById(warmUpId)?.getBoundingClientRect();
          whenIdle(() => {
            if (!controller.current()) ready.paint(null);
          }, signal);
        }, signal);
      }, signal);
    });
  }, signal);
}

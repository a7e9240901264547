/**
 * The card UI chunk (cards.js), mounted in the host's shadow root once it has arrived: one
 * request however many callers (idle warm-up, a hover, a keyboard open), and a failed injection
 * is asked for again by the next caller.
 */
import type { CardRenderer, CardsUi } from '../shared/cards-api.js';

/** Injects the card UI chunk (once) and resolves to it; undefined when it could not be loaded. */
export type LoadCards = () => Promise<CardsUi | undefined>;

export interface CardsLoader {
  /** The renderer, loading the chunk first if needed; null when it could not be loaded. */
  ready(): Promise<CardRenderer | null>;
  /** The renderer if it has arrived. */
  current(): CardRenderer | null;
}

export function createCardsLoader(load: LoadCards, shadow: ShadowRoot, signal: AbortSignal): CardsLoader {
  let renderer: CardRenderer | null = null;
  let loading: Promise<CardRenderer | null> | null = null;
  signal.addEventListener(
    'abort',
    () => {
      renderer?.destroy();
      renderer = null;
    },
    { once: true },
  );
  return {
    ready() {
      loading ??= load().then(
        (cards) => {
          if (cards && !signal.aborted) renderer = cards.mount(shadow);
          if (!renderer) loading = null;
          return renderer;
        },
        () => (loading = null),
      );
      return loading;
    },
    current: () => renderer,
  };
}

/**
 * Hover intent and touch, with no element per mention: the pointer's position is hit-tested
 * against the mentions' ranges (hit-test.ts), at most once a frame. Hover opens the card after
 * the reader's delay and closes it ~300 ms after the pointer leaves (unless it went into the
 * card); a tap toggles it and a tap elsewhere closes it.
 */
import type { Settings } from '../shared/settings.js';
import type { CardController } from './card-controller.js';
import type { CardsLoader } from './cards-loader.js';
import { mentionAt, type MentionHosts } from './hit-test.js';
import type { Mention } from './mention.js';

export interface PointerIntentDeps {
  /** Elements whose own text a mention covers, with those mentions (hit-test.ts). */
  hosts: MentionHosts;
  controller: CardController;
  cards: CardsLoader;
  settings: () => Settings;
  enabled: () => boolean;
  inUi: (node: EventTarget | null) => boolean;
  signal: AbortSignal;
}

export function watchPointerIntent({ hosts, controller, cards, settings, enabled, inUi, signal }: PointerIntentDeps): void {
  let hovered: Mention | undefined;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let latest: PointerEvent | null = null;
  let frame = 0;
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(showTimer);
      cancelAnimationFrame(frame);
    },
    { once: true },
  );

  const leave = (): void => {
    hovered = undefined;
    clearTimeout(showTimer);
    const open = controller.current();
    if (open?.via === 'hover') controller.scheduleHide();
  };

  const onMove = (event: PointerEvent): void => {
    if (!enabled() || event.pointerType === 'touch') return;
    if (inUi(event.target)) {
      hovered = undefined;
      clearTimeout(showTimer);
      controller.cancelHide();
      return;
    }
    const mention = mentionAt(event.clientX, event.clientY, event.target, hosts);
    if (mention === hovered) return;
    if (!mention) {
      leave();
      return;
    }
    hovered = mention;
    clearTimeout(showTimer);
    if (controller.current()?.mention === mention) {
      controller.cancelHide();
      return;
    }
    // Hover intent: the card UI, if the idle load has not brought it yet, arrives during the delay.
    void cards.ready();
    showTimer = setTimeout(() => controller.show(mention, 'hover'), settings().hoverDelayMs);
  };

  addEventListener(
    'pointermove',
    (event) => {
      // One hit test a frame, on the latest position: a fast pointer costs no more than a slow one.
      if (!latest)
        frame = requestAnimationFrame(() => {
          const last = latest;
          latest = null;
          if (last) onMove(last);
        });
      latest = event;
    },
    { capture: true, passive: true, signal },
  );
  document.addEventListener(
    'pointerout',
    (event) => {
      if (event.relatedTarget === null) leave();
    },
    { passive: true, signal },
  );
  addEventListener(
    'pointerdown',
    (event) => {
      if (!enabled()) return;
      const open = controller.current();
      if (inUi(event.target)) return;
      const mention = mentionAt(event.clientX, event.clientY, event.target, hosts);
      if (event.pointerType === 'touch' && mention) {
        if (open?.mention === mention) controller.hide();
        else controller.show(mention, 'tap');
        return;
      }
      if (open && mention !== open.mention) controller.hide();
    },
    { capture: true, passive: true, signal },
  );
}

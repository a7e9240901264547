/**
 * The keyboard and screen-reader path to the cards, without a tab stop in the page: the keyboard
 * command (Alt+Shift+N by default) opens the next mention's card from the reader's place with the
 * focus in it, the card's Previous/Next walk the mentions in reading order, Escape closes and gives
 * the focus back; a polite live region says once, when the article is annotated, that this exists.
 */
import type { Translate } from '../shared/i18n.js';
import type { CardController } from './card-controller.js';
import type { UiHost } from './ui-host.js';

/** Long enough after the region exists for screen readers to treat the text as a change. */
const ANNOUNCE_DELAY_MS = 500;

export function watchKeyboard(controller: CardController, ui: UiHost, signal: AbortSignal): void {
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !controller.current()) return;
      controller.hide(ui.contains(document.activeElement));
    },
    { signal, capture: true },
  );
  // The focus left a keyboard-opened card for the page: the card goes (focus moves inside the
  // shadow root reach the document as nothing: target and relatedTarget retarget to the host).
  document.addEventListener(
    'focusout',
    (event) => {
      if (controller.current()?.via !== 'keyboard') return;
      if (ui.contains(event.target as Node | null) && event.relatedTarget instanceof Node && !ui.contains(event.relatedTarget)) controller.hide();
    },
    { signal },
  );
}

/** A visually hidden polite status region in the host's shadow root, announcing the mentions once. */
export function announceMentions(ui: UiHost, count: number, t: Translate, signal: AbortSignal): void {
  const region = document.createElement('div');
  region.setAttribute('role', 'status');
  // Visually hidden, still read: the card styles arrive later, in their own chunk.
  region.style.cssText = 'position:fixed;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;';
  ui.shadow.append(region);
  const timer = setTimeout(() => (region.textContent = t('mentionsAnnounced', String(count))), ANNOUNCE_DELAY_MS);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

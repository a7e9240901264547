/**
 * Which card is open, and for which mention: one at a time, painted by the card UI chunk when it
 * has arrived (WCAG 1.4.13: dismissible, hoverable, persistent). A card opened from the keyboard
 * takes the focus (once placed), offers the walk to the previous and next mention, and gives the
 * focus back on Escape to where it was.
 */
import type { CardView, PlacedCardView } from '../shared/cards-api.js';
import { OPEN_ATTRIBUTE } from '../shared/dom-contract.js';
import type { Settings } from '../shared/settings.js';
import type { ArticleRecord } from '../shared/types.js';
import type { CardsLoader } from './cards-loader.js';
import type { MentionHighlights } from './highlights.js';
import { mentionElement, type Mention } from './mention.js';
import type { UiHost } from './ui-host.js';

/** Hides ~300 ms after the pointer leaves, unless it went into the card. */
const HIDE_DELAY_MS = 300;
export const CARD_ID = 'backstory-card';
/** The dataset and the shipped UI strings are English: the card says so, whatever the page's lang/dir. */
const CARD_LANG = 'en';
const CARD_DIR = 'ltr';

export type Via = 'hover' | 'tap' | 'keyboard';

export interface CardController {
  current(): { mention: Mention; via: Via } | null;
  show(mention: Mention, via: Via): void;
  /** Closes the card; `returnFocus` puts the focus back where it was before a keyboard open. */
  hide(returnFocus?: boolean): void;
  scheduleHide(): void;
  cancelHide(): void;
  /** Opens the card of the mention after (or before) the open one, else the first from the viewport's top. */
  step(direction: 1 | -1): boolean;
  repaint(): void;
  /** The card's content for `mention`, unplaced (the idle warm-up renders one unseen). */
  content(mention: Mention): CardView;
}

export interface CardControllerDeps {
  article: ArticleRecord;
  /** In reading order. */
  mentions: readonly Mention[];
  settings: () => Settings;
  cards: CardsLoader;
  highlights: MentionHighlights;
  ui: UiHost;
  signal: AbortSignal;
}

function anchorOf(mention: Mention, element: Element): PlacedCardView['anchor'] {
  const { range } = mention;
  return { getBoundingClientRect: () => range.getBoundingClientRect(), getClientRects: () => range.getClientRects(), contextElement: element };
}

function prefersReducedMotion(): boolean {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Brings a mention into view if it is not, before its card opens beside it: its element first
 * (which scrolls any scrolling container it is in), then the window by the range's own box, since
 * a long paragraph centred is not its mention centred.
 */
function scrollToMention(mention: Mention): void {
  const rect = mention.range.getBoundingClientRect();
  if (rect.top >= 0 && rect.bottom <= innerHeight) return;
  mentionElement(mention)?.scrollIntoView({ block: 'nearest' });
  const now = mention.range.getBoundingClientRect();
  scrollBy({ top: now.top + now.height / 2 - innerHeight / 2, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
}

export function createCardController({ article, mentions, settings, cards, highlights, ui, signal }: CardControllerDeps): CardController {
  let open: { mention: Mention; via: Via } | null = null;
  /** Counts the cards opened: each one starts compact, even when the previous one was expanded. */
  let opened = 0;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the focus was before the keyboard brought it into a card: where Escape returns it. */
  let returnTo: HTMLElement | null = null;
  signal.addEventListener('abort', () => clearTimeout(hideTimer), { once: true });

  const content = (mention: Mention): CardView => {
    const keyboard = open?.mention === mention && open.via === 'keyboard';
    const index = mentions.indexOf(mention);
    return {
      key: opened,
      entity: mention.entity,
      articleDate: article.published,
      fuzzy: mention.fuzzy,
      showSinceThen: settings().showSinceThen,
      id: CARD_ID,
      lang: CARD_LANG,
      dir: CARD_DIR,
      walk: keyboard ? { position: index + 1, total: mentions.length, onPrevious: () => step(-1), onNext: () => step(1) } : null,
      onClose: () => hide(true),
      onPointerEnter: () => clearTimeout(hideTimer),
      onPointerLeave: () => {
        if (open && open.via !== 'keyboard') scheduleHide();
      },
    };
  };

  const view = (mention: Mention): PlacedCardView => {
    const element = mentionElement(mention) ?? document.documentElement;
    return {
      ...content(mention),
      anchor: anchorOf(mention, element),
      anchorDir: getComputedStyle(element).direction === 'rtl' ? 'rtl' : 'ltr',
      focusOnPlace: open?.mention === mention && open.via === 'keyboard',
    };
  };

  const paint = (): void => {
    const renderer = cards.current();
    if (!renderer) {
      // The chunk is still on its way (an intent before the idle load finished): paint when it lands.
      if (open)
        void cards.ready().then((ready) => {
          if (ready && open && !signal.aborted) paint();
        });
      return;
    }
    renderer.paint(open ? view(open.mention) : null);
  };

  const mark = (mention: Mention | null): void => {
    for (const m of mentions) m.item.toggleAttribute(OPEN_ATTRIBUTE, m === mention);
    highlights.setActive(mention?.range ?? null);
  };

  function show(mention: Mention, via: Via): void {
    clearTimeout(hideTimer);
    if (via === 'keyboard') {
      const active = document.activeElement;
      if (!ui.contains(active) && active instanceof HTMLElement && active !== document.body) returnTo = active;
      else if (!open) returnTo = null;
      scrollToMention(mention);
    }
    if (open?.mention !== mention || open.via !== via) opened++;
    open = { mention, via };
    mark(mention);
    paint();
  }

  function hide(returnFocus = false): void {
    clearTimeout(hideTimer);
    if (!open) return;
    const focusInCard = ui.contains(document.activeElement);
    open = null;
    mark(null);
    paint();
    if (returnFocus && returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    else if (focusInCard && document.activeElement instanceof HTMLElement) document.activeElement.blur();
    returnTo = null;
  }

  function scheduleHide(): void {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => hide(), HIDE_DELAY_MS);
  }

  function step(direction: 1 | -1): boolean {
    const shown = mentions.filter((m) => !m.range.collapsed);
    if (shown.length === 0) return false;
    let next: Mention | undefined;
    const at = open ? shown.indexOf(open.mention) : -1;
    if (at >= 0) next = shown[(at + direction + shown.length) % shown.length];
    else if (direction === 1) next = shown.find((m) => m.range.getBoundingClientRect().bottom >= 0) ?? shown[0];
    else next = [...shown].reverse().find((m) => m.range.getBoundingClientRect().top <= innerHeight) ?? shown[shown.length - 1];
    if (!next) return false;
    show(next, 'keyboard');
    return true;
  }

  return {
    current: () => open,
    show,
    hide,
    scheduleHide,
    cancelHide: () => clearTimeout(hideTimer),
    step,
    repaint: paint,
    content,
  };
}

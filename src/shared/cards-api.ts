/**
 * The handshake between the annotator chunk and the card UI chunk (cards.js: Preact,
 * @floating-ui/dom and the card rendering), which the background injects only when the annotator
 * asks for it: in idle time after the annotation pass, at the latest on the first hover or focus.
 * Like the annotator, the chunk registers itself on the isolated world's global object.
 */
import type { Entity } from './types.js';

export const CARDS_GLOBAL = '__backstoryCards__';

/** What a card shows and where; the annotator owns the behaviour, the UI chunk only renders it. */
export interface CardView {
  /** Changes for every card opened: each one starts compact, even when the previous one was expanded. */
  key: number;
  entity: Entity;
  articleDate: string;
  fuzzy: boolean;
  showSinceThen: boolean;
  id: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The walk through the article's mentions in reading order, offered to a keyboard-opened card. */
  walk: CardWalk | null;
  onClose: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
}

export interface CardWalk {
  /** 1-based place of this mention among the article's mentions. */
  position: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
}

/**
 * Where a mention is: its Range's boxes (the mention is no element: see dom-contract.ts) and the
 * element its text sits in, whose style (direction, line height) is the mention's. The shape of
 * floating-ui's virtual element.
 */
export interface MentionAnchor {
  getBoundingClientRect(): DOMRect;
  getClientRects(): DOMRectList;
  contextElement: Element;
}

/** A card placed beside its mention. */
export interface PlacedCardView extends CardView {
  anchor: MentionAnchor;
  /** Opened from the keyboard: the card takes the focus once it is placed (it is hidden until then). */
  focusOnPlace: boolean;
  anchorDir: 'ltr' | 'rtl';
}

/** The card UI mounted in the host's shadow root. */
export interface CardRenderer {
  /** Renders the open card, or nothing. */
  paint(card: PlacedCardView | null): void;
  /** Renders a card unseen and unplaced (the idle warm-up), so the first real card skips first-time work. */
  paintUnplaced(card: CardView): void;
  destroy(): void;
}

export interface CardsUi {
  mount(shadow: ShadowRoot): CardRenderer;
}

const world = globalThis as Record<string, unknown>;

export function registeredCards(): CardsUi | undefined {
  return world[CARDS_GLOBAL] as CardsUi | undefined;
}

export function registerCards(cards: CardsUi): void {
  world[CARDS_GLOBAL] = cards;
}

/** Forgets an orphaned copy's card UI, so a successor in the same world injects a fresh one. */
export function unregisterCards(): void {
  delete world[CARDS_GLOBAL];
}

/**
 * The mentions' behaviour: hover intent, focus, Escape, touch, one card at a time (WCAG 1.4.13:
 * dismissible, hoverable, persistent), the light-DOM descriptions and the host. Listeners are
 * delegated from the document and all hang off one AbortSignal. The cards themselves are rendered
 * by the UI chunk (cards.js), loaded in idle time once the mentions are mounted, and at the latest
 * on the first hover or focus intent, so the first card still opens right after the hover delay.
 */
import type { CardRenderer, CardsUi, PlacedCardView } from '../shared/cards-api.js';
import type { Settings } from '../shared/settings.js';
import type { ArticleRecord, Entity } from '../shared/types.js';
import { UiHost } from './ui-host.js';

export interface MentionTarget {
  element: HTMLElement;
  entity: Entity;
  fuzzy: boolean;
}

export interface Overlay {
  reveal(entity: string): boolean;
  applySettings(settings: Settings): void;
  /** Off: cards closed and mentions inert (the keyboard command's "hide annotations"). */
  setEnabled(enabled: boolean): void;
  destroy(): void;
  owns(node: Node): boolean;
}

/** Hides ~300 ms after the pointer leaves, unless it went into the card. */
const HIDE_DELAY_MS = 300;
const CARD_ID = 'backstory-card';
/** The dataset and the shipped UI strings are English: the card says so, whatever the page's lang/dir. */
const CARD_LANG = 'en';
const CARD_DIR = 'ltr';

type Via = 'hover' | 'focus' | 'tap' | 'reveal';

/** Injects the card UI chunk (once) and resolves to it; undefined when it could not be loaded. */
export type LoadCards = () => Promise<CardsUi | undefined>;

export function mountOverlay(article: ArticleRecord, mentions: readonly MentionTarget[], initial: Settings, mentionTag: string, loadCards: LoadCards): Overlay {
  let settings = initial;
  let enabled = true;
  const controller = new AbortController();
  const signal = controller.signal;
  const container = new UiHost();
  let renderer: CardRenderer | null = null;
  let loading: Promise<CardRenderer | null> | null = null;
  const byElement = new Map<Element, MentionTarget>(mentions.map((m) => [m.element, m]));
  let open: { target: MentionTarget; via: Via } | null = null;
  /** Counts the cards opened: each one starts compact, even when the previous one was expanded. */
  let opened = 0;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while hide() returns focus to the mention: that focus must not reopen the card. */
  let refocusing = false;
  signal.addEventListener('abort', () => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    renderer?.destroy();
    renderer = null;
  });

  /** The card UI, mounted in the host once its chunk has arrived (one request, however many callers). */
  const cardsReady = (): Promise<CardRenderer | null> => {
    loading ??= loadCards().then(
      (cards) => {
        if (cards && !signal.aborted) renderer = cards.mount(container.shadow);
        // Not loaded (the injection failed): the next intent asks again.
        if (!renderer) loading = null;
        return renderer;
      },
      () => (loading = null),
    );
    return loading;
  };

  // One hidden light-DOM description per entity, referenced by aria-describedby.
  const descriptionIds = new Map<string, string>();
  article.entities.forEach((entity, i) => {
    const id = `backstory-desc-${i}`;
    const span = document.createElement('span');
    span.id = id;
    span.textContent = `${entity.description}`;
    container.descriptions.append(span);
    descriptionIds.set(entity.id, id);
  });
  for (const m of mentions) {
    const id = descriptionIds.get(m.entity.id);
    if (id) m.element.setAttribute('aria-describedby', id);
  }

  const mentionOf = (node: EventTarget | null): MentionTarget | undefined => {
    if (!(node instanceof Element)) return undefined;
    const el = node.closest(mentionTag);
    return el && enabled ? byElement.get(el) : undefined;
  };

  const paint = (): void => {
    if (!renderer) {
      // The chunk is still on its way (hover before the idle load finished): paint when it lands.
      if (open)
        void cardsReady().then((ready) => {
          if (ready && open) paint();
        });
      return;
    }
    renderer.paint(open ? cardView(open.target) : null);
  };

  const cardView = (target: MentionTarget): PlacedCardView => ({
    key: opened,
    anchor: target.element,
    anchorDir: getComputedStyle(target.element).direction === 'rtl' ? 'rtl' : 'ltr',
    entity: target.entity,
    articleDate: article.published,
    fuzzy: target.fuzzy,
    showSinceThen: settings.showSinceThen,
    id: CARD_ID,
    lang: CARD_LANG,
    dir: CARD_DIR,
    onClose: () => hide(true),
    onPointerEnter: () => clearTimeout(hideTimer),
    onPointerLeave: () => {
      if (open?.via !== 'focus') scheduleHide();
    },
  });

  const show = (target: MentionTarget, via: Via): void => {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (open && open.target !== target) open.target.element.setAttribute('aria-expanded', 'false');
    if (open?.target !== target) opened++;
    open = { target, via };
    target.element.setAttribute('aria-expanded', 'true');
    target.element.setAttribute('aria-controls', CARD_ID);
    paint();
  };

  function hide(returnFocus = false): void {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (!open) return;
    const { element } = open.target;
    element.setAttribute('aria-expanded', 'false');
    element.removeAttribute('aria-controls');
    open = null;
    paint();
    if (returnFocus && element.tabIndex >= 0) {
      // Focus goes back to the mention without reopening the card it just dismissed.
      refocusing = true;
      try {
        element.focus({ preventScroll: true });
      } finally {
        refocusing = false;
      }
    }
  }

  function scheduleHide(): void {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => hide(), HIDE_DELAY_MS);
  }

  /** The card's scrolling body: focused from the keyboard, so arrow keys and Page Down scroll it. */
  const cardBody = (): HTMLElement | null => container.shadow.getElementById(CARD_ID)?.querySelector<HTMLElement>('[data-scroll]') ?? null;
  const inUi = (node: EventTarget | null): boolean => node instanceof Node && container.contains(node);

  document.addEventListener(
    'pointerover',
    (event) => {
      if (event.pointerType === 'touch') return;
      const target = mentionOf(event.target);
      if (!target) return;
      clearTimeout(hideTimer);
      if (open?.target === target) return;
      // Hover intent: the UI chunk, if the idle load has not brought it yet, arrives during the delay.
      void cardsReady();
      clearTimeout(showTimer);
      showTimer = setTimeout(() => show(target, 'hover'), settings.hoverDelayMs);
    },
    { signal, passive: true },
  );
  document.addEventListener(
    'pointerout',
    (event) => {
      const target = mentionOf(event.target);
      if (!target || mentionOf(event.relatedTarget) === target) return;
      clearTimeout(showTimer);
      if (open?.target === target && open.via !== 'focus' && !inUi(event.relatedTarget)) scheduleHide();
    },
    { signal, passive: true },
  );
  document.addEventListener(
    'pointerdown',
    (event) => {
      const target = mentionOf(event.target);
      if (event.pointerType === 'touch' && target) {
        if (open?.target === target) hide();
        else show(target, 'tap');
        return;
      }
      if (open && !target && !inUi(event.target)) hide();
    },
    { signal, passive: true },
  );
  document.addEventListener(
    'focusin',
    (event) => {
      const target = mentionOf(event.target);
      if (target && !refocusing) show(target, 'focus');
    },
    { signal },
  );
  document.addEventListener(
    'focusout',
    (event) => {
      if (!open) return;
      const next = event.relatedTarget;
      if (inUi(next) || mentionOf(next) === open.target) return;
      if (mentionOf(event.target) === open.target || inUi(event.target)) hide();
    },
    { signal },
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && open) {
        const focusWasOurs = inUi(document.activeElement) || mentionOf(document.activeElement) === open.target;
        hide(focusWasOurs);
        return;
      }
      const target = mentionOf(event.target);
      if (target && (event.key === 'Enter' || event.key === ' ')) {
        // Enter/Space moves into the card, so its links are reachable from the keyboard.
        event.preventDefault();
        show(target, 'focus');
        cardBody()?.focus();
      }
    },
    { signal, capture: true },
  );

  // Once the page is idle, load the UI chunk, then lay out one card unseen (.card stays
  // visibility: hidden until placed), in idle steps — load, render, layout, remove — so no step is
  // a long task: the first real card then skips first-time script, style, font and layout work,
  // which otherwise lands after the hover delay (measured: ~60 ms, later cards ~12 ms).
  const whenIdle = (step: () => void): void => {
    if (signal.aborted) return;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(step, { timeout: 2000 });
      signal.addEventListener('abort', () => cancelIdleCallback(handle), { once: true });
    } else {
      const handle = setTimeout(step, 200);
      signal.addEventListener('abort', () => clearTimeout(handle), { once: true });
    }
  };
  const warmUpId = `${CARD_ID}-warm-up`;
  whenIdle(() => {
    const first = mentions[0];
    if (!first) return;
    void cardsReady().then((ready) => {
      whenIdle(() => {
        if (!ready || open || signal.aborted) return;
        ready.paintUnplaced({ ...cardView(first), key: -1, fuzzy: true, showSinceThen: true, id: warmUpId });
        whenIdle(() => {
          if (open) return;
          container.shadow.getElementById(warmUpId)?.getBoundingClientRect();
          whenIdle(() => {
            if (!open) ready.paint(null);
          });
        });
      });
    });
  });

  return {
    reveal(entity) {
      const target = mentions.find((m) => m.entity.id === entity && m.element.isConnected);
      if (!target) return false;
      const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
      target.element.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
      if (target.element.tabIndex >= 0) target.element.focus({ preventScroll: true });
      show(target, 'reveal');
      return true;
    },
    applySettings(next) {
      settings = next;
      paint();
    },
    setEnabled(on) {
      enabled = on;
      if (!on) hide();
    },
    owns(node) {
      return inUi(node);
    },
    destroy() {
      if (open) open.target.element.setAttribute('aria-expanded', 'false');
      open = null;
      controller.abort();
      container.destroy();
    },
  };
}

import { arrow, autoUpdate, computePosition, flip, inline, offset, shift, size, type Placement } from '@floating-ui/dom';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MentionAnchor } from '../shared/cards-api.js';
import { Card, type CardProps } from './Card.js';

export type FloatingCardProps = CardProps & {
  /** The mention the card belongs to (its range's boxes); the card sits next to it and follows it on scroll/resize. */
  anchor: MentionAnchor;
  /** Opened from the keyboard: focus the card's body once it is placed (it cannot take focus while hidden). */
  focusOnPlace: boolean;
  /** Direction of the text around the mention: the card lines up with the mention's start edge. */
  anchorDir: 'ltr' | 'rtl';
};

/**
 * Below the mention, else above; lined up with the mention's start edge (its right edge in RTL
 * text). floating-ui reads start/end in the card's own direction, so they swap when the card's
 * direction differs from the text around the mention (an English card on an RTL line).
 */
function placements(anchorDir: 'ltr' | 'rtl', cardDir: 'ltr' | 'rtl'): [Placement, ...Placement[]] {
  const [align, other] = anchorDir === cardDir ? (['start', 'end'] as const) : (['end', 'start'] as const);
  return [`bottom-${align}`, `top-${align}`, `bottom-${other}`, `top-${other}`];
}

/** Gap between the mention's box and the card. */
const GAP_PX = 6;

/**
 * How far from the mention's box the card keeps: past the rest of the mention's line too (its
 * line-height above and below the text), so the card never covers the words around the mention.
 */
function lineClearance(anchor: MentionAnchor): number {
  const lineHeight = parseFloat(getComputedStyle(anchor.contextElement).lineHeight); // NaN for "normal": about the box itself
  const box = anchor.getClientRects()[0]?.height ?? 0;
  return GAP_PX + (lineHeight > box ? (lineHeight - box) / 2 : 0);
}

/** The card, positioned beside its mention with @floating-ui/dom (flip, shift, arrow; never over the mention). */
export function FloatingCard({ anchor, anchorDir, focusOnPlace, ...card }: FloatingCardProps) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const floating = host.current?.firstElementChild as HTMLElement | null;
    if (!floating) return undefined;
    const arrowEl = floating.querySelector<HTMLElement>('[data-arrow]');
    const [placement, ...fallbackPlacements] = placements(anchorDir, card.dir);
    let placed = false;
    const update = (): void => {
      void computePosition(anchor, floating, {
        strategy: 'fixed',
        placement,
        middleware: [
          // A mention wrapped over two lines: next to the line on the card's side, not their union.
          inline(),
          offset(() => lineClearance(anchor)),
          flip({ fallbackPlacements, fallbackStrategy: 'bestFit' }),
          shift({ padding: 8 }),
          // On the side it ended up, the card scrolls inside the room left rather than run off-screen.
          size({
            padding: 8,
            apply({ availableHeight }) {
              floating.style.maxHeight = `${Math.max(140, Math.min(520, Math.floor(availableHeight)))}px`;
            },
          }),
          ...(arrowEl ? [arrow({ element: arrowEl, padding: 10 })] : []),
        ],
      }).then(({ x, y, placement, middlewareData }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        // Hidden until placed, so the card never flashes at the viewport's corner.
        floating.dataset.placement = placement;
        floating.style.visibility = 'visible';
        if (!placed && focusOnPlace) floating.querySelector<HTMLElement>('[data-scroll]')?.focus({ preventScroll: true });
        placed = true;
        if (arrowEl && middlewareData.arrow) {
          const side = placement.split('-')[0] as string;
          arrowEl.dataset.side = side;
          arrowEl.style.left = middlewareData.arrow.x !== undefined ? `${middlewareData.arrow.x}px` : '';
          arrowEl.style.top = side === 'bottom' ? '-6px' : '';
          arrowEl.style.bottom = side === 'top' ? '-6px' : '';
        }
      });
    };
    // Not autoUpdate's own scroll/resize tracking: it reads the computed style of every ancestor of
    // the mention to find scroll containers, which took seconds on a page nested 5,000 deep. One
    // capturing listener on the window sees every scroll (scroll events reach capture listeners
    // even though they do not bubble); autoUpdate keeps watching size and layout shifts.
    const stop = autoUpdate(anchor, floating, update, { ancestorScroll: false, ancestorResize: false });
    const controller = new AbortController();
    addEventListener('scroll', update, { capture: true, passive: true, signal: controller.signal });
    addEventListener('resize', update, { passive: true, signal: controller.signal });
    return () => {
      stop();
      controller.abort();
    };
  }, [anchor, anchorDir, focusOnPlace, card.dir, card.entity.id]);
  return (
    <div ref={host}>
      <Card {...card} />
    </div>
  );
}

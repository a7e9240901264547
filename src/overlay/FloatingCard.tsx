import { arrow, autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Card, type CardProps } from './Card.js';

export type FloatingCardProps = CardProps & {
  /** The mention the card belongs to; the card sits next to it and follows it on scroll/resize. */
  anchor: HTMLElement;
};

/** The card, positioned beside its mention with @floating-ui/dom (flip, shift, arrow; never over the mention). */
export function FloatingCard({ anchor, ...card }: FloatingCardProps) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const floating = host.current?.firstElementChild as HTMLElement | null;
    if (!floating) return undefined;
    const arrowEl = floating.querySelector<HTMLElement>('[data-arrow]');
    const update = (): void => {
      void computePosition(anchor, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(8),
          flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'], fallbackStrategy: 'bestFit' }),
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
        if (arrowEl && middlewareData.arrow) {
          const side = placement.split('-')[0] as string;
          arrowEl.dataset.side = side;
          arrowEl.style.left = middlewareData.arrow.x != null ? `${middlewareData.arrow.x}px` : '';
          arrowEl.style.top = side === 'bottom' ? '-6px' : '';
          arrowEl.style.bottom = side === 'top' ? '-6px' : '';
        }
      });
    };
    return autoUpdate(anchor, floating, update);
  }, [anchor, card.entity.id]);
  return (
    <div ref={host}>
      <Card {...card} />
    </div>
  );
}

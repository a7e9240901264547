/**
 * The card UI chunk (cards.js): Preact, @floating-ui/dom and the card rendering, injected by the
 * background when the annotator asks for it (src/shared/cards-api.ts). It renders what the
 * annotator's mention behaviour decides, into the one host's shadow root; it adds no listeners of
 * its own, so the annotator's teardown (destroy) leaves nothing of it in the page.
 */
import { render } from 'preact';
import { registerCards, registeredCards, type CardsUi, type CardView } from '../shared/cards-api.js';
import { askBackground } from '../shared/messages.js';
import { Card } from './Card.js';
import { FloatingCard } from './FloatingCard.js';
import css from './styles.css';

const noop = (): void => undefined;

/** The card's "Report a problem": the background builds the text from what it keeps for this tab. */
const reportFor =
  ({ entity, fuzzy }: CardView) =>
  (includeAddress: boolean): Promise<string> =>
    askBackground({ type: 'problem-report', entity: entity.id, fuzzy, includeAddress });

const cards: CardsUi = {
  mount(shadow) {
    // The styles as a <style> element: adoptedStyleSheets has been unreliable from Firefox content scripts.
    const style = document.createElement('style');
    style.textContent = css;
    const mountPoint = document.createElement('div');
    shadow.append(style, mountPoint);
    return {
      paint(card) {
        if (!card) {
          render(null, mountPoint);
          return;
        }
        const { key, ...props } = card;
        render(<FloatingCard key={key} {...props} fitCompact buildReport={reportFor(card)} />, mountPoint);
      },
      paintUnplaced(card) {
        const { key, ...props } = card;
        render(
          <Card key={key} {...props} fitCompact={false} onClose={noop} onPointerEnter={noop} onPointerLeave={noop} buildReport={reportFor(card)} />,
          mountPoint,
        );
      },
      destroy() {
        render(null, mountPoint);
        style.remove();
        mountPoint.remove();
      },
    };
  },
};

// Injected twice (two requests racing) must not mean two copies.
if (!registeredCards()) registerCards(cards);

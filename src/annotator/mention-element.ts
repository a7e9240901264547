/**
 * The mention element of the DOM contract: `<backstory-mention data-backstory-entity=…>`, an
 * unknown element (inline, matched by no page selector for span/mark), focusable unless it sits
 * inside a link or holds one (nested interactive elements break the link for keyboard and
 * screen-reader users; those mentions open their card on hover only).
 * Styled inline through the CSSOM, which page CSP does not block, with text-decoration and
 * outline only: neither moves a pixel of the page's layout.
 */
import type { Entity } from '../shared/types.js';
import { MENTION_TAG } from './wrap.js';

export function createMention(entity: Entity, range: Range): HTMLElement {
  const element = document.createElement(MENTION_TAG);
  element.setAttribute('data-backstory-entity', entity.id);
  const container = range.commonAncestorContainer;
  const insideLink = Boolean((container.nodeType === 1 ? (container as Element) : container.parentElement)?.closest('a[href]'));
  // Most mentions lie within one text node, which holds no element: no need to copy the range.
  const withinText = range.startContainer === range.endContainer && range.startContainer.nodeType === Node.TEXT_NODE;
  const holdsControl = !withinText && range.cloneContents().querySelector('a[href], button, input, select, textarea, [tabindex]') !== null;
  if (!insideLink && !holdsControl) {
    element.tabIndex = 0;
    element.setAttribute('role', 'button');
  }
  element.setAttribute('aria-expanded', 'false');
  element.setAttribute('aria-haspopup', 'dialog');
  element.addEventListener('focus', () => {
    if (element.matches(':focus-visible')) element.style.setProperty('outline', '2px solid #0b57d0');
  });
  element.addEventListener('blur', () => element.style.removeProperty('outline'));
  styleMention(element, true);
  return element;
}

export function styleMention(element: HTMLElement, visible: boolean): void {
  const s = element.style;
  if (visible) {
    s.setProperty('text-decoration-line', 'underline');
    s.setProperty('text-decoration-style', 'dotted');
    s.setProperty('text-decoration-thickness', '1.5px');
    s.setProperty('text-underline-offset', '0.18em');
    s.setProperty('text-decoration-color', 'color-mix(in srgb, currentColor 55%, transparent)');
    s.setProperty('outline-offset', '2px');
    s.setProperty('border-radius', '2px');
    element.removeAttribute('data-backstory-hidden');
    if (element.getAttribute('role') === 'button') element.tabIndex = 0;
  } else {
    s.removeProperty('text-decoration-line');
    s.removeProperty('text-decoration-style');
    s.removeProperty('text-decoration-thickness');
    s.removeProperty('text-underline-offset');
    s.removeProperty('text-decoration-color');
    element.setAttribute('data-backstory-hidden', '');
    element.tabIndex = -1;
  }
}

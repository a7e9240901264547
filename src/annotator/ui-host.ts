/**
 * Backstory's one element in the page: `<backstory-root>` (a child of `<html>`, outside the page's
 * content) with an open shadow root, into which the card UI chunk renders (its styles as a <style>
 * element). Its light DOM, never rendered (the shadow root has no slot), holds the read-only list
 * of mentions of the DOM contract and the live region. Leftover hosts (a page saved with
 * Backstory's UI in it, or an earlier content script) are removed first; the host goes when
 * `signal` aborts.
 */
import { HIDDEN_ATTRIBUTE, HOST_TAG } from '../shared/dom-contract.js';

export class UiHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;

  constructor(signal: AbortSignal) {
    for (const leftover of document.querySelectorAll(HOST_TAG)) leftover.remove();
    this.host = document.createElement(HOST_TAG);
    // Inline, so page CSS cannot move or hide the host; the card itself is position: fixed. Not
    // `all: initial !important`: that would pin text spacing the reader's own stylesheet may adjust.
    for (const [property, value] of [
      ['display', 'block'],
      ['position', 'fixed'],
      ['top', '0'],
      ['left', '0'],
      ['width', '0'],
      ['height', '0'],
      ['z-index', '2147483647'],
    ] as const)
      this.host.style.setProperty(property, value, 'important');
    this.shadow = this.host.attachShadow({ mode: 'open' });
    document.documentElement.append(this.host);
    signal.addEventListener('abort', () => this.host.remove(), { once: true });
  }

  contains(node: Node | null): boolean {
    return node !== null && (node === this.host || this.host.contains(node) || this.shadow.contains(node));
  }

  setHidden(hidden: boolean): void {
    this.host.toggleAttribute(HIDDEN_ATTRIBUTE, hidden);
  }
}

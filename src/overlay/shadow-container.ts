/**
 * Backstory's one element in the page: `<backstory-root>` with an open shadow root holding the
 * Preact app and its styles as a <style> element (adoptedStyleSheets has been unreliable from
 * Firefox content scripts). Leftover hosts (a page saved with Backstory's UI in it, or an earlier
 * content script) are removed before mounting.
 */
import { render, type ComponentChild } from 'preact';

export const HOST_TAG = 'backstory-root';

export class ShadowContainer {
  readonly host: HTMLElement;
  private readonly mountPoint: HTMLElement;
  /** Light-DOM, never-rendered holder of the mentions' aria-describedby texts (IDREFs can't cross shadow roots). */
  readonly descriptions: HTMLElement;

  constructor(css: string) {
    for (const leftover of document.querySelectorAll(HOST_TAG)) leftover.remove();
    this.host = document.createElement(HOST_TAG);
    // Inline, so page CSS cannot move or hide the host; the card itself is position: fixed. Not
    // `all: initial !important`: that would pin text spacing the reader's own stylesheet may adjust.
    this.host.style.setProperty('display', 'block', 'important');
    this.host.style.setProperty('position', 'fixed', 'important');
    this.host.style.setProperty('top', '0', 'important');
    this.host.style.setProperty('left', '0', 'important');
    this.host.style.setProperty('width', '0', 'important');
    this.host.style.setProperty('height', '0', 'important');
    this.host.style.setProperty('z-index', '2147483647', 'important');
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.mountPoint = document.createElement('div');
    shadow.append(style, this.mountPoint);
    this.descriptions = document.createElement('div');
    this.descriptions.hidden = true;
    this.host.append(this.descriptions);
    document.documentElement.append(this.host);
  }

  render(tree: ComponentChild): void {
    render(tree, this.mountPoint);
  }

  contains(node: Node | null): boolean {
    return node !== null && (node === this.host || this.host.contains(node) || this.host.shadowRoot?.contains(node) === true);
  }

  destroy(): void {
    render(null, this.mountPoint);
    this.host.remove();
  }
}

/**
 * Backstory's one element in the page: `<backstory-root>` with an open shadow root, into which the
 * card UI chunk renders (its styles as a <style> element), and the light-DOM descriptions. Created
 * by the annotator when it mounts, before the UI chunk arrives, so the host and the mentions' aria
 * wiring do not wait for it. Leftover hosts (a page saved with Backstory's UI in it, or an earlier
 * content script) are removed before mounting.
 */
export const HOST_TAG = 'backstory-root';

export class UiHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** Light-DOM, never-rendered holder of the mentions' aria-describedby texts (IDREFs can't cross shadow roots). */
  readonly descriptions: HTMLElement;

  constructor() {
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
    this.shadow = this.host.attachShadow({ mode: 'open' });
    this.descriptions = document.createElement('div');
    this.descriptions.hidden = true;
    this.host.append(this.descriptions);
    document.documentElement.append(this.host);
  }

  contains(node: Node | null): boolean {
    return node !== null && (node === this.host || this.host.contains(node) || this.shadow.contains(node));
  }

  destroy(): void {
    this.host.remove();
  }
}

/**
 * Mention elements left by Backstory versions before 0.2, which wrapped each mention in
 * `<backstory-mention>`: a page saved while annotated still holds them. They are our own
 * elements, not the page's, so they are unwrapped (their text put back where it was) before
 * anchoring; today's mentions are ranges and leave nothing in the page to save.
 */
const LEGACY_MENTION_TAG = 'backstory-mention';

export function removeLegacyMentions(): void {
  for (const element of document.querySelectorAll(LEGACY_MENTION_TAG)) {
    const parent = element.parentNode;
    if (!parent) continue;
    // The text nodes themselves stay as they are (not re-joined): the scan's blocks point at them.
    while (element.firstChild) parent.insertBefore(element.firstChild, element);
    parent.removeChild(element);
  }
}

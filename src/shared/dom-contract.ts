/**
 * The public DOM contract (README, "The DOM contract"): every name that tests and other tools may
 * rely on, in one place. Code and tests import these; nothing spells them out again.
 *
 * Backstory never splits, moves or wraps the page's nodes (frameworks keep references to them:
 * facebook/react#11538). A mention is a Range in the CSS Custom Highlight registry, styled by a
 * `::highlight()` rule; the only elements Backstory adds are its UI host and, inside the host's
 * light DOM (never rendered: the host's shadow root has no slot), a read-only list of the mentions.
 */

/** On `<html>` while an article is detected and annotated: its id. Set only then. */
export const ARTICLE_ATTRIBUTE = 'data-backstory-article';

/** Backstory's one element in the page, a child of `<html>`, with an open shadow root. */
export const HOST_TAG = 'backstory-root';

/** `CSS.highlights.get(MENTION_HIGHLIGHT)`: every mention's Range, in reading order. */
export const MENTION_HIGHLIGHT = 'backstory-mention';
/** The mention whose card is open, drawn over the underline (a tint): where the card belongs. */
export const ACTIVE_MENTION_HIGHLIGHT = 'backstory-mention-active';

/**
 * In the host's light DOM: `<ol data-backstory-mentions>` with one `<li>` per mention, in the
 * order of the highlight's ranges, holding the mention's text and these attributes.
 */
export const MENTION_LIST_ATTRIBUTE = 'data-backstory-mentions';
/** On each list item: the entity id. */
export const ENTITY_ATTRIBUTE = 'data-backstory-entity';
/** On each list item: how the quote was found, `exact` or `fuzzy` (a near copy). */
export const MATCH_ATTRIBUTE = 'data-backstory-match';
/** On the list item of the mention whose card is open. */
export const OPEN_ATTRIBUTE = 'data-backstory-open';
/** On the host while the reader has hidden the annotations (keyboard command): no highlight, no card. */
export const HIDDEN_ATTRIBUTE = 'data-backstory-hidden';

/** For two seconds after the popup's or the panel's "jump to" a paragraph: the blocks holding it. */
export const JUMP_HIGHLIGHT = 'backstory-jump';

/** The visible card, inside the host's shadow root; it also carries `data-entity`. */
export const POPOVER_ATTRIBUTE = 'data-backstory-popover';

/**
 * The stylesheet the background inserts (scripting.insertCSS, which no page CSP blocks) into a tab
 * where an article was found. It styles only Backstory's highlights, so it changes nothing else.
 * Highlights take color, background and text-decoration only: neither moves a pixel of layout.
 * The tint for the open card's mention is the focus indicator of the keyboard path; the jump's
 * tint and underline read in light and dark pages, and forced colours get the system's.
 */
export const HIGHLIGHT_CSS = `
::highlight(${MENTION_HIGHLIGHT}) {
  text-decoration-line: underline;
  text-decoration-style: dotted;
  text-decoration-thickness: 1.5px;
  text-underline-offset: 0.18em;
  text-decoration-color: rgb(26 115 232 / 0.8);
}
::highlight(${ACTIVE_MENTION_HIGHLIGHT}) {
  background-color: rgb(26 115 232 / 0.18);
  text-decoration-line: underline;
  text-decoration-style: solid;
  text-decoration-thickness: 2px;
  text-underline-offset: 0.18em;
  text-decoration-color: rgb(26 115 232);
}
::highlight(${JUMP_HIGHLIGHT}) {
  background-color: rgb(255 200 0 / 0.45);
  text-decoration: underline 2px rgb(26 95 180);
}
@media (forced-colors: active) {
  ::highlight(${JUMP_HIGHLIGHT}) {
    background-color: Highlight;
    color: HighlightText;
  }
}
`;

/**
 * The read-only list of mentions in the UI host's light DOM (the DOM contract): one item per
 * mention, in reading order (the order of the highlight's ranges), with its entity, how it was
 * matched and its text. It is never rendered; tests and other tools read it instead of elements
 * in the page.
 */
import { ENTITY_ATTRIBUTE, MATCH_ATTRIBUTE, MENTION_LIST_ATTRIBUTE } from '../shared/dom-contract.js';
import type { Entity } from '../shared/types.js';

export interface ListedMention {
  entity: Entity;
  fuzzy: boolean;
  text: string;
}

/** Appends the list to `host` and returns each mention's item, in the same order. */
export function renderMentionList(host: HTMLElement, mentions: readonly ListedMention[]): HTMLElement[] {
  const list = document.createElement('ol');
  list.setAttribute(MENTION_LIST_ATTRIBUTE, '');
  list.hidden = true;
  const items = mentions.map(({ entity, fuzzy, text }) => {
    const item = document.createElement('li');
    item.setAttribute(ENTITY_ATTRIBUTE, entity.id);
    item.setAttribute(MATCH_ATTRIBUTE, fuzzy ? 'fuzzy' : 'exact');
    item.textContent = text;
    return item;
  });
  list.append(...items);
  host.append(list);
  return items;
}

/**
 * Everything the reader meets around the mentions: the host, the highlights, the read-only list,
 * the card controller, hover/touch intent, the keyboard path, the live region and the idle
 * warm-up. Each unit takes the one AbortSignal of this annotation pass; aborting it removes every
 * listener, timer, highlight and the host.
 */
import type { Translate } from '../shared/i18n.js';
import type { Settings } from '../shared/settings.js';
import type { ArticleRecord } from '../shared/types.js';
import { createCardController } from './card-controller.js';
import { createCardsLoader, type LoadCards } from './cards-loader.js';
import { MentionHighlights } from './highlights.js';
import { mentionHosts } from './hit-test.js';
import { announceMentions, watchKeyboard } from './keyboard-path.js';
import { renderMentionList } from './mention-list.js';
import { intact, type Mention } from './mention.js';
import { watchPointerIntent } from './pointer-intent.js';
import { UiHost } from './ui-host.js';
import { warmUpCards } from './warm-up.js';

export interface AnchoredMention {
  /** The annotation it anchors (its id in the article record). */
  annotation: string;
  range: Range;
  text: string;
  entity: Mention['entity'];
  fuzzy: boolean;
}

export interface MentionsUi {
  readonly mentions: readonly Mention[];
  /** Opens the card of the entity's first mention, scrolled into view, with the focus in it. */
  reveal(entity: string): boolean;
  /** The keyboard command: the next mention's card from the reader's place. */
  next(): boolean;
  /**
   * Drops the mentions whose range no longer covers its text (the page replaced or edited it):
   * their highlight, list item and open card go, so the contract never shows a stale mention.
   */
  prune(): void;
  applySettings(settings: Settings): void;
  /** Off: no highlight, no card (the keyboard command's "hide annotations"). */
  setEnabled(enabled: boolean): void;
}

export function mountMentionsUi(
  article: ArticleRecord,
  anchored: readonly AnchoredMention[],
  initial: Settings,
  loadCards: LoadCards,
  t: Translate,
  signal: AbortSignal,
): MentionsUi {
  let settings = initial;
  let enabled = true;
  const ui = new UiHost(signal);
  const items = renderMentionList(ui.host, anchored);
  const mentions: Mention[] = anchored.map((m, i) => ({ ...m, item: items[i] as HTMLElement }));
  const highlights = new MentionHighlights(
    mentions.map((m) => m.range),
    signal,
  );
  const cards = createCardsLoader(loadCards, ui.shadow, signal);
  const controller = createCardController({ article, mentions, settings: () => settings, cards, highlights, ui, signal });
  const inUi = (node: EventTarget | null): boolean => node instanceof Node && ui.contains(node);
  watchPointerIntent({ hosts: mentionHosts(mentions), controller, cards, settings: () => settings, enabled: () => enabled, inUi, signal });
  watchKeyboard(controller, ui, signal);
  announceMentions(ui, mentions.length, t, signal);
  warmUpCards(mentions[0], controller, cards, ui.shadow, signal);

  return {
    mentions,
    reveal(entity) {
      const target = mentions.find((m) => m.entity.id === entity && !m.range.collapsed);
      if (!target || !enabled) return false;
      controller.show(target, 'keyboard');
      return true;
    },
    next: () => enabled && controller.step(1),
    prune() {
      const open = controller.current();
      if (open && !intact(open.mention)) controller.hide();
      for (let i = mentions.length - 1; i >= 0; i--) {
        const mention = mentions[i] as Mention;
        if (intact(mention)) continue;
        mentions.splice(i, 1);
        highlights.remove(mention.range);
        mention.item.remove();
      }
    },
    applySettings(next) {
      settings = next;
      controller.repaint();
    },
    setEnabled(on) {
      enabled = on;
      if (!on) controller.hide();
      highlights.setVisible(on);
      ui.setHidden(!on);
    },
  };
}

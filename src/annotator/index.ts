/**
 * The annotator chunk, injected by the background only into pages where an article was found:
 * anchors the annotations to live Ranges over the page's own text (no node is split, moved or
 * wrapped), registers them as highlights, mounts the UI host and the mentions' behaviour, and
 * undoes all of it when the pass's AbortSignal aborts. Registers itself for the content script.
 */
import { registerAnnotator, registeredAnnotator, type AnnotateInput, type Annotator } from '../shared/annotator-api.js';
import { ARTICLE_ATTRIBUTE } from '../shared/dom-contract.js';
import { anchorMentions, type Anchored } from './anchor-mentions.js';
import { removeLegacyMentions } from './leftovers.js';
import { provenanceOf } from './provenance-of.js';
import { revealBlocks } from './reveal-paragraph.js';
import { intact } from './mention.js';
import { mountMentionsUi, type MentionsUi } from './mentions-ui.js';

function createAnnotator(): Annotator {
  /** The current pass: aborting it removes its highlights, host, listeners and timers. */
  let pass: AbortController | null = null;
  let ui: MentionsUi | null = null;
  let lastInput: AnnotateInput | null = null;
  let notFound = 0;
  let visible = true;

  const clear = (): void => {
    pass?.abort();
    pass = null;
    ui = null;
    document.documentElement.removeAttribute(ARTICLE_ATTRIBUTE);
  };

  const setVisible = (on: boolean): void => {
    visible = on;
    ui?.setEnabled(on);
  };

  /**
   * One pass: anchor and mount, in one slice through `write` (so the content script's observer
   * does not take our host for a page change). Nothing in the page's content is written: the
   * highlights live in the document's registry, the host is a child of <html>.
   */
  const annotate: Annotator['annotate'] = (input, write) => {
    const start = performance.now();
    lastInput = input;
    clear();
    const controller = new AbortController();
    pass = controller;
    let anchored: Anchored = { mentions: [], unanchored: [], notFound: 0 };
    write(() => {
      removeLegacyMentions();
      anchored = anchorMentions(input);
      document.documentElement.setAttribute(ARTICLE_ATTRIBUTE, input.match.article.id);
      ui = mountMentionsUi(input.match.article, anchored.mentions, input.settings, input.loadCards, input.t, controller.signal);
      if (!visible) ui.setEnabled(false);
    });
    notFound = anchored.notFound;
    const busy = performance.now() - start;
    performance.measure('backstory:annotate', { start, duration: busy, detail: { wallMs: busy, slices: 1, longestSliceMs: busy } });
    const { match } = input;
    return {
      provenance: provenanceOf(match, input.blocks, input.texts),
      articleId: match.article.id,
      articleNumber: match.articleNumber,
      paragraphsTotal: match.article.paragraphCount,
      paragraphsFound: match.alignment.filter((blocksOfParagraph) => blocksOfParagraph.length > 0).length,
      mentions: anchored.mentions.map((m) => ({
        annotation: m.annotation,
        entity: m.entity.id,
        method: m.fuzzy ? 'fuzzy' : 'exact',
      })),
      missing: anchored.unanchored,
      timings: { scan: input.scanMs, annotate: busy },
    };
  };

  return {
    annotate,
    intact: () => ui?.mentions.every(intact) ?? true,
    prune: () => ui?.prune(),
    incomplete: () => notFound > 0,
    reveal: (entity) => ui?.reveal(entity) ?? false,
    next: () => ui?.next() ?? false,
    revealParagraph(paragraph) {
      if (!lastInput || !pass) return false;
      const { match, blocks } = lastInput;
      const held = (match.alignment[paragraph] ?? []).flatMap((i) => blocks[i] ?? []);
      return held.length > 0 && revealBlocks(held, pass.signal);
    },
    setVisible,
    applySettings(settings, write) {
      if (!lastInput) return null;
      const kindsChanged = JSON.stringify(settings.kinds) !== JSON.stringify(lastInput.settings.kinds);
      if (kindsChanged) return annotate({ ...lastInput, settings }, write);
      lastInput = { ...lastInput, settings };
      ui?.applySettings(settings);
      return null;
    },
    teardown() {
      clear();
      lastInput = null;
    },
  };
}

// Injected twice (two lookups racing) must not mean two annotators.
if (!registeredAnnotator()) registerAnnotator(createAnnotator());

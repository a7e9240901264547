/**
 * The annotator chunk, injected by the background only into pages where an article was found:
 * anchors the annotations, wraps each mention in one element (the DOM contract), mounts the cards,
 * and undoes all of it on teardown. Registers itself for the content script to call.
 */
import { registerAnnotator, registeredAnnotator, type AnnotateInput, type Annotator } from '../shared/annotator-api.js';
import type { PageReport } from '../shared/report.js';
import { mountOverlay, type MentionTarget, type Overlay } from '../overlay/index.js';
import { anchorAnnotations, withoutOverlaps } from './anchor.js';
import { createMention, styleMention } from './mention-element.js';
import { MENTION_TAG, unwrap, wrapRange, type Wrapped } from './wrap.js';

const ARTICLE_ATTRIBUTE = 'data-backstory-article';

function createAnnotator(): Annotator {
  let wrapped: Wrapped[] = [];
  let overlay: Overlay | null = null;
  let lastInput: AnnotateInput | null = null;
  let visible = true;

  const clear = (): void => {
    overlay?.destroy();
    overlay = null;
    for (const w of wrapped.reverse()) unwrap(w);
    wrapped = [];
    document.documentElement.removeAttribute(ARTICLE_ATTRIBUTE);
  };

  /** Mentions left in the page by an orphaned earlier script (extension reloaded) or a saved page. */
  const removeLeftovers = (): void => {
    for (const el of document.querySelectorAll(MENTION_TAG)) unwrap({ element: el as HTMLElement, created: [] });
  };

  const annotate = (input: AnnotateInput): PageReport => {
    const start = performance.now();
    clear();
    removeLeftovers();
    lastInput = input;
    const { match, blocks, settings } = input;
    const { anchors, missing } = anchorAnnotations(match, blocks);
    const entities = new Map(match.article.entities.map((e) => [e.id, e]));
    const { kept, dropped } = withoutOverlaps(anchors.filter((a) => settings.kinds[entities.get(a.annotation.entity)?.kind ?? 'person']));
    const targets: MentionTarget[] = [];
    const anchored: PageReport['mentions'] = [];
    const unanchored = [...missing.map((a) => a.id), ...dropped.map((a) => a.annotation.id)];
    // Hardening (deep pages): every live Range in the document is updated on each node move, at a
    // cost proportional to the DOM depth (Blink walks each boundary's ancestors), so wrapping with
    // ~50 live anchors on a 5,000-deep page was a 100-200 ms long task. Freeze each anchor to its
    // boundary points, park every live range at the document root, and wrap last-first: splitting
    // a text node then never moves text that an earlier (not yet wrapped) mention points into.
    const bounds = kept.map(({ range }) => [range.startContainer, range.startOffset, range.endContainer, range.endOffset] as const);
    for (const { range } of anchors) {
      range.setStart(document, 0);
      range.collapse(true);
    }
    const failed: string[] = [];
    for (let i = kept.length - 1; i >= 0; i--) {
      const anchor = kept[i] as (typeof kept)[number];
      const [startNode, startOffset, endNode, endOffset] = bounds[i] as (typeof bounds)[number];
      const entity = entities.get(anchor.annotation.entity);
      if (!entity) continue;
      const range = document.createRange();
      let result: Wrapped | null = null;
      let element: HTMLElement | null = null;
      try {
        range.setStart(startNode, startOffset);
        range.setEnd(endNode, endOffset);
        element = createMention(entity, range);
        result = wrapRange(range, element);
      } catch {
        // A boundary the page (or an earlier wrap) made stale: that mention is left unanchored.
      }
      range.collapse(true);
      if (!result || !element) {
        failed.push(anchor.annotation.id);
        continue;
      }
      wrapped.push(result);
      targets.push({ element, entity, fuzzy: anchor.fuzzy });
      anchored.push({ annotation: anchor.annotation.id, entity: entity.id, method: anchor.fuzzy ? 'fuzzy' : 'exact' });
    }
    // Back to document order (teardown unwraps last-first; the popup and reveal() read in order).
    wrapped.reverse();
    targets.reverse();
    anchored.reverse();
    unanchored.push(...failed.reverse());
    document.documentElement.setAttribute(ARTICLE_ATTRIBUTE, match.article.id);
    overlay = mountOverlay(match.article, targets, settings, MENTION_TAG);
    if (!visible) setVisible(false);
    const annotateMs = performance.now() - start;
    performance.measure('backstory:annotate', { start, duration: annotateMs });
    return {
      articleId: match.article.id,
      paragraphsTotal: match.article.paragraphs.length,
      paragraphsFound: match.alignment.filter((blocksOfParagraph) => blocksOfParagraph.length > 0).length,
      mentions: anchored,
      missing: unanchored,
      timings: { scan: input.scanMs, annotate: annotateMs },
    };
  };

  function setVisible(on: boolean): void {
    visible = on;
    for (const { element } of wrapped) styleMention(element, on);
    overlay?.setEnabled(on);
  }

  return {
    annotate,
    intact: () => wrapped.every((w) => w.element.isConnected),
    owns: (node) => overlay?.owns(node) === true || (node instanceof Element && node.closest(MENTION_TAG) !== null),
    reveal: (entity) => overlay?.reveal(entity) ?? false,
    setVisible,
    applySettings(settings) {
      if (!lastInput) return;
      const kindsChanged = JSON.stringify(settings.kinds) !== JSON.stringify(lastInput.settings.kinds);
      if (kindsChanged) {
        annotate({ ...lastInput, settings });
        return;
      }
      lastInput = { ...lastInput, settings };
      overlay?.applySettings(settings);
    },
    teardown() {
      clear();
      lastInput = null;
    },
  };
}

// Injected twice (two lookups racing) must not mean two annotators.
if (!registeredAnnotator()) registerAnnotator(createAnnotator());

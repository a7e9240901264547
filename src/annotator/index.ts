/**
 * The annotator chunk, injected by the background only into pages where an article was found:
 * anchors the annotations, wraps each mention in one element (the DOM contract), mounts the
 * mentions' behaviour and the UI host (the cards come in their own chunk, cards.js, loaded when
 * the pass is done), and undoes all of it on teardown. Registers itself for the content script to call.
 */
import { registerAnnotator, registeredAnnotator, type AnnotateInput, type Annotator, type DomWriter } from '../shared/annotator-api.js';
import type { PageReport } from '../shared/report.js';
import type { Entity } from '../shared/types.js';
import { yieldToPage } from '../shared/yield.js';
import { annotatableIn, articleWrappers } from './annotatable.js';
import { anchorAnnotations, withoutOverlaps, type Anchor } from './anchor.js';
import { mountOverlay, type MentionTarget, type Overlay } from './mention-behaviour.js';
import { createMention, styleMention } from './mention-element.js';
import { MENTION_TAG, unwrap, wrapRange, type Wrapped } from './wrap.js';

const ARTICLE_ATTRIBUTE = 'data-backstory-article';
/** Main-thread time per slice of wrapping before the page gets it back (as in extraction). */
const SLICE_MS = 8;

/** One anchored mention waiting to be wrapped, frozen to its boundary points. */
interface PendingMention {
  anchor: Anchor;
  entity: Entity;
  bounds: readonly [Node, number, Node, number];
  /** The text the mention covers: after the page had the main thread, the bounds must still hold it. */
  text: string;
}

function createAnnotator(): Annotator {
  /** In wrap order (the page's last mention first); unwrapped in reverse. */
  let wrapped: Wrapped[] = [];
  let overlay: Overlay | null = null;
  let lastInput: AnnotateInput | null = null;
  let visible = true;
  /** Bumped by every pass and every teardown: a pass that finds it changed stops at its next slice. */
  let pass = 0;

  const clear = (): void => {
    pass++;
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

  /**
   * Anchors the annotations and freezes each kept anchor to its boundary points. Hardening (deep
   * pages): every live Range in the document is updated on each node move, at a cost proportional
   * to the DOM depth, so wrapping with ~50 live anchors on a 5,000-deep page was a 100-200 ms long
   * task. The live ranges are parked at the document root; mentions are wrapped last-first, so
   * splitting a text node never moves text that a mention not yet wrapped points into.
   */
  const anchorAndFreeze = (input: AnnotateInput): { pending: PendingMention[]; unanchored: string[] } => {
    const { match, blocks, settings } = input;
    const { anchors, missing } = anchorAnnotations(match, blocks);
    const entities = new Map(match.article.entities.map((e) => [e.id, e]));
    // Extraction read generously (related boxes, page-wide forms, <pre>); a mention is only created
    // where the strict rule allows it. The refused ones are reported as not found on this page.
    const annotatable = annotatableIn(articleWrappers(match.alignment.flatMap((found) => blocks[found[0] ?? -1]?.nodes[0] ?? [])));
    const refused = anchors.filter((a) => !annotatable(a.range.startContainer) || !annotatable(a.range.endContainer));
    const allowed = anchors.filter((a) => !refused.includes(a) && settings.kinds[entities.get(a.annotation.entity)?.kind ?? 'person']);
    const { kept, dropped } = withoutOverlaps(allowed);
    const pending: PendingMention[] = [];
    for (const anchor of kept) {
      const entity = entities.get(anchor.annotation.entity);
      const { range } = anchor;
      if (entity)
        pending.push({ anchor, entity, bounds: [range.startContainer, range.startOffset, range.endContainer, range.endOffset], text: range.toString() });
    }
    for (const { range } of anchors) {
      range.setStart(document, 0);
      range.collapse(true);
    }
    return { pending, unanchored: [...missing.map((a) => a.id), ...refused.map((a) => a.annotation.id), ...dropped.map((a) => a.annotation.id)] };
  };

  /**
   * Wraps one mention; null when the page changed its text while it had the main thread (the
   * bounds no longer hold the anchored text) or the mention cannot be wrapped cleanly.
   */
  const wrapMention = ({ entity, bounds, text }: PendingMention): Wrapped | null => {
    const [startNode, startOffset, endNode, endOffset] = bounds;
    const range = document.createRange();
    try {
      range.setStart(startNode, startOffset);
      range.setEnd(endNode, endOffset);
      if (!startNode.isConnected || range.toString() !== text) return null;
      return wrapRange(range, createMention(entity, range));
    } catch {
      // A boundary the page made stale (offset beyond a shortened text node): left unanchored.
      return null;
    } finally {
      range.collapse(true);
    }
  };

  /**
   * One pass, in slices of at most SLICE_MS of main-thread time: tear down the earlier pass and
   * anchor; wrap mentions last-first; mount the cards. Between slices the page runs (and may change
   * what we anchored: each mention is then checked against its text before it is wrapped).
   */
  const annotate = async (input: AnnotateInput, write: DomWriter): Promise<PageReport | null> => {
    const start = performance.now();
    lastInput = input;
    let busy = 0;
    let longestSlice = 0;
    let slices = 0;
    const slice = (work: () => void): void => {
      const began = performance.now();
      write(work);
      const took = performance.now() - began;
      busy += took;
      longestSlice = Math.max(longestSlice, took);
      slices++;
    };

    let mine = 0;
    let pending: PendingMention[] = [];
    let unanchored: string[] = [];
    slice(() => {
      clear();
      mine = pass;
      removeLeftovers();
      ({ pending, unanchored } = anchorAndFreeze(input));
    });

    const targets: MentionTarget[] = [];
    const anchored: PageReport['mentions'] = [];
    const failed: string[] = [];
    let next = pending.length - 1;
    let mounted = false;
    while (!mounted) {
      await yieldToPage();
      if (pass !== mine) return null;
      slice(() => {
        const sliceStart = performance.now();
        for (; next >= 0 && performance.now() - sliceStart < SLICE_MS; next--) {
          const mention = pending[next] as PendingMention;
          const result = wrapMention(mention);
          if (!result) {
            failed.push(mention.anchor.annotation.id);
            continue;
          }
          wrapped.push(result);
          targets.push({ element: result.element, entity: mention.entity, fuzzy: mention.anchor.fuzzy });
          anchored.push({ annotation: mention.anchor.annotation.id, entity: mention.entity.id, method: mention.anchor.fuzzy ? 'fuzzy' : 'exact' });
        }
        if (next >= 0) return;
        // Last slice: the cards. Back to document order for the overlay, the popup and reveal().
        targets.reverse();
        anchored.reverse();
        unanchored.push(...failed.reverse());
        document.documentElement.setAttribute(ARTICLE_ATTRIBUTE, input.match.article.id);
        overlay = mountOverlay(input.match.article, targets, input.settings, MENTION_TAG, input.loadCards);
        if (!visible) setVisible(false);
        mounted = true;
      });
    }

    const wallMs = performance.now() - start;
    performance.measure('backstory:annotate', { start, duration: busy, detail: { wallMs, slices, longestSliceMs: longestSlice } });
    const { match } = input;
    return {
      articleId: match.article.id,
      articleNumber: match.articleNumber,
      paragraphsTotal: match.article.paragraphCount,
      paragraphsFound: match.alignment.filter((blocksOfParagraph) => blocksOfParagraph.length > 0).length,
      mentions: anchored,
      missing: unanchored,
      timings: { scan: input.scanMs, annotate: busy },
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
    applySettings(settings, write) {
      if (!lastInput) return null;
      const kindsChanged = JSON.stringify(settings.kinds) !== JSON.stringify(lastInput.settings.kinds);
      if (kindsChanged) return annotate({ ...lastInput, settings }, write);
      lastInput = { ...lastInput, settings };
      write(() => overlay?.applySettings(settings));
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

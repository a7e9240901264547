/**
 * The annotator chunk, injected by the background only into pages where an article was found:
 * anchors the annotations to live Ranges over the page's own text (no node is split, moved or
 * wrapped), registers them as highlights, mounts the UI host and the mentions' behaviour, and
 * undoes all of it when the pass's AbortSignal aborts. Registers itself for the content script.
 */
import { registerAnnotator, registeredAnnotator, type AnnotateInput, type Annotator } from '../shared/annotator-api.js';
import { ARTICLE_ATTRIBUTE } from '../shared/dom-contract.js';
import { annotatableIn, articleWrappers } from './annotatable.js';
import { anchorAnnotations, withoutOverlaps } from './anchor.js';
import { removeLegacyMentions } from './leftovers.js';
import { intact } from './mention.js';
import { mountMentionsUi, type AnchoredMention, type MentionsUi } from './mentions-ui.js';

interface Anchored {
  mentions: AnchoredMention[];
  /** Annotations whose quote was not found on the page (not those refused or filtered out). */
  notFound: number;
  /** Annotation ids not anchored (not found, refused by the annotatable rule, overlapping). */
  unanchored: string[];
  /** Annotation id of each mention, in the same order. */
  annotationIds: string[];
}

/** Anchors the annotations where the strict annotatable rule and the reader's kinds allow them. */
function anchorMentions({ match, blocks, settings }: AnnotateInput): Anchored {
  const { anchors, missing } = anchorAnnotations(match, blocks);
  const entities = new Map(match.article.entities.map((e) => [e.id, e]));
  // Extraction read generously (related boxes, page-wide forms, <pre>); a mention is only created
  // where the strict rule allows it. The refused ones are reported as not found on this page.
  const annotatable = annotatableIn(articleWrappers(match.alignment.flatMap((found) => blocks[found[0] ?? -1]?.nodes[0] ?? [])));
  const refused = anchors.filter((a) => !annotatable(a.range.startContainer) || !annotatable(a.range.endContainer));
  const allowed = anchors.filter((a) => !refused.includes(a) && settings.kinds[entities.get(a.annotation.entity)?.kind ?? 'person']);
  const { kept, dropped } = withoutOverlaps(allowed);
  const mentions: AnchoredMention[] = [];
  const annotationIds: string[] = [];
  for (const { annotation, range, fuzzy } of kept) {
    const entity = entities.get(annotation.entity);
    if (!entity) continue;
    mentions.push({ range, text: range.toString(), entity, fuzzy });
    annotationIds.push(annotation.id);
  }
  return {
    mentions,
    annotationIds,
    notFound: missing.length,
    unanchored: [...missing.map((a) => a.id), ...refused.map((a) => a.annotation.id), ...dropped.map((a) => a.annotation.id)],
  };
}

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
    let anchored: Anchored = { mentions: [], unanchored: [], annotationIds: [], notFound: 0 };
    write(() => {
      removeLegacyMentions();
      anchored = anchorMentions(input);
      document.documentElement.setAttribute(ARTICLE_ATTRIBUTE, input.match.article.id);
      ui = mountMentionsUi(input.match.article, anchored.mentions, input.settings, input.loadCards, controller.signal);
      if (!visible) ui.setEnabled(false);
    });
    notFound = anchored.notFound;
    const busy = performance.now() - start;
    performance.measure('backstory:annotate', { start, duration: busy, detail: { wallMs: busy, slices: 1, longestSliceMs: busy } });
    const { match } = input;
    return {
      articleId: match.article.id,
      articleNumber: match.articleNumber,
      paragraphsTotal: match.article.paragraphCount,
      paragraphsFound: match.alignment.filter((blocksOfParagraph) => blocksOfParagraph.length > 0).length,
      mentions: anchored.mentions.map((m, i) => ({
        annotation: anchored.annotationIds[i] as string,
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

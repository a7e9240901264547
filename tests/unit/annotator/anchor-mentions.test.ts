// @vitest-environment happy-dom
/**
 * The annotator's anchoring glue: which annotations become mentions on a page (anchored, allowed
 * by the annotatable rule and the reader's kinds, without overlaps), and that doing so changes
 * nothing of the page's DOM; when a mention stops being intact; legacy mention elements unwrapped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorMentions } from '../../../src/annotator/anchor-mentions.js';
import { removeLegacyMentions } from '../../../src/annotator/leftovers.js';
import { renderMentionList } from '../../../src/annotator/mention-list.js';
import { intact, type Mention } from '../../../src/annotator/mention.js';
import { extractBlocks } from '../../../src/content/extract.js';
import type { AnnotateInput } from '../../../src/shared/annotator-api.js';
import { ENTITY_ATTRIBUTE, MATCH_ATTRIBUTE, MENTION_LIST_ATTRIBUTE } from '../../../src/shared/dom-contract.js';
import { blockText } from '../../../src/shared/page-block.js';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings-defaults.js';
import type { Annotation, ArticleRecord, Entity, EntityKind } from '../../../src/shared/types.js';

const PARAGRAPHS = [
  'Vladimir Putin has finally congratulated Joe Biden on his election win this week.',
  'The Electoral College vote on Monday confirmed the result that Joe Biden had won.',
  'Readers also liked a story about Vladimir Putin and his long summer holidays abroad.',
  'A closing paragraph that this page does not carry at all, so nothing of it is found.',
];

const PAGE = `
<article>
  <p>${PARAGRAPHS[0]}</p>
  <p>The <b>Electoral College</b> vote on Monday confirmed the result that Joe Biden had won.</p>
  <div class="related"><p>${PARAGRAPHS[2]}</p></div>
</article>`;

function entity(id: string, kind: EntityKind): Entity {
  return { id, kind, name: id, aliases: [], description: 'd', roles: [], facts: [], timeline: [], sources: [], reviewedAt: '2026-02' };
}

function annotation(id: string, entityId: string, paragraph: number, exact: string): Annotation {
  const text = PARAGRAPHS[paragraph] as string;
  const at = text.indexOf(exact);
  return {
    id,
    entity: entityId,
    paragraph,
    exact,
    prefix: text.slice(Math.max(0, at - 32), at),
    suffix: text.slice(at + exact.length, at + exact.length + 32),
    occurrence: 0,
  };
}

const ARTICLE: ArticleRecord = {
  id: 'test-article',
  headline: 'h',
  publisher: 'p',
  published: '2020-12-15',
  urls: [],
  summary: 's',
  paragraphCount: PARAGRAPHS.length,
  entities: [entity('person.putin', 'person'), entity('person.biden', 'person'), entity('event.vote', 'event')],
  annotations: [
    annotation('a-putin', 'person.putin', 0, 'Vladimir Putin'),
    annotation('a-biden', 'person.biden', 0, 'Joe Biden'),
    // Overlaps a-biden: two anchors on the same words keep the first.
    annotation('a-biden-win', 'event.vote', 0, 'Biden on his election win'),
    // Crosses the page's <b>: anchored across the inline markup.
    annotation('a-vote', 'event.vote', 1, 'Electoral College vote'),
    annotation('a-biden-2', 'person.biden', 1, 'Joe Biden'),
    // In a related-stories box inside the article: read for detection, refused for mentions.
    annotation('a-related', 'person.putin', 2, 'Vladimir Putin'),
    // A paragraph the page does not carry.
    annotation('a-missing', 'person.putin', 3, 'closing paragraph'),
  ],
};

async function input(kinds: Partial<Record<EntityKind, boolean>> = {}): Promise<AnnotateInput> {
  const extraction = await extractBlocks(document.body, new AbortController().signal);
  const { blocks } = extraction;
  const texts = blocks.map((b) => blockText(b).replace(/\s+/g, ' ').trim());
  const alignment = PARAGRAPHS.map((p) => {
    const i = texts.indexOf(p);
    return i < 0 ? [] : [i];
  });
  return {
    match: {
      article: ARTICLE,
      articleNumber: 0,
      alignment,
      strongParagraphs: 3,
      coverage: alignment.map(() => ({ containment: 1, shingles: 10 })),
      repeatedBlocks: [],
    },
    blocks,
    texts: extraction.texts,
    settings: { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds, ...kinds } },
    scanMs: 0,
    loadCards: () => Promise.resolve(undefined),
    t: (key) => key,
  };
}

describe('anchorMentions', () => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
  });

  it('anchors what the page carries, refuses boilerplate, drops overlaps, counts what is not found, and changes nothing of the DOM', async () => {
    const before = document.body.innerHTML;
    const anchored = anchorMentions(await input());
    expect(anchored.mentions.map((m) => [m.entity.id, m.text])).toEqual([
      ['person.putin', 'Vladimir Putin'],
      ['person.biden', 'Joe Biden'],
      ['event.vote', 'Electoral College vote'],
      ['person.biden', 'Joe Biden'],
    ]);
    expect(anchored.mentions.map((m) => m.annotation)).toEqual(['a-putin', 'a-biden', 'a-vote', 'a-biden-2']);
    expect([...anchored.unanchored].sort()).toEqual(['a-biden-win', 'a-missing', 'a-related']);
    expect(anchored.notFound).toBe(1);
    for (const m of anchored.mentions) expect(m.range.toString()).toBe(m.text);
    // Ranges only: not one node of the page was split, moved or wrapped.
    expect(document.body.innerHTML).toBe(before);
  });

  it('leaves out the kinds the reader turned off, without counting them as missing', async () => {
    const anchored = anchorMentions(await input({ event: false }));
    expect(anchored.mentions.map((m) => m.entity.id)).toEqual(['person.putin', 'person.biden', 'person.biden']);
    expect(anchored.unanchored).not.toContain('a-vote');
  });

  it('a mention stops being intact when the page re-renders the text under it', async () => {
    const [putin, biden] = anchorMentions(await input()).mentions;
    const asMention = (m: typeof putin): Mention => ({ ...m!, item: document.createElement('li') });
    const first = asMention(putin);
    const second = asMention(biden);
    expect(intact(first)).toBe(true);
    // An app re-rendering the paragraph: new text nodes, the same words. (Editing a text node's
    // data in place collapses live ranges in browsers; happy-dom does not model that, e2e does.)
    const paragraph = document.querySelector('article p')!;
    paragraph.replaceChildren(document.createTextNode(paragraph.textContent ?? ''));
    expect(intact(first)).toBe(false);
    expect(intact(second)).toBe(false);
  });
});

describe('the contract list and legacy marks', () => {
  it('lists each mention with its entity, match and text, hidden, in order', () => {
    const host = document.createElement('div');
    const items = renderMentionList(host, [
      { entity: entity('person.putin', 'person'), fuzzy: false, text: 'Vladimir Putin' },
      { entity: entity('event.vote', 'event'), fuzzy: true, text: 'the vote' },
    ]);
    const list = host.querySelector(`[${MENTION_LIST_ATTRIBUTE}]`) as HTMLOListElement;
    expect(list.hidden).toBe(true);
    expect([...list.children]).toEqual(items);
    expect(items.map((i) => [i.getAttribute(ENTITY_ATTRIBUTE), i.getAttribute(MATCH_ATTRIBUTE), i.textContent])).toEqual([
      ['person.putin', 'exact', 'Vladimir Putin'],
      ['event.vote', 'fuzzy', 'the vote'],
    ]);
  });

  it('unwraps mention elements a page saved by an old version holds, keeping its text and its text nodes', () => {
    document.body.innerHTML = '<p>Then <backstory-mention data-backstory-entity="x">Joe <i>R.</i> Biden</backstory-mention> spoke.</p>';
    const inner = document.querySelector('backstory-mention')!.firstChild;
    removeLegacyMentions();
    expect(document.querySelector('backstory-mention')).toBeNull();
    expect(document.body.textContent).toBe('Then Joe R. Biden spoke.');
    expect(inner?.isConnected).toBe(true);
  });
});

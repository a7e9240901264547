// @vitest-environment happy-dom
/**
 * The DOM side of provenance and jump-to: which blocks are in the article's body, and the range a
 * jump marks.
 */
import { describe, expect, it } from 'vitest';
import { blocksInBody } from '../../../src/annotator/article-body.js';
import { rangeOfBlocks } from '../../../src/annotator/reveal-paragraph.js';
import type { PageBlock } from '../../../src/shared/page-block.js';

/** One block per element of `selector`: its text nodes, as extraction records them. */
function blocks(selector: string): PageBlock[] {
  return [...document.querySelectorAll(selector)].map((el) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    return { nodes, gaps: nodes.map(() => '') };
  });
}

describe('blocksInBody', () => {
  it('the innermost element holding every body paragraph found; the headline and the comments outside it', () => {
    document.body.innerHTML = `<article><h1>Headline</h1><div class="body"><p>One</p><p>Update line</p><p>Two</p></div>
      <section><p>A comment</p></section></article>`;
    // Paragraph 0 (the headline) is block 0, paragraphs 1 and 2 are blocks 1 and 3.
    expect(blocksInBody(blocks('h1, p'), [[0], [1], [3]])).toEqual([false, true, true, true, false]);
  });
  it('no body paragraph found: nothing is in the body', () => {
    document.body.innerHTML = '<h1>Headline</h1><p>Other</p>';
    expect(blocksInBody(blocks('h1, p'), [[0], []])).toEqual([false, false]);
  });
});

describe('rangeOfBlocks', () => {
  it('spans a paragraph split over two blocks, from the first text to the last', () => {
    document.body.innerHTML = '<p>He said he was confident,</p><p>"despite their differences."</p><p>Next.</p>';
    const [first, second] = blocks('p');
    expect(rangeOfBlocks([first!, second!])?.toString()).toBe('He said he was confident,"despite their differences."');
  });
  it('a block that left the page has no range', () => {
    document.body.innerHTML = '<p>Gone</p>';
    const [block] = blocks('p');
    document.body.innerHTML = '';
    expect(rangeOfBlocks([block!])).toBeNull();
  });
});

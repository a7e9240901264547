/**
 * Which page blocks lie inside the article's body: the innermost element holding every block the
 * article's paragraphs were found in, the headline's aside (it often sits in a header above the
 * body). What the page added there (an update line, an aggregator's banner, a syndication note) is
 * text inserted into the article; comments and sidebars outside it are not.
 */
import type { PageBlock } from '../shared/page-block.js';

function commonAncestor(a: Node, b: Node): Node | null {
  for (let node: Node | null = a; node; node = node.parentNode) if (node.contains(b)) return node;
  return null;
}

/** `alignment` as in PageMatch (per article paragraph, the blocks holding it; paragraph 0 is the headline). */
export function blocksInBody(blocks: readonly PageBlock[], alignment: readonly (readonly number[])[]): boolean[] {
  let body: Node | null = null;
  for (const list of alignment.slice(1))
    for (const index of list) {
      const node = blocks[index]?.nodes[0];
      if (node) body = body ? commonAncestor(body, node) : node.parentNode;
    }
  return blocks.map((block) => {
    const node = block.nodes[0];
    return body !== null && node !== undefined && body.contains(node);
  });
}

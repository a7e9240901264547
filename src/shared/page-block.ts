/**
 * A text block read from the page: the text nodes of one paragraph-like run, in order. `gaps[i]`
 * is the separator that stands before `nodes[i]` ("" inside inline markup, "\n" after a <br>),
 * so fingerprinting and anchoring see the same text.
 */
export interface PageBlock {
  nodes: Text[];
  gaps: string[];
}

export function blockText(block: PageBlock): string {
  let text = '';
  block.nodes.forEach((node, i) => {
    text += (block.gaps[i] ?? '') + node.data;
  });
  return text;
}

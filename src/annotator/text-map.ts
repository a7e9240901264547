/**
 * The normalised text of one or more page blocks, with a way back from normalised offsets to DOM
 * ranges. Inline markup (links, bold, comments) splits the text into several nodes; the map
 * hides that, so quotes are found across it.
 */
import { normaliseWithMap } from '../match/normalise.js';
import type { PageBlock } from '../shared/page-block.js';

export interface MappedText {
  text: string;
  /** A live DOM Range for normalised [start, end), or null if it falls between nodes. */
  range(start: number, end: number): Range | null;
}

export function mapBlocks(blocks: readonly PageBlock[]): MappedText {
  let raw = '';
  const starts: number[] = [];
  const nodes: Text[] = [];
  blocks.forEach((block, b) => {
    block.nodes.forEach((node, i) => {
      raw += (i === 0 && b > 0 ? '\n' : '') + (block.gaps[i] ?? '');
      starts.push(raw.length);
      nodes.push(node);
      raw += node.data;
    });
  });
  const { text, map } = normaliseWithMap(raw);

  /** The node holding raw offset `at`: the last one starting at or before it. */
  const nodeAt = (at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return {
    text,
    range(start, end) {
      if (start >= end || end > text.length) return null;
      const rawStart = map[start] as number;
      const rawEnd = (map[end - 1] as number) + 1;
      const a = nodeAt(rawStart);
      const b = nodeAt(rawEnd - 1);
      const startNode = nodes[a] as Text;
      const endNode = nodes[b] as Text;
      const startOffset = rawStart - (starts[a] as number);
      const endOffset = rawEnd - (starts[b] as number);
      if (startOffset > startNode.length || endOffset > endNode.length || !startNode.isConnected || !endNode.isConnected) return null;
      const range = document.createRange();
      range.setStart(startNode, startOffset);
      range.setEnd(endNode, endOffset);
      return range;
    },
  };
}

/**
 * What this copy of the article is (src/shared/provenance.ts), from the match and the page's
 * blocks: computed here, in the annotator, which only pages with an article load. No block is
 * hashed here: the background, which hashed them for the lookup, sent the blocks that repeat the
 * article with the match.
 */
import type { PageMatch } from '../shared/messages.js';
import { blockText, type PageBlock } from '../shared/page-block.js';
import { describeProvenance, type Provenance } from '../shared/provenance.js';
import { blocksInBody } from './article-body.js';

export function provenanceOf(match: PageMatch, blocks: readonly PageBlock[]): Provenance {
  const inBody = blocksInBody(blocks, match.alignment);
  return describeProvenance({
    pageUrl: location.href,
    urls: match.article.urls,
    alignment: match.alignment,
    coverage: match.coverage,
    repeated: match.repeatedBlocks,
    blocks: blocks.map((block, i) => ({ text: blockText(block), inBody: inBody[i] === true })),
  });
}

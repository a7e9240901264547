/**
 * What this copy of the article is (src/shared/provenance.ts), from the match and the page's
 * blocks: computed here, in the annotator, which only pages with an article load. No block is read
 * again (their texts are the extraction's, which the lookup used) nor hashed here: the background,
 * which hashed them for the lookup, sent the blocks that repeat the article with the match.
 */
import type { PageMatch } from '../shared/messages.js';
import type { PageBlock } from '../shared/page-block.js';
import { describeProvenance, type Provenance } from '../shared/provenance.js';
import { blocksInBody } from './article-body.js';

export function provenanceOf(match: PageMatch, blocks: readonly PageBlock[], texts: readonly string[]): Provenance {
  const inBody = blocksInBody(blocks, match.alignment);
  return describeProvenance({
    pageUrl: location.href,
    urls: match.article.urls,
    alignment: match.alignment,
    coverage: match.coverage,
    repeated: match.repeatedBlocks,
    blocks: texts.map((text, i) => ({ text, inBody: inBody[i] === true })),
  });
}

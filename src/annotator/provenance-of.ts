/**
 * What this copy of the article is (src/shared/provenance.ts), from the match and the page's
 * blocks: computed here, in the annotator, which only pages with an article load.
 */
import { fingerprint } from '../match/fingerprint.js';
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
    blocks: blocks.map((block, i) => {
      const text = blockText(block);
      return { text, hashes: fingerprint(text), inBody: inBody[i] === true };
    }),
  });
}

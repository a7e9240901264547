import type { Source } from '../shared/types.js';

/**
 * The build refuses non-https source links; the UI checks again, so a dataset that bypassed the
 * build (or a bug in it) can never put a `javascript:` or `data:` link in front of a reader.
 */
function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export interface SourceLinkProps {
  source: Source;
}

/** One source: a link opening in a new tab without an opener or referrer, or its title alone when its address is not https. */
export function SourceLink({ source }: SourceLinkProps) {
  return isHttps(source.url) ? (
    <a href={source.url} target="_blank" rel="noopener noreferrer">
      {source.title}
    </a>
  ) : (
    <>{source.title}</>
  );
}

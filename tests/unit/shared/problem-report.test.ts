import { describe, expect, it } from 'vitest';
import { describeMatch, formatProblemReport, type ProblemReport } from '../../../src/shared/problem-report.js';

const base: ProblemReport = {
  extensionVersion: '0.1.0',
  browser: 'Firefox/153.0',
  dataset: { articles: 1, entities: 14 },
  articleId: '2020-12-15-sun-putin-congratulates-biden',
  entityId: 'person.vladimir-putin',
  match: 'near copy',
  paragraphsFound: 7,
  paragraphsTotal: 19,
};

describe('formatProblemReport', () => {
  it('one key a line, the page left out unless given', () => {
    expect(formatProblemReport(base)).toBe(
      [
        'Backstory problem report',
        'extension: 0.1.0',
        'browser: Firefox/153.0',
        'dataset: 1 articles, 14 entities',
        'article: 2020-12-15-sun-putin-congratulates-biden',
        'entity: person.vladimir-putin',
        'match: near copy',
        'paragraphs found: 7 of 19',
        'page: not included',
        'what went wrong: ',
      ].join('\n'),
    );
    expect(formatProblemReport({ ...base, pageUrl: 'https://example.com/a' })).toContain('\npage: https://example.com/a\n');
  });
  it('a page without an article, a report without an entity', () => {
    const text = formatProblemReport({ ...base, articleId: null, entityId: undefined, paragraphsFound: null, paragraphsTotal: null, match: 'no mentions' });
    expect(text).toContain('\narticle: none\nentity: none (the whole page)\nmatch: no mentions\nparagraphs found: unknown\n');
  });
});

describe('describeMatch', () => {
  it('one mention by its method, a page by counts', () => {
    expect(describeMatch(['exact'])).toBe('exact');
    expect(describeMatch(['fuzzy'])).toBe('near copy');
    expect(describeMatch(['exact', 'fuzzy', 'exact'])).toBe('2 exact, 1 near copy');
    expect(describeMatch([])).toBe('no mentions');
  });
});

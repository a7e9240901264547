import { describe, expect, it } from 'vitest';
import { compileDataset, formatDatasetErrors } from '../../../tools/dataset/compile.js';
import { findShippedText, LEAK_WORDS, type ArticleText } from '../../../tools/dataset/shipped-text.js';
import { DATA_DIR } from './helpers.js';

const PARAGRAPH = 'The minister said on Tuesday that the new rules would apply to every port in the country from March, after months of talks.';

function article(annotations: ArticleText['record']['annotations'] = []): ArticleText {
  return { record: { id: 'a', headline: 'Ports get new rules from March', annotations }, paragraphs: ['Ports get new rules from March', PARAGRAPH] };
}

const annotation = (prefix: string, exact: string, suffix: string): ArticleText['record']['annotations'][number] => ({
  id: 'p1:0',
  entity: 'person.minister',
  paragraph: 1,
  exact,
  prefix,
  suffix,
  occurrence: 0,
});

describe('findShippedText', () => {
  it('finds a paragraph shipped whole, whatever the escaping or case', () => {
    const json = JSON.stringify({ text: PARAGRAPH.toUpperCase().replace('Tuesday', '"Tuesday"') });
    const found = findShippedText([article()], [{ name: 'data/articles/0.json', text: json }]);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ file: 'data/articles/0.json', article: 'a', paragraph: 1 });
    expect(found[0]?.words.split(' ')).toHaveLength(LEAK_WORDS);
  });

  it('finds a run of LEAK_WORDS words, and lets a shorter one pass', () => {
    const words = PARAGRAPH.split(' ');
    const run = words.slice(3, 3 + LEAK_WORDS).join(' ');
    const shorter = words.slice(3, 2 + LEAK_WORDS).join(' ');
    expect(findShippedText([article()], [{ name: 'x.js', text: `var s = "${run}";` }])).toHaveLength(1);
    expect(findShippedText([article()], [{ name: 'x.js', text: `var s = "${shorter}";` }])).toEqual([]);
  });

  it('allows a run inside one selector and the headline, not a run across two selectors', () => {
    const one = annotation('The minister said on Tuesday that ', 'the new rules', ' would apply to every port');
    const selectorJson = JSON.stringify({ annotations: [one], headline: 'Ports get new rules from March' });
    expect(findShippedText([article([one])], [{ name: 'r.json', text: selectorJson }])).toEqual([]);
    // Two selectors that together spell the paragraph out: their concatenation is not a selector.
    const left = annotation('The minister said on ', 'Tuesday', ' that the new rules');
    const right = annotation('would apply to every ', 'port', ' in the country from March');
    const chained = `${left.prefix}${left.exact}${left.suffix} ${right.prefix}${right.exact}${right.suffix}`;
    expect(findShippedText([article([left, right])], [{ name: 'r.json', text: chained }]).length).toBeGreaterThan(0);
  });

  it('finds nothing in the real dataset as compiled (records, catalog) beyond its selectors', () => {
    const result = compileDataset(DATA_DIR);
    if (!result.ok) throw new Error(formatDatasetErrors(result.errors));
    const { records, paragraphTexts, catalog } = result.compiled;
    const articles = records.map((record, i) => ({ record, paragraphs: paragraphTexts[i] as string[] }));
    expect(articles[0]?.paragraphs.length).toBeGreaterThan(10);
    expect(
      findShippedText(articles, [
        { name: 'records', text: JSON.stringify(records) },
        { name: 'catalog', text: JSON.stringify(catalog) },
      ]),
    ).toEqual([]);
    // The check can fail on this data: the same records with their paragraphs put back.
    const withText = records.map((record, i) => ({ ...record, paragraphs: paragraphTexts[i] }));
    expect(findShippedText(articles, [{ name: 'records', text: JSON.stringify(withText) }]).length).toBeGreaterThan(100);
  });
});

/**
 * The positive real-page suite's oracle (tests/e2e/realpages-dataset.ts, pageHolds): whether a
 * page holds an article is decided word for word, independently of the detector, so these cases
 * pin what it accepts.
 */
import { describe, expect, it } from 'vitest';
import { pageHolds, pageNgrams, words } from '../../e2e/realpages-dataset.js';

const PARAGRAPHS = [
  'The council voted on Tuesday to close the old bridge for repairs lasting most of the summer.',
  'Drivers will be sent through the town centre, where the market moves to the north square.',
  'The mayor said the work could not wait another year after the inspection found cracks.',
];

describe('the real pages oracle', () => {
  it('counts words, not punctuation, case or spacing', () => {
    expect(words('The  Mayor’s “work”—could NOT wait.')).toEqual(['the', 'mayor', 's', 'work', 'could', 'not', 'wait']);
  });

  it('a page holds an article whose paragraphs it carries word for word, among other text', () => {
    const page = `Menu Home News ${PARAGRAPHS.join(' Advertisement ').toUpperCase()} Share this story`;
    expect(pageHolds(pageNgrams(page), PARAGRAPHS)).toBe(true);
  });

  it('a page holding one paragraph of three (a quotation) does not hold the article', () => {
    expect(pageHolds(pageNgrams(`Elsewhere: ${PARAGRAPHS[2]}`), PARAGRAPHS)).toBe(false);
  });

  it('a paragraph rewritten in a third of its words is not on the page', () => {
    const rewritten = PARAGRAPHS.map((p) => p.replace(/\b(the|to|for|of|where|after)\b/g, 'x'));
    expect(pageHolds(pageNgrams(rewritten.join(' ')), PARAGRAPHS)).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleSource, EntitySource } from '../../../src/data/schema.js';
import { CompiledIndex } from '../../../src/match/index-format.js';
import { normalise } from '../../../src/match/normalise.js';
import { anchorQuote } from '../../../src/match/quote.js';
import { compileDataset, CONTEXT_CHARS, type DatasetError, formatDatasetErrors } from '../../../tools/dataset/compile.js';
import { article, DATA_DIR, entity, validFiles, writeDataset } from './helpers.js';

const A = path.join('articles', 'a.json');
const ALICE = path.join('entities', 'person.alice-smith.json');

/** The day the date rules are checked against, fixed so the tests do not depend on the clock. */
const TODAY = '2026-12-01';

function errorsOf(files: ReturnType<typeof validFiles>): DatasetError[] {
  const result = compileDataset(writeDataset(files), { today: TODAY });
  if (result.ok) throw new Error('expected the dataset to be refused');
  return result.errors;
}

/** A valid dataset with one change to the article. */
function withArticle(change: (a: ArticleSource) => void): DatasetError[] {
  const files = validFiles();
  const a = article('test-article');
  change(a);
  files.articles['a.json'] = a;
  return errorsOf(files);
}

/**
 * A valid dataset with one change to Alice's entity file: returns the errors of that file (a
 * refused entity also makes the article's mentions of it unknown ids, checked here too).
 */
function withAlice(change: (e: EntitySource) => void): DatasetError[] {
  const files = validFiles();
  const e = entity('person.alice-smith', 'Alice Smith');
  change(e);
  files.entities['person.alice-smith.json'] = e;
  const errors = errorsOf(files);
  const cascade = errors.filter((x) => x.file !== ALICE);
  expect(cascade.map((x) => x.reason)).toEqual(['unknown entity id "person.alice-smith"', 'unknown entity id "person.alice-smith"']);
  return errors.filter((x) => x.file === ALICE);
}

/**
 * A valid dataset with one change to Alice's entity that passes the schema but breaks a rule on
 * how current the entity is: the entity is kept (its mentions resolve), so only its own errors come back.
 */
function withAliceDates(change: (e: EntitySource) => void): DatasetError[] {
  const files = validFiles();
  const e = entity('person.alice-smith', 'Alice Smith');
  change(e);
  files.entities['person.alice-smith.json'] = e;
  return errorsOf(files);
}

function paragraph(a: ArticleSource, i: number): ArticleSource['paragraphs'][number] {
  const p = a.paragraphs[i];
  if (!p) throw new Error(`no paragraph ${i}`);
  return p;
}

describe('compileDataset: valid data', () => {
  it('compiles the small valid dataset', () => {
    const result = compileDataset(writeDataset(validFiles()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.compiled.catalog).toEqual({ articles: ['test-article'], entityCount: 2 });
    const record = result.compiled.records[0];
    expect(record?.annotations.map((a) => [a.entity, a.paragraph, a.exact])).toEqual([
      ['person.alice-smith', 0, 'Alice Smith'],
      ['person.bob-jones', 0, 'Bob Jones'],
      ['person.alice-smith', 1, 'Alice Smith'],
      ['person.bob-jones', 1, 'Bob Jones'],
    ]);
    // The second "Bob Jones" mention of p1 is its first occurrence.
    expect(record?.annotations[3]?.occurrence).toBe(0);
    expect(new CompiledIndex(result.compiled.indexShards[0] as ArrayBuffer).articleCount).toBe(1);
    // The compiled record keeps the paragraph count, never the paragraphs' text.
    expect(record?.paragraphCount).toBe(2);
    expect(JSON.stringify(record)).not.toContain(paragraph(article('test-article'), 1).text);
  });
});

describe('compileDataset: every bad-data class is refused with file, JSON path and reason', () => {
  it('unknown entity id', () => {
    const errors = withArticle((a) => {
      paragraph(a, 1).mentions[0] = { entity: 'person.nobody', exact: 'Alice Smith' };
    });
    expect(errors).toEqual([{ file: A, path: '$.paragraphs[1].mentions[0].entity', reason: 'unknown entity id "person.nobody"' }]);
  });

  it('quote not found in its paragraph', () => {
    const errors = withArticle((a) => {
      paragraph(a, 1).mentions[0] = { entity: 'person.alice-smith', exact: 'Alice Smyth' };
    });
    expect(errors).toEqual([{ file: A, path: '$.paragraphs[1].mentions[0].exact', reason: 'quote "[Alice Smyth]" not found in paragraph p1' }]);
    const withContext = withArticle((a) => {
      paragraph(a, 1).mentions[0] = { entity: 'person.alice-smith', exact: 'Alice Smith', prefix: 'Yesterday ' };
    });
    expect(withContext).toEqual([{ file: A, path: '$.paragraphs[1].mentions[0].exact', reason: 'quote "Yesterday [Alice Smith]" not found in paragraph p1' }]);
  });

  it('quote ambiguous in its paragraph', () => {
    const errors = withArticle((a) => {
      paragraph(a, 1).mentions[1] = { entity: 'person.bob-jones', exact: 'Bob Jones' };
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: A, path: '$.paragraphs[1].mentions[1].exact' });
    expect(errors[0]?.reason).toBe('quote "[Bob Jones]" is ambiguous: found 2 times in paragraph p1; add a prefix or suffix');
  });

  it('duplicate entity ids', () => {
    const files = validFiles();
    files.entities['person.zz-copy.json'] = entity('person.alice-smith', 'Alice Copy');
    expect(errorsOf(files)).toEqual([{ file: path.join('entities', 'person.zz-copy.json'), path: '$.id', reason: 'duplicate entity id "person.alice-smith"' }]);
  });

  it('entity file named after another id', () => {
    const files = validFiles();
    files.entities['person.carol.json'] = entity('person.carol-white', 'Carol White');
    expect(errorsOf(files)).toEqual([
      { file: path.join('entities', 'person.carol.json'), path: '$.id', reason: 'file name must be "person.carol-white.json"' },
    ]);
  });

  it('duplicate article ids', () => {
    const files = validFiles();
    files.articles['b.json'] = article('test-article');
    expect(errorsOf(files)).toEqual([{ file: path.join('articles', 'b.json'), path: '$.id', reason: 'duplicate article id "test-article"' }]);
  });

  it('non-https links: http:, javascript:, data:', () => {
    const httpsReason = 'must be an https:// link (http:, javascript:, data: and others are refused)';
    for (const url of ['http://example.org/source', 'javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const errors = withAlice((e) => {
        e.sources = [{ title: 'Example Outlet — Example source', url }];
      });
      expect(errors).toContainEqual({ file: ALICE, path: '$.sources[0].url', reason: httpsReason });
      expect(errors.every((e) => e.file === ALICE && e.path === '$.sources[0].url')).toBe(true);
      const articleErrors = withArticle((a) => {
        a.urls = ['https://example.org/ok', url];
      });
      expect(articleErrors).toContainEqual({ file: A, path: '$.urls[1]', reason: httpsReason });
      expect(articleErrors.every((e) => e.path === '$.urls[1]')).toBe(true);
    }
  });

  it('empty text', () => {
    expect(
      withArticle((a) => {
        a.summary = '   ';
      }),
    ).toEqual([{ file: A, path: '$.summary', reason: 'must not be empty' }]);
    const errors = withArticle((a) => {
      paragraph(a, 1).text = '';
      paragraph(a, 1).mentions = [];
    });
    expect(errors).toEqual([{ file: A, path: '$.paragraphs[1].text', reason: 'must not be empty' }]);
    expect(
      withAlice((e) => {
        e.description = '\n\t ';
      }),
    ).toEqual([{ file: ALICE, path: '$.description', reason: 'must not be empty' }]);
  });

  it('dates that do not parse: 2020-02-30 and "15 Dec 2020"', () => {
    expect(
      withArticle((a) => {
        a.published = '2020-02-30';
      }),
    ).toEqual([{ file: A, path: '$.published', reason: 'is not a real calendar date' }]);
    const written = withArticle((a) => {
      a.published = '15 Dec 2020';
    });
    expect(written).toContainEqual({ file: A, path: '$.published', reason: 'must be a date as YYYY-MM-DD' });
    expect(written.every((e) => e.path === '$.published')).toBe(true);
    expect(
      withAlice((e) => {
        e.timeline = [{ date: '2021-13', text: 'Bad month.' }];
      }),
    ).toEqual([{ file: ALICE, path: '$.timeline[0].date', reason: 'is not a real calendar date' }]);
  });

  it('HTML in a text field: tags and entities', () => {
    const reason = 'must be plain text: markup and HTML entities are not allowed';
    expect(
      withArticle((a) => {
        a.summary = 'Two people <b>x</b> met.';
      }),
    ).toEqual([{ file: A, path: '$.summary', reason }]);
    expect(
      withArticle((a) => {
        paragraph(a, 1).text = 'Alice Smith said on Monday that Bob Jones would visit &amp; stay.';
      }),
    ).toEqual([{ file: A, path: '$.paragraphs[1].text', reason }]);
    expect(
      withAlice((e) => {
        e.facts = [
          { label: 'Born', value: '1950' },
          { label: 'Note', value: '<script>alert(1)</script>' },
        ];
      }),
    ).toEqual([{ file: ALICE, path: '$.facts[1].value', reason }]);
    // Plain ampersands and comparisons are fine.
    const ok = validFiles();
    ok.articles['a.json'] = article('test-article', { summary: 'Smith & Jones met; 3 < 4 and 5 > 2.' });
    expect(compileDataset(writeDataset(ok)).ok).toBe(true);
  });

  it('entity without a review date, or with one that is a bare year or not a real date', () => {
    expect(
      withAlice((e) => {
        delete (e as Partial<EntitySource>).reviewedAt;
      }),
    ).toEqual([{ file: ALICE, path: '$.reviewedAt', reason: 'Invalid key: Expected "reviewedAt" but received undefined' }]);
    const bareYear = withAlice((e) => {
      e.reviewedAt = '2026';
    });
    expect(bareYear).toEqual([{ file: ALICE, path: '$.reviewedAt', reason: 'must be a date as YYYY-MM or YYYY-MM-DD' }]);
    expect(
      withAlice((e) => {
        e.reviewedAt = '2026-02-30';
      }),
    ).toEqual([{ file: ALICE, path: '$.reviewedAt', reason: 'is not a real calendar date' }]);
  });

  it('review date after today', () => {
    const errors = withAliceDates((e) => {
      e.reviewedAt = '2026-12-02';
    });
    expect(errors).toEqual([{ file: ALICE, path: '$.reviewedAt', reason: 'review date "2026-12-02" is after today (2026-12-01)' }]);
    // A review dated today, or this month, is fine.
    for (const reviewedAt of ['2026-12-01', '2026-12']) {
      const files = validFiles();
      files.entities['person.alice-smith.json'] = entity('person.alice-smith', 'Alice Smith', { reviewedAt });
      expect(compileDataset(writeDataset(files), { today: TODAY }).ok).toBe(true);
    }
  });

  it('timeline date after today', () => {
    const errors = withAliceDates((e) => {
      e.reviewedAt = '2026-12-01';
      e.timeline = [
        { date: '2026-11-30', text: 'Yesterday.' },
        { date: '2027', text: 'Next year.' },
      ];
    });
    expect(errors).toEqual([{ file: ALICE, path: '$.timeline[1].date', reason: '"2027" is after today (2026-12-01)' }]);
  });

  it('timeline date after the review date: the review is older than the newest item', () => {
    const reason = (date: string, review: string) =>
      `"${date}" is after the entity's review date "${review}": the review date must not be older than the newest timeline item`;
    const errors = withAliceDates((e) => {
      e.reviewedAt = '2026-02';
      e.timeline = [
        { date: '2026-02-28', text: 'Within the review month.' },
        { date: '2026-03-01', text: 'After it.' },
        { date: '2026', text: 'Could be January: allowed.' },
      ];
    });
    expect(errors).toEqual([{ file: ALICE, path: '$.timeline[1].date', reason: reason('2026-03-01', '2026-02') }]);
    const byDay = withAliceDates((e) => {
      e.reviewedAt = '2025-08-15';
      e.timeline = [{ date: '2025-08-16', text: 'The day after the review.' }];
    });
    expect(byDay).toEqual([{ file: ALICE, path: '$.timeline[0].date', reason: reason('2025-08-16', '2025-08-15') }]);
  });

  it('source title that does not name its outlet', () => {
    const reason = 'must name its outlet: "Outlet — Headline" (an outlet of 2 to 60 characters, then " — " and the headline)';
    for (const title of [
      'Putin congratulates Biden',
      '— Putin congratulates Biden',
      'BBC News —',
      'BBC News - Putin congratulates Biden',
      `${'A'.repeat(61)} — Headline`,
    ]) {
      const errors = withAlice((e) => {
        e.sources = [
          { title: 'BBC News — Fine', url: 'https://www.bbc.co.uk/news/1' },
          { title, url: 'https://example.org/2' },
        ];
      });
      expect(errors, title).toEqual([{ file: ALICE, path: '$.sources[1].title', reason }]);
    }
  });

  it('overlapping mentions', () => {
    const errors = withArticle((a) => {
      paragraph(a, 1).mentions = [
        { entity: 'person.alice-smith', exact: 'Alice Smith' },
        { entity: 'person.alice-smith', exact: 'Smith said' },
      ];
    });
    expect(errors).toEqual([{ file: A, path: '$.paragraphs[1].mentions[1]', reason: 'overlaps mentions[0] in paragraph p1' }]);
  });

  it('invalid JSON', () => {
    const files = validFiles();
    files.articles['a.json'] = '{ "id": "test-article", ';
    const errors = errorsOf(files);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: A, path: '$' });
    expect(errors[0]?.reason).toMatch(/^is not valid JSON \(.+\)$/);
  });

  it('unknown extra field', () => {
    expect(
      withArticle((a) => {
        Object.assign(a, { author: 'Someone' });
      }),
    ).toEqual([{ file: A, path: '$.author', reason: 'Invalid key: Expected never but received "author"' }]);
    const nested = withArticle((a) => {
      Object.assign(paragraph(a, 1).mentions[0] ?? {}, { note: 'x' });
    });
    expect(nested).toEqual([{ file: A, path: '$.paragraphs[1].mentions[0].note', reason: 'Invalid key: Expected never but received "note"' }]);
  });

  it('formats errors one per line as file: path: reason', () => {
    const errors: DatasetError[] = [
      { file: 'a', path: '$.x', reason: 'r1' },
      { file: 'b', path: '$', reason: 'r2' },
    ];
    expect(formatDatasetErrors(errors)).toBe('a: $.x: r1\nb: $: r2');
  });

  it('reports every error, not only the first', () => {
    const errors = withArticle((a) => {
      a.published = '2020-02-30';
      paragraph(a, 1).mentions[0] = { entity: 'person.nobody', exact: 'Alice Smith' };
    });
    // Schema errors stop the file before cross-file checks; both kinds are found when separate.
    expect(errors.map((e) => e.path)).toEqual(['$.published']);
    const files = validFiles();
    files.articles['b.json'] = article('other-article', { published: '2020-02-30' });
    const a = article('test-article');
    paragraph(a, 1).mentions[0] = { entity: 'person.nobody', exact: 'Alice Smith' };
    files.articles['a.json'] = a;
    expect(
      errorsOf(files)
        .map((e) => `${e.file} ${e.path}`)
        .sort(),
    ).toEqual([`${A} $.paragraphs[1].mentions[0].entity`, `${path.join('articles', 'b.json')} $.published`]);
  });
});

describe('the real dataset (src/data)', () => {
  const result = compileDataset(DATA_DIR);

  it('compiles', () => {
    if (!result.ok) throw new Error(formatDatasetErrors(result.errors));
    expect(result.compiled.records.length).toBeGreaterThanOrEqual(1);
  });

  it('every annotation of the seed article resolves to exactly one place in its paragraph', () => {
    if (!result.ok) throw new Error('dataset invalid');
    const seed = result.compiled.records.find((r) => r.id === '2020-12-15-sun-putin-congratulates-biden');
    // The record holds no text: the selectors are checked against the source paragraphs.
    const seedSource = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'articles', '2020-12-15-sun-putin-congratulates-biden.json'), 'utf8')) as ArticleSource;
    expect(seed).toBeDefined();
    if (!seed) return;
    expect(seed.annotations.length).toBeGreaterThan(30);
    for (const a of seed.annotations) {
      const text = seedSource.paragraphs[a.paragraph]?.text ?? '';
      const needle = a.prefix + a.exact + a.suffix;
      const first = text.indexOf(needle);
      expect(first, `${a.id} ${a.exact}`).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(needle, first + 1), `${a.id} ${a.exact}`).toBe(-1);
      expect(a.prefix.length).toBeLessThanOrEqual(CONTEXT_CHARS);
      expect(a.suffix.length).toBeLessThanOrEqual(CONTEXT_CHARS);
      expect(text.slice(first + a.prefix.length, first + a.prefix.length + a.exact.length)).toBe(a.exact);
      // And the anchorer, on the normalised paragraph, lands on the same words.
      const normalised = normalise(text);
      const m = anchorQuote(normalised, { exact: normalise(a.exact), prefix: normalise(a.prefix), suffix: normalise(a.suffix), occurrence: a.occurrence });
      expect(m?.method, `${a.id} ${a.exact}`).toBe('exact');
      expect(normalised.slice(m?.start, m?.end)).toBe(normalise(a.exact));
      expect(m?.start).toBe(normalise(text.slice(0, first + a.prefix.length) + 'x').length - 1);
    }
  });

  it('the seed article mentions all 14 entities', () => {
    if (!result.ok) throw new Error('dataset invalid');
    const seed = result.compiled.records.find((r) => r.id === '2020-12-15-sun-putin-congratulates-biden');
    const mentioned = new Set(seed?.annotations.map((a) => a.entity));
    expect(mentioned.size).toBe(14);
    expect(result.compiled.catalog.entityCount).toBe(14);
    expect(seed?.entities.map((e) => e.id).sort()).toEqual([...mentioned].sort());
  });
});

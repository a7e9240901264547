import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../../src/data/schema.js';
import { compileDataset } from '../../../tools/dataset/compile.js';
import { main } from '../../../tools/dataset/cli.js';
import { articleIdFromFileName, countOccurrences, disambiguate, splitArticleText, suggestArticle, type AliasSource } from '../../../tools/dataset/suggest.js';
import { DATA_DIR, ROOT, tempDir } from './helpers.js';

const PUTIN: AliasSource = { id: 'person.vladimir-putin', aliases: ['Putin', 'Vladimir Putin', "Putin's"] };
const BIDEN: AliasSource = { id: 'person.joe-biden', aliases: ['Biden', 'Joe Biden'] };

function realEntities(): AliasSource[] {
  const dir = path.join(DATA_DIR, 'entities');
  return fs.readdirSync(dir).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as AliasSource);
}

describe('splitArticleText', () => {
  it('takes the first non-empty line as headline and blank-line separated paragraphs', () => {
    const text = '\uFEFF\r\n\r\n  The headline here  \r\n\r\nFirst paragraph\r\ncontinues here.\r\n\r\n\r\n  Second   one.  \n';
    expect(splitArticleText(text)).toEqual({ headline: 'The headline here', paragraphs: ['First paragraph continues here.', 'Second one.'] });
    expect(splitArticleText('')).toEqual({ headline: '', paragraphs: [] });
  });
});

describe('suggestArticle', () => {
  it('builds a skeleton in the source format', () => {
    const article = suggestArticle('Putin writes to Biden\n\nPutin sent a telegram.\n\nNothing here.', [PUTIN, BIDEN], 'putin-writes');
    expect(article).toMatchObject({ id: 'putin-writes', headline: 'Putin writes to Biden', publisher: 'TODO', published: 'TODO', urls: [], summary: 'TODO' });
    expect(article.paragraphs.map((p) => [p.id, p.role, p.text])).toEqual([
      ['p0', 'headline', 'Putin writes to Biden'],
      ['p1', undefined, 'Putin sent a telegram.'],
      ['p2', undefined, 'Nothing here.'],
    ]);
    expect('role' in (article.paragraphs[1] ?? {})).toBe(false);
    expect(article.paragraphs[0]?.mentions).toEqual([
      { entity: 'person.vladimir-putin', exact: 'Putin' },
      { entity: 'person.joe-biden', exact: 'Biden' },
    ]);
    expect(article.paragraphs[2]?.mentions).toEqual([]);
  });

  it('prefers longer aliases over shorter overlapping ones', () => {
    const [p] = suggestArticle('Vladimir Putin and Joe Biden', [PUTIN, BIDEN], 'x').paragraphs;
    expect(p?.mentions.map((m) => m.exact)).toEqual(['Vladimir Putin', 'Joe Biden']);
    const [q] = suggestArticle("Putin's plan", [PUTIN], 'x').paragraphs;
    expect(q?.mentions).toEqual([{ entity: 'person.vladimir-putin', exact: "Putin's" }]);
  });

  it('matches whole words only, case-sensitively', () => {
    const [p] = suggestArticle('Putinism and putin and BIDEN and Bidenomics, but Biden.', [PUTIN, BIDEN], 'x').paragraphs;
    // "Biden" also occurs inside "Bidenomics", so the compiler needs context to find it once.
    expect(p?.mentions).toEqual([{ entity: 'person.joe-biden', exact: 'Biden', prefix: 'but ' }]);
  });

  it('adds a prefix or suffix when the alias occurs more than once in the paragraph', () => {
    const text = 'Putin met Biden. Later Putin told Biden that Putin was ready.';
    const [p] = suggestArticle(`Headline\n\n${text}`, [PUTIN, BIDEN], 'x').paragraphs.slice(1);
    expect(p?.mentions.map((m) => m.exact)).toEqual(['Putin', 'Biden', 'Putin', 'Biden', 'Putin']);
    const starts: number[] = [];
    for (const m of p?.mentions ?? []) {
      expect(m.prefix !== undefined || m.suffix !== undefined).toBe(true);
      const needle = (m.prefix ?? '') + m.exact + (m.suffix ?? '');
      expect(countOccurrences(text, needle)).toBe(1);
      starts.push(text.indexOf(needle) + (m.prefix ?? '').length);
    }
    // Each mention lands on a different occurrence, in text order.
    expect(starts).toEqual([0, 10, 23, 34, 45]);
  });

  it('disambiguate returns the shortest word-aligned context', () => {
    const text = 'a b x c d x e';
    expect(disambiguate(text, 4, 5)).toEqual({ prefix: 'b ' });
    expect(disambiguate(text, 10, 11)).toEqual({ prefix: 'd ' });
    expect(disambiguate('x and x', 0, 1)).toEqual({ suffix: ' and' });
    expect(disambiguate('only x here', 5, 6)).toEqual({});
    const repetitive = 'x x x x';
    for (const start of [0, 2, 4, 6]) {
      const { prefix = '', suffix = '' } = disambiguate(repetitive, start, start + 1);
      expect(countOccurrences(repetitive, prefix + 'x' + suffix)).toBe(1);
      expect(repetitive.indexOf(prefix + 'x' + suffix) + prefix.length).toBe(start);
    }
  });

  it('suggests mentions for the seed article that the compiler accepts', () => {
    const seedFile = path.join(DATA_DIR, 'articles', '2020-12-15-sun-putin-congratulates-biden.json');
    const seed = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as ArticleSource;
    const text = seed.paragraphs.map((p) => p.text).join('\n\n');
    const suggested = suggestArticle(text, realEntities(), 'seed-copy');
    expect(suggested.paragraphs.map((p) => p.text)).toEqual(seed.paragraphs.map((p) => p.text));
    expect(suggested.paragraphs[1]?.mentions.map((m) => m.exact)).toContain('VLADIMIR Putin');
    const found = new Set(suggested.paragraphs.flatMap((p) => p.mentions.map((m) => m.entity)));
    expect(found.has('person.vladimir-putin')).toBe(true);
    expect(found.has('person.joe-biden')).toBe(true);

    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'articles'));
    fs.cpSync(path.join(DATA_DIR, 'entities'), path.join(dir, 'entities'), { recursive: true });
    const filled = { ...suggested, publisher: 'The Sun', published: '2020-12-15', summary: 'Copy for the suggest test.' };
    fs.writeFileSync(path.join(dir, 'articles', 'seed-copy.json'), JSON.stringify(filled));
    const result = compileDataset(dir);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(result.compiled.records[0]?.annotations.length).toBe(suggested.paragraphs.reduce((n, p) => n + p.mentions.length, 0));
  });
});

describe('articleIdFromFileName', () => {
  it('derives a lower-case hyphenated id', () => {
    expect(articleIdFromFileName('/tmp/2020-12-15 Sun Putin.txt')).toBe('2020-12-15-sun-putin');
    expect(articleIdFromFileName('000_f58aa786c3cac6ea.txt')).toBe('000-f58aa786c3cac6ea');
    expect(articleIdFromFileName('Élysée__Talks.v2.txt')).toBe('elysee-talks-v2');
    expect(articleIdFromFileName('___.txt')).toBe('article');
  });
});

describe('CLI suggest', () => {
  it('prints the skeleton as JSON and exits 0; usage errors exit 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'My Article.txt');
    fs.writeFileSync(file, 'Putin and Biden\n\nVladimir Putin spoke.\n');
    const out: string[] = [];
    const err: string[] = [];
    const io = { root: ROOT, cwd: dir, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(main(['suggest', 'My Article.txt'], io)).toBe(0);
    const printed = JSON.parse(out.join('\n')) as ArticleSource;
    expect(printed.id).toBe('my-article');
    expect(printed.paragraphs[1]?.mentions).toEqual([{ entity: 'person.vladimir-putin', exact: 'Vladimir Putin' }]);
    expect(main(['suggest'], io)).toBe(2);
    expect(main(['suggest', 'missing.txt'], io)).toBe(2);
    expect(main(['suggest', 'My Article.txt', '--bogus'], io)).toBe(2);
    expect(err.join('\n')).toContain('usage:');
  });
});

/**
 * `npm run dataset -- synth N --seed S`: a deterministic synthetic dataset in the source format,
 * for scale tests and benchmarks. Everything comes from one seeded PRNG (mulberry32), so the same
 * N and S always give byte-identical files. Text is pseudo-words built from syllables mixed with
 * English function words, in paragraphs of realistic length; every article mentions about five
 * entities drawn from a shared pool of N/2+10, and every mention is unique in its paragraph (with
 * a prefix or suffix where needed), so the output passes `compileDataset`.
 */
import type { ArticleSource, EntitySource } from '../../src/data/schema.js';
import { disambiguate } from './suggest.js';

export interface SynthDataset {
  entities: EntitySource[];
  articles: ArticleSource[];
}

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Source JSON as the repository stores it: 2-space indent, trailing newline. */
export function toSourceJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'st', 'tr', 'sh', 'ch', 'pl', 'gr'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'm', 'k'];
const FUNCTION_WORDS = ['the', 'of', 'and', 'to', 'in', 'a', 'that', 'was', 'for', 'on', 'with', 'as', 'by', 'at', 'from', 'his', 'her', 'it', 'is', 'said'];
const ORG_WORDS = ['Council', 'Institute', 'Party', 'Ministry', 'Agency', 'Bank', 'Union', 'Committee'];
const EVENT_WORDS = ['Summit', 'Election', 'Accord', 'Crisis', 'Referendum', 'Talks', 'Inquiry'];
const LAW_WORDS = ['Act', 'Bill', 'Decree', 'Amendment', 'Statute'];
const FACT_LABELS = ['Born', 'Founded', 'Seat', 'Role', 'Known for', 'Members', 'Date', 'Outcome', 'Status'];
const KINDS = [
  { kind: 'person', prefix: 'person' },
  { kind: 'person', prefix: 'person' },
  { kind: 'organisation', prefix: 'org' },
  { kind: 'event', prefix: 'event' },
  { kind: 'law', prefix: 'law' },
] as const;

const VOCABULARY_SIZE = 4000;
const PUBLISHERS = 24;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

class Generator {
  private readonly random: () => number;
  private readonly vocabulary: string[];

  constructor(seed: number) {
    this.random = mulberry32(seed);
    const words = new Set<string>();
    while (words.size < VOCABULARY_SIZE) words.add(this.pseudoWord(1, 3));
    this.vocabulary = [...words];
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  pseudoWord(minSyllables: number, maxSyllables: number): string {
    let word = '';
    const n = this.int(minSyllables, maxSyllables);
    for (let i = 0; i < n; i++) word += this.pick(ONSETS) + this.pick(NUCLEI) + (i === n - 1 ? this.pick(CODAS) : '');
    return word;
  }

  /** A text word: function words ~30% of the time, otherwise a skewed draw from the vocabulary. */
  word(): string {
    if (this.random() < 0.3) return this.pick(FUNCTION_WORDS);
    return this.vocabulary[Math.floor(VOCABULARY_SIZE * this.random() ** 1.6)] as string;
  }

  /** Sentences of plain words: "Word word, word word." */
  sentences(wordCount: number): string {
    const out: string[] = [];
    let left = wordCount;
    while (left > 0) {
      const n = Math.min(left, this.int(6, 18));
      left -= n;
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(this.word());
      words[0] = capitalise(words[0] as string);
      if (n > 8 && this.random() < 0.4) words[this.int(3, n - 3)] += ',';
      out.push(`${words.join(' ')}.`);
    }
    return out.join(' ');
  }

  date(fromYear: number, toYear: number): string {
    return `${this.int(fromYear, toYear)}-${pad(this.int(1, 12), 2)}-${pad(this.int(1, 28), 2)}`;
  }
}

interface Token {
  word: string;
  entity?: { id: string; name: string };
}

/** Renders tokens as text, capitalising sentence starts, and returns the mention spans. */
function renderParagraph(g: Generator, tokens: Token[], headline: boolean): { text: string; mentions: ArticleSource['paragraphs'][number]['mentions'] } {
  let text = '';
  const spans: { start: number; end: number; entity: string }[] = [];
  let sentenceLeft = 0;
  tokens.forEach((token, i) => {
    let word = token.entity ? token.entity.name : token.word;
    const startsSentence = sentenceLeft === 0;
    if (startsSentence) sentenceLeft = headline ? tokens.length : g.int(6, 18);
    if (startsSentence && !token.entity) word = capitalise(word);
    if (i > 0) text += ' ';
    const start = text.length;
    text += word;
    if (token.entity) spans.push({ start, end: text.length, entity: token.entity.id });
    sentenceLeft--;
    const last = i === tokens.length - 1;
    if (!headline && (sentenceLeft === 0 || last)) {
      text += '.';
      sentenceLeft = 0;
    } else if (!headline && !last && !token.entity && g.int(0, 19) === 0) text += ',';
  });
  const mentions = spans.map(({ start, end, entity }) => ({ entity, exact: text.slice(start, end), ...disambiguate(text, start, end) }));
  return { text, mentions };
}

function makeEntity(g: Generator, n: number, seed: number, names: Set<string>): EntitySource {
  const { kind, prefix } = KINDS[n % KINDS.length] as (typeof KINDS)[number];
  let name: string;
  let aliases: string[];
  do {
    const a = capitalise(g.pseudoWord(1, 2));
    const b = capitalise(g.pseudoWord(2, 3));
    if (kind === 'person') {
      name = `${a} ${b}`;
      aliases = [name, b];
    } else if (kind === 'organisation') {
      name = `${b} ${g.pick(ORG_WORDS)}`;
      aliases = [name, `the ${name}`];
    } else if (kind === 'event') {
      name = `${b} ${g.pick(EVENT_WORDS)} ${g.int(1990, 2024)}`;
      aliases = [name];
    } else {
      name = `${b} ${g.pick(LAW_WORDS)}`;
      aliases = [name];
    }
  } while (names.has(name) || names.has(aliases[1] ?? name));
  for (const alias of aliases) names.add(alias);
  const id = `${prefix}.s${pad(n, 6)}-${slug(name)}`;
  const factCount = g.int(2, 5);
  const facts: EntitySource['facts'] = [];
  for (let i = 0; i < factCount; i++) facts.push({ label: FACT_LABELS[(n + i) % FACT_LABELS.length] as string, value: g.sentences(g.int(3, 10)) });
  const timeline: EntitySource['timeline'] = [];
  for (let i = 0, count = g.int(0, 3); i < count; i++) timeline.push({ date: g.date(2000 + i * 8, 2007 + i * 8), text: g.sentences(g.int(6, 14)) });
  return {
    id,
    kind,
    name,
    aliases,
    description: `Synthetic ${kind} for scale tests (seed ${seed}). ${g.sentences(g.int(5, 15))}`.slice(0, 200).trim(),
    roles: [{ from: String(g.int(1980, 2015)), text: g.sentences(g.int(4, 14)) }],
    facts,
    timeline,
    sources: [{ title: `Synthetic — Source for ${name}`, url: `https://example.org/synth/${id}` }],
    // After the newest timeline date synth generates (2023).
    reviewedAt: '2024-01',
  };
}

function makeArticle(g: Generator, n: number, seed: number, pool: readonly EntitySource[], publishers: readonly string[]): ArticleSource {
  const id = `synth-${seed}-${pad(n, 6)}`;
  const chosen = new Map<string, EntitySource>();
  const wanted = Math.min(pool.length, g.int(4, 6));
  while (chosen.size < wanted) {
    const entity = g.pick(pool);
    chosen.set(entity.id, entity);
  }
  const cast = [...chosen.values()];
  const mentionName = (entity: EntitySource, first: boolean) => ({
    id: entity.id,
    name: first ? entity.name : g.pick(entity.aliases),
  });

  const paragraphCount = g.int(8, 20);
  const paragraphs: ArticleSource['paragraphs'] = [];
  const mentioned = new Set<string>();
  for (let p = 0; p < paragraphCount; p++) {
    const headline = p === 0;
    const length = headline ? g.int(6, 12) : g.int(12, 45);
    // The headline names the lead entity; each body paragraph names up to two, so that every
    // entity of the article is mentioned at least once.
    const named = new Map<string, { id: string; name: string }>();
    if (headline) named.set((cast[0] as EntitySource).id, mentionName(cast[0] as EntitySource, true));
    else {
      const unmentioned = cast.filter((e) => !mentioned.has(e.id));
      for (let k = 0, count = g.int(0, 2); k < count; k++) {
        const entity = unmentioned[k] ?? g.pick(cast);
        if (!named.has(entity.id)) named.set(entity.id, mentionName(entity, !mentioned.has(entity.id)));
      }
    }
    // Names take one token each but may be several words: keep the paragraph's word count.
    let fillers = length;
    for (const { name } of named.values()) fillers -= name.split(' ').length;
    const tokens: Token[] = [];
    for (let i = 0; i < Math.max(fillers, 1) + named.size; i++) tokens.push({ word: g.word() });
    const slots = new Set<number>();
    for (const entity of named.values()) {
      let slot = g.int(0, tokens.length - 1);
      while (slots.has(slot)) slot = (slot + 1) % tokens.length;
      slots.add(slot);
      (tokens[slot] as Token).entity = entity;
      mentioned.add(entity.id);
    }
    const { text, mentions } = renderParagraph(g, tokens, headline);
    paragraphs.push(headline ? { id: 'p0', role: 'headline', text, mentions } : { id: `p${p}`, text, mentions });
  }
  const headline = (paragraphs[0] as ArticleSource['paragraphs'][number]).text;
  const publisher = g.pick(publishers);
  return {
    id,
    headline,
    publisher,
    published: g.date(2000, 2024),
    urls: [`https://example.org/${slug(publisher)}/${id}`],
    summary: g.sentences(g.int(20, 60)),
    paragraphs,
  };
}

/** Generates N articles and their entity pool (N/2+10 entities) from `seed`. */
export function synthDataset(articleCount: number, seed: number): SynthDataset {
  if (!Number.isInteger(articleCount) || articleCount < 0) throw new RangeError('article count must be a non-negative integer');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('seed must be an integer from 0 to 4294967295');
  const g = new Generator(seed);
  const publishers: string[] = [];
  for (let i = 0; i < PUBLISHERS; i++) publishers.push(`The ${capitalise(g.pseudoWord(2, 3))} ${g.pick(['Times', 'Post', 'Herald', 'Courier', 'Gazette'])}`);
  const names = new Set<string>();
  const entities: EntitySource[] = [];
  const poolSize = Math.floor(articleCount / 2) + 10;
  for (let n = 0; n < poolSize; n++) entities.push(makeEntity(g, n, seed, names));
  const articles: ArticleSource[] = [];
  for (let n = 0; n < articleCount; n++) articles.push(makeArticle(g, n, seed, entities, publishers));
  return { entities, articles };
}

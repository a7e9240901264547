import { describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../../../src/shared/report.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.js';
import type { Annotation, ArticleRecord, Entity, EntityKind } from '../../../src/shared/types.js';
import { countMentions, decideView, pluralKey, summarise, targetFromQuery } from '../../../src/ui/tab-model.js';

// settings.ts imports the WebExtension API, which refuses to load outside an extension.
vi.mock('webextension-polyfill', () => ({ default: {} }));

function entity(id: string, kind: EntityKind): Entity {
  return { id, kind, name: id, aliases: [], description: `about ${id}`, roles: [], facts: [], timeline: [], sources: [], reviewedAt: '2026-02' };
}

function annotation(id: string, entityId: string): Annotation {
  return { id, entity: entityId, paragraph: 0, exact: entityId, prefix: '', suffix: '', occurrence: 0 };
}

const ARTICLE: ArticleRecord = {
  id: 'a1',
  headline: 'Headline',
  publisher: 'The Sun',
  published: '2020-12-15',
  urls: [],
  summary: 'Summary',
  paragraphCount: 1,
  // Listed out of reading order on purpose: the popup orders by first mention.
  entities: [
    entity('law.act', 'law'),
    entity('person.biden', 'person'),
    entity('person.putin', 'person'),
    entity('event.vote', 'event'),
    entity('organisation.kremlin', 'organisation'),
    entity('person.absent', 'person'),
    entity('event.hidden', 'event'),
    entity('quote.remark', 'quote'),
  ],
  annotations: [
    annotation('an1', 'person.putin'),
    annotation('an2', 'person.biden'),
    annotation('an3', 'person.putin'),
    annotation('an4', 'organisation.kremlin'),
    annotation('an5', 'event.vote'),
    annotation('an6', 'person.absent'),
    annotation('an7', 'person.absent'),
    annotation('an8', 'law.act'),
    annotation('an9', 'event.hidden'),
    annotation('an10', 'quote.remark'),
  ],
};

const REPORT: PageReport = {
  articleId: 'a1',
  articleNumber: 0,
  paragraphsTotal: 14,
  paragraphsFound: 12,
  mentions: [
    { annotation: 'an1', entity: 'person.putin', method: 'exact' },
    { annotation: 'an2', entity: 'person.biden', method: 'exact' },
    { annotation: 'an3', entity: 'person.putin', method: 'fuzzy' },
    { annotation: 'an4', entity: 'organisation.kremlin', method: 'exact' },
    { annotation: 'an5', entity: 'event.vote', method: 'exact' },
    { annotation: 'an8', entity: 'law.act', method: 'exact' },
    { annotation: 'an10', entity: 'quote.remark', method: 'exact' },
  ],
  // an9 is neither anchored nor missing: its kind was switched off, so nothing tried to anchor it.
  missing: ['an6', 'an7'],
  timings: { scan: 1, annotate: 1 },
};

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('countMentions', () => {
  it('counts anchored mentions per entity', () => {
    const counts = countMentions(REPORT);
    expect(counts.get('person.putin')).toBe(2);
    expect(counts.get('person.biden')).toBe(1);
    expect(counts.has('person.absent')).toBe(false);
  });
});

describe('summarise', () => {
  const summary = summarise(ARTICLE, REPORT);
  const ids = (rows: { entity: Entity }[]): string[] => rows.map((row) => row.entity.id);

  it('groups people, events, organisations with laws, then quotes, in first-mention order', () => {
    expect(summary.sections.map((s) => s.id)).toEqual(['people', 'events', 'organisations', 'quotes']);
    expect(ids(summary.sections[0]!.rows)).toEqual(['person.putin', 'person.biden']);
    expect(ids(summary.sections[1]!.rows)).toEqual(['event.vote', 'event.hidden']);
    expect(ids(summary.sections[2]!.rows)).toEqual(['organisation.kremlin', 'law.act']);
    expect(ids(summary.sections[3]!.rows)).toEqual(['quote.remark']);
  });

  it('carries mention counts and the match quality', () => {
    expect(summary.sections[0]!.rows.map((r) => r.mentions)).toEqual([2, 1]);
    expect(summary.mentionsTotal).toBe(7);
    expect(summary.paragraphsFound).toBe(12);
    expect(summary.paragraphsTotal).toBe(14);
  });

  it('lists entities whose every annotation is missing as not found, and only those', () => {
    expect(ids(summary.notFound)).toEqual(['person.absent']);
  });

  it('keeps an entity that has one mention anchored even if others are missing', () => {
    const partial = summarise(ARTICLE, { ...REPORT, missing: ['an6', 'an3'] });
    expect(ids(partial.sections[0]!.rows)).toContain('person.putin');
    expect(ids(partial.notFound)).toEqual([]);
  });

  it('drops empty sections', () => {
    const onlyPeople = summarise({ ...ARTICLE, entities: ARTICLE.entities.filter((e) => e.kind === 'person') }, REPORT);
    expect(onlyPeople.sections.map((s) => s.id)).toEqual(['people']);
  });
});

describe('decideView', () => {
  const none = { kind: 'none', datasetArticles: 3 } as const;

  it('is unsupported without an http(s) site', () => {
    expect(decideView(null, settings(), null).state).toBe('unsupported');
  });

  it('is disabled when Backstory is off, globally first', () => {
    expect(decideView('a.com', settings({ enabled: false, disabledSites: ['a.com'] }), null)).toEqual({
      state: 'disabled',
      site: 'a.com',
      reason: 'global',
    });
    expect(decideView('a.com', settings({ disabledSites: ['a.com'] }), null)).toEqual({ state: 'disabled', site: 'a.com', reason: 'site' });
  });

  it('shows the article or the dataset size from the tab state', () => {
    const article = decideView('a.com', settings(), { kind: 'article', article: ARTICLE, report: REPORT });
    expect(article.state).toBe('article');
    expect(decideView('a.com', settings({ disabledSites: ['b.com'] }), none)).toEqual({ state: 'none', site: 'a.com', datasetArticles: 3 });
  });

  it('is loading while an active site has no tab state yet', () => {
    expect(decideView('a.com', settings(), null).state).toBe('loading');
  });
});

describe('targetFromQuery', () => {
  it('?tab=ID names a tab, ?window=ID the active tab of a window, nothing the view’s own window; a bad id is NaN, never another tab', () => {
    expect(targetFromQuery('?tab=42')).toEqual({ tab: 42 });
    expect(targetFromQuery('?window=7')).toEqual({ activeIn: 7 });
    expect(targetFromQuery('')).toEqual({ activeIn: 'current' });
    expect(targetFromQuery('?other=1')).toEqual({ activeIn: 'current' });
    expect(targetFromQuery('?tab=abc')).toEqual({ tab: Number.NaN });
    expect(targetFromQuery('?tab=-1')).toEqual({ tab: Number.NaN });
    expect(targetFromQuery('?window=x')).toEqual({ activeIn: Number.NaN });
  });
});

describe('pluralKey', () => {
  it('picks One/Other by the locale rule', () => {
    expect(pluralKey('popupX', 1, 'en')).toBe('popupXOne');
    expect(pluralKey('popupX', 0, 'en')).toBe('popupXOther');
    expect(pluralKey('popupX', 2, 'en')).toBe('popupXOther');
    expect(pluralKey('popupX', 1, 'not a locale!')).toBe('popupXOther');
  });
});

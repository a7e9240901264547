/**
 * The decisions of the tab's view (popup and panel), kept free of the DOM and of the WebExtension API so they are tested in
 * Node: which state to show for a tab, and how an article's entities are grouped and counted.
 */
import type { TabState } from '../shared/messages.js';
import type { Provenance } from '../shared/provenance.js';
import type { PageReport } from '../shared/report.js';
import { isActiveOn, type Settings } from '../shared/settings.js';
import type { ArticleRecord, Entity, EntityKind } from '../shared/types.js';

/** One entity as listed in the popup. */
export interface EntityRow {
  entity: Entity;
  /** Mentions of the entity anchored on this page. */
  mentions: number;
  /** Some of them were matched approximately (a near copy of the article's words). */
  near: boolean;
}

export type SectionId = 'people' | 'events' | 'organisations' | 'quotes';

export interface EntitySection {
  id: SectionId;
  rows: EntityRow[];
}

/** The order and membership of the popup's entity sections. */
export const SECTIONS: readonly { id: SectionId; kinds: readonly EntityKind[] }[] = [
  { id: 'people', kinds: ['person'] },
  { id: 'events', kinds: ['event'] },
  { id: 'organisations', kinds: ['organisation', 'law'] },
  { id: 'quotes', kinds: ['quote'] },
];

export interface ArticleSummary {
  article: ArticleRecord;
  paragraphsFound: number;
  paragraphsTotal: number;
  /** Every anchored mention on the page. */
  mentionsTotal: number;
  /** Non-empty sections only, in SECTIONS order. */
  sections: EntitySection[];
  /** Entities none of whose annotations could be anchored (the page is likely a shortened copy). */
  notFound: EntityRow[];
  /** What this copy of the article is (absent in a report from before provenance existed). */
  provenance?: Provenance;
}

export type PageView =
  | { state: 'loading' }
  | { state: 'error' }
  | { state: 'unsupported' }
  | { state: 'disabled'; site: string; reason: 'global' | 'site' }
  | { state: 'article'; site: string; summary: ArticleSummary }
  | { state: 'none'; site: string; datasetArticles: number };

export type PageViewState = PageView['state'];

/** Why Backstory does nothing on a site, or null when it is active there. */
export function disabledReason(settings: Settings, site: string): 'global' | 'site' | null {
  if (!settings.enabled) return 'global';
  return isActiveOn(settings, site) ? null : 'site';
}

/**
 * The view for a tab. `tabState` is only consulted when Backstory is active on the site (the
 * popup does not ask the background otherwise), so callers may pass null in the other cases.
 */
export function decideView(site: string | null, settings: Settings, tabState: TabState | null): PageView {
  if (site === null) return { state: 'unsupported' };
  const reason = disabledReason(settings, site);
  if (reason) return { state: 'disabled', site, reason };
  if (!tabState) return { state: 'loading' };
  if (tabState.kind === 'article') return { state: 'article', site, summary: summarise(tabState.article, tabState.report) };
  return { state: 'none', site, datasetArticles: tabState.datasetArticles };
}

/** Anchored mentions per entity id. */
export function countMentions(report: PageReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mention of report.mentions) counts.set(mention.entity, (counts.get(mention.entity) ?? 0) + 1);
  return counts;
}

/**
 * Groups the article's entities for the popup. Entities are listed in the order the article first
 * mentions them, which reads like the article itself. An entity with no anchored mention goes to
 * "not found" only when the page really lacks it (all its annotations are in `report.missing`);
 * one that was simply not annotated (e.g. its kind is switched off in the options) stays listed.
 */
export function summarise(article: ArticleRecord, report: PageReport): ArticleSummary {
  const counts = countMentions(report);
  const near = new Set(report.mentions.filter((m) => m.method === 'fuzzy').map((m) => m.entity));
  const missing = new Set(report.missing);
  const firstMention = new Map<string, number>();
  const annotationsByEntity = new Map<string, string[]>();
  article.annotations.forEach((annotation, index) => {
    if (!firstMention.has(annotation.entity)) firstMention.set(annotation.entity, index);
    const list = annotationsByEntity.get(annotation.entity) ?? [];
    list.push(annotation.id);
    annotationsByEntity.set(annotation.entity, list);
  });

  const ordered = article.entities
    .map((entity, index) => ({ entity, order: firstMention.get(entity.id) ?? article.annotations.length + index }))
    .sort((a, b) => a.order - b.order)
    .map(({ entity }) => entity);

  const found: EntityRow[] = [];
  const notFound: EntityRow[] = [];
  for (const entity of ordered) {
    const mentions = counts.get(entity.id) ?? 0;
    const annotations = annotationsByEntity.get(entity.id) ?? [];
    const allMissing = mentions === 0 && annotations.length > 0 && annotations.every((id) => missing.has(id));
    (allMissing ? notFound : found).push({ entity, mentions, near: near.has(entity.id) });
  }

  const sections = SECTIONS.map(({ id, kinds }) => ({ id, rows: found.filter((row) => kinds.includes(row.entity.kind)) })).filter(
    (section) => section.rows.length > 0,
  );

  return {
    article,
    paragraphsFound: report.paragraphsFound,
    paragraphsTotal: report.paragraphsTotal,
    mentionsTotal: report.mentions.length,
    sections,
    notFound,
    ...(report.provenance ? { provenance: report.provenance } : {}),
  };
}

/**
 * The messages.json key for a count: `base + 'One'` or `base + 'Other'`. Chrome's i18n has no
 * plurals, so the locale's plural rule picks between two messages; languages with more forms
 * fall back to "other" until they get keys of their own.
 */
export function pluralKey(base: string, count: number, locale?: string): string {
  let category: Intl.LDMLPluralRule = 'other';
  try {
    category = new Intl.PluralRules(locale).select(count);
  } catch {
    // An unknown UI locale tag: keep "other".
  }
  return `${base}${category === 'one' ? 'One' : 'Other'}`;
}

/** An id parameter: the number, NaN when present but unusable (an error is shown, never another tab), null when absent. */
function idParameter(search: string, name: string): number | null {
  const raw = new URLSearchParams(search).get(name);
  if (raw === null) return null;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

/**
 * What a view describes, from its address: `?tab=ID` that tab (the popup opened as a page, tests),
 * `?window=ID` the active tab of that window (the panel opened as a page, tests), else the active
 * tab of the view's own window (the toolbar popup, the side panel, the sidebar).
 */
export function targetFromQuery(search: string): { tab: number } | { activeIn: number | 'current' } {
  const tab = idParameter(search, 'tab');
  if (tab !== null) return { tab };
  return { activeIn: idParameter(search, 'window') ?? 'current' };
}

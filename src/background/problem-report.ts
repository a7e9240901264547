/** Builds the offline problem report for a tab (src/shared/problem-report.ts) from what the background keeps. */
import browser from '../shared/browser.js';
import { describeMatch, formatProblemReport } from '../shared/problem-report.js';
import { loadMeta } from './dataset.js';
import { tabReport } from './tab-state.js';

export interface ProblemReportRequest {
  tabId: number;
  /** The card's entity; absent for the whole page. */
  entity?: string;
  /** The card's mention was matched approximately (only with `entity`). */
  fuzzy?: boolean;
  includeAddress: boolean;
  /** The tab's address, when the caller has it (a content script's sender); else read from the tab. */
  pageUrl?: string;
}

export async function problemReportFor(request: ProblemReportRequest): Promise<string> {
  const [report, meta] = await Promise.all([tabReport(request.tabId), loadMeta()]);
  const methods = report?.mentions.filter((m) => request.entity === undefined || m.entity === request.entity).map((m) => m.method) ?? [];
  const pageUrl = request.includeAddress ? (request.pageUrl ?? (await browser.tabs.get(request.tabId)).url) : undefined;
  return formatProblemReport({
    extensionVersion: browser.runtime.getManifest().version,
    browser: /(Firefox|Chrome)\/[\d.]+/.exec(navigator.userAgent)?.[0] ?? 'unknown',
    dataset: { articles: meta.articleCount, entities: meta.entityCount },
    articleId: report?.articleId ?? null,
    ...(request.entity === undefined ? {} : { entityId: request.entity }),
    match: request.entity !== undefined && request.fuzzy !== undefined ? describeMatch([request.fuzzy ? 'fuzzy' : 'exact']) : describeMatch(methods),
    paragraphsFound: report?.paragraphsFound ?? null,
    paragraphsTotal: report?.paragraphsTotal ?? null,
    ...(pageUrl === undefined ? {} : { pageUrl }),
  });
}

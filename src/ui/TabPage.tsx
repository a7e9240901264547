import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import browser from '../shared/browser.js';
import { t } from '../shared/i18n.js';
import { askBackground, askTab } from '../shared/messages.js';
import { hasPanel, openPanel } from '../shared/panel.js';
import { saveSettings, setSiteEnabled, type Settings } from '../shared/settings.js';
import { ArticleView } from './ArticleView.js';
import { tCount } from './format.js';
import { ReportProblem } from './ReportProblem.js';
import { SiteSwitch } from './SiteSwitch.js';
import type { PageView } from './tab-model.js';
import { useTabView, type TabTarget } from './use-tab-view.js';

export interface TabPageProps {
  /** The tab described: a given one (`?tab=`), or the active one of a window (`?window=`) or of the view's own. */
  target: TabTarget;
  /**
   * The toolbar popup (compact, closes after showing something on the page, opens the panel) or the
   * panel (stays open beside the page: each card's content, a problem report for the page).
   */
  variant: 'popup' | 'panel';
}

/** What Backstory knows about a tab: the popup's and the panel's one view. */
export function TabPage({ target, variant }: TabPageProps) {
  const { view, tabId, windowId, site, settings, refresh, applySettings } = useTabView(target);
  // Feedback for the last action, announced politely (switch flipped, reveal failed, save failed).
  const [notice, setNotice] = useState('');
  // The toolbar popup gets out of the way of what it showed on the page; opened as a page (?tab=), or as the panel, it stays.
  const closeAfterShowing = variant === 'popup' && !('tab' in target);

  const save = async (change: () => Promise<Settings>): Promise<void> => {
    try {
      applySettings(await change());
      setNotice(t('popupAppliesNow'));
    } catch (error) {
      console.warn('Backstory:', error);
      setNotice(t('popupSaveFailed'));
    }
    refresh();
  };

  const showOnPage = async (request: { type: 'reveal'; entity: string } | { type: 'reveal-paragraph'; paragraph: number }, failed: string): Promise<void> => {
    if (tabId === null) return;
    const shown = await askTab(tabId, request).catch(() => false);
    if (!shown) {
      setNotice(t(failed));
      return;
    }
    if (closeAfterShowing) window.close();
  };

  const siteOn = site !== null && settings !== null && !settings.disabledSites.includes(site);

  return (
    <div class={variant} data-state={view.state}>
      <main class="content">
        <ViewBody
          view={view}
          detailed={variant === 'panel'}
          onReveal={(entity) => void showOnPage({ type: 'reveal', entity }, 'popupRevealFailed')}
          onJump={(paragraph) => void showOnPage({ type: 'reveal-paragraph', paragraph }, 'provJumpFailed')}
          onTurnOn={() => void save(() => saveSettings({ enabled: true }))}
          onRetry={refresh}
        />
        {variant === 'panel' && view.state === 'article' && tabId !== null && (
          <ReportProblem buildReport={(includeAddress) => askBackground({ type: 'problem-report', tabId, includeAddress })} />
        )}
      </main>
      {/* Kept in view at the bottom, so the per-site switch is one click even below a long article. */}
      <div class="dock">
        {site !== null && settings !== null && view.state !== 'loading' && (
          <SiteSwitch site={site} on={siteOn} onToggle={(on) => void save(() => setSiteEnabled(site, on))} />
        )}
        <p class="notice" aria-live="polite" data-testid="notice">
          {notice || (view.state === 'disabled' ? t('popupAppliesNow') : '')}
        </p>
        <div class="footer">
          {variant === 'popup' && windowId !== null && hasPanel() && (
            <button
              type="button"
              class="link"
              data-testid="open-panel"
              onClick={() => {
                // Called in the click itself: both browsers open a panel only in answer to a user action.
                void openPanel(windowId).then(() => (closeAfterShowing ? window.close() : undefined));
              }}
            >
              {t('popupOpenPanel')}
            </button>
          )}
          <button type="button" class="link" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popupOptions')}
          </button>
        </div>
      </div>
    </div>
  );
}

interface ViewBodyProps {
  /** What to show. */
  view: PageView;
  /** Each entity with its card's content (the panel). */
  detailed: boolean;
  /** Reveal an entity on the page. */
  onReveal: (entityId: string) => void;
  /** Jump to one of the original's paragraphs on the page. */
  onJump: (paragraph: number) => void;
  /** Turn Backstory on everywhere. */
  onTurnOn: () => void;
  /** Load again after an error. */
  onRetry: () => void;
}

function ViewBody({ view, detailed, onReveal, onJump, onTurnOn, onRetry }: ViewBodyProps) {
  switch (view.state) {
    case 'loading':
      return (
        <p class="status" role="status">
          {t('popupLoading')}
        </p>
      );
    case 'error':
      return (
        <Message title={t('popupError')} detail={t('popupErrorDetail')}>
          <button type="button" class="button" onClick={onRetry}>
            {t('popupRetry')}
          </button>
        </Message>
      );
    case 'unsupported':
      return <Message title={t('popupUnsupported')} detail={t('popupUnsupportedDetail')} />;
    case 'disabled':
      return view.reason === 'global' ? (
        <Message title={t('popupOffGlobal')} detail={t('popupOffGlobalDetail')}>
          <button type="button" class="button" data-testid="turn-on" onClick={onTurnOn}>
            {t('popupTurnOn')}
          </button>
        </Message>
      ) : (
        <Message title={t('popupOffSite', view.site)} detail={t('popupOffSiteDetail')} />
      );
    case 'none':
      return (
        <Message title={t('popupNone')} detail={t('popupNoneDetail')}>
          <p class="note" data-testid="dataset-count">
            {tCount('popupDatasetArticles', view.datasetArticles)}
          </p>
        </Message>
      );
    case 'article':
      return <ArticleView summary={view.summary} onReveal={onReveal} onJump={onJump} detailed={detailed} />;
  }
}

interface MessageProps {
  /** The state in one sentence; the page's heading. */
  title: string;
  /** A second, quieter sentence. */
  detail?: string;
  /** Actions or extra facts. */
  children?: ComponentChildren;
}

function Message({ title, detail, children }: MessageProps) {
  return (
    <div class="message">
      <h1>{title}</h1>
      {detail && <p class="detail">{detail}</p>}
      {children}
    </div>
  );
}

import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import browser from '../shared/browser.js';
import { t } from '../shared/i18n.js';
import { askTab } from '../shared/messages.js';
import { saveSettings, setSiteEnabled, type Settings } from '../shared/settings.js';
import { ArticleView } from './ArticleView.js';
import { tCount } from './format.js';
import type { PopupView } from './popup-model.js';
import { SiteSwitch } from './SiteSwitch.js';
import { useTabView } from './use-tab-view.js';

export interface PopupProps {
  /** The `?tab=` id (NaN when unusable), or null to describe the active tab of the current window. */
  requestedTabId: number | null;
}

export function Popup({ requestedTabId }: PopupProps) {
  const { view, tabId, site, settings, refresh, applySettings } = useTabView(requestedTabId);
  // Feedback for the last action, announced politely (switch flipped, reveal failed, save failed).
  const [notice, setNotice] = useState('');

  const save = async (change: () => Promise<Settings>): Promise<void> => {
    try {
      applySettings(await change());
      setNotice(t('popupAppliesNow'));
    } catch (error) {
      console.warn('Backstory popup:', error);
      setNotice(t('popupSaveFailed'));
    }
    refresh();
  };

  const reveal = async (entityId: string): Promise<void> => {
    if (tabId === null) return;
    const shown = await askTab(tabId, { type: 'reveal', entity: entityId }).catch(() => false);
    if (!shown) {
      setNotice(t('popupRevealFailed'));
      return;
    }
    // As the toolbar popup, get out of the way of the card; opened as a page (?tab=), stay.
    if (requestedTabId === null) window.close();
  };

  const siteOn = site !== null && settings !== null && !settings.disabledSites.includes(site);

  return (
    <div class="popup" data-state={view.state}>
      <main class="content">
        <ViewBody
          view={view}
          onReveal={(entityId) => void reveal(entityId)}
          onTurnOn={() => void save(() => saveSettings({ enabled: true }))}
          onRetry={refresh}
        />
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
  view: PopupView;
  /** Reveal an entity on the page. */
  onReveal: (entityId: string) => void;
  /** Turn Backstory on everywhere. */
  onTurnOn: () => void;
  /** Load again after an error. */
  onRetry: () => void;
}

function ViewBody({ view, onReveal, onTurnOn, onRetry }: ViewBodyProps) {
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
      return <ArticleView summary={view.summary} onReveal={onReveal} />;
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

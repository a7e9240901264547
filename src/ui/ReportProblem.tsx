import { useId, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';

export interface ReportProblemProps {
  /** The report's text (built by the background from what it keeps for the tab). */
  buildReport: (includeAddress: boolean) => Promise<string>;
}

/**
 * Copies text to the clipboard. The async Clipboard API first; a page served over plain http (where
 * that API does not exist) gets the selection-and-copy fallback, inside Backstory's own UI.
 */
async function copyText(text: string, near: HTMLElement): Promise<void> {
  if (typeof navigator.clipboard?.writeText === 'function') {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  near.after(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

/**
 * "Report a problem", offline: copies a structured report for the reader to send where they choose.
 * The page's address goes in only when the reader ticks it; nothing is sent by the extension.
 */
export function ReportProblem({ buildReport }: ReportProblemProps) {
  const [includeAddress, setIncludeAddress] = useState(false);
  const [status, setStatus] = useState('');
  const id = useId();
  const report = async (button: HTMLElement): Promise<void> => {
    try {
      await copyText(await buildReport(includeAddress), button);
      setStatus(t('reportCopied'));
    } catch (error) {
      console.warn('Backstory report:', error);
      setStatus(t('reportCopyFailed'));
    }
  };
  return (
    <div class="report" data-testid="report">
      <label class="report-address" for={`${id}-address`}>
        <input
          id={`${id}-address`}
          type="checkbox"
          data-testid="report-address"
          checked={includeAddress}
          onChange={(event) => setIncludeAddress(event.currentTarget.checked)}
        />{' '}
        {t('reportIncludeAddress')}
      </label>
      <button type="button" class="button-secondary report-button" data-testid="report-button" onClick={(event) => void report(event.currentTarget)}>
        {t('reportProblem')}
      </button>
      <p class="report-status" role="status" data-testid="report-status">
        {status}
      </p>
    </div>
  );
}

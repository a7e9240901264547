import { t } from '../shared/i18n.js';

export interface SiteSwitchProps {
  /** Normalised hostname the switch controls. */
  site: string;
  /** Whether Backstory is on for this site (it is not in the disabled list). */
  on: boolean;
  /** Called with the new value when the reader flips the switch. */
  onToggle: (on: boolean) => void;
}

/**
 * The one-click per-site switch. A real checkbox with `role="switch"`, so it is keyboard and
 * screen-reader operable without custom key handling.
 */
export function SiteSwitch({ site, on, onToggle }: SiteSwitchProps) {
  return (
    <label class="switch-row">
      <span class="switch-label">{t('popupSiteSwitch', site)}</span>
      <input type="checkbox" role="switch" class="switch" data-testid="site-switch" checked={on} onChange={(event) => onToggle(event.currentTarget.checked)} />
    </label>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE } from '../shared/settings.js';
import { clampDelay, HOVER_DELAY_STEP } from './options-model.js';

export interface HoverDelayProps {
  /** The saved delay in milliseconds. */
  value: number;
  /** Called with a clamped delay when the reader settles on one. */
  onCommit: (ms: number) => void;
}

/**
 * A slider and a number field for the same delay. Both save on `change`, not on every `input`:
 * a slider drag would otherwise write storage.sync dozens of times and hit its write quota.
 */
export function HoverDelay({ value, onCommit }: HoverDelayProps) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);

  const commit = (raw: string): void => {
    const ms = clampDelay(Number.parseFloat(raw));
    setDraft(String(ms));
    if (ms !== value) onCommit(ms);
  };

  const { min, max } = HOVER_DELAY_RANGE;
  return (
    <div class="row">
      <label for="hover-delay">{t('optionsHoverDelay')}</label>
      <div class="delay">
        <input
          id="hover-delay"
          type="range"
          data-testid="hover-delay"
          min={min}
          max={max}
          step={HOVER_DELAY_STEP}
          value={draft}
          aria-describedby="hover-delay-hint"
          aria-valuetext={t('optionsMilliseconds', draft)}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => commit(event.currentTarget.value)}
        />
        <input
          type="number"
          class="delay-number"
          data-testid="hover-delay-number"
          min={min}
          max={max}
          step={10}
          value={draft}
          aria-label={t('optionsHoverDelayNumber')}
          aria-describedby="hover-delay-hint"
          onInput={(event) => setDraft(event.currentTarget.value)}
          onChange={(event) => commit(event.currentTarget.value)}
        />
        <span aria-hidden="true">{t('optionsMs')}</span>
      </div>
      <p class="hint" id="hover-delay-hint">
        {t('optionsHoverDelayHint', [String(min), String(max), String(DEFAULT_SETTINGS.hoverDelayMs)])}
      </p>
    </div>
  );
}

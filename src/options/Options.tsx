import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { coerceSettings, loadSettings, saveSettings, watchSettings, type Settings } from '../shared/settings.js';
import { ENTITY_KINDS, type EntityKind } from '../shared/types.js';
import { CheckboxRow } from './CheckboxRow.js';
import { HoverDelay } from './HoverDelay.js';
import { createSaveQueue } from './save-queue.js';
import { SiteList } from './SiteList.js';

export interface OptionsProps {
  /** How long the "Saved" status stays visible, in milliseconds. */
  statusMs?: number;
}

const KIND_LABELS: Record<EntityKind, string> = {
  person: 'optionsKindPerson',
  organisation: 'optionsKindOrganisation',
  event: 'optionsKindEvent',
  law: 'optionsKindLaw',
  quote: 'optionsKindQuote',
};

/** The options page: every control saves at once; open tabs pick changes up via storage.onChanged. */
export function Options({ statusMs = 3000 }: OptionsProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failed, setFailed] = useState(false);
  const [status, setStatus] = useState('');
  const statusTimer = useRef<ReturnType<typeof setTimeout>>();
  const enqueue = useMemo(() => createSaveQueue(saveSettings), []);

  useEffect(() => {
    const controller = new AbortController();
    loadSettings().then(
      (loaded) => {
        if (!controller.signal.aborted) setSettings(loaded);
      },
      (error: unknown) => {
        console.warn('Backstory options:', error);
        setFailed(true);
      },
    );
    // Changes from the popup or another options tab show here without a reload.
    watchSettings(setSettings, controller.signal);
    return () => {
      controller.abort();
      clearTimeout(statusTimer.current);
    };
  }, []);

  const announce = (text: string): void => {
    clearTimeout(statusTimer.current);
    // Cleared first, so a second "Saved" in a row is a change the live region announces again.
    setStatus('');
    statusTimer.current = setTimeout(() => {
      setStatus(text);
      statusTimer.current = setTimeout(() => setStatus(''), statusMs);
    }, 30);
  };

  const update = (patch: Partial<Settings>): void => {
    setSettings((prev) => (prev ? coerceSettings({ ...prev, ...patch }) : prev));
    enqueue(patch).then(
      // No setSettings(saved): with saves queued, an earlier reply would briefly undo a later click.
      () => announce(t('optionsSaved')),
      (error: unknown) => {
        console.warn('Backstory options:', error);
        announce(t('optionsSaveFailed'));
        // Show what is really stored rather than the change that did not stick.
        void loadSettings().then(setSettings, () => undefined);
      },
    );
  };

  return (
    <main class="options" data-state={failed ? 'error' : settings ? 'ready' : 'loading'}>
      <header class="page-header">
        <h1>{t('optionsTitle')}</h1>
        <p class="status" role="status" aria-live="polite" data-testid="save-status">
          {status}
        </p>
      </header>
      <p class="hint">{t('optionsPrivacy')}</p>
      {failed && <p class="error">{t('optionsLoadFailed')}</p>}
      {settings && (
        <>
          <section aria-labelledby="general-heading">
            <h2 id="general-heading">{t('optionsGeneral')}</h2>
            <CheckboxRow
              switch
              testId="global-switch"
              label={t('optionsGlobal')}
              hint={t('optionsGlobalHint')}
              checked={settings.enabled}
              onChange={(enabled) => update({ enabled })}
            />
          </section>

          <section aria-labelledby="sites-heading">
            <h2 id="sites-heading">{t('optionsSites')}</h2>
            <p class="hint">{t('optionsSitesHint')}</p>
            <SiteList sites={settings.disabledSites} onChange={(disabledSites) => update({ disabledSites })} />
          </section>

          <section aria-labelledby="cards-heading">
            <h2 id="cards-heading">{t('optionsCards')}</h2>
            <HoverDelay value={settings.hoverDelayMs} onCommit={(hoverDelayMs) => update({ hoverDelayMs })} />
            <fieldset class="kinds">
              <legend>{t('optionsKinds')}</legend>
              {ENTITY_KINDS.map((kind) => (
                <CheckboxRow
                  key={kind}
                  testId={`kind-${kind}`}
                  label={t(KIND_LABELS[kind])}
                  checked={settings.kinds[kind]}
                  onChange={(on) => update({ kinds: { ...settings.kinds, [kind]: on } })}
                />
              ))}
            </fieldset>
            <CheckboxRow
              testId="since-then"
              label={t('optionsSinceThen')}
              hint={t('optionsSinceThenHint')}
              checked={settings.showSinceThen}
              onChange={(showSinceThen) => update({ showSinceThen })}
            />
          </section>
        </>
      )}
    </main>
  );
}

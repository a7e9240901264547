import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { addSite, removeSite, type SiteError } from './options-model.js';

export interface SiteListProps {
  /** Sites where Backstory is off, as stored. */
  sites: string[];
  /** Called with the whole new list after an add or a remove. */
  onChange: (sites: string[]) => void;
}

const ERROR_KEYS: Record<SiteError, string> = {
  empty: 'optionsSiteEmpty',
  invalid: 'optionsSiteInvalid',
  duplicate: 'optionsSiteDuplicate',
};

/** The per-site list: each disabled site with a Remove button, and a field to add one. */
export function SiteList({ sites, onChange }: SiteListProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // After a removal, keyboard focus moves to the next Remove button (or the field), not to <body>.
  const focusAfterRemove = useRef<number | null>(null);

  useEffect(() => {
    const index = focusAfterRemove.current;
    if (index === null) return;
    focusAfterRemove.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(index, buttons.length - 1)] ?? inputRef.current)?.focus();
  }, [sites]);

  const submit = (event: Event): void => {
    event.preventDefault();
    const result = addSite(sites, input);
    if (!result.ok) {
      setError(t(ERROR_KEYS[result.error], result.site ?? input.trim()));
      inputRef.current?.focus();
      return;
    }
    setError('');
    setInput('');
    onChange(result.sites);
  };

  const remove = (site: string, index: number): void => {
    focusAfterRemove.current = index;
    onChange(removeSite(sites, site));
  };

  return (
    <>
      <ul class="sites" data-testid="site-list" ref={listRef}>
        {sites.map((site, index) => (
          <li key={site} data-site={site}>
            <span class="site-name">{site}</span>
            <button
              type="button"
              class="button-secondary"
              data-testid="site-remove"
              aria-label={t('optionsSiteRemoveLabel', site)}
              onClick={() => remove(site, index)}
            >
              {t('optionsSiteRemove')}
            </button>
          </li>
        ))}
      </ul>
      {sites.length === 0 && <p class="hint">{t('optionsSitesNone')}</p>}
      <form class="add-site" onSubmit={submit} noValidate>
        <label for="site-input">{t('optionsSiteInput')}</label>
        <div class="add-row">
          <input
            id="site-input"
            ref={inputRef}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="example.com"
            data-testid="site-input"
            value={input}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'site-error' : undefined}
            onInput={(event) => {
              setInput(event.currentTarget.value);
              if (error) setError('');
            }}
          />
          <button type="submit" class="button" data-testid="site-add">
            {t('optionsSiteAdd')}
          </button>
        </div>
        <p class="error" id="site-error" role="alert" data-testid="site-error">
          {error}
        </p>
      </form>
    </>
  );
}

import { useEffect, useId, useState } from 'preact/hooks';
import type { LanguageStore } from '@/utils/i18n/language-store';
import { LANGUAGE_NAMES, type LanguagePreference, LOCALES } from '@/utils/i18n/locales';
import { useI18n } from '../i18n';

/** The language preference: automatic (the page's, else the browser's) or one of the catalogue's. */
export function LanguageSelect({ store }: { store: LanguageStore }) {
  const { t } = useI18n();
  const id = useId();
  const hintId = useId();
  const [value, setValue] = useState<LanguagePreference | null>(null);

  useEffect(() => {
    let live = true;
    void store.load().then((loaded) => {
      if (live) setValue(loaded);
    });
    return () => {
      live = false;
    };
  }, [store]);

  return (
    <div class="op-field">
      <label for={id}>{t('language.label')}</label>
      <select
        id={id}
        aria-describedby={hintId}
        value={value ?? 'auto'}
        disabled={value === null}
        onChange={(event) => {
          const next = event.currentTarget.value as LanguagePreference;
          setValue(next);
          void store.save(next);
        }}
      >
        <option value="auto">{t('language.auto')}</option>
        {LOCALES.map((locale) => (
          // Each language in its own words and script, so its reader finds it whatever is shown now.
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
      <p id={hintId} class="op-hint">
        {t('language.hint')}
      </p>
    </div>
  );
}

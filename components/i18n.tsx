import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '@/utils/i18n/translator';

const I18nContext = createContext<Translator | null>(null);

/** The language every component below speaks. */
export function I18nProvider({ translator, children }: { translator: Translator; children: ComponentChildren }) {
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}

/** The surrounding translator: `const { t } = useI18n(); t('panel.refresh')`. */
export function useI18n(): Translator {
  const translator = useContext(I18nContext);
  if (!translator) throw new Error('No translator here: render inside <I18nProvider>.');
  return translator;
}

// For component tests only: the UI in English (or another language) without a browser.
import { render } from '@testing-library/preact';
import type { ComponentChildren, VNode } from 'preact';
import { bundledMessages } from '@/utils/i18n/bundled-catalogues';
import { NAMESPACES } from '@/utils/i18n/catalogue';
import type { Locale } from '@/utils/i18n/locales';
import { createTranslator, type Translator } from '@/utils/i18n/translator';
import { I18nProvider } from './i18n';

export function translatorFor(locale: Locale = 'en'): Translator {
  return createTranslator(locale, bundledMessages(locale, NAMESPACES));
}

/** `render(ui, { wrapper: InEnglish })` */
export function InEnglish({ children }: { children?: ComponentChildren }) {
  return <I18nProvider translator={translatorFor('en')}>{children}</I18nProvider>;
}

/** Testing Library's render, in English unless told otherwise. */
export function renderInEnglish(ui: VNode, options: Parameters<typeof render>[1] = {}): ReturnType<typeof render> {
  return render(ui, { wrapper: InEnglish, ...options });
}

import { render, type VNode } from 'preact';
import { onLanguageChange, pageTranslator } from '@/utils/i18n/page-locale';
import type { Translator } from '@/utils/i18n/translator';
import { I18nProvider } from './i18n';

/** Renders an extension page in its language, and again in another one when the user picks it. */
export async function renderTranslated(app: HTMLElement, page: (translator: Translator) => VNode): Promise<void> {
  const draw = async () => {
    const translator = await pageTranslator();
    render(<I18nProvider translator={translator}>{page(translator)}</I18nProvider>, app);
  };
  await draw();
  onLanguageChange(() => void draw());
}

import { render, type VNode } from 'preact';
import { onLanguageChange, pageTranslator } from '@/utils/i18n/page-locale';
import type { Translator } from '@/utils/i18n/translator';
import { I18nProvider } from './i18n';

/**
 * Renders an extension page in its language, and again in another one when the user picks it;
 * `title` words the document's title (the browser's tab and window lists).
 */
export async function renderTranslated(
  app: HTMLElement,
  page: (translator: Translator) => VNode,
  title?: (translator: Translator) => string,
): Promise<void> {
  const draw = async () => {
    const translator = await pageTranslator();
    if (title) document.title = title(translator);
    render(<I18nProvider translator={translator}>{page(translator)}</I18nProvider>, app);
  };
  await draw();
  onLanguageChange(() => void draw());
}

// The language of an extension page (popup, options, bulk page, side panel): the user's choice,
// else the browser's. Only that language's files are loaded.
import { browser } from 'wxt/browser';
import { type CatalogueFiles, messagesOf, NAMESPACES } from './catalogue';
import { chooseLocale, LANGUAGE_KEY, type Locale, readLanguagePreference } from './locales';
import { createTranslator, type Translator } from './translator';

const FILES = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', { import: 'default' });

/** The browser's languages, most wanted first: the content languages, then the UI's. */
export function browserLanguages(): string[] {
  let ui: string | undefined;
  try {
    ui = browser.i18n.getUILanguage();
  } catch {
    ui = undefined;
  }
  return [...(globalThis.navigator?.languages ?? []), ...(ui ? [ui] : [])];
}

export async function loadTranslator(locale: Locale): Promise<Translator> {
  const files: CatalogueFiles = {};
  await Promise.all(
    Object.entries(FILES)
      .filter(([path]) => path.includes(`/locales/${locale}/`))
      .map(async ([path, load]) => {
        files[path] = await load();
      }),
  );
  return createTranslator(locale, messagesOf(files, locale, NAMESPACES));
}

/** The language this extension page speaks now. */
export async function pageLocale(): Promise<Locale> {
  const stored = await browser.storage.local.get(LANGUAGE_KEY).catch(() => ({}) as Record<string, unknown>);
  return chooseLocale(readLanguagePreference((stored as Record<string, unknown>)[LANGUAGE_KEY]), browserLanguages());
}

/** The page's translator; the document's `lang` and `dir` follow it. */
export async function pageTranslator(): Promise<Translator> {
  const translator = await loadTranslator(await pageLocale());
  document.documentElement.lang = translator.locale;
  document.documentElement.dir = translator.dir;
  return translator;
}

/** Calls back when the user picks another language (the page then renders in it). */
export function onLanguageChange(callback: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && LANGUAGE_KEY in changes) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// The words Zoho's record page gets: one language, the panel's namespaces only (the page never
// carries the other languages' catalogues; issue 11 counts what it is given).

import { bundledMessages } from '../i18n/bundled-catalogues';
import { PAGE_NAMESPACES } from '../i18n/catalogue';
import { chooseLocale, LANGUAGE_KEY, readLanguagePreference } from '../i18n/locales';
import type { PageCatalogue } from '../messaging';
import type { StorageArea } from '../zoho/storage-area';

export interface PageCatalogueDeps {
  local: Pick<StorageArea, 'get'>;
  /** the browser's languages, most wanted first */
  browserLanguages(): readonly string[];
}

export function createPageCatalogues(
  deps: PageCatalogueDeps,
): (pageLang: string | undefined) => Promise<PageCatalogue> {
  return async (pageLang) => {
    const stored = await deps.local.get(LANGUAGE_KEY);
    const locale = chooseLocale(readLanguagePreference(stored[LANGUAGE_KEY]), [pageLang, ...deps.browserLanguages()]);
    return { locale, messages: bundledMessages(locale, PAGE_NAMESPACES) };
  };
}

/** The worker's own view of the browser's languages. */
export function workerLanguages(): readonly string[] {
  return globalThis.navigator?.languages ?? [];
}

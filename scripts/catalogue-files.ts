// The catalogue read from disk (Node only): for tests, the screenshots and the store listing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CatalogueFiles, messagesOf, NAMESPACES, type Namespace } from '../utils/i18n/catalogue';
import type { Locale } from '../utils/i18n/locales';
import { createTranslator, type Translator } from '../utils/i18n/translator';

export const LOCALES_DIR = resolve(import.meta.dirname, '../locales');

export function catalogueFile(locale: Locale, namespace: Namespace): Record<string, string> {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, `${namespace}.json`), 'utf8'));
}

/** A translator over the source messages (Lingui compiles them on first use outside a build). */
export function translatorFromFiles(locale: Locale): Translator {
  const files: CatalogueFiles = {};
  for (const namespace of NAMESPACES) files[`/locales/${locale}/${namespace}.json`] = catalogueFile(locale, namespace);
  return createTranslator(locale, messagesOf(files, locale, NAMESPACES));
}

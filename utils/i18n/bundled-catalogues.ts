// Every language's catalogue, for the background: it hands the record page the one language it
// needs (the page itself never gets the others). Extension pages load theirs alone (page-locale.ts).
import type { Messages } from '@lingui/core';
import { type CatalogueFiles, messagesOf, type Namespace } from './catalogue';
import type { Locale } from './locales';

const FILES: CatalogueFiles = import.meta.glob('/locales/*/*.json', { eager: true, import: 'default' });

export function bundledMessages(locale: Locale, namespaces: readonly Namespace[]): Messages {
  return messagesOf(FILES, locale, namespaces);
}

// The catalogue: one JSON file per language and namespace, locales/<locale>/<namespace>.json, each
// message in ICU MessageFormat ("{count, plural, one {# record} other {# records}}"). A key is
// "<namespace>.<name>"; its type comes from the English files, so a misspelt key does not compile.
import type { Messages } from '@lingui/core';
import type bulk from '@/locales/en/bulk.json';
import type common from '@/locales/en/common.json';
import type errors from '@/locales/en/errors.json';
import type extension from '@/locales/en/extension.json';
import type language from '@/locales/en/language.json';
import type options from '@/locales/en/options.json';
import type panel from '@/locales/en/panel.json';
import type popup from '@/locales/en/popup.json';
import type selection from '@/locales/en/selection.json';
import type sidepanel from '@/locales/en/sidepanel.json';
import type { Locale } from './locales';

interface Namespaces {
  bulk: typeof bulk;
  common: typeof common;
  errors: typeof errors;
  extension: typeof extension;
  language: typeof language;
  options: typeof options;
  panel: typeof panel;
  popup: typeof popup;
  selection: typeof selection;
  sidepanel: typeof sidepanel;
}

export type Namespace = keyof Namespaces;

export const NAMESPACES = [
  'bulk',
  'common',
  'errors',
  'extension',
  'language',
  'options',
  'panel',
  'popup',
  'selection',
  'sidepanel',
] as const satisfies readonly Namespace[];

export type MessageKey = {
  [N in Namespace]: `${N}.${Extract<keyof Namespaces[N], string>}`;
}[Namespace];

/** What Zoho's record page gets: the panel's, the selection bar's and the errors' words, nothing else. */
export const PAGE_NAMESPACES = ['common', 'errors', 'panel', 'selection'] as const satisfies readonly Namespace[];

/** A file of the catalogue as Vite's glob import names it, and what it holds. */
export type CatalogueFiles = Record<string, Record<string, unknown>>;

const FILE = /\/locales\/([A-Za-z-]+)\/([a-z-]+)\.json$/;

/** The flat messages ("panel.refresh" → …) of one locale, from these namespaces only. */
export function messagesOf(files: CatalogueFiles, locale: Locale, namespaces: readonly Namespace[]): Messages {
  const messages: Messages = {};
  for (const [path, file] of Object.entries(files)) {
    const match = FILE.exec(path);
    if (!match || match[1] !== locale || !(namespaces as readonly string[]).includes(match[2] ?? '')) continue;
    for (const [name, message] of Object.entries(file)) {
      messages[`${match[2]}.${name}`] = message as Messages[string];
    }
  }
  return messages;
}

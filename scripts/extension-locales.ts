// The browser's own `_locales/<folder>/messages.json` files (the extension's name, description and
// shortcut in the store and the browser's menus), made from the catalogue's `extension` namespace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionLocaleFolder, LOCALES } from '../utils/i18n/locales';

/** The manifest's `__MSG_…__` names for each message of locales/<locale>/extension.json. */
export const EXTENSION_MESSAGES = {
  name: 'extensionName',
  shortName: 'extensionShortName',
  description: 'extensionDescription',
  focusCommand: 'focusCommand',
  sidebarTitle: 'sidebarTitle',
} as const;

export function manifestMessage(key: keyof typeof EXTENSION_MESSAGES): string {
  return `__MSG_${EXTENSION_MESSAGES[key]}__`;
}

export function extensionLocaleFiles(root: string): { relativeDest: string; contents: string }[] {
  return LOCALES.map((locale) => {
    const source = JSON.parse(readFileSync(join(root, 'locales', locale, 'extension.json'), 'utf8')) as Record<
      string,
      string
    >;
    const messages = Object.fromEntries(
      Object.entries(EXTENSION_MESSAGES).map(([key, name]) => {
        const message = source[key];
        if (!message) throw new Error(`locales/${locale}/extension.json lacks ${key}`);
        return [name, { message }];
      }),
    );
    return {
      relativeDest: `_locales/${extensionLocaleFolder(locale)}/messages.json`,
      contents: `${JSON.stringify(messages, null, 2)}\n`,
    };
  });
}

// The languages the extension speaks, and which one a surface uses: the user's choice first, then
// (for the panel) the Zoho page's own `lang`, then the browser's languages, then English.

export const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'zh-CN', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language by its own name, as a language menu shows it to someone looking for their own. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
  'zh-CN': '简体中文',
  ar: 'العربية',
};

/** storage.local key: the language the user chose on the options page, or 'auto'. */
export const LANGUAGE_KEY = 'language';
export type LanguagePreference = 'auto' | Locale;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function readLanguagePreference(stored: unknown): LanguagePreference {
  return isLocale(stored) ? stored : 'auto';
}

/**
 * The supported locale for a BCP 47 tag ("de-AT" → de, "pt-PT" → pt-BR, "zh-SG" → zh-CN), or null.
 * Chinese in traditional script (zh-TW, zh-Hant) has no catalogue here and is not read as simplified.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(tag.trim().replace(/_/g, '-'));
  } catch {
    return null;
  }
  switch (parsed.language) {
    case 'pt':
      return 'pt-BR';
    case 'zh':
      return parsed.maximize().script === 'Hans' ? 'zh-CN' : null;
    default:
      return isLocale(parsed.language) ? parsed.language : null;
  }
}

/** The first supported locale: the preference unless 'auto', then each candidate tag in order. */
export function chooseLocale(
  preference: LanguagePreference,
  candidates: readonly (string | null | undefined)[],
): Locale {
  if (preference !== 'auto') return preference;
  for (const tag of candidates) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

export type TextDirection = 'ltr' | 'rtl';

export function directionOf(locale: Locale): TextDirection {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** Chrome's and Firefox's `_locales` folder name for a locale: pt_BR, zh_CN. */
export function extensionLocaleFolder(locale: Locale): string {
  return locale.replace('-', '_');
}

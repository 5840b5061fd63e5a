import { type Messages, setupI18n } from '@lingui/core';
import type { MessageKey } from './catalogue';
import { countVariable } from './count-variable';
import { directionOf, type Locale, type TextDirection } from './locales';

export type MessageValues = Record<string, string | number>;

/** The words, numbers and dates of one language. */
export interface Translator {
  readonly locale: Locale;
  readonly dir: TextDirection;
  t(key: MessageKey, values?: MessageValues): string;
  number(value: number): string;
  date(value: number | Date, options: Intl.DateTimeFormatOptions): string;
  /** "a, b, c" as the language lists things */
  list(items: readonly string[]): string;
}

// Building an Intl formatter costs tens of milliseconds in a fresh content-script world (ICU data
// for the locale), while formatting with one costs microseconds: each locale and style is built once.
type Format = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat;
const formats = new Map<string, Format>();

function cached<F extends Format>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * Below 1,000 a whole number is written as its digits in every supported locale (Latin digits, no
 * grouping; a unit test holds each locale to it): the panel's counts need no formatter then, which
 * would cost tens of milliseconds of ICU loading on Zoho's page.
 */
function plainDigits(value: number): string | null {
  return Number.isInteger(value) && value >= 0 && value < 1000 ? String(value) : null;
}

function withCounts(values: MessageValues, number: (value: number) => string): MessageValues {
  const filled: MessageValues = { ...values };
  for (const [name, value] of Object.entries(values))
    if (typeof value === 'number') filled[countVariable(name)] = number(value);
  return filled;
}

export function createTranslator(locale: Locale, messages: Messages): Translator {
  const i18n = setupI18n({ locale, messages: { [locale]: messages } });
  const number = (value: number): string =>
    plainDigits(value) ?? cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
  return {
    locale,
    dir: directionOf(locale),
    // A plural's `#` is compiled to a variable of its own (count-variable.ts): written here, as numbers are.
    t: (key, values) => i18n._(key, values && withCounts(values, number)),
    number,
    date: (value, options) =>
      cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options)).format(value),
    list: (items) =>
      items.length === 1
        ? (items[0] ?? '')
        : cached(`l|${locale}`, () => new Intl.ListFormat(locale, { type: 'unit', style: 'short' })).format(items),
  };
}

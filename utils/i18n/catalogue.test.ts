import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CompiledMessage, compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { compileCatalogue } from '../../scripts/compiled-catalogues';
import { extensionLocaleFiles } from '../../scripts/extension-locales';
import { NAMESPACES } from './catalogue';
import { LOCALES, type Locale } from './locales';
import { createTranslator } from './translator';

const ROOT = join(__dirname, '..', '..');

function file(locale: string, namespace: string): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, 'locales', locale, `${namespace}.json`), 'utf8'));
}

/** Each argument a message uses ("count", "name"), with each plural's or select's forms. */
function argumentsOf(tokens: CompiledMessage, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const token of tokens) {
    if (typeof token === 'string') continue;
    const [name, type, format] = token;
    if (!into.has(name)) into.set(name, new Set());
    if ((type === 'plural' || type === 'select' || type === 'selectordinal') && format && typeof format === 'object') {
      for (const [form, branch] of Object.entries(format as Record<string, unknown>)) {
        if (form === 'offset' || !Array.isArray(branch)) continue;
        into.get(name)?.add(`${type}:${form}`);
        argumentsOf(branch as CompiledMessage, into);
      }
    }
  }
  return into;
}

function plainArguments(tokens: CompiledMessage): string[] {
  return [...argumentsOf(tokens).keys()].sort();
}

describe('the catalogue', () => {
  it('has a folder for every locale and a file for every namespace, nothing else', () => {
    expect(readdirSync(join(ROOT, 'locales')).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect(readdirSync(join(ROOT, 'locales', locale)).sort()).toEqual(NAMESPACES.map((n) => `${n}.json`).sort());
    }
  });

  for (const namespace of NAMESPACES) {
    const english = file('en', namespace);
    for (const locale of LOCALES) {
      it(`${locale}/${namespace}.json has every English key, no other, with the same placeholders`, () => {
        const messages = file(locale, namespace);
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(messages)) {
          expect(message.trim(), `${locale} ${namespace}.${key} is empty`).not.toBe('');
          const tokens = compileMessageOrThrow(message);
          expect(plainArguments(tokens), `${locale} ${namespace}.${key}`).toEqual(
            plainArguments(compileMessageOrThrow(english[key] ?? '')),
          );
        }
      });
    }
  }

  it('gives every plural the forms its language has (Arabic six, Japanese and Chinese one)', () => {
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const namespace of NAMESPACES) {
        for (const [key, message] of Object.entries(file(locale, namespace))) {
          for (const forms of argumentsOf(compileMessageOrThrow(message)).values()) {
            const plural = [...forms].filter((form) => form.startsWith('plural:')).map((form) => form.slice(7));
            if (plural.length === 0) continue;
            for (const category of needed) {
              expect(plural, `${locale} ${namespace}.${key} lacks "${category}"`).toContain(category);
            }
          }
        }
      }
    }
  });

  it('compiles for the build, and the compiled messages read as the source ones', () => {
    for (const locale of LOCALES) {
      for (const namespace of NAMESPACES) {
        const source = file(locale, namespace);
        const compiled = compileCatalogue(source, `${locale}/${namespace}`);
        const translator = createTranslator(
          locale,
          Object.fromEntries(
            Object.entries(compiled).map(([key, message]) => [`${namespace}.${key}`, message as string]),
          ),
        );
        for (const key of Object.keys(source)) {
          const values = Object.fromEntries(
            plainArguments(compileMessageOrThrow(source[key] ?? '')).map((name) => [name, 2]),
          );
          const shown = translator.t(`${namespace}.${key}` as never, values);
          expect(shown, `${locale} ${namespace}.${key}`).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it("writes a plural's count without building a number formatter, as the translator writes numbers", () => {
    const compiled = compileCatalogue(
      { count: '{count, plural, one {# Gebiet} other {# Gebiete ({kind, select, rules {# durch Regeln} other {#}})}}' },
      'de/x.json',
    );
    const translator = createTranslator('de', { 'x.count': compiled.count as string });
    const real = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = new Proxy(real, {
      construct(target, args: ConstructorParameters<typeof Intl.NumberFormat>) {
        built++;
        return new target(...args);
      },
    });
    try {
      expect(translator.t('x.count' as never, { count: 1, kind: 'rules' })).toBe('1 Gebiet');
      expect(translator.t('x.count' as never, { count: 3, kind: 'rules' })).toBe('3 Gebiete (3 durch Regeln)');
      expect(built).toBe(0);
      expect(translator.t('x.count' as never, { count: 12_500, kind: 'x' })).toBe('12.500 Gebiete (12.500)');
      expect(built).toBe(1);
    } finally {
      Intl.NumberFormat = real;
    }
  });

  it('compiles plain text too, so that Lingui never warns of an uncompiled message on the page', () => {
    const compiled = compileCatalogue({ plain: 'Territorien', escaped: 'caf\\u00e9' }, 'de/x.json');
    // As built: Lingui compiles strings at run time only outside production, and warns instead.
    const mode = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const translator = createTranslator('de', {
      'x.plain': compiled.plain as string,
      'x.escaped': compiled.escaped as string,
    });
    process.env.NODE_ENV = mode;
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(translator.t('x.plain' as never)).toBe('Territorien');
      expect(translator.t('x.escaped' as never)).toBe('café');
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual([]);
  });

  it('refuses a message that does not parse', () => {
    expect(() => compileCatalogue({ broken: '{count, plural, one {x}' }, 'x.json')).toThrow(/broken/);
  });

  it('makes the browser’s _locales files with the name, description and shortcut of each language', () => {
    const files = extensionLocaleFiles(ROOT);
    expect(files.map((f) => f.relativeDest)).toContain('_locales/pt_BR/messages.json');
    expect(files.map((f) => f.relativeDest)).toContain('_locales/zh_CN/messages.json');
    const german = JSON.parse(files.find((f) => f.relativeDest === '_locales/de/messages.json')?.contents ?? '{}');
    expect(german.extensionDescription.message).toBe(file('de', 'extension').description);
    for (const f of files) {
      const messages = JSON.parse(f.contents) as Record<string, { message: string }>;
      // Chrome refuses a localised name over 75 characters, a description over 132.
      expect(messages.extensionName?.message.length).toBeLessThanOrEqual(75);
      expect(messages.extensionDescription?.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('a translator', () => {
  const german: Locale = 'de';
  it('formats numbers and dates in its own language', () => {
    const translator = createTranslator(german, {});
    expect(translator.number(12345)).toBe('12.345');
    expect(translator.date(Date.UTC(2020, 2, 5, 12), { dateStyle: 'medium', timeZone: 'UTC' })).toBe('05.03.2020');
    expect(translator.dir).toBe('ltr');
    expect(createTranslator('ar', {}).dir).toBe('rtl');
  });

  it('writes whole numbers as Intl does in every locale, small ones without building a formatter', () => {
    for (const locale of LOCALES) {
      const translator = createTranslator(locale, {});
      const format = new Intl.NumberFormat(locale);
      for (const value of [0, 7, 10, 999, 1000, 12345, 2.5]) {
        expect(translator.number(value), `${locale} ${value}`).toBe(format.format(value));
      }
      for (let value = 0; value < 1000; value += 1) expect(translator.number(value)).toBe(format.format(value));
    }
  });

  it('picks the plural form of its language', () => {
    const message = '{count, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}';
    const arabic = createTranslator('ar', { 'panel.x': message });
    const forms = [0, 1, 2, 3, 11, 100].map((count) => arabic.t('panel.x' as never, { count }));
    expect(forms).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
  });
});

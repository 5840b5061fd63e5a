import { describe, expect, it } from 'vitest';
import { chooseLocale, directionOf, extensionLocaleFolder, matchLocale, readLanguagePreference } from './locales';

describe('matchLocale', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['de_AT', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['ja-JP', 'ja'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['ar', 'ar'],
    ['ar-SA', 'ar'],
    ['en-GB', 'en'],
  ])('reads %s as %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });

  it.each(['zh-TW', 'zh-Hant', 'nl', 'ru-RU', '', 'not a tag!', null, undefined])('has nothing for %s', (tag) => {
    expect(matchLocale(tag)).toBeNull();
  });
});

describe('chooseLocale', () => {
  it('takes the preference over everything', () => {
    expect(chooseLocale('ja', ['de', 'fr'])).toBe('ja');
  });

  it('takes the first candidate it speaks, else English', () => {
    expect(chooseLocale('auto', ['nl', 'de-DE', 'fr'])).toBe('de');
    expect(chooseLocale('auto', [undefined, 'zh-TW'])).toBe('en');
  });

  it('reads an unknown stored preference as automatic', () => {
    expect(readLanguagePreference('de')).toBe('de');
    expect(readLanguagePreference('klingon')).toBe('auto');
    expect(readLanguagePreference(undefined)).toBe('auto');
  });
});

it('lays Arabic out right to left and names the browser folders as browsers want them', () => {
  expect(directionOf('ar')).toBe('rtl');
  expect(directionOf('de')).toBe('ltr');
  expect(extensionLocaleFolder('pt-BR')).toBe('pt_BR');
});

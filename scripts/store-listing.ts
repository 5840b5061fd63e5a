// `npm run listing`: writes the listing's translated names and descriptions into
// docs/store/listing.md from the catalogue (locales/<locale>/extension.json), the same text the
// browsers show from _locales. A unit test (utils/i18n/listing.test.ts) fails when the file and
// the catalogue differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LANGUAGE_NAMES, LOCALES } from '../utils/i18n/locales';
import { catalogueFile } from './catalogue-files';

export const LISTING_FILE = resolve(import.meta.dirname, '../docs/store/listing.md');
const BEGIN = '<!-- translated descriptions: made by `npm run listing` from locales/*/extension.json; do not edit -->';
const END = '<!-- end of translated descriptions -->';

/** Each language's name, short name and description, as the stores' per-language fields take them. */
export function translatedDescriptions(): string {
  const sections = LOCALES.map((locale) => {
    const words = catalogueFile(locale, 'extension');
    return [
      `### ${LANGUAGE_NAMES[locale]} (\`${locale}\`)`,
      '',
      `- Name: ${words.name}`,
      `- Short name: ${words.shortName}`,
      `- Description: ${words.description}`,
    ].join('\n');
  });
  return [BEGIN, '', ...sections.flatMap((section) => [section, '']), END].join('\n');
}

/** The listing with its generated block replaced (or added at the end). */
export function withTranslatedDescriptions(listing: string): string {
  const begin = listing.indexOf(BEGIN);
  const end = listing.indexOf(END);
  if (begin < 0 || end < begin) return `${listing.trimEnd()}\n\n${translatedDescriptions()}\n`;
  return `${listing.slice(0, begin)}${translatedDescriptions()}${listing.slice(end + END.length)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(LISTING_FILE, withTranslatedDescriptions(readFileSync(LISTING_FILE, 'utf8')));
  console.log(`Wrote the translated descriptions into ${LISTING_FILE}`);
}

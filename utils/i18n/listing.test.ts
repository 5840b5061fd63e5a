import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LISTING_FILE, translatedDescriptions, withTranslatedDescriptions } from '../../scripts/store-listing';
import { LOCALES } from './locales';

describe('the store listing’s translated descriptions', () => {
  it('are the catalogue’s, word for word (run `npm run listing` after changing locales/*/extension.json)', () => {
    const listing = readFileSync(LISTING_FILE, 'utf8');
    expect(listing).toContain(translatedDescriptions());
    expect(withTranslatedDescriptions(listing)).toBe(listing);
  });

  it('name every language of the catalogue', () => {
    const block = translatedDescriptions();
    for (const locale of LOCALES) expect(block).toContain(`(\`${locale}\`)`);
    expect(block).toContain('Zeigt die Gebiete eines Zoho-CRM-Datensatzes');
  });
});

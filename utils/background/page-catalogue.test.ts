import { describe, expect, it } from 'vitest';
import { LANGUAGE_KEY } from '../i18n/locales';
import { memoryStorageArea } from '../zoho/memory-storage-area';
import { createPageCatalogues } from './page-catalogue';

describe('the record page’s catalogue', () => {
  it('follows the Zoho page’s lang, else the browser’s, and a stored choice over both', async () => {
    const local = memoryStorageArea();
    const catalogue = createPageCatalogues({ local, browserLanguages: () => ['fr-FR', 'en'] });
    expect((await catalogue('de-DE')).locale).toBe('de');
    expect((await catalogue('nl')).locale).toBe('fr');
    expect((await catalogue(undefined)).locale).toBe('fr');
    await local.set({ [LANGUAGE_KEY]: 'ar' });
    expect((await catalogue('de')).locale).toBe('ar');
  });

  it('carries the panel’s words of that one language, not the bulk page’s or the options page’s', async () => {
    const catalogue = createPageCatalogues({ local: memoryStorageArea(), browserLanguages: () => [] });
    const { messages } = await catalogue('de');
    const namespaces = new Set(Object.keys(messages).map((key) => key.split('.')[0]));
    expect([...namespaces].every((ns) => ['common', 'errors', 'panel', 'selection'].includes(ns ?? ''))).toBe(true);
  });
});

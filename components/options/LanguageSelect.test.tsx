// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanguageStore } from '@/utils/i18n/language-store';
import { LANGUAGE_KEY } from '@/utils/i18n/locales';
import { memoryStorageArea } from '@/utils/zoho/memory-storage-area';
import { I18nProvider } from '../i18n';
import { InEnglish, translatorFor } from '../test-i18n';
import { LanguageSelect } from './LanguageSelect';

afterEach(cleanup);

describe('LanguageSelect', () => {
  it('shows the stored choice and keeps a new one in storage.local', async () => {
    const area = memoryStorageArea();
    await area.set({ [LANGUAGE_KEY]: 'de' });
    render(<LanguageSelect store={createLanguageStore(area)} />, { wrapper: InEnglish });
    const select = screen.getByRole('combobox', { name: 'Language' }) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('de'));
    expect(screen.getByRole('option', { name: 'العربية' }).getAttribute('lang')).toBe('ar');
    fireEvent.change(select, { target: { value: 'ja' } });
    await waitFor(async () => expect(await area.get(LANGUAGE_KEY)).toEqual({ [LANGUAGE_KEY]: 'ja' }));
    fireEvent.change(select, { target: { value: 'auto' } });
    await waitFor(async () => expect(await area.get(LANGUAGE_KEY)).toEqual({}));
  });

  it('speaks the surrounding language', async () => {
    const area = memoryStorageArea();
    render(
      <I18nProvider translator={translatorFor('de')}>
        <LanguageSelect store={createLanguageStore(area)} />
      </I18nProvider>,
    );
    expect(await screen.findByRole('combobox', { name: 'Sprache' })).toBeTruthy();
  });
});

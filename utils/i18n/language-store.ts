import type { StorageArea } from '../zoho/storage-area';
import { LANGUAGE_KEY, type LanguagePreference, readLanguagePreference } from './locales';

/** The user's language choice in storage.local ('auto': the page's, else the browser's). */
export interface LanguageStore {
  load(): Promise<LanguagePreference>;
  save(preference: LanguagePreference): Promise<void>;
}

export function createLanguageStore(area: StorageArea): LanguageStore {
  return {
    load: async () => readLanguagePreference((await area.get(LANGUAGE_KEY))[LANGUAGE_KEY]),
    save: (preference) =>
      preference === 'auto' ? area.remove(LANGUAGE_KEY) : area.set({ [LANGUAGE_KEY]: preference }),
  };
}

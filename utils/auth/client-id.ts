// The Zoho API client id: from the build when it has one, else the one entered in the options.
import type { StorageArea } from '../zoho/storage-area';

/** The storage.local key the options page writes. */
export const CLIENT_ID_KEY = 'clientId';

export function clientIdSource(buildClientId: string | undefined, local: StorageArea): () => Promise<string | null> {
  const fromBuild = buildClientId?.trim();
  return async () => {
    if (fromBuild) return fromBuild;
    const stored = (await local.get(CLIENT_ID_KEY))[CLIENT_ID_KEY];
    return typeof stored === 'string' && stored.trim() !== '' ? stored.trim() : null;
  };
}

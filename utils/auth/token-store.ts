// Access tokens, one per data centre, in storage.session: it survives service-worker restarts,
// is gone when the browser closes, and content scripts cannot read it (default access level).
import * as v from 'valibot';
import { apiOrigin, DATA_CENTRE_IDS, type DataCentre } from '../data-centres';
import type { Connection } from '../messaging';
import type { StorageArea } from '../zoho/storage-area';
import { isApiDomainOf } from './authorize';

export interface StoredToken {
  dataCentre: DataCentre;
  accessToken: string;
  /** epoch ms */
  expiresAt: number;
  /** `https://www.zohoapis.<tld>` or the sandbox host of the same data centre; checked at sign-in. */
  apiDomain: string;
  scopes: string[];
}

/** Renew silently when less than this is left. */
export const RENEW_MARGIN_MS = 5 * 60_000;
/** A token closer than this to expiry is not sent: the call could outlive it. */
export const USABLE_MARGIN_MS = 30_000;

const StoredTokenSchema = v.pipe(
  v.object({
    dataCentre: v.picklist(DATA_CENTRE_IDS),
    accessToken: v.pipe(v.string(), v.minLength(1)),
    expiresAt: v.number(),
    apiDomain: v.string(),
    scopes: v.array(v.string()),
  }),
  v.check((token) => isApiDomainOf(token.dataCentre, token.apiDomain), 'api domain outside the data centre'),
);

const storageKey = (dataCentre: DataCentre) => `token:${dataCentre}`;

export interface TokenStore {
  load(dataCentre: DataCentre): Promise<StoredToken | null>;
  save(token: StoredToken): Promise<void>;
  forget(dataCentre: DataCentre): Promise<void>;
}

export function createTokenStore(area: StorageArea): TokenStore {
  return {
    async load(dataCentre) {
      const stored = (await area.get(storageKey(dataCentre)))[storageKey(dataCentre)];
      const parsed = v.safeParse(StoredTokenSchema, stored);
      return parsed.success && parsed.output.dataCentre === dataCentre ? parsed.output : null;
    },
    async save(token) {
      await area.set({ [storageKey(token.dataCentre)]: token });
    },
    async forget(dataCentre) {
      await area.remove(storageKey(dataCentre));
    },
  };
}

export function needsRenewal(token: StoredToken, now: number): boolean {
  return token.expiresAt - now < RENEW_MARGIN_MS;
}

export function isUsable(token: StoredToken, now: number): boolean {
  return token.expiresAt - now > USABLE_MARGIN_MS;
}

/** Sandbox orgs live on the data centre's sandbox API host; everything else on the token's api_domain. */
export function apiOriginFor(target: { dataCentre: DataCentre; sandbox: boolean }, token: StoredToken): string {
  return target.sandbox ? apiOrigin(target.dataCentre, true) : token.apiDomain;
}

export function connectionOf(dataCentre: DataCentre, token: StoredToken | null, now: number): Connection {
  const connected = token !== null && token.expiresAt > now;
  return {
    dataCentre,
    connected,
    expiresAt: connected ? token.expiresAt : null,
    apiDomain: connected ? token.apiDomain : null,
  };
}

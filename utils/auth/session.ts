// Sign-in, silent renewal and sign-out, per data centre. The only code that holds access tokens;
// what leaves it towards the pages is a Connection, never a token.
import { DATA_CENTRE_IDS, type DataCentre } from '../data-centres';
import type { Connection, Result } from '../messaging';
import type { CredentialSource, Credentials } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { type AuthorizeMode, buildAuthorizeUrl, parseAuthRedirect, newState as randomState } from './authorize';
import type { ReachedOrgs } from './reached-orgs';
import { apiOriginFor, connectionOf, isUsable, needsRenewal, type StoredToken, type TokenStore } from './token-store';

/** The part of `browser.identity` used here (fakeBrowser does not implement it). */
export interface IdentityApi {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

export interface AuthDeps {
  identity: IdentityApi;
  tokens: TokenStore;
  clientId: () => Promise<string | null>;
  /** Best effort; failures are ignored. */
  revoke: (dataCentre: DataCentre, accessToken: string) => Promise<void>;
  /** The orgs each sign-in has reached; forgotten at sign-in and sign-out. */
  orgs: ReachedOrgs;
  now?: () => number;
  newState?: () => string;
}

export interface AuthSession {
  signIn(dataCentre: DataCentre): Promise<Result<Connection>>;
  signOut(dataCentre: DataCentre): Promise<Result<Connection>>;
  connections(): Promise<Result<Connection[]>>;
  /** A token fit for a call now, renewed silently near expiry; throws NOT_SIGNED_IN or INVALID_TOKEN. */
  usableToken(dataCentre: DataCentre): Promise<StoredToken>;
  /** Zoho rejected `rejectedAccessToken`: a renewed token, else the token is forgotten and INVALID_TOKEN thrown. */
  renewRejected(dataCentre: DataCentre, rejectedAccessToken: string): Promise<StoredToken>;
  /** Forgets the stored token if it is still this one. */
  discard(dataCentre: DataCentre, accessToken: string): Promise<void>;
  credentialsFor(target: { dataCentre: DataCentre; sandbox: boolean }): CredentialSource;
  /** A call for this org succeeded: the options page names it under the data centre's connection. */
  orgReached(target: { dataCentre: DataCentre; sandbox: boolean; orgId: string | null }): Promise<void>;
}

interface SilentRenewal {
  /** the access token this renewal replaces */
  stale: string;
  settled: boolean;
  failedAt: number | null;
  outcome: Promise<StoredToken | null>;
}

/** After a failed silent renewal of a token, wait this long before trying again for the same token. */
export const SILENT_RETRY_PAUSE_MS = 60_000;
export const REDIRECT_PATH = 'zoho';

export function createAuthSession(deps: AuthDeps): AuthSession {
  const now = deps.now ?? Date.now;
  const newState = deps.newState ?? randomState;
  const signInsUnderWay = new Map<DataCentre, Promise<Result<Connection>>>();
  /** The last silent renewal per data centre: the token it replaces, and how it went. */
  const renewals = new Map<DataCentre, SilentRenewal>();

  /** Runs the flow and stores the token it yields; the error says why there is none. */
  async function authorize(dataCentre: DataCentre, mode: AuthorizeMode): Promise<Result<StoredToken>> {
    const clientId = await deps.clientId();
    if (!clientId) return { ok: false, error: { code: 'NO_CLIENT_ID' } };
    const redirectUri = deps.identity.getRedirectURL(REDIRECT_PATH);
    const state = newState();
    const url = buildAuthorizeUrl({ dataCentre, clientId, redirectUri, state, mode });
    let redirect: string | undefined;
    try {
      redirect = await deps.identity.launchWebAuthFlow({ url, interactive: mode === 'interactive' });
    } catch (error) {
      // The browser rejects when the user closes the window (or, silently, when Zoho wants a prompt).
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'SIGN_IN_CANCELLED', message } };
    }
    if (!redirect) return { ok: false, error: { code: 'SIGN_IN_FAILED', message: 'the sign-in returned no answer' } };
    const parsed = parseAuthRedirect(redirect, { dataCentre, state, redirectUri, now: now() });
    if (parsed.ok) await deps.tokens.save(parsed.value);
    return parsed;
  }

  /**
   * One silent renewal per stale token: every caller holding `stale` (read before, during or after the
   * renewal that replaces it) shares that renewal's outcome, and no second flow runs while one is under
   * way. A failed renewal is tried again for the same token only after SILENT_RETRY_PAUSE_MS.
   */
  function renewSilently(dataCentre: DataCentre, stale: string): Promise<StoredToken | null> {
    const last = renewals.get(dataCentre);
    if (last && (!last.settled || (last.stale === stale && !isOverdue(last)))) return last.outcome;
    const renewal: SilentRenewal = {
      stale,
      settled: false,
      failedAt: null,
      outcome: authorize(dataCentre, 'silent').then(
        (result) => {
          renewal.settled = true;
          if (result.ok) return result.value;
          renewal.failedAt = now();
          return null;
        },
        () => {
          renewal.settled = true;
          renewal.failedAt = now();
          return null;
        },
      ),
    };
    renewals.set(dataCentre, renewal);
    return renewal.outcome;
  }

  function isOverdue(renewal: SilentRenewal): boolean {
    return renewal.failedAt !== null && now() - renewal.failedAt >= SILENT_RETRY_PAUSE_MS;
  }

  async function forgetIfStill(dataCentre: DataCentre, accessToken: string): Promise<void> {
    const stored = await deps.tokens.load(dataCentre);
    if (stored?.accessToken === accessToken) await deps.tokens.forget(dataCentre);
  }

  async function usableToken(dataCentre: DataCentre): Promise<StoredToken> {
    const token = await deps.tokens.load(dataCentre);
    if (!token) throw new ZohoApiError('NOT_SIGNED_IN');
    if (!needsRenewal(token, now())) return token;
    const renewed = await renewSilently(dataCentre, token.accessToken);
    if (renewed) return renewed;
    // A token that still has a little time left serves until then; the renewal is retried later.
    if (isUsable(token, now())) return token;
    await forgetIfStill(dataCentre, token.accessToken);
    throw new ZohoApiError('INVALID_TOKEN', { message: 'the sign-in expired and could not be renewed silently' });
  }

  async function renewRejected(dataCentre: DataCentre, rejectedAccessToken: string): Promise<StoredToken> {
    const stored = await deps.tokens.load(dataCentre);
    // Another request may have renewed it meanwhile.
    if (stored && stored.accessToken !== rejectedAccessToken && isUsable(stored, now())) return stored;
    const renewed = await renewSilently(dataCentre, rejectedAccessToken);
    if (renewed && renewed.accessToken !== rejectedAccessToken) return renewed;
    await forgetIfStill(dataCentre, rejectedAccessToken);
    throw new ZohoApiError('INVALID_TOKEN', {
      status: 401,
      message: 'Zoho rejected the token and it could not be renewed',
    });
  }

  function credentialsOf(target: { dataCentre: DataCentre; sandbox: boolean }, token: StoredToken): Credentials {
    return { accessToken: token.accessToken, apiOrigin: apiOriginFor(target, token) };
  }

  return {
    signIn(dataCentre) {
      const underWay = signInsUnderWay.get(dataCentre);
      if (underWay) return underWay;
      const signIn = authorize(dataCentre, 'interactive')
        .then(async (result): Promise<Result<Connection>> => {
          if (!result.ok) return result;
          // Maybe another Zoho user than before: what the last one reached is not this one's.
          await deps.orgs.forget(dataCentre);
          return { ok: true, value: connectionOf(dataCentre, result.value, now()) };
        })
        .finally(() => signInsUnderWay.delete(dataCentre));
      signInsUnderWay.set(dataCentre, signIn);
      return signIn;
    },

    async signOut(dataCentre) {
      const token = await deps.tokens.load(dataCentre);
      await deps.tokens.forget(dataCentre);
      await deps.orgs.forget(dataCentre);
      if (token) await deps.revoke(dataCentre, token.accessToken).catch(() => undefined);
      return { ok: true, value: connectionOf(dataCentre, null, now()) };
    },

    async connections() {
      const connections = await Promise.all(
        DATA_CENTRE_IDS.map(async (dataCentre): Promise<Connection> => {
          const connection = connectionOf(dataCentre, await deps.tokens.load(dataCentre), now());
          if (!connection.connected) return connection;
          return { ...connection, orgs: await deps.orgs.list(dataCentre) };
        }),
      );
      return { ok: true, value: connections };
    },

    async orgReached({ dataCentre, sandbox, orgId }) {
      if (orgId !== null) await deps.orgs.note(dataCentre, { orgId, sandbox });
    },

    usableToken,
    renewRejected,
    discard: forgetIfStill,

    credentialsFor(target) {
      return {
        current: async () => credentialsOf(target, await usableToken(target.dataCentre)),
        renew: async (rejected) => credentialsOf(target, await renewRejected(target.dataCentre, rejected)),
        discard: (rejected) => forgetIfStill(target.dataCentre, rejected),
      };
    },
  };
}

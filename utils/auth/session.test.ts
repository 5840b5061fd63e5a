import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DataCentre } from '../data-centres';
import { ZohoApiError } from '../zoho/errors';
import { clientIdSource } from './client-id';
import { createReachedOrgs } from './reached-orgs';
import { revokeToken } from './revoke';
import { createAuthSession, type IdentityApi, SILENT_RETRY_PAUSE_MS } from './session';
import { createTokenStore, type StoredToken, type TokenStore } from './token-store';

const REDIRECT_BASE = 'https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org';
const NOW = 1_700_000_000_000;

interface FlowCall {
  url: URL;
  interactive: boolean;
}

/** A stand-in for browser.identity whose answers the test decides, from the request URL. */
function stubIdentity(respond: (call: FlowCall) => string | undefined | Promise<string | undefined>) {
  const calls: FlowCall[] = [];
  const identity: IdentityApi = {
    getRedirectURL: (path) => `${REDIRECT_BASE}/${path ?? ''}`,
    launchWebAuthFlow: async ({ url, interactive }) => {
      const call = { url: new URL(url), interactive };
      calls.push(call);
      return respond(call);
    },
  };
  return { identity, calls };
}

/** Zoho's redirect granting `accessToken`, echoing the request's state. */
function grant(call: FlowCall, accessToken: string, apiDomain = 'https://www.zohoapis.eu'): string {
  const params = new URLSearchParams({
    access_token: accessToken,
    expires_in: '3600',
    api_domain: apiDomain,
    token_type: 'Bearer',
    state: call.url.searchParams.get('state') ?? '',
  });
  return `${call.url.searchParams.get('redirect_uri')}#${params}`;
}

function setup(
  respond: (call: FlowCall) => string | undefined | Promise<string | undefined>,
  options: {
    clientId?: string | null;
    revoke?: (dc: DataCentre, token: string) => Promise<void>;
    /** storage answers this late, with what it held when asked */
    loadDelayMs?: number;
  } = {},
) {
  const clock = { now: NOW };
  const { identity, calls } = stubIdentity(respond);
  const tokens = slowToLoad(createTokenStore(fakeBrowser.storage.session), options.loadDelayMs ?? 0);
  const revoked: string[] = [];
  const orgs = createReachedOrgs(fakeBrowser.storage.session);
  const auth = createAuthSession({
    identity,
    tokens,
    orgs,
    clientId: async () => (options.clientId === undefined ? '1000.CLIENT' : options.clientId),
    revoke:
      options.revoke ??
      (async (_dc, token) => {
        revoked.push(token);
      }),
    now: () => clock.now,
  });
  return { auth, calls, tokens, clock, revoked, orgs };
}

function slowToLoad(tokens: TokenStore, delayMs: number): TokenStore {
  if (delayMs === 0) return tokens;
  return {
    ...tokens,
    load: async (dataCentre) => {
      const held = await tokens.load(dataCentre);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return held;
    },
  };
}

const stored = (accessToken: string, expiresAt: number): StoredToken => ({
  dataCentre: 'eu',
  accessToken,
  expiresAt,
  apiDomain: 'https://www.zohoapis.eu',
  scopes: [],
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZohoApiError) return error.code;
    throw error;
  }
  throw new Error('expected a ZohoApiError');
}

beforeEach(() => fakeBrowser.reset());

describe('signIn', () => {
  it('runs the interactive flow for the data centre and stores the token in storage.session', async () => {
    const { auth, calls, tokens } = setup((call) => grant(call, 'tok-1'));
    const result = await auth.signIn('eu');
    expect(result).toEqual({
      ok: true,
      value: { dataCentre: 'eu', connected: true, expiresAt: NOW + 3_600_000, apiDomain: 'https://www.zohoapis.eu' },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.interactive).toBe(true);
    expect(calls[0]?.url.origin + (calls[0]?.url.pathname ?? '')).toBe('https://accounts.zoho.eu/oauth/v2/auth');
    expect(calls[0]?.url.searchParams.get('redirect_uri')).toBe(`${REDIRECT_BASE}/zoho`);
    expect(calls[0]?.url.searchParams.get('client_id')).toBe('1000.CLIENT');
    expect((await tokens.load('eu'))?.accessToken).toBe('tok-1');
    expect(JSON.stringify(result)).not.toContain('tok-1');
  });

  it('reports a closed window as SIGN_IN_CANCELLED and stores nothing', async () => {
    const { auth, tokens } = setup(() => Promise.reject(new Error('The user did not approve access.')));
    expect(await auth.signIn('eu')).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_CANCELLED', message: 'The user did not approve access.' },
    });
    expect(await tokens.load('eu')).toBeNull();
  });

  it('refuses a token for an API server outside the data centre and stores nothing', async () => {
    const { auth, tokens } = setup((call) => grant(call, 'tok-x', 'https://www.zohoapis.com'));
    const result = await auth.signIn('eu');
    expect(!result.ok && result.error.code).toBe('FOREIGN_API_DOMAIN');
    expect(await tokens.load('eu')).toBeNull();
  });

  it('refuses an answer with another state', async () => {
    const { auth, tokens } = setup(
      (call) =>
        `${call.url.searchParams.get('redirect_uri')}#access_token=t&expires_in=3600&api_domain=https%3A%2F%2Fwww.zohoapis.eu&state=forged`,
    );
    const result = await auth.signIn('eu');
    expect(!result.ok && result.error.code).toBe('STATE_MISMATCH');
    expect(await tokens.load('eu')).toBeNull();
  });

  it('needs a client id', async () => {
    const { auth, calls } = setup((call) => grant(call, 't'), { clientId: null });
    expect(await auth.signIn('eu')).toEqual({ ok: false, error: { code: 'NO_CLIENT_ID' } });
    expect(calls).toHaveLength(0);
  });

  it('lets a second sign-in for the same data centre join the first', async () => {
    const pending: (() => void)[] = [];
    const { auth, calls } = setup(
      (call) => new Promise<string>((resolve) => pending.push(() => resolve(grant(call, 'tok-joined')))),
    );
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    const first = auth.signIn('eu');
    const second = auth.signIn('eu');
    const otherDataCentre = auth.signIn('us');
    await tick();
    expect(calls.map((call) => call.url.origin)).toEqual(['https://accounts.zoho.eu', 'https://accounts.zoho.com']);
    for (const release of pending) release();
    expect(await second).toEqual(await first);
    expect((await first).ok).toBe(true);
    await otherDataCentre;
    // Once it is over, the next sign-in opens a new flow.
    const again = auth.signIn('eu');
    await tick();
    expect(calls).toHaveLength(3);
    pending[2]?.();
    await again;
  });
});

describe('usableToken', () => {
  it('is NOT_SIGNED_IN without a token', async () => {
    const { auth } = setup((call) => grant(call, 't'));
    expect(await codeOf(auth.usableToken('eu'))).toBe('NOT_SIGNED_IN');
  });

  it('uses a fresh token without renewing', async () => {
    const { auth, calls, tokens } = setup((call) => grant(call, 'renewed'));
    await tokens.save(stored('fresh', NOW + 30 * 60_000));
    expect((await auth.usableToken('eu')).accessToken).toBe('fresh');
    expect(calls).toHaveLength(0);
  });

  it('renews silently at the refresh endpoint when less than five minutes are left', async () => {
    const { auth, calls, tokens } = setup((call) => grant(call, 'renewed'));
    await tokens.save(stored('old', NOW + 4 * 60_000));
    expect((await auth.usableToken('eu')).accessToken).toBe('renewed');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.interactive).toBe(false);
    expect(calls[0]?.url.pathname).toBe('/oauth/v2/auth/refresh');
    expect((await tokens.load('eu'))?.accessToken).toBe('renewed');
  });

  it('keeps using a still-valid token when silent renewal fails, and pauses further attempts', async () => {
    const { auth, calls, tokens, clock } = setup(() => Promise.reject(new Error('prompt_required')));
    await tokens.save(stored('old', NOW + 4 * 60_000));
    expect((await auth.usableToken('eu')).accessToken).toBe('old');
    expect((await auth.usableToken('eu')).accessToken).toBe('old');
    expect(calls).toHaveLength(1);
    clock.now += SILENT_RETRY_PAUSE_MS;
    expect((await auth.usableToken('eu')).accessToken).toBe('old');
    expect(calls).toHaveLength(2);
  });

  it('drops an expired token that cannot be renewed and answers INVALID_TOKEN', async () => {
    const { auth, tokens } = setup(() => Promise.reject(new Error('prompt_required')));
    await tokens.save(stored('expired', NOW - 1));
    expect(await codeOf(auth.usableToken('eu'))).toBe('INVALID_TOKEN');
    expect(await tokens.load('eu')).toBeNull();
  });

  it('renews once for concurrent calls', async () => {
    const { auth, calls, tokens } = setup(async (call) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return grant(call, 'renewed');
    });
    await tokens.save(stored('old', NOW + 60_000));
    const results = await Promise.all([auth.usableToken('eu'), auth.usableToken('eu'), auth.usableToken('eu')]);
    expect(results.map((token) => token.accessToken)).toEqual(['renewed', 'renewed', 'renewed']);
    expect(calls).toHaveLength(1);
  });
});

describe('one renewal at a time', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Zoho grants `accessToken` after 10 ms. */
  const grantLater = (accessToken: (call: FlowCall) => string) => async (call: FlowCall) => {
    await pause(10);
    return grant(call, accessToken(call));
  };
  const silent = (calls: FlowCall[]) => calls.filter((call) => !call.interactive).length;
  const interactive = (calls: FlowCall[]) => calls.filter((call) => call.interactive).length;

  it('renews an expired token once for any number of concurrent calls', async () => {
    const { auth, calls, tokens } = setup(grantLater(() => 'renewed'));
    await tokens.save(stored('expired', NOW - 1));
    const source = auth.credentialsFor({ dataCentre: 'eu', sandbox: false });
    const tokensUsed = await Promise.all(Array.from({ length: 25 }, () => source.current()));
    expect(new Set(tokensUsed.map((credentials) => credentials.accessToken))).toEqual(new Set(['renewed']));
    expect(calls).toHaveLength(1);
  });

  it('does not renew again for a caller that read the old token just before the renewal was saved', async () => {
    const { auth, calls } = setup(
      grantLater(() => `renewed-${calls.length}`),
      { loadDelayMs: 30 },
    );
    await createTokenStore(fakeBrowser.storage.session).save(stored('expired', NOW - 1));
    const first = auth.usableToken('eu');
    // Asked while the renewal is under way; storage still holds the old token, and answers after it ended.
    await pause(35);
    const late = auth.usableToken('eu');
    expect((await first).accessToken).toBe('renewed-1');
    expect((await late).accessToken).toBe('renewed-1');
    expect(calls).toHaveLength(1);
  });

  it('renews once for concurrent rejections of the same token, whichever way they ask', async () => {
    const { auth, calls, tokens } = setup(
      grantLater(() => 'renewed'),
      { loadDelayMs: 5 },
    );
    await tokens.save(stored('rejected', NOW + 2 * 60_000));
    const source = auth.credentialsFor({ dataCentre: 'eu', sandbox: false });
    const asked = [
      ...Array.from({ length: 10 }, () => source.renew('rejected')),
      ...Array.from({ length: 10 }, () => source.current()),
    ];
    const answers = await Promise.all(asked);
    expect(new Set(answers.map((credentials) => credentials.accessToken))).toEqual(new Set(['renewed']));
    expect(calls).toHaveLength(1);
  });

  it('tries silently once when renewal is refused, then opens one consent window for all callers', async () => {
    const { auth, calls } = setup(
      async (call) => {
        await pause(10);
        if (!call.interactive) throw new Error('prompt_required');
        return grant(call, 'signed-in');
      },
      { loadDelayMs: 5 },
    );
    await createTokenStore(fakeBrowser.storage.session).save(stored('expired', NOW - 1));
    const source = auth.credentialsFor({ dataCentre: 'eu', sandbox: false });
    const refused = await Promise.all(Array.from({ length: 10 }, () => codeOf(source.current())));
    expect(new Set(refused)).toEqual(new Set(['INVALID_TOKEN']));
    expect(silent(calls)).toBe(1);

    const signIns = await Promise.all(Array.from({ length: 10 }, () => auth.signIn('eu')));
    expect(signIns.every((result) => result.ok)).toBe(true);
    expect(interactive(calls)).toBe(1);
    expect((await source.current()).accessToken).toBe('signed-in');
    expect(silent(calls)).toBe(1);
  });

  it('is not stuck after a renewal that threw', async () => {
    let broken = true;
    const { auth, calls, tokens, clock } = setup((call) => {
      if (broken) throw new Error('storage gone');
      return grant(call, 'renewed');
    });
    await tokens.save(stored('old', NOW + 2 * 60_000));
    expect((await auth.usableToken('eu')).accessToken).toBe('old');
    broken = false;
    clock.now += SILENT_RETRY_PAUSE_MS;
    expect((await auth.usableToken('eu')).accessToken).toBe('renewed');
    expect(calls).toHaveLength(2);
  });
});

describe('renewRejected', () => {
  it('renews silently after Zoho rejected the token', async () => {
    const { auth, calls, tokens } = setup((call) => grant(call, 'renewed'));
    await tokens.save(stored('rejected', NOW + 30 * 60_000));
    expect((await auth.renewRejected('eu', 'rejected')).accessToken).toBe('renewed');
    expect(calls[0]?.interactive).toBe(false);
  });

  it('takes a token renewed meanwhile instead of renewing again', async () => {
    const { auth, calls, tokens } = setup((call) => grant(call, 'renewed'));
    await tokens.save(stored('newer', NOW + 30 * 60_000));
    expect((await auth.renewRejected('eu', 'rejected')).accessToken).toBe('newer');
    expect(calls).toHaveLength(0);
  });

  it('forgets the token and answers INVALID_TOKEN when renewal fails', async () => {
    const { auth, tokens } = setup((call) => `${call.url.searchParams.get('redirect_uri')}#error=access_denied`);
    await tokens.save(stored('rejected', NOW + 30 * 60_000));
    expect(await codeOf(auth.renewRejected('eu', 'rejected'))).toBe('INVALID_TOKEN');
    expect(await tokens.load('eu')).toBeNull();
  });
});

describe('credentialsFor', () => {
  it('gives the sandbox API host for sandbox pages and the api_domain otherwise', async () => {
    const { auth, tokens } = setup((call) => grant(call, 't'));
    await tokens.save(stored('live', NOW + 30 * 60_000));
    expect(await auth.credentialsFor({ dataCentre: 'eu', sandbox: false }).current()).toEqual({
      accessToken: 'live',
      apiOrigin: 'https://www.zohoapis.eu',
    });
    expect(await auth.credentialsFor({ dataCentre: 'eu', sandbox: true }).current()).toEqual({
      accessToken: 'live',
      apiOrigin: 'https://sandbox.zohoapis.eu',
    });
  });
});

describe('signOut and connections', () => {
  it('forgets and revokes the token', async () => {
    const { auth, tokens, revoked } = setup((call) => grant(call, 't'));
    await tokens.save(stored('bye', NOW + 30 * 60_000));
    expect(await auth.signOut('eu')).toEqual({
      ok: true,
      value: { dataCentre: 'eu', connected: false, expiresAt: null, apiDomain: null },
    });
    expect(revoked).toEqual(['bye']);
    expect(await tokens.load('eu')).toBeNull();
  });

  it('forgets the token even when revocation fails', async () => {
    const { auth, tokens } = setup((call) => grant(call, 't'), {
      revoke: () => Promise.reject(new Error('offline')),
    });
    await tokens.save(stored('bye', NOW + 30 * 60_000));
    expect((await auth.signOut('eu')).ok).toBe(true);
    expect(await tokens.load('eu')).toBeNull();
  });

  it('lists every data centre', async () => {
    const { auth, tokens } = setup((call) => grant(call, 't'));
    await tokens.save(stored('live', NOW + 30 * 60_000));
    const result = await auth.connections();
    expect(result.ok && result.value.filter((c) => c.connected).map((c) => c.dataCentre)).toEqual(['eu']);
    expect(result.ok && result.value.map((c) => c.dataCentre)).toEqual([
      'us',
      'eu',
      'in',
      'au',
      'jp',
      'ca',
      'sa',
      'cn',
    ]);
  });

  it('names the orgs the data centre’s sign-in has reached, until sign-out', async () => {
    const { auth, tokens } = setup((call) => grant(call, 't'));
    await tokens.save(stored('live', NOW + 30 * 60_000));
    await auth.orgReached({ dataCentre: 'eu', sandbox: false, orgId: '20079833178' });
    await auth.orgReached({ dataCentre: 'eu', sandbox: true, orgId: '20079833178' });
    await auth.orgReached({ dataCentre: 'eu', sandbox: false, orgId: null });
    const connectionOfEu = async () => {
      const result = await auth.connections();
      return result.ok ? result.value.find((connection) => connection.dataCentre === 'eu') : undefined;
    };
    expect((await connectionOfEu())?.orgs).toEqual([
      { orgId: '20079833178', sandbox: false },
      { orgId: '20079833178', sandbox: true },
    ]);
    await auth.signOut('eu');
    expect(await connectionOfEu()).toEqual({ dataCentre: 'eu', connected: false, expiresAt: null, apiDomain: null });
    await tokens.save(stored('again', NOW + 30 * 60_000));
    expect((await connectionOfEu())?.orgs).toEqual([]);
  });

  it('starts a new sign-in with no orgs: it may be another Zoho user', async () => {
    const { auth } = setup((call) => grant(call, 'new'));
    await auth.orgReached({ dataCentre: 'eu', sandbox: false, orgId: '1' });
    expect((await auth.signIn('eu')).ok).toBe(true);
    const result = await auth.connections();
    expect(result.ok && result.value.find((connection) => connection.dataCentre === 'eu')?.orgs).toEqual([]);
  });
});

describe('clientIdSource', () => {
  it('prefers the build’s client id', async () => {
    await fakeBrowser.storage.local.set({ clientId: 'from-options' });
    expect(await clientIdSource(' from-build ', fakeBrowser.storage.local)()).toBe('from-build');
  });

  it('falls back to the options page’s client id, read at each call', async () => {
    const source = clientIdSource('', fakeBrowser.storage.local);
    expect(await source()).toBeNull();
    await fakeBrowser.storage.local.set({ clientId: ' 1000.OPT ' });
    expect(await source()).toBe('1000.OPT');
    expect(await clientIdSource(undefined, fakeBrowser.storage.local)()).toBe('1000.OPT');
  });
});

describe('revokeToken', () => {
  it('POSTs the token to the data centre’s revoke endpoint', async () => {
    const seen: { url: string; method: string | undefined }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), method: init?.method });
      return new Response(null, { status: 200 });
    };
    await revokeToken('au', '1000.a/b', fakeFetch);
    expect(seen).toEqual([
      { url: 'https://accounts.zoho.com.au/oauth/v2/token/revoke?token=1000.a%2Fb', method: 'POST' },
    ]);
  });

  it('throws on an error answer', async () => {
    const fakeFetch: typeof fetch = async () => new Response('{}', { status: 400 });
    await expect(revokeToken('eu', 't', fakeFetch)).rejects.toThrow('HTTP 400');
  });
});

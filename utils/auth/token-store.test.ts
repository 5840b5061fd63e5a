import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  apiOriginFor,
  connectionOf,
  createTokenStore,
  isUsable,
  needsRenewal,
  RENEW_MARGIN_MS,
  type StoredToken,
  USABLE_MARGIN_MS,
} from './token-store';

const NOW = 1_700_000_000_000;
const token: StoredToken = {
  dataCentre: 'eu',
  accessToken: '1000.abc',
  expiresAt: NOW + 3_600_000,
  apiDomain: 'https://www.zohoapis.eu',
  scopes: ['ZohoCRM.modules.leads.READ'],
};

beforeEach(() => fakeBrowser.reset());

describe('createTokenStore', () => {
  it('keeps one token per data centre in storage.session under token:<dc>', async () => {
    const store = createTokenStore(fakeBrowser.storage.session);
    await store.save(token);
    expect(await store.load('eu')).toEqual(token);
    expect(await store.load('us')).toBeNull();
    expect(await fakeBrowser.storage.session.get('token:eu')).toEqual({ 'token:eu': token });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('forgets a token', async () => {
    const store = createTokenStore(fakeBrowser.storage.session);
    await store.save(token);
    await store.forget('eu');
    expect(await store.load('eu')).toBeNull();
  });

  it.each([
    ['garbage', 'not a token'],
    ['a missing field', { ...token, apiDomain: undefined }],
    ['an api domain of another data centre', { ...token, apiDomain: 'https://www.zohoapis.com' }],
    ['another data centre’s token', { ...token, dataCentre: 'us', apiDomain: 'https://www.zohoapis.com' }],
  ])('treats %s in storage as no token', async (_, stored) => {
    await fakeBrowser.storage.session.set({ 'token:eu': stored });
    expect(await createTokenStore(fakeBrowser.storage.session).load('eu')).toBeNull();
  });
});

describe('renewal decisions', () => {
  it('renews when less than the margin is left', () => {
    expect(needsRenewal({ ...token, expiresAt: NOW + RENEW_MARGIN_MS + 1 }, NOW)).toBe(false);
    expect(needsRenewal({ ...token, expiresAt: NOW + RENEW_MARGIN_MS - 1 }, NOW)).toBe(true);
    expect(needsRenewal({ ...token, expiresAt: NOW - 1 }, NOW)).toBe(true);
  });

  it('still uses a token until shortly before it expires', () => {
    expect(isUsable({ ...token, expiresAt: NOW + USABLE_MARGIN_MS + 1 }, NOW)).toBe(true);
    expect(isUsable({ ...token, expiresAt: NOW + USABLE_MARGIN_MS }, NOW)).toBe(false);
    expect(isUsable({ ...token, expiresAt: NOW - 1 }, NOW)).toBe(false);
  });
});

describe('apiOriginFor', () => {
  it('sends live pages to the token’s api_domain and sandbox pages to the sandbox host', () => {
    expect(apiOriginFor({ dataCentre: 'eu', sandbox: false }, token)).toBe('https://www.zohoapis.eu');
    expect(apiOriginFor({ dataCentre: 'eu', sandbox: true }, token)).toBe('https://sandbox.zohoapis.eu');
  });
});

describe('connectionOf', () => {
  it('reports a live token without the token itself', () => {
    const connection = connectionOf('eu', token, NOW);
    expect(connection).toEqual({
      dataCentre: 'eu',
      connected: true,
      expiresAt: token.expiresAt,
      apiDomain: 'https://www.zohoapis.eu',
    });
    expect(JSON.stringify(connection)).not.toContain(token.accessToken);
  });

  it('reports an expired or missing token as not connected', () => {
    const disconnected = { dataCentre: 'eu', connected: false, expiresAt: null, apiDomain: null };
    expect(connectionOf('eu', { ...token, expiresAt: NOW }, NOW)).toEqual(disconnected);
    expect(connectionOf('eu', null, NOW)).toEqual(disconnected);
  });
});

import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, isApiDomainOf, newState, parseAuthRedirect, ZOHO_SCOPES } from './authorize';

const REDIRECT_URI = 'https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org/zoho';
const NOW = 1_700_000_000_000;
const expected = { dataCentre: 'eu' as const, state: 'abc123', redirectUri: REDIRECT_URI, now: NOW };

function answer(params: Record<string, string>, where: 'fragment' | 'query' = 'fragment'): string {
  const encoded = new URLSearchParams(params).toString();
  return where === 'fragment' ? `${REDIRECT_URI}#${encoded}` : `${REDIRECT_URI}?${encoded}`;
}

const grant = {
  access_token: '1000.token.value',
  expires_in: '3600',
  api_domain: 'https://www.zohoapis.eu',
  location: 'eu',
  token_type: 'Bearer',
  state: 'abc123',
};

describe('ZOHO_SCOPES', () => {
  it('asks READ and UPDATE for the four territory modules and READ for territory settings, nothing else', () => {
    expect([...ZOHO_SCOPES].sort()).toEqual(
      [
        'ZohoCRM.modules.accounts.READ',
        'ZohoCRM.modules.accounts.UPDATE',
        'ZohoCRM.modules.contacts.READ',
        'ZohoCRM.modules.contacts.UPDATE',
        'ZohoCRM.modules.deals.READ',
        'ZohoCRM.modules.deals.UPDATE',
        'ZohoCRM.modules.leads.READ',
        'ZohoCRM.modules.leads.UPDATE',
        'ZohoCRM.settings.territories.READ',
      ].sort(),
    );
  });
});

describe('buildAuthorizeUrl', () => {
  it('targets the data centre accounts server with the implicit grant parameters', () => {
    const url = buildAuthorizeUrl({
      dataCentre: 'ca',
      clientId: '1000.CLIENT',
      redirectUri: REDIRECT_URI,
      state: 's1',
      mode: 'interactive',
    });
    const parsed = new URL(url);
    expect(parsed.origin).toBe('https://accounts.zohocloud.ca');
    expect(parsed.pathname).toBe('/oauth/v2/auth');
    expect(parsed.searchParams.get('response_type')).toBe('token');
    expect(parsed.searchParams.get('client_id')).toBe('1000.CLIENT');
    expect(parsed.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(parsed.searchParams.get('state')).toBe('s1');
    expect(parsed.searchParams.get('scope')?.split(',')).toEqual([...ZOHO_SCOPES]);
    expect(url).toContain(`scope=${ZOHO_SCOPES.join(',')}`);
  });

  it('uses the refresh endpoint for silent renewal', () => {
    const parsed = new URL(
      buildAuthorizeUrl({ dataCentre: 'us', clientId: 'c', redirectUri: REDIRECT_URI, state: 's2', mode: 'silent' }),
    );
    expect(parsed.origin + parsed.pathname).toBe('https://accounts.zoho.com/oauth/v2/auth/refresh');
    expect(parsed.searchParams.get('response_type')).toBe('token');
    expect(parsed.searchParams.get('state')).toBe('s2');
  });
});

describe('newState', () => {
  it('is 128 random bits in hex, different each time', () => {
    const a = newState();
    const b = newState();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});

describe('isApiDomainOf', () => {
  it.each([
    ['eu', 'https://www.zohoapis.eu', true],
    ['eu', 'https://sandbox.zohoapis.eu', true],
    ['eu', 'https://www.zohoapis.com', false],
    ['eu', 'http://www.zohoapis.eu', false],
    ['eu', 'https://www.zohoapis.eu/', false],
    ['eu', 'https://www.zohoapis.eu.evil.example', false],
    ['ca', 'https://www.zohoapis.ca', true],
    ['ca', 'https://www.zohoapis.zohocloud.ca', false],
  ] as const)('%s %s → %s', (dc, domain, ok) => {
    expect(isApiDomainOf(dc, domain)).toBe(ok);
  });
});

describe('parseAuthRedirect', () => {
  it('reads a grant from the fragment', () => {
    expect(parseAuthRedirect(answer(grant), expected)).toEqual({
      ok: true,
      value: {
        dataCentre: 'eu',
        accessToken: '1000.token.value',
        expiresAt: NOW + 3_600_000,
        apiDomain: 'https://www.zohoapis.eu',
        scopes: [...ZOHO_SCOPES],
      },
    });
  });

  it('reads a grant from the query string', () => {
    const result = parseAuthRedirect(answer(grant, 'query'), expected);
    expect(result.ok && result.value.accessToken).toBe('1000.token.value');
  });

  it('prefers the fragment when both carry a value', () => {
    const url = `${REDIRECT_URI}?access_token=from-query&state=abc123#${new URLSearchParams(grant)}`;
    const result = parseAuthRedirect(url, expected);
    expect(result.ok && result.value.accessToken).toBe('1000.token.value');
  });

  it('keeps the granted scopes Zoho reports', () => {
    const result = parseAuthRedirect(
      answer({ ...grant, scope: 'ZohoCRM.modules.leads.READ,ZohoCRM.modules.leads.UPDATE' }),
      expected,
    );
    expect(result.ok && result.value.scopes).toEqual(['ZohoCRM.modules.leads.READ', 'ZohoCRM.modules.leads.UPDATE']);
  });

  it('accepts the sandbox API host of the same data centre', () => {
    const result = parseAuthRedirect(answer({ ...grant, api_domain: 'https://sandbox.zohoapis.eu' }), expected);
    expect(result.ok && result.value.apiDomain).toBe('https://sandbox.zohoapis.eu');
  });

  it('turns a denial into SIGN_IN_CANCELLED with Zoho’s words', () => {
    expect(parseAuthRedirect(answer({ error: 'access_denied', state: 'abc123' }, 'query'), expected)).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_CANCELLED', message: 'access_denied' },
    });
  });

  it('turns other errors into SIGN_IN_FAILED', () => {
    const result = parseAuthRedirect(
      answer({ error: 'invalid_client', error_description: 'Client not found', state: 'abc123' }),
      expected,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_FAILED', message: 'invalid_client: Client not found' },
    });
  });

  it.each([
    ['another state', { ...grant, state: 'other' }],
    ['no state', { ...grant, state: '' }],
  ])('refuses %s with STATE_MISMATCH', (_, params) => {
    const result = parseAuthRedirect(answer(params), expected);
    expect(!result.ok && result.error.code).toBe('STATE_MISMATCH');
  });

  it.each([
    ['another data centre', 'https://www.zohoapis.com'],
    ['a foreign host', 'https://api.evil.example'],
    ['plain http', 'http://www.zohoapis.eu'],
    ['a look-alike host', 'https://www.zohoapis.eu.evil.example'],
  ])('refuses an api_domain of %s with FOREIGN_API_DOMAIN', (_, apiDomain) => {
    const result = parseAuthRedirect(answer({ ...grant, api_domain: apiDomain }), expected);
    expect(!result.ok && result.error.code).toBe('FOREIGN_API_DOMAIN');
  });

  it.each([
    ['access_token', { ...grant, access_token: '' }],
    ['expires_in', { ...grant, expires_in: '' }],
    ['a numeric expires_in', { ...grant, expires_in: 'soon' }],
    ['a positive expires_in', { ...grant, expires_in: '-5' }],
    ['api_domain', { ...grant, api_domain: '' }],
  ])('fails without %s', (_, params) => {
    const result = parseAuthRedirect(answer(params), expected);
    expect(!result.ok && result.error.code).toBe('SIGN_IN_FAILED');
  });

  it('fails for an answer at another address or no URL at all', () => {
    const elsewhere = parseAuthRedirect(`https://evil.example/zoho#${new URLSearchParams(grant)}`, expected);
    expect(!elsewhere.ok && elsewhere.error.code).toBe('SIGN_IN_FAILED');
    const garbage = parseAuthRedirect('not a url', expected);
    expect(!garbage.ok && garbage.error.code).toBe('SIGN_IN_FAILED');
  });
});

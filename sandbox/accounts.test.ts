import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHROME_REDIRECT_URI,
  DEMO_CLIENT_ID,
  FIREFOX_REDIRECT_URI,
  ORGS,
  RECORDS,
  TERRITORIES,
  USERS,
} from './scenarios/default';
import { fragmentParams, useTestStandIn } from './test-support';

const SCOPES = 'ZohoCRM.modules.ALL,ZohoCRM.settings.territories.READ';

function authPath(params: Record<string, string>, path = '/oauth/v2/auth'): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

const validParams = {
  response_type: 'token',
  client_id: DEMO_CLIENT_ID,
  scope: SCOPES,
  redirect_uri: CHROME_REDIRECT_URI,
  state: 'st-123',
};

function ticketOf(page: string): string {
  const ticket = /name="ticket" value="([^"]+)"/.exec(page)?.[1];
  if (!ticket) throw new Error('no consent ticket in page');
  return ticket;
}

const t = useTestStandIn();

beforeEach(async () => {
  await t.control.reset();
});

async function consent(host: string, params: Record<string, string>, decision: 'accept' | 'deny') {
  const page = await t.request(host, authPath(params));
  expect(page.status).toBe(200);
  return t.request(host, '/oauth/v2/auth/decision', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket: ticketOf(page.text), decision }).toString(),
  });
}

describe('implicit grant', () => {
  it('shows a consent page for the signed-in user with Accept and Deny', async () => {
    const page = await t.request('accounts.zoho.eu', authPath(validParams));
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="accept"');
    expect(page.text).toMatch(/<button[^>]*id="accept"[^>]*>Accept<\/button>/);
    expect(page.text).toMatch(/<button[^>]*id="deny"[^>]*>Deny<\/button>/);
    expect(page.text).toContain(`data-user-id="${USERS.anna}"`);
    expect(page.text).toContain('ZohoCRM.settings.territories.READ');
  });

  it('redirects with a token on Accept, and the token works on the same data centre’s API', async () => {
    const answer = await consent('accounts.zoho.eu', validParams, 'accept');
    expect(answer.status).toBe(302);
    const location = answer.headers.location ?? '';
    expect(location.startsWith(`${CHROME_REDIRECT_URI}#access_token=`)).toBe(true);
    expect(location).toContain('api_domain=https%3A%2F%2Fwww.zohoapis.eu');
    const params = fragmentParams(location);
    expect([...params.keys()]).toEqual([
      'access_token',
      'expires_in',
      'api_domain',
      'location',
      'token_type',
      'state',
      'granted_for_session',
    ]);
    expect(params.get('expires_in')).toBe('3600');
    expect(params.get('location')).toBe('eu');
    expect(params.get('token_type')).toBe('Bearer');
    expect(params.get('state')).toBe('st-123');
    expect(params.get('granted_for_session')).toBe('true');

    const record = await t.request('www.zohoapis.eu', `/crm/v8/Accounts/${RECORDS.alpineAccount}`, {
      headers: { authorization: `Zoho-oauthtoken ${params.get('access_token')}` },
    });
    expect(record.status).toBe(200);
  });

  it('redirects with access_denied on Deny', async () => {
    const answer = await consent('accounts.zoho.eu', validParams, 'deny');
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${CHROME_REDIRECT_URI}#error=access_denied&state=st-123`);
  });

  it('accepts the Firefox redirect URI too and tells the US location on accounts.zoho.com', async () => {
    const answer = await consent('accounts.zoho.com', { ...validParams, redirect_uri: FIREFOX_REDIRECT_URI }, 'accept');
    const params = fragmentParams(answer.headers.location);
    expect(answer.headers.location?.startsWith(FIREFOX_REDIRECT_URI)).toBe(true);
    expect(params.get('location')).toBe('us');
    expect(params.get('api_domain')).toBe('https://www.zohoapis.com');
  });

  it.each([
    ['an unknown client', { client_id: '1000.UNKNOWN' }, 'invalid_client'],
    ['a redirect URI not registered', { redirect_uri: 'https://evil.example/zoho' }, 'invalid_redirect_uri'],
    [
      'a redirect URI that only starts like a registered one',
      { redirect_uri: `${CHROME_REDIRECT_URI}/x` },
      'invalid_redirect_uri',
    ],
    ['response_type=code', { response_type: 'code' }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'ZohoCRM.modules.ALL,ZohoCRM.everything.ALL' }, 'invalid_scope'],
    ['no scope', { scope: '' }, 'invalid_scope'],
  ])('shows an error page and does not redirect for %s', async (_label, override, code) => {
    const page = await t.request('accounts.zoho.eu', authPath({ ...validParams, ...override }));
    expect(page.status).toBe(400);
    expect(page.headers.location).toBeUndefined();
    expect(page.text).toContain(`<p id="error-code" class="error">${code}</p>`);
  });

  it('skips the consent page once granted, unless prompt=consent', async () => {
    await consent('accounts.zoho.eu', validParams, 'accept');
    const again = await t.request('accounts.zoho.eu', authPath(validParams));
    expect(again.status).toBe(302);
    expect(fragmentParams(again.headers.location).get('access_token')).toMatch(/^1000\./);

    const prompted = await t.request('accounts.zoho.eu', authPath({ ...validParams, prompt: 'consent' }));
    expect(prompted.status).toBe(200);
    expect(prompted.text).toContain('id="accept"');
  });

  it('asks who signs in when nobody is signed in, then shows consent for that user', async () => {
    await t.control.setSignedInUser('eu', null);
    const path = authPath(validParams);
    const signIn = await t.request('accounts.zoho.eu', path);
    expect(signIn.text).toContain(`data-user-id="${USERS.clara}"`);
    expect(signIn.text).not.toContain('id="accept"');

    const chosen = await t.request('accounts.zoho.eu', '/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_id: USERS.clara, return_to: path }).toString(),
    });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.location).toBe(path);
    expect((await t.control.accounts('eu')).signedInUserId).toBe(USERS.clara);
    const page = await t.request('accounts.zoho.eu', path);
    expect(page.text).toContain(`id="signed-in-user" data-user-id="${USERS.clara}"`);
  });

  it('refuses a consent answer that is unknown, used or from before a reset', async () => {
    const decide = (ticket: string) =>
      t.request('accounts.zoho.eu', '/oauth/v2/auth/decision', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ticket, decision: 'accept' }).toString(),
      });
    expect((await decide('made-up')).status).toBe(400);
    const used = ticketOf((await t.request('accounts.zoho.eu', authPath(validParams))).text);
    expect((await decide(used)).status).toBe(302);
    expect((await decide(used)).status).toBe(400);
    const stale = ticketOf((await t.request('accounts.zoho.eu', authPath({ ...validParams, prompt: 'consent' }))).text);
    await t.control.reset();
    expect((await decide(stale)).status).toBe(400);
  });

  it('issues tokens for the user set through the control interface', async () => {
    await t.control.setSignedInUser('eu', USERS.ben);
    const answer = await consent('accounts.zoho.eu', validParams, 'accept');
    const token = fragmentParams(answer.headers.location).get('access_token');
    const remove = await t.request(
      'www.zohoapis.eu',
      `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`,
      {
        method: 'POST',
        headers: { authorization: `Zoho-oauthtoken ${token}` },
        body: { data: [{ Territories: [{ id: TERRITORIES.germany }] }] },
      },
    );
    expect((remove.json() as { code: string }).code).toBe('NO_PERMISSION');
  });
});

describe('silent renewal', () => {
  const refreshPath = authPath(validParams, '/oauth/v2/auth/refresh');

  it('fails with client_not_granted before the user ever granted the client', async () => {
    const answer = await t.request('accounts.zoho.eu', refreshPath);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${CHROME_REDIRECT_URI}#error=client_not_granted&state=st-123`);
  });

  it('redirects at once with a fresh token after a grant', async () => {
    const first = fragmentParams((await consent('accounts.zoho.eu', validParams, 'accept')).headers.location);
    const answer = await t.request('accounts.zoho.eu', refreshPath);
    expect(answer.status).toBe(302);
    const params = fragmentParams(answer.headers.location);
    expect(params.get('access_token')).toMatch(/^1000\./);
    expect(params.get('access_token')).not.toBe(first.get('access_token'));
    expect(params.get('granted_for_session')).toBe('true');
    expect(params.get('state')).toBe('st-123');
  });

  it('fails for scopes beyond the grant, for another data centre, and when signed out', async () => {
    await consent('accounts.zoho.eu', validParams, 'accept');
    const wider = await t.request(
      'accounts.zoho.eu',
      authPath({ ...validParams, scope: `${SCOPES},ZohoCRM.org.READ` }, '/oauth/v2/auth/refresh'),
    );
    expect(fragmentParams(wider.headers.location).get('error')).toBe('client_not_granted');
    const otherDc = await t.request('accounts.zoho.com', refreshPath);
    expect(fragmentParams(otherDc.headers.location).get('error')).toBe('client_not_granted');
    await t.control.setSignedInUser('eu', null);
    const signedOut = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(signedOut.headers.location).get('error')).toBe('prompt_required');
  });

  it('fails as told by the control interface, and works again when cleared', async () => {
    await consent('accounts.zoho.eu', validParams, 'accept');
    await t.control.setSilentRenewal('eu', 'prompt_required');
    const failing = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(failing.headers.location).get('error')).toBe('prompt_required');
    await t.control.setSilentRenewal('eu', null);
    const working = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(working.headers.location).get('access_token')).toMatch(/^1000\./);
    await t.control.clearGrants('eu');
    const forgotten = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(forgotten.headers.location).get('error')).toBe('client_not_granted');
  });

  it('shows an error page, not a redirect, for an unregistered redirect URI', async () => {
    const answer = await t.request(
      'accounts.zoho.eu',
      authPath({ ...validParams, redirect_uri: 'https://evil.example/' }, '/oauth/v2/auth/refresh'),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
  });
});

describe('scope limit', () => {
  const ACCOUNTS_SCOPES = 'ZohoCRM.modules.accounts.READ,ZohoCRM.modules.accounts.UPDATE';
  const accountsParams = { ...validParams, scope: ACCOUNTS_SCOPES };
  const refreshPath = authPath(accountsParams, '/oauth/v2/auth/refresh');
  const READ_ONLY_LIMIT = ['zohocrm.modules.accounts.read', 'ZohoCRM.org.READ'];
  const recordPath = `/crm/v8/Accounts/${RECORDS.alpineAccount}`;

  function tokenIn(location: string | undefined): string {
    const token = fragmentParams(location).get('access_token');
    if (!token) throw new Error(`no token in ${location}`);
    return token;
  }

  /** [status of reading the record, status and code of removing Germany from it] */
  async function readAndRemove(token: string): Promise<[number, number, string]> {
    const authorization = `Zoho-oauthtoken ${token}`;
    const read = await t.request('www.zohoapis.eu', recordPath, { headers: { authorization } });
    const remove = await t.request('www.zohoapis.eu', `${recordPath}/actions/remove_territories`, {
      method: 'POST',
      headers: { authorization },
      body: { data: [{ Territories: [{ id: TERRITORIES.germany }] }] },
    });
    const body = remove.json() as { code?: string; data?: { code: string }[] };
    return [read.status, remove.status, body.code ?? body.data?.[0]?.code ?? ''];
  }

  it('grants on Accept only the requested scopes the limit names, so a remove is refused', async () => {
    await t.control.setScopeLimit('eu', READ_ONLY_LIMIT);
    const accepted = await consent('accounts.zoho.eu', accountsParams, 'accept');
    expect(await readAndRemove(tokenIn(accepted.headers.location))).toEqual([200, 401, 'OAUTH_SCOPE_MISMATCH']);
    // the limit's ZohoCRM.org.READ was not asked for, so it is not granted either
    const org = await t.request('www.zohoapis.eu', '/crm/v8/org', {
      headers: { authorization: `Zoho-oauthtoken ${tokenIn(accepted.headers.location)}` },
    });
    expect(org.status).toBe(401);

    const renewed = await t.request('accounts.zoho.eu', refreshPath);
    expect(await readAndRemove(tokenIn(renewed.headers.location))).toEqual([200, 401, 'OAUTH_SCOPE_MISMATCH']);
  });

  it('narrows an earlier full grant under the limit; once lifted, only a fresh consent gives the full set', async () => {
    await consent('accounts.zoho.eu', accountsParams, 'accept');
    await t.control.setScopeLimit('eu', READ_ONLY_LIMIT);
    const renewed = await t.request('accounts.zoho.eu', refreshPath);
    expect(await readAndRemove(tokenIn(renewed.headers.location))).toEqual([200, 401, 'OAUTH_SCOPE_MISMATCH']);
    const noPage = await t.request('accounts.zoho.eu', authPath(accountsParams));
    expect(noPage.status).toBe(302);
    expect(await readAndRemove(tokenIn(noPage.headers.location))).toEqual([200, 401, 'OAUTH_SCOPE_MISMATCH']);

    await t.control.setScopeLimit('eu', null);
    const refused = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(refused.headers.location).get('error')).toBe('client_not_granted');
    const page = await t.request('accounts.zoho.eu', authPath(accountsParams));
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="accept"');

    const full = await consent('accounts.zoho.eu', accountsParams, 'accept');
    expect(await readAndRemove(tokenIn(full.headers.location))).toEqual([200, 200, 'SUCCESS']);
    expect(
      fragmentParams((await t.request('accounts.zoho.eu', refreshPath)).headers.location).has('access_token'),
    ).toBe(true);
  });

  it('after lifting, still renews a request the restricted grant covers', async () => {
    await t.control.setScopeLimit('eu', READ_ONLY_LIMIT);
    await consent('accounts.zoho.eu', accountsParams, 'accept');
    await t.control.setScopeLimit('eu', null);
    const full = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(full.headers.location).get('error')).toBe('client_not_granted');
    const readOnly = await t.request(
      'accounts.zoho.eu',
      authPath({ ...validParams, scope: 'ZohoCRM.modules.accounts.READ' }, '/oauth/v2/auth/refresh'),
    );
    expect(await readAndRemove(tokenIn(readOnly.headers.location))).toEqual([200, 401, 'OAUTH_SCOPE_MISMATCH']);
  });

  it('denies on Accept and fails renewal when the limit leaves nothing of the request', async () => {
    await consent('accounts.zoho.eu', accountsParams, 'accept');
    await t.control.setScopeLimit('eu', ['ZohoCRM.org.READ']);
    const renewal = await t.request('accounts.zoho.eu', refreshPath);
    expect(fragmentParams(renewal.headers.location).get('error')).toBe('client_not_granted');
    const page = await t.request('accounts.zoho.eu', authPath(accountsParams));
    expect(page.status).toBe(200);
    const denied = await consent('accounts.zoho.eu', accountsParams, 'accept');
    expect(denied.headers.location).toBe(`${CHROME_REDIRECT_URI}#error=access_denied&state=st-123`);
  });

  it('applies only at its own data centre', async () => {
    await t.control.setScopeLimit('us', ['ZohoCRM.org.READ']);
    const accepted = await consent('accounts.zoho.eu', accountsParams, 'accept');
    expect(await readAndRemove(tokenIn(accepted.headers.location))).toEqual([200, 200, 'SUCCESS']);
  });
});

describe('revocation', () => {
  it('revokes a token so the API rejects it', async () => {
    const authorization = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
    const token = authorization.replace('Zoho-oauthtoken ', '');
    const path = `/crm/v8/Accounts/${RECORDS.alpineAccount}`;
    expect((await t.request('www.zohoapis.eu', path, { headers: { authorization } })).status).toBe(200);

    const revoke = await t.request('accounts.zoho.eu', `/oauth/v2/token/revoke?token=${encodeURIComponent(token)}`, {
      method: 'POST',
    });
    expect(revoke.status).toBe(200);
    expect(revoke.json()).toEqual({ status: 'success' });

    const after = await t.request('www.zohoapis.eu', path, { headers: { authorization } });
    expect(after.status).toBe(401);
    expect((after.json() as { code: string }).code).toBe('INVALID_TOKEN');
  });

  it('answers 400 without a token', async () => {
    const revoke = await t.request('accounts.zoho.eu', '/oauth/v2/token/revoke', { method: 'POST' });
    expect(revoke.status).toBe(400);
  });
});

describe('tokens are data-centre specific', () => {
  it('rejects an EU token on www.zohoapis.com', async () => {
    const answer = await consent('accounts.zoho.eu', validParams, 'accept');
    const token = fragmentParams(answer.headers.location).get('access_token');
    const us = await t.request('www.zohoapis.com', `/crm/v8/Accounts/${RECORDS.usAccount}`, {
      headers: { authorization: `Zoho-oauthtoken ${token}`, 'x-crm-org': ORGS.us },
    });
    expect(us.status).toBe(401);
    expect(us.json()).toEqual({ code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' });
  });
});

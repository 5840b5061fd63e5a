import { request as httpRequest } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { ControlError } from './control-client';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES, USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

const t = useTestStandIn();
let anna: string;

beforeEach(async () => {
  await t.control.reset('default');
  anna = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
});

const recordPath = `/crm/v8/Accounts/${RECORDS.alpineAccount}`;

function getRecord(authorization = anna, host = 'www.zohoapis.eu') {
  return t.request(host, recordPath, { headers: { authorization } });
}

/** A plain HTTP request to the control port with any Host header. */
function controlRequest(host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: t.standIn.controlPort, path, headers: { host }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('control listener', () => {
  it('answers on 127.0.0.1 and localhost only, never for a Zoho host name', async () => {
    expect((await controlRequest(`127.0.0.1:${t.standIn.controlPort}`, '/health')).status).toBe(200);
    expect((await controlRequest(`localhost:${t.standIn.controlPort}`, '/health')).status).toBe(200);
    for (const host of ['crm.zoho.eu', 'www.zohoapis.eu', `accounts.zoho.com:${t.standIn.controlPort}`]) {
      const answer = await controlRequest(host, '/health');
      expect(answer.status).toBe(421);
      expect(answer.body).not.toContain('scenario');
    }
  });

  it('is not reachable through the Zoho host names', async () => {
    for (const host of ['crm.zoho.eu', 'accounts.zoho.eu', 'www.zohoapis.eu']) {
      const answer = await t.request(host, '/health');
      expect(answer.text).not.toContain('"ok":true');
    }
    const reset = await t.request('crm.zoho.eu', '/reset', { method: 'POST', body: {} });
    expect(reset.status).toBe(404);
  });

  it('rejects bad bodies and unknown names with 400', async () => {
    await expect(t.control.setConfig({ jobDelayMs: -1 })).rejects.toBeInstanceOf(ControlError);
    await expect(t.control.reset('nope')).rejects.toMatchObject({ status: 400 });
    await expect(t.control.setSignedInUser('eu', USERS.grace)).rejects.toMatchObject({ status: 400 });
    await expect(
      t.control.issueToken({ dataCentre: 'us', userId: USERS.anna, scopes: ['ZohoCRM.modules.ALL'] }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await expect(t.control.record(ORGS.euMain, 'Accounts', '1')).rejects.toMatchObject({ status: 404 });
  });
});

describe('reset and scenarios', () => {
  it('resets the data, and switches to a named scenario', async () => {
    await t.request('www.zohoapis.eu', `${recordPath}/actions/remove_territories`, {
      method: 'POST',
      headers: { authorization: anna },
      body: { data: [{ Territories: [{ id: TERRITORIES.germany }] }] },
    });
    expect((await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).territories).toHaveLength(2);
    await t.control.setConfig({ jobDelayMs: 5 });

    expect(await t.control.reset()).toEqual({ scenario: 'default' });
    expect((await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).territories).toHaveLength(3);
    expect((await t.control.config()).jobDelayMs).toBe(3000);
    expect((await getRecord()).status).toBe(401);

    expect(await t.control.scenarios()).toEqual({ current: 'default', names: ['default', 'small', 'bulk'] });
    await t.control.reset('small');
    expect((await t.control.health()).scenario).toBe('small');
    await expect(t.control.record(ORGS.euMain, 'Accounts', bulkAccountId(1))).rejects.toMatchObject({ status: 404 });
  });
});

describe('faults', () => {
  it('answers 500 INTERNAL_ERROR for the next N matching requests only', async () => {
    await t.control.addFault({
      kind: 'server-error',
      host: 'zohoapis.eu',
      method: 'get',
      path: '/Accounts/',
      times: 2,
    });
    expect((await t.control.faults())[0]).toMatchObject({ kind: 'server-error', method: 'GET', remaining: 2 });
    const first = await getRecord();
    expect(first.status).toBe(500);
    expect(first.json()).toEqual({
      code: 'INTERNAL_ERROR',
      details: {},
      message: 'Internal Server Error',
      status: 'error',
    });
    expect((await getRecord()).status).toBe(500);
    expect((await getRecord()).status).toBe(200);
    expect(await t.control.faults()).toEqual([]);
  });

  it('matches by host, method and path', async () => {
    await t.control.addFault({ kind: 'too-many-requests', path: '/actions/remove_territories' });
    await t.control.addFault({ kind: 'server-error', host: 'zohoapis.com' });
    expect((await getRecord()).status).toBe(200);
    const limited = await t.request('www.zohoapis.eu', `${recordPath}/actions/remove_territories`, {
      method: 'POST',
      headers: { authorization: anna },
      body: { data: [{ Territories: [{ id: TERRITORIES.germany }] }] },
    });
    expect(limited.status).toBe(429);
    expect((limited.json() as { code: string }).code).toBe('TOO_MANY_REQUESTS');
    expect((await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).territories).toHaveLength(3);
    await t.control.clearFaults();
    expect(await t.control.faults()).toEqual([]);
  });

  it('drops the connection', async () => {
    await t.control.addFault({ kind: 'drop', host: 'zohoapis.eu' });
    await expect(getRecord()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await getRecord()).status).toBe(200);
    const [dropped] = await t.control.log({ kind: 'api' });
    expect(dropped).toMatchObject({ fault: 'drop', status: null });
  });

  it('sends a malformed JSON body', async () => {
    await t.control.addFault({ kind: 'malformed-json', path: RECORDS.alpineAccount });
    const answer = await getRecord();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(() => answer.json()).toThrow();
  });

  it('delays the answer, and applies on page and accounts hosts on arrival', async () => {
    await t.control.addFault({ kind: 'latency', host: 'zohoapis.eu', latencyMs: 150 });
    const started = Date.now();
    expect((await getRecord()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await t.control.addFault({ kind: 'server-error', host: 'crm.zoho.eu' });
    expect((await t.request('crm.zoho.eu', '/crm/tab/Accounts')).status).toBe(500);
    await t.control.addFault({ kind: 'server-error', host: 'accounts.zoho.eu' });
    expect((await t.request('accounts.zoho.eu', '/')).status).toBe(500);
  });
});

describe('rate limits', () => {
  it('answers 429 past the concurrency limit of the org', async () => {
    await t.control.setConfig({ concurrencyLimit: 2 });
    await t.control.addFault({ kind: 'latency', host: 'zohoapis.eu', latencyMs: 300, times: 2 });
    const slow = [getRecord(), getRecord()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await t.control.usage(ORGS.euMain)).inFlight).toBe(2);
    const third = await getRecord();
    expect(third.status).toBe(429);
    expect(third.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { limit: 2, type: 'concurrency' } });
    // another org has its own limit
    const grace = await t.authorization('us', USERS.grace, ['ZohoCRM.modules.ALL']);
    expect(
      (
        await t.request('www.zohoapis.com', `/crm/v8/Accounts/${RECORDS.usAccount}`, {
          headers: { authorization: grace },
        })
      ).status,
    ).toBe(200);
    expect((await Promise.all(slow)).map((answer) => answer.status)).toEqual([200, 200]);
    expect((await getRecord()).status).toBe(200);
  });

  it('answers 429 once the org’s credits are spent', async () => {
    expect(await t.control.usage(ORGS.euMain)).toMatchObject({
      creditsUsed: 0,
      concurrencyLimit: 20,
      creditLimit: 53000,
    });
    await t.control.setConfig({ creditLimit: 2 });
    expect((await getRecord()).status).toBe(200);
    expect((await getRecord()).status).toBe(200);
    const spent = await getRecord();
    expect(spent.status).toBe(429);
    expect(spent.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { type: 'credits' } });
    expect((await t.control.usage(ORGS.euMain)).creditsUsed).toBe(2);
  });
});

describe('request log', () => {
  it('records API and accounts requests with the headers and JSON body, and pages as kind page', async () => {
    await t.request('crm.zoho.eu', `/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.alpineAccount}`);
    const pagesOnly = await t.control.log();
    expect(pagesOnly.map((entry) => entry.kind)).toEqual(['page']);
    expect(pagesOnly[0]).toMatchObject({ host: 'crm.zoho.eu', method: 'GET', status: 200, fault: null });

    const body = { data: [{ Territories: [{ id: TERRITORIES.germany }] }] };
    await t.request('www.zohoapis.eu', `${recordPath}/actions/remove_territories?x=1`, {
      method: 'POST',
      headers: { authorization: anna, 'x-crm-org': ORGS.euMain },
      body,
    });
    await t.request('accounts.zoho.eu', '/oauth/v2/token/revoke?token=abc', { method: 'POST' });

    const [api] = await t.control.log({ kind: 'api' });
    expect(api).toMatchObject({
      kind: 'api',
      host: 'www.zohoapis.eu',
      method: 'POST',
      path: `${recordPath}/actions/remove_territories`,
      query: { x: '1' },
      headers: { authorization: anna, 'x-crm-org': ORGS.euMain, 'content-type': 'application/json' },
      body,
      status: 200,
    });
    expect(typeof api?.time).toBe('string');
    const accounts = await t.control.log({ kind: 'accounts' });
    expect(accounts).toMatchObject([{ path: '/oauth/v2/token/revoke', query: { token: 'abc' }, status: 200 }]);
    expect(await t.control.log({ path: 'remove_territories' })).toHaveLength(1);
    expect(await t.control.log({ host: 'zohoapis.com' })).toHaveLength(0);

    await t.control.clearLog();
    expect(await t.control.log()).toEqual([]);
  });

  it('logs requests for host names that are not Zoho’s as unknown', async () => {
    await t.request('example.com', '/');
    expect(await t.control.log({ kind: 'unknown' })).toMatchObject([{ host: 'example.com', status: 421 }]);
  });
});

describe('records and accounts state', () => {
  it('locks and unlocks a record and reports its state', async () => {
    const locked = await t.control.setLocked(ORGS.euMain, 'Deals', RECORDS.deal, true);
    expect(locked).toMatchObject({ id: RECORDS.deal, module: 'Deals', locked: true, pendingJob: null });
    expect(locked.territories).toEqual([
      {
        id: TERRITORIES.germany,
        name: 'Germany',
        assigned: 'manually',
        assignedById: USERS.anna,
        assignedTime: '2024-03-05T16:07:28+01:00',
      },
    ]);
    expect((await t.control.setLocked(ORGS.euMain, 'Deals', RECORDS.deal, false)).locked).toBe(false);
  });

  it('changes how a record holds a territory, as territory rules would', async () => {
    const before = Date.now() - 1000;
    const byRule = await t.control.setAssignment(
      ORGS.euMain,
      'Accounts',
      RECORDS.alpineAccount,
      TERRITORIES.germany,
      'automatically',
    );
    const germany = byRule.territories.find((territory) => territory.id === TERRITORIES.germany);
    expect(germany).toMatchObject({ name: 'Germany', assigned: 'automatically', assignedById: null });
    expect(Date.parse(germany?.assignedTime ?? '')).toBeGreaterThanOrEqual(before);
    expect(byRule.territories.map((territory) => territory.id)).toEqual([
      TERRITORIES.germany,
      TERRITORIES.dach,
      TERRITORIES.markup,
    ]);

    const manual = await t.control.setAssignment(
      ORGS.euMain,
      'accounts',
      RECORDS.alpineAccount,
      TERRITORIES.dach,
      'manually',
    );
    expect(manual.territories.find((territory) => territory.id === TERRITORIES.dach)).toMatchObject({
      assigned: 'manually',
      assignedById: USERS.anna,
    });
    expect(await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).toEqual(manual);
  });

  it('answers 404 for a territory the record does not hold or an unknown record, 400 for a bad body', async () => {
    await expect(
      t.control.setAssignment(ORGS.euMain, 'Accounts', RECORDS.alpineAccount, TERRITORIES.spain, 'automatically'),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('does not hold') });
    await expect(
      t.control.setAssignment(ORGS.euMain, 'Accounts', '1', TERRITORIES.germany, 'automatically'),
    ).rejects.toMatchObject({ status: 404, message: expect.stringContaining('no such record') });
    const badBody = await fetch(
      `${t.standIn.controlUrl}/records/${ORGS.euMain}/Accounts/${RECORDS.alpineAccount}/territories/${TERRITORIES.germany}`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assigned: 'rule' }) },
    );
    expect(badBody.status).toBe(400);
    const [germany] = (await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount)).territories;
    expect(germany?.assigned).toBe('manually');
  });

  it('sets, reports and lifts the scope limit per data centre; reset clears it', async () => {
    const limited = await t.control.setScopeLimit('eu', ['ZohoCRM.modules.accounts.READ']);
    expect(limited).toMatchObject({ dataCentre: 'eu', scopeLimit: ['ZohoCRM.modules.accounts.READ'] });
    expect((await t.control.accounts('eu')).scopeLimit).toEqual(['ZohoCRM.modules.accounts.READ']);
    expect((await t.control.accounts('us')).scopeLimit).toBeNull();
    await expect(t.control.setScopeLimit('eu', ['ZohoCRM.everything.ALL'])).rejects.toMatchObject({ status: 400 });
    expect((await t.control.setScopeLimit('eu', null)).scopeLimit).toBeNull();

    await t.control.setScopeLimit('us', []);
    expect((await t.control.accounts('us')).scopeLimit).toEqual([]);
    await t.control.reset();
    expect((await t.control.accounts('us')).scopeLimit).toBeNull();
  });

  it('reports and changes the signed-in user per data centre', async () => {
    expect(await t.control.accounts('eu')).toEqual({
      dataCentre: 'eu',
      signedInUserId: USERS.anna,
      silentRenewalFailure: null,
      scopeLimit: null,
    });
    expect((await t.control.accounts('us')).signedInUserId).toBe(USERS.grace);
    expect((await t.control.accounts('jp')).signedInUserId).toBeNull();
    await t.control.setSignedInUser('eu', USERS.ben);
    expect((await t.control.accounts('eu')).signedInUserId).toBe(USERS.ben);
    await t.control.setSilentRenewal('us', 'client_not_granted');
    expect((await t.control.accounts('us')).silentRenewalFailure).toBe('client_not_granted');
  });
});

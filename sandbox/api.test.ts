import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bulkAccountId, MARKUP_TERRITORY_NAME, ORGS, RECORDS, TERRITORIES, USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

interface ZohoError {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: string;
}
interface RecordsAnswer {
  data: ({ id: string } & Record<string, unknown>)[];
  info?: { per_page: number; count: number; page: number; more_records: boolean; next_page_token?: string | null };
}
interface TerritoriesAnswer {
  territories: {
    id: string;
    name: string;
    manager: { id: string; name: string } | null;
    reporting_to: { id: string; name: string } | null;
  }[];
  info: { per_page: number; count: number; page: number; more_records: boolean };
}

const EU_API = 'www.zohoapis.eu';
const t = useTestStandIn();
let anna: string;

beforeEach(async () => {
  await t.control.reset();
  anna = await t.authorization('eu', USERS.anna, [
    'ZohoCRM.modules.ALL',
    'ZohoCRM.settings.territories.READ',
    'ZohoCRM.org.READ',
  ]);
});

function get(path: string, authorization = anna, headers: Record<string, string> = {}, host = EU_API) {
  return t.request(host, path, { headers: { authorization, ...headers } });
}

describe('GET one record', () => {
  it('answers the record with its Territories in Zoho’s shape', async () => {
    const answer = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}`);
    expect(answer.status).toBe(200);
    const [record] = (answer.json() as RecordsAnswer).data;
    expect(record?.id).toBe(RECORDS.alpineAccount);
    expect(record?.Account_Name).toBe('Alpine Tools GmbH');
    expect(record?.Territories).toEqual([
      {
        Name: 'Germany',
        id: TERRITORIES.germany,
        $assigned_by: { name: 'Anna Schmidt', id: USERS.anna },
        $assigned_time: '2024-03-05T16:07:28+01:00',
        $assigned: 'manually',
      },
      {
        Name: 'DACH',
        id: TERRITORIES.dach,
        $assigned_by: null,
        $assigned_time: '2024-03-05T16:07:28+01:00',
        $assigned: 'automatically',
      },
      {
        Name: MARKUP_TERRITORY_NAME,
        id: TERRITORIES.markup,
        $assigned_by: { name: 'Anna Schmidt', id: USERS.anna },
        $assigned_time: '2024-03-05T16:07:28+01:00',
        $assigned: 'manually',
      },
    ]);
  });

  it('says whether the record is locked for the reader and whether the reader may edit it', async () => {
    const flags = async (recordId: string, authorization = anna) => {
      const [record] = ((await get(`/crm/v8/Accounts/${recordId}`, authorization)).json() as RecordsAnswer).data;
      return { lockedForMe: record?.$locked_for_me, editable: record?.$editable };
    };
    expect(await flags(RECORDS.alpineAccount)).toEqual({ lockedForMe: false, editable: true });
    expect(await flags(RECORDS.lockedAccount)).toEqual({ lockedForMe: true, editable: true });
    const ben = await t.authorization('eu', USERS.ben, ['ZohoCRM.modules.ALL']);
    expect(await flags(RECORDS.alpineAccount, ben)).toEqual({ lockedForMe: false, editable: false });
    expect(await flags(RECORDS.lockedAccount, ben)).toEqual({ lockedForMe: true, editable: false });

    await t.control.setLocked(ORGS.euMain, 'Accounts', RECORDS.lockedAccount, false);
    expect(await flags(RECORDS.lockedAccount)).toEqual({ lockedForMe: false, editable: true });
  });

  it('trims the answer to ?fields=', async () => {
    const answer = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}?fields=Territories`);
    const [record] = (answer.json() as RecordsAnswer).data;
    expect(Object.keys(record ?? {}).sort()).toEqual(['Territories', 'id']);
  });

  it('answers 204 with no body for a record that is not there (or in another org)', async () => {
    const missing = await get('/crm/v8/Accounts/407625000099999999');
    expect(missing.status).toBe(204);
    expect(missing.text).toBe('');
    const otherOrg = await get(`/crm/v8/Accounts/${RECORDS.labsAccount}`);
    expect(otherOrg.status).toBe(204);
    const wrongModule = await get(`/crm/v8/Contacts/${RECORDS.alpineAccount}`);
    expect(wrongModule.status).toBe(204);
  });

  it('leaves Territories out where territories are not enabled', async () => {
    const grace = await t.authorization('us', USERS.grace, ['ZohoCRM.modules.ALL']);
    const usLead = await get(`/crm/v8/Leads/${RECORDS.usLead}`, grace, {}, 'www.zohoapis.com');
    expect(usLead.status).toBe(200);
    expect((usLead.json() as RecordsAnswer).data[0]).not.toHaveProperty('Territories');
    const caseRecord = await get(`/crm/v8/Cases/${RECORDS.caseRecord}`);
    expect((caseRecord.json() as RecordsAnswer).data[0]).not.toHaveProperty('Territories');
    const euLead = await get(`/crm/v8/Leads/${RECORDS.lead}`);
    expect((euLead.json() as RecordsAnswer).data[0]).toHaveProperty('Territories');
  });

  it('treats module names case-insensitively and rejects unknown ones', async () => {
    expect((await get(`/crm/v8/accounts/${RECORDS.alpineAccount}`)).status).toBe(200);
    const unknown = await get(`/crm/v8/Potentials/${RECORDS.deal}`);
    expect(unknown.status).toBe(400);
    expect((unknown.json() as ZohoError).code).toBe('INVALID_MODULE');
  });
});

describe('GET many records', () => {
  it('answers the listed ids with their territories', async () => {
    const ids = [RECORDS.alpineAccount, RECORDS.plainAccount, '407625000099999999'].join(',');
    const answer = await get(`/crm/v8/Accounts?ids=${ids}&fields=Territories`);
    expect(answer.status).toBe(200);
    const body = answer.json() as RecordsAnswer;
    expect(body.data.map((r) => r.id)).toEqual([RECORDS.alpineAccount, RECORDS.plainAccount]);
    expect(body.data[1]?.Territories).toEqual([]);
  });

  it('answers the name fields asked for beside Territories, and only those', async () => {
    const names = async (module: string, id: string, fields: string) =>
      ((await get(`/crm/v8/${module}?ids=${id}&fields=${fields}`)).json() as RecordsAnswer).data[0];
    expect(await names('Accounts', bulkAccountId(7), 'Territories,Account_Name')).toEqual({
      id: bulkAccountId(7),
      Account_Name: 'Key Account 0007',
      Territories: [expect.objectContaining({ id: TERRITORIES.keyAccounts })],
    });
    expect(await names('Contacts', RECORDS.contact, 'Territories,Full_Name,Last_Name')).toMatchObject({
      Full_Name: 'Lena Huber',
      Last_Name: 'Huber',
    });
    expect(await names('Leads', RECORDS.lead, 'Full_Name')).toEqual({ id: RECORDS.lead, Full_Name: 'Jonas Becker' });
    expect(await names('Deals', RECORDS.deal, 'Territories,Deal_Name')).toMatchObject({
      Deal_Name: 'Alpine Tools – 40 seats',
    });
  });

  it('refuses more than 100 ids and a call without fields', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => bulkAccountId(i + 1)).join(',');
    const tooMany = await get(`/crm/v8/Accounts?ids=${ids}&fields=Territories`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 100 } });
    const noFields = await get(`/crm/v8/Accounts?ids=${RECORDS.alpineAccount}`);
    expect(noFields.status).toBe(400);
    expect((noFields.json() as ZohoError).code).toBe('REQUIRED_PARAM_MISSING');
  });

  it('lists a territory’s records page by page, then by page_token past 2,000', async () => {
    const path = `/crm/v8/Accounts?fields=Account_Name,Territories&territory_id=${TERRITORIES.keyAccounts}&include_child=false`;
    const first = (await get(`${path}&page=1&per_page=200`)).json() as RecordsAnswer;
    expect(first.data).toHaveLength(200);
    expect(first.data[0]?.id).toBe(bulkAccountId(1));
    expect(first.info).toMatchObject({ per_page: 200, count: 200, page: 1, more_records: true });

    const last = (await get(`${path}&page=6&per_page=200`)).json() as RecordsAnswer;
    expect(last.data).toHaveLength(200);
    expect(last.data.at(-1)?.id).toBe(bulkAccountId(1200));
    expect(last.info?.more_records).toBe(false);

    const beyond = await get(`${path}&page=7&per_page=200`);
    expect(beyond.status).toBe(204);

    const discrete = await get(`${path}&page=11&per_page=200`);
    expect(discrete.status).toBe(400);
    expect((discrete.json() as ZohoError).code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');

    const token = first.info?.next_page_token;
    expect(token).toBeTruthy();
    const next = (await get(`${path}&per_page=200&page_token=${token}`)).json() as RecordsAnswer;
    expect(next.data[0]?.id).toBe(bulkAccountId(201));
  });

  it('includes child territories only with include_child=true', async () => {
    const base = `/crm/v8/Accounts?fields=Territories&territory_id=${TERRITORIES.nordics}`;
    const direct = (await get(`${base}&include_child=false`)).json() as RecordsAnswer;
    expect(direct.data.map((r) => r.id)).toEqual([RECORDS.everywhereAccount]);
    const withChildren = (await get(`${base}&include_child=true`)).json() as RecordsAnswer;
    expect(withChildren.data.map((r) => r.id)).toEqual([RECORDS.lockedAccount, RECORDS.everywhereAccount]);
    const benelux = (
      await get(`/crm/v8/Accounts?fields=Territories&territory_id=${TERRITORIES.benelux}&include_child=true`)
    ).json() as RecordsAnswer;
    expect(benelux.data.map((r) => r.id)).toEqual([RECORDS.delftAccount]);
    const beneluxOnly = await get(`/crm/v8/Accounts?fields=Territories&territory_id=${TERRITORIES.benelux}`);
    expect(beneluxOnly.status).toBe(204);
  });
});

describe('GET settings/territories and org', () => {
  it('pages the territory definitions with reporting_to', async () => {
    const first = await get('/crm/v8/settings/territories?page=1&per_page=10');
    expect(first.status).toBe(200);
    const body = first.json() as TerritoriesAnswer;
    expect(body.territories).toHaveLength(10);
    expect(body.info).toEqual({ per_page: 10, count: 10, page: 1, more_records: true });
    const germany = body.territories.find((territory) => territory.id === TERRITORIES.germany);
    expect(germany?.reporting_to).toEqual({ name: 'DACH', id: TERRITORIES.dach });
    expect(body.territories[0]?.reporting_to).toBeNull();

    const second = (await get('/crm/v8/settings/territories?page=2&per_page=10')).json() as TerritoriesAnswer;
    expect(second.info.more_records).toBe(false);
    expect(second.territories.map((territory) => territory.name)).toContain(MARKUP_TERRITORY_NAME);
  });

  it('names each territory’s manager, and every territory on the journeys’ records has a named root', async () => {
    const answer = (await get('/crm/v8/settings/territories?per_page=200')).json() as TerritoriesAnswer;
    const byId = new Map(answer.territories.map((territory) => [territory.id, territory]));
    expect(byId.get(TERRITORIES.germany)?.manager).toEqual({ name: 'Anna Schmidt', id: USERS.anna });
    expect(byId.get(TERRITORIES.spain)?.manager).toEqual({ name: 'Clara Jensen', id: USERS.clara });
    expect(byId.get(TERRITORIES.netherlands)?.manager).toBeNull();

    const pathOf = (id: string): string[] => {
      const parent = byId.get(id)?.reporting_to;
      return parent ? [...pathOf(parent.id), parent.name] : [];
    };
    expect(pathOf(TERRITORIES.germany)).toEqual(['Europe', 'DACH']);
    const journeyRecords = [RECORDS.alpineAccount, RECORDS.lockedAccount, RECORDS.delftAccount];
    const held = await Promise.all([
      ...journeyRecords.map((id) => t.control.record(ORGS.euMain, 'Accounts', id)),
      t.control.record(ORGS.euMain, 'Contacts', RECORDS.contact),
      t.control.record(ORGS.euMain, 'Deals', RECORDS.deal),
    ]);
    for (const territory of held.flatMap((record) => record.territories)) {
      expect(pathOf(territory.id).length, territory.name).toBeGreaterThan(0);
    }
  });

  it('needs the territories settings scope', async () => {
    const modulesOnly = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
    const answer = await get('/crm/v8/settings/territories', modulesOnly);
    expect(answer.status).toBe(401);
    expect((answer.json() as ZohoError).code).toBe('OAUTH_SCOPE_MISMATCH');
  });

  it('answers the org chosen by X-CRM-ORG', async () => {
    const main = (await get('/crm/v8/org')).json() as { org: { id: string; type: string }[] };
    expect(main.org[0]?.id).toBe(ORGS.euMain);
    const labs = (await get('/crm/v8/org', anna, { 'x-crm-org': ORGS.euLabs })).json() as { org: { id: string }[] };
    expect(labs.org[0]?.id).toBe(ORGS.euLabs);
    const sandbox = (await get('/crm/v8/org', anna, {}, 'sandbox.zohoapis.eu')).json() as {
      org: { id: string; type: string }[];
    };
    expect(sandbox.org[0]).toMatchObject({ id: ORGS.euSandbox, type: 'sandbox' });
  });
});

describe('authentication, org and scopes', () => {
  it('answers AUTHENTICATION_FAILURE without a Zoho-oauthtoken header and INVALID_TOKEN for an unknown token', async () => {
    const none = await t.request(EU_API, `/crm/v8/Accounts/${RECORDS.alpineAccount}`);
    expect(none.status).toBe(401);
    expect((none.json() as ZohoError).code).toBe('AUTHENTICATION_FAILURE');
    const bearer = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}`, anna.replace('Zoho-oauthtoken', 'Bearer'));
    expect((bearer.json() as ZohoError).code).toBe('AUTHENTICATION_FAILURE');
    const unknown = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}`, 'Zoho-oauthtoken 1000.nope.nope');
    expect(unknown.status).toBe(401);
    expect((unknown.json() as ZohoError).code).toBe('INVALID_TOKEN');
  });

  it('rejects expired tokens (all, or one data centre’s)', async () => {
    const grace = await t.authorization('us', USERS.grace, ['ZohoCRM.modules.ALL']);
    expect(await t.control.expireTokens('eu')).toBe(1);
    const expired = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}`);
    expect(expired.status).toBe(401);
    expect((expired.json() as ZohoError).code).toBe('INVALID_TOKEN');
    const stillLive = await get(`/crm/v8/Accounts/${RECORDS.usAccount}`, grace, {}, 'www.zohoapis.com');
    expect(stillLive.status).toBe(200);
    await t.control.expireTokens();
    expect((await get(`/crm/v8/Accounts/${RECORDS.usAccount}`, grace, {}, 'www.zohoapis.com')).status).toBe(401);
  });

  it('expires tokens after an hour, or after tokenLifetimeSeconds', async () => {
    await t.control.setConfig({ tokenLifetimeSeconds: 60 });
    const short = await t.authorization('eu', USERS.anna, ['ZohoCRM.modules.ALL']);
    const path = `/crm/v8/Accounts/${RECORDS.alpineAccount}`;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 59_000);
      expect((await get(path, short)).status).toBe(200);
      vi.setSystemTime(Date.now() + 2_000);
      expect((await get(path, short)).status).toBe(401);
      expect((await get(path)).status).toBe(200);
      vi.setSystemTime(Date.now() + 3_600_000);
      expect((await get(path)).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('uses the default org without X-CRM-ORG and the named org with it', async () => {
    const path = `/crm/v8/Accounts/${RECORDS.labsAccount}`;
    expect((await get(path)).status).toBe(204);
    const labs = await get(path, anna, { 'x-crm-org': ORGS.euLabs });
    expect(labs.status).toBe(200);
    expect((labs.json() as RecordsAnswer).data[0]?.id).toBe(RECORDS.labsAccount);
  });

  it('answers 400 INVALID_DATA for an X-CRM-ORG the user is not in', async () => {
    const ben = await t.authorization('eu', USERS.ben, ['ZohoCRM.modules.ALL']);
    const answer = await get(`/crm/v8/Accounts/${RECORDS.labsAccount}`, ben, { 'x-crm-org': ORGS.euLabs });
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({
      code: 'INVALID_DATA',
      details: { header_name: 'X-CRM-ORG', value: ORGS.euLabs },
      message: 'the organization given in X-CRM-ORG is not valid for this user',
      status: 'error',
    });
    const sandboxOnProduction = await get('/crm/v8/org', anna, { 'x-crm-org': ORGS.euSandbox });
    expect(sandboxOnProduction.status).toBe(400);
  });

  it.each([
    [['ZohoCRM.modules.accounts.READ'], 200],
    [['ZohoCRM.modules.accounts.ALL'], 200],
    [['ZohoCRM.modules.READ'], 200],
    [['zohocrm.modules.all'], 200],
    [['ZohoCRM.modules.contacts.READ'], 401],
    [['ZohoCRM.modules.accounts.UPDATE'], 401],
    [['ZohoCRM.settings.territories.READ'], 401],
  ])('reading an account with %j answers %i', async (scopes, status) => {
    const authorization = await t.authorization('eu', USERS.anna, scopes);
    const answer = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}`, authorization);
    expect(answer.status).toBe(status);
    if (status === 401) expect((answer.json() as ZohoError).code).toBe('OAUTH_SCOPE_MISMATCH');
  });

  it('answers INVALID_URL_PATTERN for other API versions and unknown paths', async () => {
    const v2 = await get(`/crm/v2/Accounts/${RECORDS.alpineAccount}`);
    expect(v2.status).toBe(404);
    expect((v2.json() as ZohoError).code).toBe('INVALID_URL_PATTERN');
    const unknownAction = await get(`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/explode`);
    expect((unknownAction.json() as ZohoError).code).toBe('INVALID_URL_PATTERN');
  });
});

describe('GET users', () => {
  interface UsersAnswer {
    users: { id: string; full_name: string; email: string; status: string }[];
    info: { count: number; more_records: boolean };
  }

  it('answers the token’s user for type=CurrentUser, the org’s members otherwise', async () => {
    const withUsers = await t.authorization('eu', USERS.anna, ['ZohoCRM.users.READ']);
    const current = await get('/crm/v8/users?type=CurrentUser', withUsers);
    expect(current.status).toBe(200);
    expect((current.json() as UsersAnswer).users).toEqual([
      expect.objectContaining({ id: USERS.anna, full_name: 'Anna Schmidt', status: 'active' }),
    ]);
    const all = (await get('/crm/v8/users?type=AllUsers', withUsers)).json() as UsersAnswer;
    expect(all.users.map((user) => user.id)).toEqual(expect.arrayContaining([USERS.anna, USERS.ben, USERS.clara]));
    expect(all.users.map((user) => user.id)).not.toContain(USERS.grace);
    expect(all.info).toMatchObject({ count: all.users.length, more_records: false });
  });

  it('needs a users scope and a type it knows', async () => {
    const modulesOnly = await get('/crm/v8/users?type=CurrentUser');
    expect(modulesOnly.status).toBe(401);
    expect((modulesOnly.json() as ZohoError).code).toBe('OAUTH_SCOPE_MISMATCH');
    const withUsers = await t.authorization('eu', USERS.anna, ['ZohoCRM.users.ALL']);
    const unknownType = await get('/crm/v8/users?type=Everybody', withUsers);
    expect(unknownType.status).toBe(400);
    expect(unknownType.json()).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'type' } });
  });
});

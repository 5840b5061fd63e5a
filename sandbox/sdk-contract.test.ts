// Contract check: Zoho's own TypeScript SDK (@zohocrm/typescript-sdk-8.0, pinned) drives the
// stand-in for every call the extension makes and must parse each answer into the fields the
// extension reads. When the SDK cannot read an answer, the stand-in is wrong, not the SDK.
//
// The SDK talks to `https://www.zohoapis.eu:<port>` (a custom environment with the stand-in's port)
// through Node's https.globalAgent, which got uses when no proxy is set. Here that agent resolves the
// Zoho host names to 127.0.0.1 and trusts the stand-in's self-signed certificate; nothing else in
// this test process uses it.

import type { LookupAddress } from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AgentOptions, globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Zoho from '@zohocrm/typescript-sdk-8.0';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATA_CENTRES } from '../utils/data-centres';
import { MARKUP_TERRITORY_NAME, ORGS, RECORDS, TERRITORIES, USERS } from './scenarios/default';
import { useTestStandIn } from './test-support';

const t = useTestStandIn('small');
const EU_API_HOST = DATA_CENTRES.eu.apiHost;
const SCOPES = [
  'ZohoCRM.modules.ALL',
  'ZohoCRM.settings.territories.READ',
  'ZohoCRM.settings.fields.READ',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
];

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Every host name to the stand-in on 127.0.0.1 (the agent only ever connects to Zoho's names here). */
function lookupStandIn(_host: string, options: { all?: boolean }, callback: LookupCallback): void {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

let resourceRoot = '';
let agentOptionsBefore: AgentOptions = {};

beforeAll(async () => {
  resourceRoot = await mkdtemp(join(tmpdir(), 'zoho-sdk-contract-'));
  agentOptionsBefore = { ...globalAgent.options };
  Object.assign(globalAgent.options, { ca: t.standIn.certificate, lookup: lookupStandIn });
});

afterAll(async () => {
  globalAgent.options = agentOptionsBefore;
  await rm(resourceRoot, { recursive: true, force: true });
});

/**
 * Signs the SDK in afresh with a new token of Anna's (EU administrator of euMain), as a fresh
 * install: its own directory for the token store and the field metadata the SDK caches.
 */
async function initializeSdk(): Promise<void> {
  const resourcePath = await mkdtemp(join(resourceRoot, 'install-'));
  const token = await t.control.issueToken({ dataCentre: 'eu', userId: USERS.anna, scopes: SCOPES });
  const environment = Zoho.DataCenter.setEnvironment(
    `https://${EU_API_HOST}:${t.standIn.port}`,
    `https://${DATA_CENTRES.eu.accountsHost}/oauth/v2/token`,
    `https://content.zohoapis.eu`,
  );
  const logger = new Zoho.LogBuilder().level(Zoho.Levels.OFF).build();
  await (await new Zoho.InitializeBuilder())
    .environment(environment)
    .token(new Zoho.OAuthBuilder().accessToken(token.access_token).build())
    .logger(logger)
    // The SDK keeps tokens in ./sdk_tokens.txt unless told otherwise.
    .store(new Zoho.FileStore(join(resourcePath, 'sdk_tokens.txt')))
    .resourcePath(resourcePath)
    .initialize();
}

beforeEach(async () => {
  await t.control.reset('small');
  await initializeSdk();
});

// What the extension reads of a record and of each of its territories.
interface ReadTerritory {
  id: string;
  name: string;
  assigned: string;
  assignedBy: { id: string; name: string } | null;
  assignedTime: string;
}

interface ReadRecord {
  id: string;
  name: unknown;
  territories: ReadTerritory[];
}

function readTerritory(territory: Zoho.Record.Territory): ReadTerritory {
  const by = territory.getAssignedBy();
  return {
    id: String(territory.getId()),
    name: territory.getName(),
    assigned: territory.getAssigned(),
    assignedBy: by ? { id: String(by.getId()), name: by.getName() } : null,
    assignedTime: territory.getAssignedTime().toISOString(),
  };
}

function readRecords(response: Zoho.APIResponse, nameField: string): ReadRecord[] {
  const wrapper = response.getObject();
  if (!(wrapper instanceof Zoho.Record.ResponseWrapper))
    throw new Error(`not a records answer: ${describeAnswer(response)}`);
  return wrapper.getData().map((record) => {
    const territories: unknown = record.getKeyValue('Territories');
    if (!Array.isArray(territories)) throw new Error(`record ${record.getId()} has no Territories list`);
    return {
      id: String(record.getId()),
      name: record.getKeyValue(nameField),
      territories: territories.map((territory) => {
        if (!(territory instanceof Zoho.Record.Territory)) throw new Error('a territory entry the SDK did not type');
        return readTerritory(territory);
      }),
    };
  });
}

// What the extension reads of a status object, at the top level or per record.
interface ReadStatus {
  status: string;
  code: string;
  message: string;
  details: Record<string, string>;
}

function readStatus(answer: Zoho.Record.SuccessResponse | Zoho.Record.APIException): ReadStatus {
  const message: unknown = answer.getMessage();
  return {
    status: answer.getStatus().getValue(),
    code: answer.getCode().getValue(),
    message: message instanceof Zoho.Choice ? String(message.getValue()) : String(message),
    // The SDK types ids in details as bigint or string; the extension reads them as text.
    details: Object.fromEntries([...answer.getDetails()].map(([key, value]) => [key, String(value)])),
  };
}

function readActions(response: Zoho.APIResponse): ReadStatus[] {
  const wrapper = response.getObject();
  if (!(wrapper instanceof Zoho.Record.ActionWrapper))
    throw new Error(`not an action answer: ${describeAnswer(response)}`);
  return wrapper.getData().map((answer) => {
    if (answer instanceof Zoho.Record.SuccessResponse || answer instanceof Zoho.Record.APIException) {
      return readStatus(answer);
    }
    throw new Error('an action result the SDK did not type');
  });
}

function describeAnswer(response: Zoho.APIResponse): string {
  return `${response.getStatusCode()} ${response.getObject()?.constructor?.name ?? 'no body'}`;
}

/** `{"data":[{"id","Territories":[{"id"}…]}…]}`, built with the SDK's own models. */
function territoriesBody(
  entries: readonly { recordId: string; territoryIds: readonly string[] }[],
): Zoho.Record.BodyWrapper {
  const body = new Zoho.Record.BodyWrapper();
  body.setData(
    entries.map(({ recordId, territoryIds }) => {
      const record = new Zoho.Record.Record();
      record.setId(BigInt(recordId));
      record.addKeyValue(
        'Territories',
        territoryIds.map((id) => {
          const territory = new Zoho.Record.Territory();
          territory.setId(BigInt(id));
          return territory;
        }),
      );
      return record;
    }),
  );
  return body;
}

const accounts = () => new Zoho.Record.RecordOperations('Accounts');
const anna = { id: USERS.anna, name: 'Anna Schmidt' };
const ASSIGNED_TIME = '2024-03-05T15:07:28.000Z';

/** An account id in euMain's range that no record has. */
const UNKNOWN_RECORD = '407625000068467999';

/** One territory off Alpine Tools, on the one-record URL. */
function removeFromAlpine(territoryId: string) {
  return accounts().removeTerritoriesFromRecord(
    BigInt(RECORDS.alpineAccount),
    territoriesBody([{ recordId: RECORDS.alpineAccount, territoryIds: [territoryId] }]),
  );
}

/** One territory off each record, in one call for many records. */
function removeFromMany(pairs: readonly (readonly [recordId: string, territoryId: string])[]) {
  return accounts().removeTerritoriesFromMultipleRecords(
    territoriesBody(pairs.map(([recordId, territoryId]) => ({ recordId, territoryIds: [territoryId] }))),
  );
}

const getAlpine = () =>
  accounts().getRecord(BigInt(RECORDS.alpineAccount), new Zoho.ParameterMap(), new Zoho.HeaderMap());

function removed(id: string): ReadStatus {
  return { status: 'success', code: 'SUCCESS', message: 'the terriroies data removed successfully', details: { id } };
}

describe('reading records through the SDK', () => {
  it('parses one record with manual and rule-assigned territories', async () => {
    const response = await getAlpine();
    expect(response.getStatusCode()).toBe(200);
    expect(readRecords(response, 'Account_Name')).toEqual([
      {
        id: RECORDS.alpineAccount,
        name: 'Alpine Tools GmbH',
        territories: [
          {
            id: TERRITORIES.germany,
            name: 'Germany',
            assigned: 'manually',
            assignedBy: anna,
            assignedTime: ASSIGNED_TIME,
          },
          {
            id: TERRITORIES.dach,
            name: 'DACH',
            assigned: 'automatically',
            assignedBy: null,
            assignedTime: ASSIGNED_TIME,
          },
          {
            id: TERRITORIES.markup,
            name: MARKUP_TERRITORY_NAME,
            assigned: 'manually',
            assignedBy: anna,
            assignedTime: ASSIGNED_TIME,
          },
        ],
      },
    ]);
  });

  it('is served the user, org and field metadata it asks for before its first record call', async () => {
    await t.control.clearLog();
    await initializeSdk();
    await getAlpine();
    const calls = (await t.control.log({ kind: 'api', path: '/crm/v8/' })).map((entry) => ({
      path: entry.path,
      query: entry.query,
      status: entry.status,
    }));
    expect(calls).toEqual([
      { path: '/crm/v8/users', query: { type: 'CurrentUser' }, status: 200 },
      { path: '/crm/v8/org', query: {}, status: 200 },
      { path: '/crm/v8/settings/fields', query: { module: 'Accounts' }, status: 200 },
      { path: `/crm/v8/Accounts/${RECORDS.alpineAccount}`, query: {}, status: 200 },
    ]);
  });

  it('parses records by ids with only the fields asked for, in every territory module', async () => {
    const cases = [
      { module: 'Accounts', ids: [RECORDS.delftAccount, RECORDS.plainAccount], nameField: 'Account_Name' },
      { module: 'Contacts', ids: [RECORDS.contact], nameField: 'Full_Name' },
      { module: 'Deals', ids: [RECORDS.deal], nameField: 'Deal_Name' },
      { module: 'Leads', ids: [RECORDS.lead], nameField: 'Last_Name' },
    ];
    const read: Record<string, ReadRecord[]> = {};
    for (const { module, ids, nameField } of cases) {
      const params = new Zoho.ParameterMap();
      await params.add(Zoho.Record.GetRecordsParam.IDS, ids.join(','));
      await params.add(Zoho.Record.GetRecordsParam.FIELDS, `${nameField},Territories`);
      const response = await new Zoho.Record.RecordOperations(module).getRecords(params, new Zoho.HeaderMap());
      read[module] = readRecords(response, nameField);
    }
    const manual = (id: string, name: string) => ({
      id,
      name,
      assigned: 'manually',
      assignedBy: anna,
      assignedTime: ASSIGNED_TIME,
    });
    expect(read).toEqual({
      Accounts: [
        {
          id: RECORDS.delftAccount,
          name: 'Delft Ceramics BV',
          territories: [manual(TERRITORIES.netherlands, 'Netherlands'), manual(TERRITORIES.spain, 'Spain')],
        },
        { id: RECORDS.plainAccount, name: 'Plain Paper Ltd', territories: [] },
      ],
      Contacts: [
        {
          id: RECORDS.contact,
          name: 'Lena Huber',
          territories: [
            manual(TERRITORIES.austria, 'Austria'),
            {
              id: TERRITORIES.nordics,
              name: 'Nordics',
              assigned: 'automatically',
              assignedBy: null,
              assignedTime: ASSIGNED_TIME,
            },
          ],
        },
      ],
      Deals: [
        { id: RECORDS.deal, name: 'Alpine Tools – 40 seats', territories: [manual(TERRITORIES.germany, 'Germany')] },
      ],
      Leads: [{ id: RECORDS.lead, name: 'Becker', territories: [manual(TERRITORIES.germany, 'Germany')] }],
    });
  });
});

describe('listing a territory’s records through the SDK', () => {
  it('pages with per_page and page_token, each record read with its territories', async () => {
    const listing = new Zoho.Record.RecordOperations('Accounts');
    const seen: ReadRecord[] = [];
    const tokens: string[] = [];
    let pageToken: string | null = null;
    for (let call = 0; call < 20; call++) {
      const params = new Zoho.ParameterMap();
      await params.add(Zoho.Record.GetRecordsParam.FIELDS, 'Territories');
      await params.add(Zoho.Record.GetRecordsParam.TERRITORY_ID, TERRITORIES.germany);
      await params.add(Zoho.Record.GetRecordsParam.INCLUDE_CHILD, 'false');
      await params.add(Zoho.Record.GetRecordsParam.PER_PAGE, 1);
      if (pageToken) await params.add(Zoho.Record.GetRecordsParam.PAGE_TOKEN, pageToken);
      else await params.add(Zoho.Record.GetRecordsParam.PAGE, 1);
      const response = await listing.getRecords(params, new Zoho.HeaderMap());
      seen.push(...readRecords(response, 'Account_Name'));
      const wrapper = response.getObject();
      if (!(wrapper instanceof Zoho.Record.ResponseWrapper)) throw new Error(describeAnswer(response));
      const info = wrapper.getInfo();
      expect(info.getPerPage()).toBe(1);
      expect(info.getCount()).toBe(1);
      if (!info.getMoreRecords()) break;
      pageToken = info.getNextPageToken();
      tokens.push(pageToken);
    }
    expect(tokens.length).toBeGreaterThan(0);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(seen[0]?.id).toBe(RECORDS.alpineAccount);
    expect(new Set(seen.map((record) => record.id)).size).toBe(seen.length);
    for (const record of seen) {
      expect(record.territories.map((territory) => territory.id)).toContain(TERRITORIES.germany);
    }
  });
});

describe('changing territories through the SDK', () => {
  it('removes from one record', async () => {
    const response = await removeFromAlpine(TERRITORIES.germany);
    expect(response.getStatusCode()).toBe(200);
    expect(readActions(response)).toEqual([removed(RECORDS.alpineAccount)]);
    const after = await t.control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
    expect(after.territories.map((territory) => territory.id)).not.toContain(TERRITORIES.germany);
  });

  it('reads a removal under an offloaded parent as scheduled, with its job id', async () => {
    const response = await accounts().removeTerritoriesFromMultipleRecords(
      territoriesBody([{ recordId: RECORDS.delftAccount, territoryIds: [TERRITORIES.netherlands] }]),
    );
    expect(response.getStatusCode()).toBe(202);
    const [scheduled] = readActions(response);
    expect(scheduled).toEqual({
      status: 'success',
      code: 'SCHEDULED',
      message: 'Territory removal process scheduled successfully',
      details: { id: RECORDS.delftAccount, job_id: expect.stringMatching(/^\d+$/) },
    });
  });

  it('reads a 207 answer per record: one removed, one unknown id (INVALID_DATA)', async () => {
    const response = await removeFromMany([
      [RECORDS.alpineAccount, TERRITORIES.germany],
      [UNKNOWN_RECORD, TERRITORIES.germany],
    ]);
    expect(response.getStatusCode()).toBe(207);
    expect(readActions(response)).toEqual([
      removed(RECORDS.alpineAccount),
      {
        status: 'error',
        code: 'INVALID_DATA',
        message: 'The record Id given seems to be invalid',
        details: { api_name: 'id', json_path: '$.data[1].id', id: UNKNOWN_RECORD },
      },
    ]);
  });

  it.each([
    {
      case: 'NOT_ALLOWED for a rule-assigned territory',
      territoryId: TERRITORIES.dach,
      httpStatus: 403,
      code: 'NOT_ALLOWED',
      message: 'Territory id which you are trying to remove was system assigned',
    },
    {
      case: 'INVALID_DATA for a territory the record does not hold',
      territoryId: TERRITORIES.austria,
      httpStatus: 400,
      code: 'INVALID_DATA',
      message: 'the id given seems to be invalid',
    },
  ])('reads $case', async ({ territoryId, httpStatus, code, message }) => {
    const response = await removeFromAlpine(territoryId);
    expect(response.getStatusCode()).toBe(httpStatus);
    expect(readActions(response)).toEqual([
      {
        status: 'error',
        code,
        message,
        details: { api_name: 'id', json_path: '$.data[0].Territories[0].id', id: territoryId },
      },
    ]);
  });

  it('reads RECORD_LOCKED and a per-record INVALID_DATA when every record fails', async () => {
    const response = await removeFromMany([
      [RECORDS.lockedAccount, TERRITORIES.sweden],
      [UNKNOWN_RECORD, TERRITORIES.sweden],
    ]);
    expect(response.getStatusCode()).toBe(400);
    expect(readActions(response).map(({ code, details }) => ({ code, id: details.id }))).toEqual([
      { code: 'RECORD_LOCKED', id: RECORDS.lockedAccount },
      { code: 'INVALID_DATA', id: UNKNOWN_RECORD },
    ]);
  });

  it('assigns to one and to many records', async () => {
    const one = await accounts().assignTerritoryToRecord(
      BigInt(RECORDS.plainAccount),
      territoriesBody([{ recordId: RECORDS.plainAccount, territoryIds: [TERRITORIES.austria] }]),
    );
    const many = await accounts().assignTerritoriesToMultipleRecords(
      territoriesBody([{ recordId: RECORDS.plainAccount, territoryIds: [TERRITORIES.germany] }]),
    );
    const assigned = {
      status: 'success',
      code: 'SUCCESS',
      message: 'the territories data updated successfully',
      details: { id: RECORDS.plainAccount },
    };
    expect([one.getStatusCode(), many.getStatusCode()]).toEqual([200, 200]);
    expect([...readActions(one), ...readActions(many)]).toEqual([assigned, assigned]);
    const after = await t.control.record(ORGS.euMain, 'Accounts', RECORDS.plainAccount);
    expect(after.territories.map((territory) => territory.id)).toEqual([TERRITORIES.austria, TERRITORIES.germany]);
  });
});

describe('territory definitions through the SDK', () => {
  async function page(number: number, perPage: number) {
    const params = new Zoho.ParameterMap();
    await params.add(Zoho.Territories.GetTerritoriesParam.PAGE, number);
    await params.add(Zoho.Territories.GetTerritoriesParam.PER_PAGE, perPage);
    const response = await new Zoho.Territories.TerritoriesOperations().getTerritories(params);
    const wrapper = response.getObject();
    if (!(wrapper instanceof Zoho.Territories.ResponseWrapper))
      throw new Error(`not a territories answer: ${describeAnswer(response)}`);
    const info = wrapper.getInfo();
    return {
      territories: wrapper.getTerritories().map((territory) => ({
        id: String(territory.getId()),
        name: territory.getName(),
        parentId: territory.getReportingTo() ? String(territory.getReportingTo().getId()) : null,
      })),
      info: { perPage: info.getPerPage(), count: info.getCount(), page: info.getPage(), more: info.getMoreRecords() },
    };
  }

  it('lists territories with their parents and paging info', async () => {
    const first = await page(1, 3);
    expect(first).toEqual({
      territories: [
        { id: TERRITORIES.europe, name: 'Europe', parentId: null },
        { id: TERRITORIES.dach, name: 'DACH', parentId: TERRITORIES.europe },
        { id: TERRITORIES.germany, name: 'Germany', parentId: TERRITORIES.dach },
      ],
      info: { perPage: 3, count: 3, page: 1, more: true },
    });
    const all = await page(1, 200);
    expect(all.info.more).toBe(false);
    expect(all.territories.map((territory) => territory.id)).toContain(TERRITORIES.netherlands);
  });
});

describe('an expired token through the SDK', () => {
  it('reads 401 INVALID_TOKEN once the token expires mid-session', async () => {
    const before = await getAlpine();
    expect(before.getStatusCode()).toBe(200);
    await t.control.expireTokens('eu');
    const response = await getAlpine();
    expect(response.getStatusCode()).toBe(401);
    const answer = response.getObject();
    if (!(answer instanceof Zoho.Record.APIException))
      throw new Error(`not an error answer: ${describeAnswer(response)}`);
    expect(readStatus(answer)).toEqual({
      status: 'error',
      code: 'INVALID_TOKEN',
      message: 'invalid oauth token',
      details: {},
    });
  });
});

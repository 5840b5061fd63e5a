import { afterEach, describe, expect, it } from 'vitest';
import { createZohoClient, type ZohoClient } from './client';
import { ZohoApiError } from './errors';
import {
  assignTerritoriesToRecords,
  assignTerritory,
  getNamedTerritoriesOfRecords,
  getRecordTerritories,
  getTerritoriesOfRecords,
  isReflected,
  listTerritories,
  removeTerritoriesFromRecords,
  removeTerritory,
} from './territories';
import { type LocalAnswer, type LocalServer, type RecordedRequest, startLocalServer } from './testing/local-server';

const RECORD = '4150868000004318009';
const SOUTH = '111111000000046458';
const TEXAS = '111111000000046898';
const deal = { module: 'Deals' as const, recordId: RECORD };

const texas = {
  Name: 'Texas',
  id: TEXAS,
  $assigned_by: null,
  $assigned_time: '2020-03-05T16:07:28+05:30',
  $assigned: 'automatically',
};
const south = {
  Name: 'South',
  id: SOUTH,
  $assigned_by: { name: 'Patricia Boyle', id: '111111000000043376' },
  $assigned_time: '2020-03-05T16:07:28+05:30',
  $assigned: 'manually',
};

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function zohoAnswering(
  answer: (request: RecordedRequest, index: number) => LocalAnswer,
): Promise<{ client: ZohoClient; requests: RecordedRequest[] }> {
  let index = 0;
  server = await startLocalServer((request) => answer(request, index++));
  const origin = server.origin;
  const client = createZohoClient({
    orgId: '20079833178',
    credentials: {
      current: async () => ({ accessToken: 'tok', apiOrigin: origin }),
      renew: () => Promise.reject(new ZohoApiError('INVALID_TOKEN')),
      discard: async () => undefined,
    },
    sleep: async () => undefined,
    timeoutMs: 500,
  });
  return { client, requests: server.requests };
}

async function errorInfo(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZohoApiError) return error.toErrorInfo();
    throw error;
  }
  throw new Error('expected a ZohoApiError');
}

const recordAnswer = (territories: unknown[] | undefined): LocalAnswer => ({
  status: 200,
  json: { data: [{ id: RECORD, Deal_Name: 'Big deal', ...(territories ? { Territories: territories } : {}) }] },
});

describe('getRecordTerritories', () => {
  it('reads the record with one GET and maps the assignments', async () => {
    const { client, requests } = await zohoAnswering(() => recordAnswer([texas, south]));
    expect(await getRecordTerritories(client, deal)).toEqual({
      enabled: true,
      territories: [
        {
          id: TEXAS,
          name: 'Texas',
          assigned: 'automatically',
          assignedBy: null,
          assignedTime: '2020-03-05T16:07:28+05:30',
        },
        {
          id: SOUTH,
          name: 'South',
          assigned: 'manually',
          assignedBy: { id: '111111000000043376', name: 'Patricia Boyle' },
          assignedTime: '2020-03-05T16:07:28+05:30',
        },
      ],
      lockedForMe: false,
      editable: true,
    });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /crm/v8/Deals/${RECORD}`]);
    expect(requests[0]?.headers['x-crm-org']).toBe('20079833178');
  });

  it('shows an entry it cannot read by its id as unreadable, and reads the rest of the record', async () => {
    const odd = { ...south, Name: undefined, $assigned: 'by_workflow' };
    const spare = { ...south, $assigned_by: { name: 'Patricia Boyle', id: null } };
    const { client } = await zohoAnswering(() => recordAnswer([odd, texas, spare]));
    const read = await getRecordTerritories(client, deal);
    expect(read.territories).toEqual([
      {
        id: SOUTH,
        name: `Territory ${SOUTH} (unreadable)`,
        assigned: 'unreadable',
        assignedBy: null,
        assignedTime: null,
      },
      expect.objectContaining({ id: TEXAS, name: 'Texas', assigned: 'automatically' }),
      expect.objectContaining({ id: SOUTH, assigned: 'manually', assignedBy: { id: null, name: 'Patricia Boyle' } }),
    ]);
  });

  it('reports a record without a Territories field as not enabled', async () => {
    const { client } = await zohoAnswering(() => recordAnswer(undefined));
    expect(await getRecordTerritories(client, deal)).toMatchObject({ enabled: false, territories: [] });
  });

  it('reports an empty or null Territories field as enabled with none', async () => {
    const empty = await zohoAnswering(() => recordAnswer([]));
    expect(await getRecordTerritories(empty.client, deal)).toMatchObject({ enabled: true, territories: [] });
    await server?.close();
    const nulled = await zohoAnswering(() => ({ status: 200, json: { data: [{ id: RECORD, Territories: null }] } }));
    expect(await getRecordTerritories(nulled.client, deal)).toMatchObject({ enabled: true, territories: [] });
  });

  it('reads $locked_for_me and $editable', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 200,
      json: { data: [{ id: RECORD, Territories: [south], $locked_for_me: true, $editable: false }] },
    }));
    expect(await getRecordTerritories(client, deal)).toMatchObject({ lockedForMe: true, editable: false });
  });

  it.each<[string, Record<string, unknown>]>([
    ['absent', {}],
    ['null', { $locked_for_me: null, $editable: null }],
    ['strings', { $locked_for_me: 'true', $editable: 'false' }],
    ['numbers', { $locked_for_me: 1, $editable: 0 }],
  ])('takes $locked_for_me and $editable that are %s as not locked and editable', async (_, flags) => {
    const { client } = await zohoAnswering(() => ({
      status: 200,
      json: { data: [{ id: RECORD, Territories: [texas], ...flags }] },
    }));
    expect(await getRecordTerritories(client, deal)).toMatchObject({
      enabled: true,
      territories: [{ id: TEXAS }],
      lockedForMe: false,
      editable: true,
    });
  });

  it.each<[string, LocalAnswer]>([
    ['204 without a body', { status: 204 }],
    ['empty data', { status: 200, json: { data: [] } }],
  ])('turns %s into RECORD_NOT_FOUND', async (_, answer) => {
    const { client } = await zohoAnswering(() => answer);
    expect((await errorInfo(getRecordTerritories(client, deal))).code).toBe('RECORD_NOT_FOUND');
  });

  it('passes Zoho’s error on with its status and message', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 401,
      json: {
        code: 'OAUTH_SCOPE_MISMATCH',
        details: {},
        message: 'invalid oauth scope to access this URL',
        status: 'error',
      },
    }));
    expect(await errorInfo(getRecordTerritories(client, deal))).toEqual({
      code: 'OAUTH_SCOPE_MISMATCH',
      status: 401,
      message: 'invalid oauth scope to access this URL',
    });
  });

  it.each<[string, LocalAnswer]>([
    ['a body without data', { status: 200, json: { info: {} } }],
    ['Territories of the wrong type', { status: 200, json: { data: [{ id: RECORD, Territories: {} }] } }],
    ['another record', { status: 200, json: { data: [{ id: '1', Territories: [] }] } }],
    ['an HTML page', { status: 200, text: '<html>Sign in</html>', contentType: 'text/html' }],
    ['a non-Zoho error', { status: 404, text: 'Not Found' }],
  ])('turns %s into INVALID_RESPONSE', async (_, answer) => {
    const { client } = await zohoAnswering(() => answer);
    expect((await errorInfo(getRecordTerritories(client, deal))).code).toBe('INVALID_RESPONSE');
  });
});

describe('removeTerritory / assignTerritory', () => {
  const success = {
    code: 'SUCCESS',
    details: { id: RECORD },
    message: 'the terriroies data removed successfully',
    status: 'success',
  };

  it('POSTs the documented one-record request and reports an immediate success as done', async () => {
    const { client, requests } = await zohoAnswering(() => ({ status: 200, json: { data: [success] } }));
    expect(await removeTerritory(client, deal, SOUTH)).toEqual({ outcome: 'done' });
    expect(requests).toHaveLength(1);
    expect(`${requests[0]?.method} ${requests[0]?.url}`).toBe(
      `POST /crm/v8/Deals/${RECORD}/actions/remove_territories`,
    );
    expect(requests[0]?.headers.authorization).toBe('Zoho-oauthtoken tok');
    expect(requests[0]?.headers['x-crm-org']).toBe('20079833178');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ data: [{ id: RECORD, Territories: [{ id: SOUTH }] }] });
  });

  it('assigns through assign_territories with the same body', async () => {
    const { client, requests } = await zohoAnswering(() => ({ status: 200, json: { data: [success] } }));
    expect(await assignTerritory(client, deal, SOUTH)).toEqual({ outcome: 'done' });
    expect(requests[0]?.url).toBe(`/crm/v8/Deals/${RECORD}/actions/assign_territories`);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ data: [{ id: RECORD, Territories: [{ id: SOUTH }] }] });
  });

  it.each<[string, LocalAnswer]>([
    [
      'SCHEDULED with 202',
      {
        status: 202,
        json: {
          data: [
            {
              code: 'SCHEDULED',
              details: { id: RECORD, job_id: '482367546723546372' },
              message: 'Territory removal process scheduled successfully',
              status: 'success',
            },
          ],
        },
      },
    ],
    [
      'SUCCESS with a job_id',
      {
        status: 200,
        json: {
          data: [
            {
              code: 'SUCCESS',
              details: { id: RECORD, job_id: '482367546723546372' },
              message: 'Territory removal process scheduled successfully',
              status: 'success',
            },
          ],
        },
      },
    ],
  ])('reports %s as scheduled', async (_, answer) => {
    const { client } = await zohoAnswering(() => answer);
    expect(await removeTerritory(client, deal, SOUTH)).toEqual({ outcome: 'scheduled', jobId: '482367546723546372' });
  });

  it.each<[string, LocalAnswer, object]>([
    [
      'a per-record error in data',
      {
        status: 403,
        json: {
          data: [
            { code: 'NOT_ALLOWED', details: { id: RECORD }, message: 'system-assigned territory', status: 'error' },
          ],
        },
      },
      { code: 'NOT_ALLOWED', status: 403, message: 'system-assigned territory' },
    ],
    [
      'a locked record',
      {
        status: 400,
        json: {
          data: [
            {
              code: 'RECORD_LOCKED',
              details: {},
              message: 'You cannot perform this operation as the record is locked.',
              status: 'error',
            },
          ],
        },
      },
      { code: 'RECORD_LOCKED', status: 400, message: 'You cannot perform this operation as the record is locked.' },
    ],
    [
      'a top-level error',
      {
        status: 403,
        json: {
          code: 'TERRITORY_NOT_ENABLED',
          details: {},
          message: 'territory not enabled for Leads',
          status: 'error',
        },
      },
      { code: 'TERRITORY_NOT_ENABLED', status: 403, message: 'territory not enabled for Leads' },
    ],
    ['a 429 without body', { status: 429 }, { code: 'TOO_MANY_REQUESTS', status: 429 }],
  ])('turns %s into an ErrorInfo', async (_, answer, expected) => {
    const { client } = await zohoAnswering(() => answer);
    expect(await errorInfo(removeTerritory(client, deal, SOUTH))).toEqual(expected);
  });

  it.each<[string, LocalAnswer]>([
    ['an empty 200', { status: 200 }],
    ['two entries', { status: 200, json: { data: [success, success] } }],
    ['an entry about another record', { status: 200, json: { data: [{ ...success, details: { id: '42' } }] } }],
    ['a success entry with HTTP 400', { status: 400, json: { data: [success] } }],
    ['a success with HTTP 204-like 203', { status: 203, json: { data: [success] } }],
    ['an unknown success code', { status: 200, json: { data: [{ ...success, code: 'MAYBE' }] } }],
  ])('turns %s into INVALID_RESPONSE', async (_, answer) => {
    const { client } = await zohoAnswering(() => answer);
    expect((await errorInfo(removeTerritory(client, deal, SOUTH))).code).toBe('INVALID_RESPONSE');
  });

  it('never retries the POST, even after a 5xx', async () => {
    const { client, requests } = await zohoAnswering(() => ({
      status: 500,
      json: { code: 'INTERNAL_ERROR', message: 'boom', status: 'error' },
    }));
    expect(await errorInfo(removeTerritory(client, deal, SOUTH))).toEqual({
      code: 'INTERNAL_ERROR',
      status: 500,
      message: 'boom',
    });
    expect(requests).toHaveLength(1);
  });
});

describe('a remove or assign whose answer was lost', () => {
  /** A Zoho that applies the change, then drops the connection before answering. */
  function appliesThenDrops(initial: unknown[], change: (territories: unknown[]) => unknown[], apply = true) {
    let territories = initial;
    return (request: RecordedRequest): LocalAnswer => {
      if (request.method === 'POST') {
        if (apply) territories = change(territories);
        return { drop: true };
      }
      return recordAnswer(territories);
    };
  }

  it('reads the record and reports done when the territory is gone', async () => {
    const { client, requests } = await zohoAnswering(
      appliesThenDrops([texas, south], (list) => list.filter((t) => t !== south)),
    );
    expect(await removeTerritory(client, deal, SOUTH)).toEqual({ outcome: 'done' });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('reports the network error when the record still lists the territory', async () => {
    const { client, requests } = await zohoAnswering(appliesThenDrops([texas, south], (list) => list, false));
    expect((await errorInfo(removeTerritory(client, deal, SOUTH))).code).toBe('NETWORK_ERROR');
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('reports done for an assignment the record now lists', async () => {
    const { client } = await zohoAnswering(appliesThenDrops([texas], (list) => [...list, south]));
    expect(await assignTerritory(client, deal, SOUTH)).toEqual({ outcome: 'done' });
  });

  it('reports TIMEOUT when Zoho never answered and the record did not change', async () => {
    const { client, requests } = await zohoAnswering((request) =>
      request.method === 'POST' ? { hang: true } : recordAnswer([texas, south]),
    );
    expect((await errorInfo(removeTerritory(client, deal, SOUTH))).code).toBe('TIMEOUT');
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('reports the original error when the check cannot read the record either', async () => {
    const { client, requests } = await zohoAnswering(() => ({ drop: true }));
    expect((await errorInfo(removeTerritory(client, deal, SOUTH))).code).toBe('NETWORK_ERROR');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('many records', () => {
  const items = [
    { recordId: '1001', territoryIds: [SOUTH] },
    { recordId: '1002', territoryIds: [SOUTH, TEXAS] },
    { recordId: '1003', territoryIds: [TEXAS] },
  ];

  it('POSTs all records in one request and splits a 207 per record', async () => {
    const { client, requests } = await zohoAnswering(() => ({
      status: 207,
      json: {
        data: [
          { code: 'SUCCESS', details: { id: '1001' }, message: 'removed', status: 'success' },
          { code: 'NOT_ALLOWED', details: { id: '1002' }, message: 'system-assigned', status: 'error' },
          { code: 'SCHEDULED', details: { id: '1003', job_id: '77' }, message: 'scheduled', status: 'success' },
        ],
      },
    }));
    expect(await removeTerritoriesFromRecords(client, 'Accounts', items)).toEqual([
      { recordId: '1001', result: { ok: true, value: { outcome: 'done' } } },
      { recordId: '1002', result: { ok: false, error: { code: 'NOT_ALLOWED', message: 'system-assigned' } } },
      { recordId: '1003', result: { ok: true, value: { outcome: 'scheduled', jobId: '77' } } },
    ]);
    expect(`${requests[0]?.method} ${requests[0]?.url}`).toBe('POST /crm/v8/Accounts/actions/remove_territories');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      data: [
        { id: '1001', Territories: [{ id: SOUTH }] },
        { id: '1002', Territories: [{ id: SOUTH }, { id: TEXAS }] },
        { id: '1003', Territories: [{ id: TEXAS }] },
      ],
    });
  });

  it('assigns through the many-record assign URL', async () => {
    const { client, requests } = await zohoAnswering(() => ({
      status: 200,
      json: { data: [{ code: 'SUCCESS', details: { id: '1001' }, status: 'success' }] },
    }));
    expect(await assignTerritoriesToRecords(client, 'Contacts', [items[0] as (typeof items)[0]])).toEqual([
      { recordId: '1001', result: { ok: true, value: { outcome: 'done' } } },
    ]);
    expect(requests[0]?.url).toBe('/crm/v8/Contacts/actions/assign_territories');
  });

  it('keeps the HTTP status on per-record errors of a non-mixed answer', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 400,
      json: { data: [{ code: 'RECORD_LOCKED', details: { id: '1001' }, message: 'locked', status: 'error' }] },
    }));
    expect(await removeTerritoriesFromRecords(client, 'Leads', [items[0] as (typeof items)[0]])).toEqual([
      { recordId: '1001', result: { ok: false, error: { code: 'RECORD_LOCKED', status: 400, message: 'locked' } } },
    ]);
  });

  it('throws an error about the whole request', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 400,
      json: { code: 'LIMIT_EXCEEDED', details: { limit: 10 }, message: 'too many records', status: 'error' },
    }));
    const error = await removeTerritoriesFromRecords(client, 'Leads', items).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoApiError);
    expect((error as ZohoApiError).code).toBe('LIMIT_EXCEEDED');
    expect((error as ZohoApiError).details).toEqual({ limit: 10 });
  });

  it('throws INVALID_RESPONSE when the entries do not match the records', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 200,
      json: { data: [{ code: 'SUCCESS', details: { id: '1001' }, status: 'success' }] },
    }));
    expect((await errorInfo(removeTerritoriesFromRecords(client, 'Leads', items))).code).toBe('INVALID_RESPONSE');
  });

  it('reports an entry about another record as INVALID_RESPONSE for that record only', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 200,
      json: {
        data: [
          { code: 'SUCCESS', details: { id: '1001' }, status: 'success' },
          { code: 'SUCCESS', details: { id: '9999' }, status: 'success' },
          { code: 'SUCCESS', details: { id: '1003' }, status: 'success' },
        ],
      },
    }));
    const results = await removeTerritoriesFromRecords(client, 'Leads', items);
    expect(results.map((r) => (r.result.ok ? 'ok' : r.result.error.code))).toEqual(['ok', 'INVALID_RESPONSE', 'ok']);
  });

  it('sends nothing for no records', async () => {
    const { client, requests } = await zohoAnswering(() => ({ status: 500 }));
    expect(await removeTerritoriesFromRecords(client, 'Leads', [])).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('checks each record by reading them when the answer was lost', async () => {
    const { client, requests } = await zohoAnswering((request) => {
      if (request.method === 'POST') return { drop: true };
      return {
        status: 200,
        json: {
          data: [
            { id: '1001', Territories: [] },
            { id: '1002', Territories: [texas] },
            { id: '1003', Territories: [] },
          ],
        },
      };
    });
    const results = await removeTerritoriesFromRecords(client, 'Leads', items);
    expect(results.map((r) => (r.result.ok ? r.result.value.outcome : r.result.error.code))).toEqual([
      'done',
      'NETWORK_ERROR',
      'done',
    ]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /crm/v8/Leads/actions/remove_territories',
      'GET /crm/v8/Leads?ids=1001,1002,1003&fields=Territories',
    ]);
  });
});

describe('getTerritoriesOfRecords', () => {
  it('reads 100 ids per request and maps each record', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(5000 + i));
    const { client, requests } = await zohoAnswering((request) => {
      const asked = new URL(request.url, 'http://x').searchParams.get('ids')?.split(',') ?? [];
      return { status: 200, json: { data: asked.map((id) => ({ id, Territories: id === '5000' ? [south] : [] })) } };
    });
    const lists = await getTerritoriesOfRecords(client, 'Contacts', ids);
    expect(requests).toHaveLength(2);
    expect(new URL(requests[0]?.url ?? '', 'http://x').searchParams.get('ids')?.split(',')).toHaveLength(100);
    expect(new URL(requests[1]?.url ?? '', 'http://x').searchParams.get('ids')?.split(',')).toHaveLength(50);
    expect(lists.size).toBe(150);
    expect(lists.get('5000')?.territories.map((t) => t.id)).toEqual([SOUTH]);
  });

  it('leaves out records Zoho does not return', async () => {
    const { client } = await zohoAnswering(() => ({ status: 204 }));
    expect((await getTerritoriesOfRecords(client, 'Leads', ['1'])).size).toBe(0);
  });
});

describe('getNamedTerritoriesOfRecords', () => {
  it('asks for the module’s name fields in the same reads and names each record', async () => {
    const { client, requests } = await zohoAnswering(() => ({
      status: 200,
      json: {
        data: [
          { id: '1', Full_Name: 'Anna Schmidt', Last_Name: 'Schmidt', Territories: [south] },
          { id: '2', Full_Name: null, Last_Name: 'Berg', Territories: [] },
          { id: '3', Full_Name: '  ', Last_Name: 42, Territories: [] },
        ],
      },
    }));
    const lists = await getNamedTerritoriesOfRecords(client, 'Contacts', ['1', '2', '3']);
    expect(requests.map((r) => decodeURIComponent(r.url))).toEqual([
      '/crm/v8/Contacts?ids=1,2,3&fields=Territories,Full_Name,Last_Name',
    ]);
    expect([...lists].map(([id, list]) => [id, list.name, list.territories.length])).toEqual([
      ['1', 'Anna Schmidt', 1],
      ['2', 'Berg', 0],
      ['3', null, 0],
    ]);
  });

  it.each([
    ['Accounts', 'Account_Name'],
    ['Deals', 'Deal_Name'],
    ['Leads', 'Full_Name,Last_Name'],
  ] as const)('reads %s with %s', async (module, fields) => {
    const { client, requests } = await zohoAnswering(() => ({ status: 204 }));
    expect((await getNamedTerritoriesOfRecords(client, module, ['7'])).size).toBe(0);
    expect(new URL(requests[0]?.url ?? '', 'http://x').searchParams.get('fields')).toBe(`Territories,${fields}`);
  });
});

describe('listTerritories', () => {
  it('reads one page of definitions', async () => {
    const { client, requests } = await zohoAnswering(() => ({
      status: 200,
      json: {
        territories: [{ id: SOUTH, name: 'South', manager: null, reporting_to: { id: TEXAS, name: 'Texas' } }],
        info: { per_page: 200, count: 1, page: 2, more_records: true },
      },
    }));
    const page = await listTerritories(client, 2);
    expect(page.moreRecords).toBe(true);
    expect(page.territories[0]).toMatchObject({ id: SOUTH, name: 'South', reporting_to: { id: TEXAS, name: 'Texas' } });
    expect(requests[0]?.url).toBe('/crm/v8/settings/territories?page=2&per_page=200');
  });

  it('keeps a manager without an id, and drops a manager it cannot read rather than the page', async () => {
    const { client } = await zohoAnswering(() => ({
      status: 200,
      json: {
        territories: [
          { id: SOUTH, name: 'South', manager: { name: 'Patricia Boyle', id: null }, reporting_to: null },
          { id: TEXAS, name: 'Texas', manager: { id: 42 }, reporting_to: { id: SOUTH, name: 'South' } },
        ],
        info: { per_page: 200, count: 2, page: 1, more_records: false },
      },
    }));
    const page = await listTerritories(client);
    expect(page.territories.map((territory) => territory.manager)).toEqual([
      { name: 'Patricia Boyle', id: null },
      null,
    ]);
  });
});

describe('isReflected', () => {
  const list = {
    enabled: true,
    territories: [{ id: TEXAS, name: 'Texas', assigned: 'manually' as const, assignedBy: null, assignedTime: null }],
  };
  it('sees a removal when the territory is gone and an assignment when it is there', () => {
    expect(isReflected('remove', [SOUTH], list)).toBe(true);
    expect(isReflected('remove', [TEXAS], list)).toBe(false);
    expect(isReflected('assign', [TEXAS], list)).toBe(true);
    expect(isReflected('assign', [TEXAS, SOUTH], list)).toBe(false);
  });
});

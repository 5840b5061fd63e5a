import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BulkJobManager } from '../bulk/manager';
import type { BulkPreview } from '../bulk/plan';
import type { EncodedRecordRows } from '../bulk/progress';
import type { BulkRequest } from '../bulk-protocol';
import type { SenderInfo } from '../sender';
import type { ZohoClient } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { createTerritoryCache, type OrgTarget } from '../zoho/territory-cache';
import { createBulkRequestHandler, isStorageFull, readHoldings } from './bulk-requests';

const extension = { id: fakeBrowser.runtime.id, baseUrl: fakeBrowser.runtime.getURL('/') };
const bulkPage: SenderInfo = { id: extension.id, url: `${extension.baseUrl}bulk.html#job=x`, tab: { id: 3 } };
const contentScript: SenderInfo = {
  id: extension.id,
  url: 'https://crm.zoho.eu/crm/org20079833178/tab/Accounts/407625000068467001',
  tab: { id: 4 },
};
const otherExtension: SenderInfo = { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' };

const ORG = { dataCentre: 'eu', sandbox: false, orgId: '20079833178' } as const;
const T1 = '407625000000236061';
const T2 = '407625000000236012';
const recordId = (n: number) => String(407625000090000000n + BigInt(n));

/** Record n holds Key Accounts manually, by rule, or not at all, as n % 3 says. */
function heldBy(id: string): unknown[] {
  const n = Number(BigInt(id) - 407625000090000000n) % 3;
  if (n === 2) return [];
  return [{ id: T1, Name: 'Key Accounts', $assigned: n === 0 ? 'manually' : 'automatically' }];
}

/** Zoho answering reads: territory definitions, a listing of 3 records, and each record's territories. */
function fakeZoho() {
  const calls: { path: string; query: Record<string, string> }[] = [];
  const client: ZohoClient = {
    async read(path, query = {}) {
      calls.push({ path, query: { ...query } });
      if (path === '/settings/territories') {
        return {
          status: 200,
          body: {
            territories: [
              { id: T1, name: 'Key Accounts', reporting_to: null },
              {
                id: T2,
                name: 'Germany',
                reporting_to: { id: T1, name: 'Key Accounts' },
                manager: { id: '5', name: 'Anna' },
              },
            ],
            info: { per_page: 200, count: 2, page: 1, more_records: false },
          },
        };
      }
      if (query.territory_id) {
        return {
          status: 200,
          body: { data: [1, 2, 3].map((n) => ({ id: recordId(n) })), info: { more_records: false } },
        };
      }
      const ids = (query.ids ?? '').split(',').filter((id) => id !== recordId(404));
      return {
        status: 200,
        body: {
          data: ids.map((id) => ({ id, Account_Name: `Account ${id.slice(-3)}`, Territories: heldBy(id) })),
        },
      };
    },
    write: () => Promise.reject(new Error('no writes from this handler')),
  };
  return { client, calls };
}

/** A manager that says which method was called with what. */
function recordingManager() {
  const calls: unknown[][] = [];
  const summary = { ok: true as const, value: { id: 'job-1' } };
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return summary;
    };
  const manager = {
    start: record('start'),
    status: record('status'),
    jobs: record('jobs'),
    pause: record('pause'),
    resume: record('resume'),
    cancel: record('cancel'),
    retryFailed: record('retryFailed'),
    undo: record('undo'),
    resumeInterrupted: async () => undefined,
    idle: async () => undefined,
  } as unknown as BulkJobManager;
  return { manager, calls };
}

function setup() {
  const zoho = fakeZoho();
  const jobs = recordingManager();
  const orgs: OrgTarget[] = [];
  const handle = createBulkRequestHandler({
    extension,
    clientFor: (org) => {
      orgs.push(org);
      return zoho.client;
    },
    territories: createTerritoryCache({ storage: fakeBrowser.storage.local }),
    jobs: jobs.manager,
  });
  return { handle, zoho, jobs, orgs };
}

beforeEach(() => fakeBrowser.reset());

describe('createBulkRequestHandler', () => {
  it('posts the records on the channel the page named, and answers without them', async () => {
    const jobs = recordingManager();
    const records = '{"ids":"01"}' as EncodedRecordRows;
    jobs.manager.status = async () => ({ ok: true, value: { id: 'job-1', records } }) as never;
    const posted: [string, string][] = [];
    const deps = {
      extension,
      clientFor: () => fakeZoho().client,
      territories: createTerritoryCache({ storage: fakeBrowser.storage.local }),
      jobs: jobs.manager,
    };
    const handle = createBulkRequestHandler({ ...deps, postRecords: (name, text) => posted.push([name, text]) });
    const status = { type: 'bulk.status', jobId: 'job-1', includeRecords: true } as const;
    expect(await handle({ ...status, recordsChannel: 'c1' }, bulkPage)).toEqual({
      ok: true,
      value: { id: 'job-1', recordsPosted: true },
    });
    expect(posted).toEqual([['c1', records]]);
    expect(await handle(status, bulkPage)).toEqual({ ok: true, value: { id: 'job-1', records } });
    // Where the background has no channel to post on, the records travel in the answer.
    expect(await createBulkRequestHandler(deps)({ ...status, recordsChannel: 'c2' }, bulkPage)).toEqual({
      ok: true,
      value: { id: 'job-1', records },
    });
    expect(posted).toHaveLength(1);
  });

  it('answers only pages of this extension', async () => {
    const { handle, zoho, jobs } = setup();
    const requests: BulkRequest[] = [
      { type: 'bulk.territories', ...ORG },
      { type: 'bulk.jobs' },
      { type: 'bulk.cancel', jobId: 'job-1' },
      { type: 'bulk.start', ...ORG, module: 'Accounts', territoryIds: [T1], recordIds: [recordId(1)] },
    ];
    for (const request of requests) {
      for (const sender of [contentScript, otherExtension, { id: extension.id }, {}]) {
        expect(await handle(request, sender)).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }
    }
    expect(zoho.calls).toEqual([]);
    expect(jobs.calls).toEqual([]);
    expect(await handle({ type: 'bulk.jobs' }, bulkPage)).toMatchObject({ ok: true });
  });

  it('serves territory definitions with their parents (the bulk protocol’s fields only), from storage once read', async () => {
    const { handle, zoho, orgs } = setup();
    const expected = {
      ok: true,
      value: [
        { id: T1, name: 'Key Accounts', parentId: null },
        { id: T2, name: 'Germany', parentId: T1 },
      ],
    };
    expect(await handle({ type: 'bulk.territories', ...ORG }, bulkPage)).toEqual(expected);
    expect(await handle({ type: 'bulk.territories', ...ORG }, bulkPage)).toEqual(expected);
    expect(zoho.calls.filter((call) => call.path === '/settings/territories')).toHaveLength(1);
    expect(orgs[0]).toEqual(ORG);
  });

  it('lists the records of a territory', async () => {
    const { handle, zoho } = setup();
    expect(
      await handle({ type: 'bulk.recordsInTerritory', ...ORG, module: 'Contacts', territoryId: T1 }, bulkPage),
    ).toEqual({ ok: true, value: { recordIds: [1, 2, 3].map(recordId), truncated: false } });
    expect(zoho.calls[0]).toMatchObject({ path: '/Contacts', query: { territory_id: T1, include_child: 'false' } });
  });

  it('previews from reads of 100 records a call', async () => {
    const { handle, zoho } = setup();
    const recordIds = [...Array.from({ length: 250 }, (_, i) => recordId(i)), recordId(404)];
    const answer = await handle(
      { type: 'bulk.preview', ...ORG, module: 'Accounts', territoryIds: [T1], recordIds },
      bulkPage,
    );
    expect(zoho.calls.map((call) => call.query.ids?.split(',').length)).toEqual([100, 100, 51]);
    expect(zoho.calls.map((call) => call.query.fields)).toEqual(Array(3).fill('Territories,Account_Name'));
    const names = answer.ok ? (answer.value as BulkPreview).names : {};
    expect(Object.keys(names)).toHaveLength(250);
    expect(names[recordId(7)]).toBe('Account 007');
    expect(answer).toMatchObject({
      ok: true,
      value: {
        records: 251,
        notFound: [recordId(404)],
        perTerritory: [{ territoryId: T1, holding: 167, manual: 84, ruleAssigned: 83 }],
        toSend: 85,
        skippedRuleAssigned: 83,
        holdingNone: 83,
        removeCalls: 1,
      },
    });
  });

  it('hands job requests to the manager', async () => {
    const { handle, jobs } = setup();
    const holdings = { [recordId(1)]: [{ id: T1, assigned: 'manually' as const }] };
    const start: BulkRequest = {
      type: 'bulk.start',
      ...ORG,
      module: 'Deals',
      territoryIds: [T1],
      recordIds: [recordId(1)],
      holdings,
      names: { [recordId(1)]: 'Big deal' },
      batchSize: 50,
      concurrency: 2,
    };
    await handle(start, bulkPage);
    await handle({ type: 'bulk.status', jobId: 'job-1' }, bulkPage);
    await handle({ type: 'bulk.status', jobId: 'job-1', includeRecords: true }, bulkPage);
    await handle({ type: 'bulk.jobs' }, bulkPage);
    await handle({ type: 'bulk.pause', jobId: 'job-1' }, bulkPage);
    await handle({ type: 'bulk.resume', jobId: 'job-1' }, bulkPage);
    await handle({ type: 'bulk.cancel', jobId: 'job-1' }, bulkPage);
    await handle({ type: 'bulk.retryFailed', jobId: 'job-1' }, bulkPage);
    await handle({ type: 'bulk.undo', jobId: 'job-1' }, bulkPage);
    expect(jobs.calls).toEqual([
      [
        'start',
        {
          ...ORG,
          module: 'Deals',
          territoryIds: [T1],
          recordIds: [recordId(1)],
          holdings,
          names: { [recordId(1)]: 'Big deal' },
          batchSize: 50,
          concurrency: 2,
        },
      ],
      ['status', 'job-1', false],
      ['status', 'job-1', true],
      ['jobs'],
      ['pause', 'job-1'],
      ['resume', 'job-1'],
      ['cancel', 'job-1'],
      ['retryFailed', 'job-1'],
      ['undo', 'job-1'],
    ]);
  });

  it("turns a failure into Zoho's error, never an exception", async () => {
    const failing: ZohoClient = {
      read: () => Promise.reject(new ZohoApiError('NOT_SIGNED_IN')),
      write: () => Promise.reject(new ZohoApiError('NOT_SIGNED_IN')),
    };
    const handle = createBulkRequestHandler({
      extension,
      clientFor: () => failing,
      territories: createTerritoryCache({ storage: fakeBrowser.storage.local }),
      jobs: recordingManager().manager,
    });
    expect(await handle({ type: 'bulk.territories', ...ORG }, bulkPage)).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(
      await handle(
        { type: 'bulk.preview', ...ORG, module: 'Accounts', territoryIds: [T1], recordIds: [recordId(1)] },
        bulkPage,
      ),
    ).toEqual({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('a job storage.local has no room for', () => {
  it('is refused as STORAGE_FULL, whatever words the browser used', async () => {
    for (const message of ['Resource::kQuotaBytes quota exceeded', 'QUOTA_BYTES quota exceeded']) {
      const handle = createBulkRequestHandler({
        extension,
        clientFor: () => fakeZoho().client,
        territories: createTerritoryCache({ storage: fakeBrowser.storage.local }),
        jobs: { start: () => Promise.reject(new Error(message)) } as unknown as BulkJobManager,
      });
      const start: BulkRequest = {
        type: 'bulk.start',
        ...ORG,
        module: 'Accounts',
        territoryIds: [T1],
        recordIds: [recordId(1)],
      };
      expect(await handle(start, bulkPage)).toEqual({ ok: false, error: { code: 'STORAGE_FULL' } });
    }
    expect(isStorageFull(new Error('Failed to fetch'))).toBe(false);
  });
});

describe('readHoldings', () => {
  it('reads at most `concurrency` chunks at once', async () => {
    let inFlight = 0;
    let most = 0;
    const client: ZohoClient = {
      async read(_path, query = {}) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return { status: 200, body: { data: (query.ids ?? '').split(',').map((id) => ({ id, Territories: [] })) } };
      },
      write: () => Promise.reject(new Error('no writes')),
    };
    const ids = Array.from({ length: 1_000 }, (_, i) => recordId(i));
    const { holdings, names } = await readHoldings(client, 'Accounts', [...ids, ...ids], 3);
    expect(Object.keys(holdings)).toHaveLength(1_000);
    expect(names).toEqual({});
    expect(most).toBe(3);
  });

  it('sends an entry it cannot read like a manual one, so Zoho’s answer decides', async () => {
    const client: ZohoClient = {
      read: async () => ({
        status: 200,
        body: {
          data: [
            {
              id: recordId(1),
              Territories: [
                { id: T1, $assigned: 'by_workflow' },
                { id: '7', Name: 'R', $assigned: 'automatically' },
              ],
            },
          ],
        },
      }),
      write: () => Promise.reject(new Error('no writes')),
    };
    expect((await readHoldings(client, 'Accounts', [recordId(1)])).holdings).toEqual({
      [recordId(1)]: [
        { id: T1, assigned: 'manually' },
        { id: '7', assigned: 'automatically' },
      ],
    });
  });
});

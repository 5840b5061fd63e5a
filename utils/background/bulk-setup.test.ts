import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { IdentityApi } from '../auth/session';
import { createBulkJob } from '../bulk/job';
import type { SenderInfo } from '../sender';
import { type LocalServer, type RecordedRequest, startLocalServer } from '../zoho/testing/local-server';
import { createBulkJobStore } from './bulk-job-store';
import { type BulkTiming, createBulkBackground, listenForMessages } from './bulk-setup';
import { type BackgroundApis, createBackground, createBackgroundAuth } from './setup';

const ORG = '20079833178';
const KEY_ACCOUNTS = '407625000000236061';
const EUROPE = '407625000000236001';
const recordId = (n: number) => String(407625000090000000n + BigInt(n));
const RECORDS = Array.from({ length: 250 }, (_, i) => recordId(i + 1));

const extensionId = fakeBrowser.runtime.id;
const baseUrl = fakeBrowser.runtime.getURL('/');
const bulkPage: SenderInfo = { id: extensionId, url: `${baseUrl}bulk.html`, tab: { id: 1 } };
const contentScript: SenderInfo = {
  id: extensionId,
  url: `https://crm.zoho.eu/crm/org${ORG}/tab/Accounts/${recordId(1)}`,
  tab: { id: 2 },
};

const identity: IdentityApi = {
  getRedirectURL: (path) => `https://${extensionId}.chromiumapp.org/${path ?? ''}`,
  launchWebAuthFlow: async ({ url }) => {
    const request = new URL(url);
    const answer = new URLSearchParams({
      access_token: '1000.bulk-token',
      expires_in: '3600',
      api_domain: 'https://www.zohoapis.eu',
      state: request.searchParams.get('state') ?? '',
    });
    return `${request.searchParams.get('redirect_uri')}#${answer}`;
  },
};

/** An org whose records hold Key Accounts until a removal reaches them; `tooMany` POSTs get 429 first. */
let held: Map<string, Set<string>>;
let tooMany: number;
let zoho: LocalServer;

function answer(request: RecordedRequest) {
  const url = new URL(request.url, 'http://zoho');
  if (request.method === 'POST' && url.pathname === '/crm/v8/Accounts/actions/remove_territories') {
    if (tooMany > 0) {
      tooMany--;
      return { status: 429, json: { code: 'TOO_MANY_REQUESTS', status: 'error', message: 'too many requests' } };
    }
    const { data } = JSON.parse(request.body) as { data: { id: string; Territories: { id: string }[] }[] };
    for (const entry of data) for (const t of entry.Territories) held.get(entry.id)?.delete(t.id);
    return {
      status: 200,
      json: { data: data.map((entry) => ({ code: 'SUCCESS', details: { id: entry.id }, status: 'success' })) },
    };
  }
  if (request.method === 'GET' && url.pathname === '/crm/v8/Accounts' && url.searchParams.has('ids')) {
    const ids = url.searchParams.get('ids')?.split(',') ?? [];
    const territories = (id: string) =>
      [...(held.get(id) ?? [])].map((t) => ({ id: t, Name: 'Key Accounts', $assigned: 'manually' }));
    return { status: 200, json: { data: ids.map((id) => ({ id, Territories: territories(id) })) } };
  }
  if (request.method === 'GET' && url.pathname === '/crm/v8/settings/territories') {
    const keyAccounts = { id: KEY_ACCOUNTS, name: 'Key Accounts', reporting_to: { id: EUROPE, name: 'Europe' } };
    const europe = { id: EUROPE, name: 'Europe', reporting_to: null, manager: { id: '1', name: 'Anna Schmidt' } };
    return {
      status: 200,
      json: { territories: [europe, keyAccounts], info: { per_page: 200, count: 2, page: 1, more_records: false } },
    };
  }
  const record = /^\/crm\/v8\/Accounts\/(\d+)$/.exec(url.pathname)?.[1];
  if (request.method === 'GET' && record !== undefined) {
    const territories = [...(held.get(record) ?? [])].map((t) => ({
      id: t,
      Name: 'Key Accounts',
      $assigned: 'manually',
    }));
    return { status: 200, json: { data: [{ id: record, Territories: territories }] } };
  }
  return { status: 404, json: { code: 'INVALID_URL_PATTERN', status: 'error' } };
}

beforeEach(async () => {
  fakeBrowser.reset();
  held = new Map(RECORDS.map((id) => [id, new Set([KEY_ACCOUNTS])]));
  tooMany = 0;
  zoho = await startLocalServer(answer);
});
afterEach(() => zoho.close());

const routedFetch: typeof fetch = (input, init) =>
  fetch(String(input instanceof Request ? input.url : input).replace('https://www.zohoapis.eu', zoho.origin), init);

const apis: BackgroundApis = {
  extension: { id: extensionId, baseUrl },
  identity,
  session: fakeBrowser.storage.session,
  local: fakeBrowser.storage.local,
  buildClientId: '1000.CLIENT',
  fetch: routedFetch,
  openOptionsPage: async () => undefined,
  tabs: { create: async () => ({}), onRemoved: { addListener: () => undefined } },
  toolbarButton: { setBadgeText: () => undefined, setBadgeBackgroundColor: () => undefined },
  bulkPageUrl: `${baseUrl}bulk.html`,
};

// Back-off waits pass at once, as if the time had gone by; ids are predictable.
function timing(): BulkTiming {
  let next = 0;
  let slept = 0;
  return {
    now: () => Date.now() + slept,
    sleep: async (ms) => {
      slept += ms;
    },
    random: () => 0.5,
    newJobId: () => `job-${++next}`,
  };
}

type Listener = Parameters<typeof listenForMessages>[0] extends { addListener(listener: infer L): void } ? L : never;

/** A worker: its auth, its bulk jobs, and a way to deliver a message (null when it gets no answer). */
function startWorker() {
  const auth = createBackgroundAuth(apis);
  const bulk = createBulkBackground(apis, auth, timing());
  let listener: Listener | undefined;
  listenForMessages(
    {
      addListener: (registered) => {
        listener = registered;
      },
    },
    createBackground(apis, auth, bulk.territories),
    bulk.handle,
  );
  const send = (message: unknown, sender: SenderInfo) =>
    new Promise<unknown>((resolve) => {
      if (!listener?.(message, sender, resolve)) resolve(null);
    });
  return { auth, bulk, send };
}

const posts = () => zoho.requests.filter((request) => request.method === 'POST');
const postedIds = () =>
  posts().flatMap((request) => (JSON.parse(request.body) as { data: { id: string }[] }).data.map((entry) => entry.id));

describe('the background serving the bulk page', () => {
  it('runs a job from start to finish through runtime.onMessage, waiting out a 429', async () => {
    const { bulk, send } = startWorker();
    expect(await send({ type: 'auth.signIn', dataCentre: 'eu' }, bulkPage)).toMatchObject({ ok: true });
    tooMany = 1;

    const start = {
      type: 'bulk.start',
      dataCentre: 'eu',
      sandbox: false,
      orgId: ORG,
      module: 'Accounts',
      territoryIds: [KEY_ACCOUNTS],
      recordIds: RECORDS,
    };
    expect(await send(start, contentScript)).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await send(start, bulkPage)).toEqual({ ok: true, value: { jobId: 'job-1' } });
    await bulk.jobs.idle();

    const status = await send({ type: 'bulk.status', jobId: 'job-1', includeRecords: true }, bulkPage);
    expect(status).toMatchObject({
      ok: true,
      value: { status: 'finished', progress: { total: 250, settled: 250, counts: { removed: 250 } } },
    });
    expect(posts()).toHaveLength(4);
    expect(posts()[0]?.headers['x-crm-org']).toBe(ORG);
    expect(posts()[0]?.headers.authorization).toBe('Zoho-oauthtoken 1000.bulk-token');
    // the 429'd batch was sent again, nothing else twice
    expect(postedIds().sort()).toEqual([...RECORDS, ...RECORDS.slice(0, 100)].sort());
    expect([...held.values()].every((territories) => territories.size === 0)).toBe(true);
  });

  it('the panel and the bulk page share one read of the org’s territory definitions', async () => {
    const { send } = startWorker();
    await send({ type: 'auth.signIn', dataCentre: 'eu' }, bulkPage);
    const page = { dataCentre: 'eu', sandbox: false, orgId: ORG, module: 'Accounts', recordId: recordId(1) };
    const [read, listed] = await Promise.all([
      send({ type: 'record.territories', page }, contentScript),
      send({ type: 'bulk.territories', dataCentre: 'eu', sandbox: false, orgId: ORG }, bulkPage),
    ]);
    expect(read).toMatchObject({
      ok: true,
      value: {
        territories: [{ id: KEY_ACCOUNTS, path: ['Europe'], manager: null }],
        lockedForMe: false,
        editable: true,
      },
    });
    expect(listed).toEqual({
      ok: true,
      value: [
        { id: EUROPE, name: 'Europe', parentId: null },
        { id: KEY_ACCOUNTS, name: 'Key Accounts', parentId: EUROPE },
      ],
    });
    expect(zoho.requests.filter((request) => request.url.startsWith('/crm/v8/settings/territories'))).toHaveLength(1);
  });

  it('gives no answer to messages of neither protocol', async () => {
    const { send } = startWorker();
    for (const message of [
      { type: 'bulk.nothing' },
      { type: 'bulk.status', jobId: 'has spaces' },
      { type: 'bulk.jobs', extra: 1 },
      'bulk.jobs',
      null,
    ]) {
      expect(await send(message, bulkPage)).toBeNull();
    }
    expect(await send({ type: 'auth.connections' }, bulkPage)).toMatchObject({ ok: true });
    expect(await send({ type: 'bulk.jobs' }, bulkPage)).toEqual({ ok: true, value: [] });
  });

  it('a restarted worker resumes a job: a batch in flight is read first, finished batches are not sent again', async () => {
    await startWorker().auth.signIn('eu');
    // The worker died with batch 0 done and batch 1 sent (Zoho processed it), batch 2 not sent.
    const job = createBulkJob({
      id: 'interrupted',
      dataCentre: 'eu',
      sandbox: false,
      orgId: ORG,
      module: 'Accounts',
      territoryIds: [KEY_ACCOUNTS],
      recordIds: RECORDS,
      now: Date.now(),
    });
    const [done, inFlight] = job.batches;
    if (!done || !inFlight) throw new Error('expected three batches');
    for (const id of [...done.recordIds, ...inFlight.recordIds]) held.get(id)?.clear();
    for (const id of done.recordIds) job.outcomes[id] = { kind: 'removed' };
    job.batches.shift();
    inFlight.status = 'sending';
    inFlight.sentAt = Date.now();
    job.calls.remove = 2;
    await createBulkJobStore(fakeBrowser.storage.local).create(job);

    const { bulk, send } = startWorker();
    await bulk.jobs.resumeInterrupted();
    await bulk.jobs.idle();

    const reads = zoho.requests.filter((request) => request.method === 'GET');
    // read once Zoho can no longer be working on it, and again to see it stable
    expect(reads.map((request) => new URL(request.url, 'http://zoho').searchParams.get('ids'))).toEqual([
      inFlight.recordIds.join(','),
      inFlight.recordIds.join(','),
    ]);
    expect(postedIds()).toEqual(RECORDS.slice(200));
    const stored = await createBulkJobStore(fakeBrowser.storage.local).load('interrupted');
    expect(stored?.status).toBe('finished');
    expect(Object.values(stored?.outcomes ?? {}).filter((o) => o.kind === 'removed')).toHaveLength(250);
    expect(await send({ type: 'bulk.jobs' }, bulkPage)).toMatchObject({ ok: true, value: [{ id: 'interrupted' }] });
  });
});

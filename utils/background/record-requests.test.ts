import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type RecordPage, recordKey } from '../crm-page';
import { createZohoClient } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { createChangeLog } from '../zoho/jobs';
import { LOST_ANSWER_WAIT_MS, STABLE_READ_GAP_MS } from '../zoho/request-timing';
import { createTerritoryCache, TERRITORY_CACHE_TTL_MS, territoryCacheKey } from '../zoho/territory-cache';
import {
  type LocalAnswer,
  type LocalServer,
  type RecordedRequest,
  startLocalServer,
} from '../zoho/testing/local-server';
import { createRecordRequests, DEFINITIONS_RETRY_PAUSE_MS, territoryPlaces } from './record-requests';

const RECORD = '4150868000004318009';
const SOUTH = '111111000000046458';
const TEXAS = '111111000000046898';
const USA = '111111000000046001';
const AMERICAS = '111111000000046000';
const page: RecordPage = { dataCentre: 'eu', sandbox: false, orgId: '20079833178', module: 'Deals', recordId: RECORD };
const KEY = recordKey(page);
const NOW = 1_700_000_000_000;

const assignment = (id: string, name: string) => ({
  id,
  Name: name,
  $assigned_by: null,
  $assigned_time: '2020-03-05T16:07:28+05:30',
  $assigned: 'manually',
});

const definition = (id: string, name: string, parent: string | null, manager: string | null) => ({
  id,
  name,
  reporting_to: parent === null ? null : { id: parent, name: 'parent' },
  manager: manager === null ? null : { id: '111111000000043376', name: manager },
});
/** The org's territory definitions: Americas › USA › Texas and South. */
const DEFINITIONS = [
  definition(AMERICAS, 'Americas', null, 'Patricia Boyle'),
  definition(USA, 'USA', AMERICAS, null),
  definition(TEXAS, 'Texas', USA, 'Tex Ritter'),
  definition(SOUTH, 'South', USA, null),
];
const DEFINITIONS_PATH = '/crm/v8/settings/territories';

/**
 * A record held by the local Zoho; `onPost` decides how a remove/assign is answered, `definitions`
 * how settings/territories is (default: DEFINITIONS).
 */
function zohoRecord(
  onPost: (request: RecordedRequest, territories: string[]) => { answer: LocalAnswer; next?: string[] },
) {
  const state = {
    territories: [TEXAS, SOUTH],
    recordFlags: {} as Record<string, unknown>,
    definitions: (): LocalAnswer => ({
      status: 200,
      json: { territories: DEFINITIONS, info: { per_page: 200, count: 4, page: 1, more_records: false } },
    }),
  };
  const names: Record<string, string> = { [TEXAS]: 'Texas', [SOUTH]: 'South' };
  const answer = (request: RecordedRequest): LocalAnswer => {
    if (request.method === 'POST') {
      const { answer, next } = onPost(request, state.territories);
      if (next) state.territories = next;
      return answer;
    }
    if (request.url.startsWith(DEFINITIONS_PATH)) return state.definitions();
    const territories = state.territories.map((id) => assignment(id, names[id] ?? id));
    return { status: 200, json: { data: [{ id: RECORD, Territories: territories, ...state.recordFlags }] } };
  };
  return { state, answer };
}

const removedAnswer = (delayMs = 0): LocalAnswer => ({
  status: 200,
  delayMs,
  json: { data: [{ code: 'SUCCESS', details: { id: RECORD }, message: 'removed', status: 'success' }] },
});
const scheduledAnswer: LocalAnswer = {
  status: 202,
  json: {
    data: [{ code: 'SCHEDULED', details: { id: RECORD, job_id: '99' }, message: 'scheduled', status: 'success' }],
  },
};

let server: LocalServer | undefined;
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(answer: (request: RecordedRequest) => LocalAnswer, definitionsWaitMs?: number) {
  server = await startLocalServer(answer);
  const origin = server.origin;
  const clock = { now: NOW, slept: [] as number[], onSleep: (): void => undefined };
  const changes = createChangeLog(fakeBrowser.storage.session);
  const orgsReached: RecordPage[] = [];
  const make = () =>
    createRecordRequests({
      clientFor: (target) =>
        createZohoClient({
          orgId: target.orgId,
          credentials: {
            current: async () => ({ accessToken: 'tok', apiOrigin: origin }),
            renew: () => Promise.reject(new ZohoApiError('INVALID_TOKEN')),
            discard: async () => undefined,
          },
          sleep: async () => undefined,
        }),
      changes: createChangeLog(fakeBrowser.storage.session),
      territories: createTerritoryCache({ storage: fakeBrowser.storage.local, now: () => clock.now }),
      orgReached: async (reached) => {
        orgsReached.push(reached);
      },
      now: () => clock.now,
      sleep: async (ms) => {
        clock.slept.push(ms);
        clock.now += ms;
        clock.onSleep();
      },
      definitionsWaitMs,
    });
  return { records: make(), restarted: make, requests: server.requests, changes, clock, orgsReached };
}

const methods = (requests: RecordedRequest[]) => requests.map((r) => r.method);
const recordGet = `GET /crm/v8/Deals/${RECORD}`;
const definitionsGet = `GET ${DEFINITIONS_PATH}?page=1&per_page=200`;
const calls = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.url}`);

describe('territories', () => {
  it('reads the record once and reports no scheduled jobs', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, requests } = await setup(zoho.answer);
    const result = await records.territories(page);
    expect(result.ok && result.value.territories.map((t) => t.name)).toEqual(['Texas', 'South']);
    expect(result.ok && result.value).toMatchObject({ enabled: true, scheduled: [] });
    expect(calls(requests).filter((call) => call === recordGet)).toHaveLength(1);
  });

  it('tells that the page’s org was reached once its record was read, and not when the read failed', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, orgsReached } = await setup((request) =>
      request.url.startsWith('/crm/v8/Deals/') && orgsReached.length > 0
        ? { status: 401, json: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' } }
        : zoho.answer(request),
    );
    expect((await records.territories(page)).ok).toBe(true);
    expect(orgsReached).toEqual([page]);
    const otherOrg: RecordPage = { ...page, orgId: '555' };
    expect((await records.territories(otherOrg)).ok).toBe(false);
    expect(orgsReached).toEqual([page]);
  });

  it('formats each assignment date here, so that the page builds no date formatter of its own', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records } = await setup(zoho.answer);
    const result = await records.territories(page);
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(
      new Date('2020-03-05T16:07:28+05:30'),
    );
    expect(result.ok && result.value.territories.map((t) => t.assignedDate)).toEqual([expected, expected]);
  });

  it('gives each row its path and manager from the definitions, read once per org for the cache’s TTL', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, restarted, requests, clock } = await setup(zoho.answer);
    const first = await records.territories(page);
    expect(first.ok && first.value.territories).toEqual([
      expect.objectContaining({ id: TEXAS, name: 'Texas', path: ['Americas', 'USA'], manager: 'Tex Ritter' }),
      expect.objectContaining({ id: SOUTH, name: 'South', path: ['Americas', 'USA'], manager: null }),
    ]);
    expect(calls(requests)).toEqual([recordGet, definitionsGet]);

    await records.territories(page);
    await restarted().territories(page);
    await restarted().territories({ ...page, module: 'Accounts' });
    expect(calls(requests).filter((call) => call === definitionsGet)).toHaveLength(1);

    clock.now += TERRITORY_CACHE_TTL_MS;
    await records.territories(page);
    expect(calls(requests).filter((call) => call === definitionsGet)).toHaveLength(2);
  });

  it('reads the definitions of each org apart', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, requests } = await setup(zoho.answer);
    await records.territories(page);
    await records.territories({ ...page, orgId: '20079900042' });
    const definitionReads = requests.filter((r) => r.url.startsWith(DEFINITIONS_PATH));
    expect(definitionReads.map((r) => r.headers['x-crm-org'])).toEqual(['20079833178', '20079900042']);
  });

  it('concurrent reads share one load of the definitions', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, requests } = await setup(zoho.answer);
    const [a, b] = await Promise.all([records.territories(page), records.territories(page)]);
    expect(a).toEqual(b);
    expect(a.ok && a.value.territories[0]?.path).toEqual(['Americas', 'USA']);
    expect(calls(requests).filter((call) => call === definitionsGet)).toHaveLength(1);
  });

  it('a territory the cached definitions do not know has no path or manager, and costs no new read', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, requests } = await setup(zoho.answer);
    await records.territories(page);
    const NEW = '111111000000049999';
    zoho.state.territories = [NEW, SOUTH];
    const result = await records.territories(page);
    expect(result.ok && result.value.territories).toEqual([
      expect.objectContaining({ id: NEW, path: [], manager: null }),
      expect.objectContaining({ id: SOUTH, path: ['Americas', 'USA'] }),
    ]);
    expect(calls(requests)).toEqual([recordGet, definitionsGet, recordGet]);
  });

  it('reads no definitions for a record without territories', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    zoho.state.territories = [];
    const { records, requests } = await setup(zoho.answer);
    expect(await records.territories(page)).toMatchObject({ ok: true, value: { enabled: true, territories: [] } });
    expect(calls(requests)).toEqual([recordGet]);
  });

  it.each<[string, LocalAnswer]>([
    [
      'a missing settings scope',
      {
        status: 401,
        json: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope', status: 'error' },
      },
    ],
    ['an answer it cannot read', { status: 200, json: { territories: 'none' } }],
    ['a dropped connection', { drop: true }],
  ])(
    'answers the record without paths when the definitions fail with %s, and waits before trying again',
    async (_, failure) => {
      const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
      zoho.state.definitions = () => failure;
      const { records, requests, clock } = await setup(zoho.answer);
      const result = await records.territories(page);
      expect(result.ok && result.value.territories).toEqual([
        expect.objectContaining({ id: TEXAS, path: [], manager: null }),
        expect.objectContaining({ id: SOUTH, path: [], manager: null }),
      ]);
      const definitionReads = () => requests.filter((r) => r.url.startsWith(DEFINITIONS_PATH)).length;
      const failedReads = definitionReads();
      expect(failedReads).toBeGreaterThan(0);

      expect((await records.territories(page)).ok).toBe(true);
      expect(definitionReads()).toBe(failedReads);

      clock.now += DEFINITIONS_RETRY_PAUSE_MS;
      const healed = zohoRecord(() => ({ answer: removedAnswer() }));
      zoho.state.definitions = healed.state.definitions;
      const later = await records.territories(page);
      expect(later.ok && later.value.territories[0]?.path).toEqual(['Americas', 'USA']);
      expect(definitionReads()).toBe(failedReads + 1);
    },
  );

  it('does not wait long for slow definitions, and the load still fills the cache', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const slow = zoho.state.definitions;
    zoho.state.definitions = () => ({ ...slow(), delayMs: 300 });
    const { records, requests } = await setup(zoho.answer, 50);
    const started = Date.now();
    const quick = await records.territories(page);
    expect(Date.now() - started).toBeLessThan(250);
    expect(quick.ok && quick.value.territories.map((t) => t.path)).toEqual([[], []]);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await fakeBrowser.storage.local.get(territoryCacheKey(page))).not.toEqual({});
    const later = await records.territories(page);
    expect(later.ok && later.value.territories[0]?.path).toEqual(['Americas', 'USA']);
    expect(calls(requests).filter((call) => call === definitionsGet)).toHaveLength(1);
  });

  it('passes $locked_for_me and $editable on, and takes their absence as not locked, editable', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records } = await setup(zoho.answer);
    expect(await records.territories(page)).toMatchObject({ ok: true, value: { lockedForMe: false, editable: true } });
    zoho.state.recordFlags = { $locked_for_me: true, $editable: false };
    expect(await records.territories(page)).toMatchObject({ ok: true, value: { lockedForMe: true, editable: false } });
  });

  it('answers a failure as an ErrorInfo', async () => {
    const { records } = await setup(() => ({ status: 204 }));
    expect(await records.territories(page)).toEqual({ ok: false, error: { code: 'RECORD_NOT_FOUND', status: 204 } });
  });
});

describe('change', () => {
  it('joins a second identical remove to the first: one POST', async () => {
    const zoho = zohoRecord((_, territories) => ({
      answer: removedAnswer(50),
      next: territories.filter((id) => id !== SOUTH),
    }));
    const { records, requests } = await setup(zoho.answer);
    const [first, second] = await Promise.all([
      records.change('remove', page, SOUTH),
      records.change('remove', page, SOUTH),
    ]);
    expect(first).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(second).toEqual(first);
    expect(methods(requests)).toEqual(['POST']);
  });

  it('sends different changes separately, and the same one again once the first is over', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer(20) }));
    const { records, requests } = await setup(zoho.answer);
    await Promise.all([records.change('remove', page, SOUTH), records.change('remove', page, TEXAS)]);
    expect(methods(requests)).toEqual(['POST', 'POST']);
    await records.change('remove', page, SOUTH);
    expect(methods(requests)).toEqual(['POST', 'POST', 'POST']);
  });

  it('marks the POST as in flight in storage.session while it runs', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer(100) }));
    const { records, changes } = await setup(zoho.answer);
    const change = records.change('remove', page, SOUTH);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toEqual({
      kind: 'remove',
      territoryId: SOUTH,
      since: NOW,
    });
    await change;
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeUndefined();
  });

  it('keeps the marker of a POST still awaited when the record is read meanwhile', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer(100) }));
    const { records, changes } = await setup(zoho.answer);
    const change = records.change('remove', page, SOUTH);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await records.territories(page);
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeDefined();
    await change;
  });

  it('answers Zoho’s refusal as an ErrorInfo and clears the marker', async () => {
    const zoho = zohoRecord(() => ({
      answer: {
        status: 403,
        json: { data: [{ code: 'NOT_ALLOWED', details: {}, message: 'system-assigned', status: 'error' }] },
      },
    }));
    const { records, changes } = await setup(zoho.answer);
    expect(await records.change('remove', page, TEXAS)).toEqual({
      ok: false,
      error: { code: 'NOT_ALLOWED', status: 403, message: 'system-assigned' },
    });
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: TEXAS })).toBeUndefined();
  });
});

describe('scheduled jobs', () => {
  it('reports a scheduled removal until the record no longer lists the territory', async () => {
    const zoho = zohoRecord(() => ({ answer: scheduledAnswer }));
    const { records } = await setup(zoho.answer);
    expect(await records.change('remove', page, SOUTH)).toEqual({
      ok: true,
      value: { outcome: 'scheduled', jobId: '99' },
    });

    const during = await records.territories(page);
    expect(during.ok && during.value.scheduled).toEqual([SOUTH]);
    expect(during.ok && during.value.territories.map((t) => t.id)).toContain(SOUTH);

    zoho.state.territories = [TEXAS];
    const after = await records.territories(page);
    expect(after.ok && after.value.scheduled).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('still knows the job after a worker restart, and forgets it after five minutes', async () => {
    const zoho = zohoRecord(() => ({ answer: scheduledAnswer }));
    const { records, restarted, clock } = await setup(zoho.answer);
    await records.change('remove', page, SOUTH);
    const fresh = restarted();
    const known = await fresh.territories(page);
    expect(known.ok && known.value.scheduled).toEqual([SOUTH]);
    clock.now += 5 * 60_000;
    const forgotten = await fresh.territories(page);
    expect(forgotten.ok && forgotten.value.scheduled).toEqual([]);
  });
});

describe('after a worker died mid-POST', () => {
  async function leaveMarker(changes: ReturnType<typeof createChangeLog>, age = 1000) {
    await changes.markInFlight(KEY, { kind: 'remove', territoryId: SOUTH, since: NOW - age });
  }

  it('a read of the record clears a marker Zoho can no longer be working on, and only reads', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, changes, requests } = await setup(zoho.answer);
    await leaveMarker(changes, LOST_ANSWER_WAIT_MS + 1);
    expect((await records.territories(page)).ok).toBe(true);
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeUndefined();
    expect(calls(requests)).toEqual([recordGet, definitionsGet]);
  });

  it('a read of the record keeps a younger marker, so that a repeat waits first', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, changes } = await setup(zoho.answer);
    await leaveMarker(changes);
    expect((await records.territories(page)).ok).toBe(true);
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeDefined();
  });

  it('a repeated remove whose POST already took effect is answered from the record, not re-sent', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    zoho.state.territories = [TEXAS];
    const { records, changes, requests, clock } = await setup(zoho.answer);
    await leaveMarker(changes);
    expect(await records.change('remove', page, SOUTH)).toEqual({ ok: true, value: { outcome: 'done' } });
    // read once Zoho can no longer be working on the first POST, and again to see it stable
    expect(clock.slept).toEqual([LOST_ANSWER_WAIT_MS - 1000, STABLE_READ_GAP_MS]);
    expect(methods(requests)).toEqual(['GET', 'GET']);
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeUndefined();
  });

  it('a repeated remove whose POST did not take effect is sent after the check', async () => {
    const zoho = zohoRecord((_, territories) => ({
      answer: removedAnswer(),
      next: territories.filter((id) => id !== SOUTH),
    }));
    const { records, changes, requests } = await setup(zoho.answer);
    await leaveMarker(changes);
    expect(await records.change('remove', page, SOUTH)).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(methods(requests)).toEqual(['GET', 'GET', 'POST']);
  });
});

describe('a removal whose answer is lost', () => {
  it('is read back only once Zoho can no longer be working on it, until stable, and ends as Zoho did it', async () => {
    // Zoho drops the connection while still working: the removal lands during the wait.
    const zoho = zohoRecord(() => ({ answer: { drop: true } }));
    const { records, requests, clock } = await setup(zoho.answer);
    clock.onSleep = () => {
      zoho.state.territories = [TEXAS];
    };
    expect(await records.change('remove', page, SOUTH)).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(clock.slept[0]).toBe(LOST_ANSWER_WAIT_MS);
    expect(methods(requests).filter((method) => method === 'POST')).toHaveLength(1);
  });

  it('an undo (assignment) whose answer is lost ends as Zoho did it too', async () => {
    const zoho = zohoRecord(() => ({ answer: { drop: true } }));
    const { records, requests, clock } = await setup(zoho.answer);
    clock.onSleep = () => {
      zoho.state.territories = [TEXAS, SOUTH, USA];
    };
    expect(await records.change('assign', page, USA)).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(clock.slept[0]).toBe(LOST_ANSWER_WAIT_MS);
    expect(methods(requests).filter((method) => method === 'POST')).toHaveLength(1);
  });

  it('fails with the lost answer when Zoho did not do it, so that a Retry sends it once more', async () => {
    let posts = 0;
    const zoho = zohoRecord((_, territories) => {
      posts++;
      return posts === 1
        ? { answer: { drop: true } }
        : { answer: removedAnswer(), next: territories.filter((id) => id !== SOUTH) };
    });
    const { records, requests } = await setup(zoho.answer);
    const lost = await records.change('remove', page, SOUTH);
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.error.code).toBe('NETWORK_ERROR');
    expect(await records.change('remove', page, SOUTH)).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(methods(requests).filter((method) => method === 'POST')).toHaveLength(2);
  });

  it('a Retry while the lost answer is waited out joins it: one POST', async () => {
    const zoho = zohoRecord((_, territories) => ({
      answer: { drop: true },
      next: territories.filter((id) => id !== SOUTH),
    }));
    const { records, requests } = await setup(zoho.answer);
    const first = records.change('remove', page, SOUTH);
    const retry = records.change('remove', page, SOUTH);
    expect(await first).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(await retry).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(methods(requests).filter((method) => method === 'POST')).toHaveLength(1);
  });
});

describe('territoryPlaces', () => {
  const territory = (id: string, parentId: string | null, managerName: string | null = null) => ({
    id,
    name: `T${id}`,
    parentId,
    managerName,
  });

  it('lists the ancestors root first and the manager', () => {
    const places = territoryPlaces([territory('3', '2', 'Mo'), territory('1', null), territory('2', '1')]);
    expect(places.get('3')).toEqual({ path: ['T1', 'T2'], manager: 'Mo' });
    expect(places.get('1')).toEqual({ path: [], manager: null });
  });

  it('starts the path below a parent it does not know, and cuts a loop', () => {
    const places = territoryPlaces([
      territory('2', '9'),
      territory('3', '2'),
      territory('4', '5'),
      territory('5', '4'),
    ]);
    expect(places.get('3')?.path).toEqual(['T2']);
    expect(places.get('2')?.path).toEqual([]);
    expect([places.get('4')?.path, places.get('5')?.path]).toEqual([[], ['T4']]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type RecordPage, recordKey } from '../crm-page';
import { createZohoClient } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { createChangeLog } from '../zoho/jobs';
import {
  type LocalAnswer,
  type LocalServer,
  type RecordedRequest,
  startLocalServer,
} from '../zoho/testing/local-server';
import { createRecordRequests } from './record-requests';

const RECORD = '4150868000004318009';
const SOUTH = '111111000000046458';
const TEXAS = '111111000000046898';
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

/** A record held by the local Zoho; `onPost` decides how a remove/assign is answered. */
function zohoRecord(
  onPost: (request: RecordedRequest, territories: string[]) => { answer: LocalAnswer; next?: string[] },
) {
  const state = { territories: [TEXAS, SOUTH] };
  const names: Record<string, string> = { [TEXAS]: 'Texas', [SOUTH]: 'South' };
  const answer = (request: RecordedRequest): LocalAnswer => {
    if (request.method === 'POST') {
      const { answer, next } = onPost(request, state.territories);
      if (next) state.territories = next;
      return answer;
    }
    return {
      status: 200,
      json: { data: [{ id: RECORD, Territories: state.territories.map((id) => assignment(id, names[id] ?? id)) }] },
    };
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

async function setup(answer: (request: RecordedRequest) => LocalAnswer) {
  server = await startLocalServer(answer);
  const origin = server.origin;
  const clock = { now: NOW };
  const changes = createChangeLog(fakeBrowser.storage.session);
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
      now: () => clock.now,
    });
  return { records: make(), restarted: make, requests: server.requests, changes, clock };
}

const methods = (requests: RecordedRequest[]) => requests.map((r) => r.method);

describe('territories', () => {
  it('reads the record once and reports no scheduled jobs', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, requests } = await setup(zoho.answer);
    const result = await records.territories(page);
    expect(result.ok && result.value.territories.map((t) => t.name)).toEqual(['Texas', 'South']);
    expect(result.ok && result.value).toMatchObject({ enabled: true, scheduled: [] });
    expect(methods(requests)).toEqual(['GET']);
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
  async function leaveMarker(changes: ReturnType<typeof createChangeLog>) {
    await changes.markInFlight(KEY, { kind: 'remove', territoryId: SOUTH, since: NOW - 1000 });
  }

  it('a read of the record clears the stale marker and only reads', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    const { records, changes, requests } = await setup(zoho.answer);
    await leaveMarker(changes);
    expect((await records.territories(page)).ok).toBe(true);
    expect(await changes.findInFlight(KEY, { kind: 'remove', territoryId: SOUTH })).toBeUndefined();
    expect(methods(requests)).toEqual(['GET']);
  });

  it('a repeated remove whose POST already took effect is answered from the record, not re-sent', async () => {
    const zoho = zohoRecord(() => ({ answer: removedAnswer() }));
    zoho.state.territories = [TEXAS];
    const { records, changes, requests } = await setup(zoho.answer);
    await leaveMarker(changes);
    expect(await records.change('remove', page, SOUTH)).toEqual({ ok: true, value: { outcome: 'done' } });
    expect(methods(requests)).toEqual(['GET']);
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
    expect(methods(requests)).toEqual(['GET', 'POST']);
  });
});

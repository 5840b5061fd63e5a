import { describe, expect, it, vi } from 'vitest';
import { bulkRecordsChannel } from '@/utils/bulk-protocol';
import { createBulkApi, RECORDS_WAIT_MS, sendBulkRequest } from './bulk-api';

const org = { dataCentre: 'eu', sandbox: false, orgId: null } as const;

describe('sendBulkRequest', () => {
  it('passes the background’s answer on', async () => {
    const answer = { ok: true, value: { jobId: 'a' } };
    expect(await sendBulkRequest(async () => answer, { type: 'bulk.retryFailed', jobId: 'x' })).toEqual(answer);
    const refused = { ok: false, error: { code: 'JOB_NOT_FOUND' } };
    expect(await sendBulkRequest(async () => refused, { type: 'bulk.pause', jobId: 'x' })).toEqual(refused);
  });

  it('turns a message that could not travel, or found no handler, into EXTENSION_RESTARTED', async () => {
    const failing = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    expect(await sendBulkRequest(failing, { type: 'bulk.jobs' })).toEqual({
      ok: false,
      error: { code: 'EXTENSION_RESTARTED', message: 'Could not establish connection. Receiving end does not exist.' },
    });
    expect(await sendBulkRequest(async () => undefined, { type: 'bulk.jobs' })).toEqual({
      ok: false,
      error: { code: 'EXTENSION_RESTARTED', message: 'The background sent no answer.' },
    });
    expect((await sendBulkRequest(async () => ({ ok: false }), { type: 'bulk.jobs' })).ok).toBe(false);
  });
});

describe('createBulkApi', () => {
  it('sends each method as its protocol request', async () => {
    const transport = vi.fn(async (_message: unknown) => ({ ok: true, value: null }));
    const api = createBulkApi(transport, { connections: vi.fn(), signIn: vi.fn() }, vi.fn());
    await api.territories(org);
    await api.recordsInTerritory(org, 'Leads', '7');
    await api.preview({ ...org, module: 'Deals', territoryIds: ['7'], recordIds: ['1'] });
    await api.start({ ...org, module: 'Deals', territoryIds: ['7'], recordIds: ['1'], batchSize: 10 });
    await api.status('j', true);
    await api.jobs();
    await api.pause('j');
    await api.resume('j');
    await api.cancel('j');
    await api.retryFailed('j');
    expect(transport.mock.calls.map(([message]) => message)).toEqual([
      { type: 'bulk.territories', ...org },
      { type: 'bulk.recordsInTerritory', ...org, module: 'Leads', territoryId: '7' },
      { type: 'bulk.preview', ...org, module: 'Deals', territoryIds: ['7'], recordIds: ['1'] },
      { type: 'bulk.start', ...org, module: 'Deals', territoryIds: ['7'], recordIds: ['1'], batchSize: 10 },
      { type: 'bulk.status', jobId: 'j', includeRecords: true, recordsChannel: expect.any(String) },
      { type: 'bulk.jobs' },
      { type: 'bulk.pause', jobId: 'j' },
      { type: 'bulk.resume', jobId: 'j' },
      { type: 'bulk.cancel', jobId: 'j' },
      { type: 'bulk.retryFailed', jobId: 'j' },
    ]);
  });

  it('takes the records from the BroadcastChannel it named, and asks without one for a bare status', async () => {
    const records =
      '{"territoryIds":["7"],"ids":"01","names":[],"narrowed":{},"settled":{"records":"0","kinds":"r","details":{}}}';
    const transport = vi.fn(async (message: unknown) => {
      const { recordsChannel } = message as { recordsChannel?: string };
      if (!recordsChannel) return { ok: true, value: { id: 'j' } };
      const channel = new BroadcastChannel(bulkRecordsChannel(recordsChannel));
      channel.postMessage(records);
      channel.close();
      return { ok: true, value: { id: 'j', recordsPosted: true } };
    });
    const api = createBulkApi(transport, { connections: vi.fn(), signIn: vi.fn() }, vi.fn());
    expect(await api.status('j', 'atRest')).toEqual({ ok: true, value: { id: 'j', records } });
    expect(await api.status('j', false)).toEqual({ ok: true, value: { id: 'j' } });
    expect(transport.mock.calls.at(-1)?.[0]).toEqual({ type: 'bulk.status', jobId: 'j', includeRecords: false });
  });

  it('asks for the records in the answer when none come on the channel', async () => {
    vi.useFakeTimers();
    try {
      const transport = vi.fn(async (message: unknown) => {
        const { recordsChannel } = message as { recordsChannel?: string };
        return { ok: true, value: recordsChannel ? { id: 'j', recordsPosted: true } : { id: 'j', records: '{}' } };
      });
      const api = createBulkApi(transport, { connections: vi.fn(), signIn: vi.fn() }, vi.fn());
      const status = api.status('j', true);
      await vi.advanceTimersByTimeAsync(RECORDS_WAIT_MS);
      expect(await status).toEqual({ ok: true, value: { id: 'j', records: '{}' } });
      expect(transport.mock.calls.at(-1)?.[0]).toEqual({ type: 'bulk.status', jobId: 'j', includeRecords: true });
    } finally {
      vi.useRealTimers();
    }
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BulkJob, createBulkJob, parseBulkJob } from '../bulk/job';
import { BULK_JOB_INDEX_KEY, bulkJobKey, createBulkJobStore } from './bulk-job-store';

function job(id: string, createdAt = 1): BulkJob {
  return createBulkJob({
    id,
    dataCentre: 'eu',
    sandbox: false,
    orgId: '20079833178',
    module: 'Accounts',
    territoryIds: ['407625000000236061'],
    recordIds: ['407625000090000001', '407625000090000002'],
    now: createdAt,
  });
}

beforeEach(() => fakeBrowser.reset());

describe('createBulkJobStore', () => {
  it('keeps each job under its own key and its id in the index', async () => {
    const store = createBulkJobStore(fakeBrowser.storage.local);
    await store.save(job('a'));
    await store.save(job('b'));
    const stored = await fakeBrowser.storage.local.get([bulkJobKey('a'), bulkJobKey('b'), BULK_JOB_INDEX_KEY]);
    expect(stored[BULK_JOB_INDEX_KEY]).toEqual(['a', 'b']);
    expect(parseBulkJob(stored[bulkJobKey('a')])?.id).toBe('a');
    expect(parseBulkJob(await store.load('b'))?.id).toBe('b');
    expect(await store.load('missing')).toBeUndefined();
  });

  it('stores the job as it was when save was called', async () => {
    const store = createBulkJobStore(fakeBrowser.storage.local);
    const running = job('a');
    const first = store.save(running);
    running.status = 'paused';
    await first;
    expect(parseBulkJob(await store.load('a'))?.status).toBe('running');
    const second = store.save(running);
    running.status = 'cancelled';
    await second;
    expect(parseBulkJob(await store.load('a'))?.status).toBe('paused');
  });

  it('a new store (a restarted worker) lists what the last one saved; removed jobs are gone', async () => {
    const before = createBulkJobStore(fakeBrowser.storage.local);
    await Promise.all([before.save(job('a')), before.save(job('b')), before.save(job('c'))]);
    await before.remove('b');
    const after = createBulkJobStore(fakeBrowser.storage.local);
    expect((await after.list()).map((stored) => parseBulkJob(stored)?.id)).toEqual(['a', 'c']);
    expect(await after.load('b')).toBeUndefined();
    await after.save(job('d'));
    expect((await fakeBrowser.storage.local.get(BULK_JOB_INDEX_KEY))[BULK_JOB_INDEX_KEY]).toEqual(['a', 'c', 'd']);
  });

  it('an index entry whose job is missing is skipped', async () => {
    await fakeBrowser.storage.local.set({ [BULK_JOB_INDEX_KEY]: ['gone', 42] });
    const store = createBulkJobStore(fakeBrowser.storage.local);
    await store.save(job('a'));
    expect((await store.list()).map((stored) => parseBulkJob(stored)?.id)).toEqual(['a']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BulkJob, createBulkJob } from '../bulk/job';
import { BULK_JOB_INDEX_KEY, bulkBaseKey, bulkBatchKey, bulkJobKey, createBulkJobStore } from './bulk-job-store';

function job(id: string, records = 2, createdAt = 1): BulkJob {
  return createBulkJob({
    id,
    dataCentre: 'eu',
    sandbox: false,
    orgId: '20079833178',
    module: 'Accounts',
    territoryIds: ['407625000000236061'],
    recordIds: Array.from({ length: records }, (_, i) => String(407625000090000001n + BigInt(i))),
    now: createdAt,
  });
}

beforeEach(() => fakeBrowser.reset());

describe('createBulkJobStore', () => {
  it('keeps each job as a head, a base and a key per batch, and its id in the index', async () => {
    const store = createBulkJobStore(fakeBrowser.storage.local);
    const a = job('a', 250);
    await store.create(a);
    await store.create(job('b'));
    const stored = await fakeBrowser.storage.local.get([
      BULK_JOB_INDEX_KEY,
      bulkJobKey('a'),
      bulkBaseKey('a'),
      bulkBatchKey('a', 2),
    ]);
    expect(stored[BULK_JOB_INDEX_KEY]).toEqual(['a', 'b']);
    expect(stored[bulkJobKey('a')]).toMatchObject({ id: 'a', nextBatchId: 3 });
    expect(stored[bulkJobKey('a')]).not.toHaveProperty('outcomes');
    expect(stored[bulkBatchKey('a', 2)]).toMatchObject({ id: 2, recordIds: a.recordIds.slice(200) });
    expect(await store.load('a')).toEqual(a);
    expect(await store.load('missing')).toBeNull();
  });

  it('a save writes the head and the batches changed, nothing of the rest of the job', async () => {
    const writes: Record<string, unknown>[] = [];
    const area = {
      ...fakeBrowser.storage.local,
      get: fakeBrowser.storage.local.get,
      remove: fakeBrowser.storage.local.remove,
      set: (items: Record<string, unknown>) => {
        writes.push(items);
        return fakeBrowser.storage.local.set(items);
      },
    };
    const store = createBulkJobStore(area);
    const big = job('a', 10_000);
    await store.create(big);
    const batch = big.batches[57];
    if (!batch) throw new Error('batch 57 expected');
    batch.status = 'done';
    for (const id of batch.recordIds) batch.outcomes[id] = { kind: 'removed' };
    await store.save(big, [batch]);
    const last = writes.at(-1) ?? {};
    expect(Object.keys(last)).toEqual([bulkJobKey('a'), bulkBatchKey('a', 57)]);
    expect(JSON.stringify(last).length).toBeLessThan(JSON.stringify(big).length / 50);
  });

  it('stores the job as it was when save was called', async () => {
    const store = createBulkJobStore(fakeBrowser.storage.local);
    const running = job('a');
    await store.create(running);
    const first = store.save(running, []);
    running.status = 'paused';
    await first;
    expect((await store.load('a'))?.status).toBe('running');
    const second = store.save(running, []);
    running.status = 'cancelled';
    await second;
    expect((await store.load('a'))?.status).toBe('paused');
  });

  it('a new store (a restarted worker) lists what the last one saved; removed jobs are gone', async () => {
    const before = createBulkJobStore(fakeBrowser.storage.local);
    await Promise.all([before.create(job('a')), before.create(job('b')), before.create(job('c'))]);
    await before.remove('b');
    const after = createBulkJobStore(fakeBrowser.storage.local);
    expect((await after.list()).map((stored) => stored.id)).toEqual(['a', 'c']);
    expect(await after.load('b')).toBeNull();
    expect(await fakeBrowser.storage.local.get([bulkBaseKey('b'), bulkBatchKey('b', 0)])).toEqual({});
    await after.create(job('d'));
    expect((await fakeBrowser.storage.local.get(BULK_JOB_INDEX_KEY))[BULK_JOB_INDEX_KEY]).toEqual(['a', 'c', 'd']);
  });

  it('a job stored whole by the older version is dropped from the index and the storage', async () => {
    const old = { ...job('old'), version: 1 };
    await fakeBrowser.storage.local.set({ [BULK_JOB_INDEX_KEY]: ['old'], [bulkJobKey('old')]: old });
    const store = createBulkJobStore(fakeBrowser.storage.local);
    await store.create(job('a'));
    expect((await store.list()).map((stored) => stored.id)).toEqual(['a']);
    expect(await fakeBrowser.storage.local.get([bulkJobKey('old'), BULK_JOB_INDEX_KEY])).toEqual({
      [BULK_JOB_INDEX_KEY]: ['a'],
    });
  });

  it('an index entry whose job is missing is skipped', async () => {
    await fakeBrowser.storage.local.set({ [BULK_JOB_INDEX_KEY]: ['gone', 42] });
    const store = createBulkJobStore(fakeBrowser.storage.local);
    await store.create(job('a'));
    expect((await store.list()).map((stored) => stored.id)).toEqual(['a']);
  });
});

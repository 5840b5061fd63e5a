import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BulkJob, createBulkJob } from '../bulk/job';
import { KEEP_FINISHED_JOBS } from '../bulk/manager';
import { MAX_BULK_RECORDS } from '../bulk-protocol';
import { memoryStorageArea } from '../zoho/memory-storage-area';
import { BULK_JOB_INDEX_KEY, bulkBaseKey, bulkBatchKey, bulkJobKey, createBulkJobStore } from './bulk-job-store';

function job(id: string, records = 2, createdAt = 1, names: Record<string, string> = {}): BulkJob {
  return createBulkJob({
    names,
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

  it('writes the names once, with the planned records, and reads them back in their order', async () => {
    const writes: Record<string, unknown>[] = [];
    const area = memoryStorageArea();
    const set = (items: Record<string, unknown>) => {
      writes.push(items);
      return area.set(items);
    };
    const store = createBulkJobStore({ ...area, set });
    const named = job('a', 250, 1, { '407625000090000001': 'Acme', '407625000090000250': 'Zeta GmbH' });
    await store.create(named);
    const batch = named.batches[1];
    if (!batch) throw new Error('batch 1 expected');
    batch.status = 'done';
    for (const id of batch.recordIds) batch.outcomes[id] = { kind: 'removed' };
    batch.recordIds = [];
    await store.save(named, [batch]);
    expect(area.data.get(bulkBaseKey('a'))).toMatchObject({ recordNames: named.recordNames });
    expect(JSON.stringify(writes.at(-1))).not.toContain('Acme');
    const loaded = await createBulkJobStore(area).load('a');
    expect(loaded?.recordNames).toHaveLength(250);
    expect(loaded?.recordNames[0]).toBe('Acme');
    expect(loaded?.recordNames[249]).toBe('Zeta GmbH');
    expect(loaded?.recordIds).toEqual(named.recordIds);
  });

  it('the finished jobs kept and a new one of MAX_BULK_RECORDS fit in storage.local, a 100,000-record job does not', async () => {
    async function storedBytes(records: number): Promise<number> {
      const names: Record<string, string> = {};
      for (let i = 0; i < records; i++) names[String(407625000090000001n + BigInt(i))] = `Account ${i} Holdings Ltd`;
      const finished = job('a', records, 1, names);
      const area = memoryStorageArea();
      const store = createBulkJobStore(area);
      await store.create(finished);
      for (const batch of finished.batches) {
        for (const id of batch.recordIds) batch.outcomes[id] = { kind: 'removed' };
        batch.recordIds = [];
        batch.status = 'done';
      }
      finished.status = 'finished';
      await store.save(finished, finished.batches);
      // Chromium counts each key's length and its value's JSON against storage.local's QUOTA_BYTES.
      let bytes = 0;
      for (const [key, value] of area.data) bytes += key.length + Buffer.byteLength(JSON.stringify(value));
      return bytes;
    }
    const quota = 10 * 1024 * 1024;
    const largest = await storedBytes(MAX_BULK_RECORDS);
    const hundredThousand = await storedBytes(100_000);
    console.info(
      `stored finished job with names: ${MAX_BULK_RECORDS} records ${(largest / 1e6).toFixed(2)} MB, ` +
        `100000 records ${(hundredThousand / 1e6).toFixed(2)} MB (quota ${(quota / 1e6).toFixed(2)} MB)`,
    );
    expect((KEEP_FINISHED_JOBS + 1) * largest).toBeLessThan(quota);
    expect(2 * hundredThousand).toBeGreaterThan(quota);
  });
});

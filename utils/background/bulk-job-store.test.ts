import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BulkJob, createBulkJob } from '../bulk/job';
import { storedBytes } from '../bulk/journal';
import { KEEP_FINISHED_BYTES } from '../bulk/manager';
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
    expect(stored[bulkBatchKey('a', 2)]).toMatchObject({ id: 2, records: '5k-6x' });
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
    expect(area.data.get(bulkBaseKey('a'))).toMatchObject({ names: named.recordNames });
    expect(JSON.stringify(writes.at(-1))).not.toContain('Acme');
    const loaded = await createBulkJobStore(area).load('a');
    expect(loaded?.recordNames).toHaveLength(250);
    expect(loaded?.recordNames[0]).toBe('Acme');
    expect(loaded?.recordNames[249]).toBe('Zeta GmbH');
    expect(loaded?.recordIds).toEqual(named.recordIds);
  });

  it('folds a job that is over into its head and base, and reads it back the same', async () => {
    const area = memoryStorageArea();
    const store = createBulkJobStore(area);
    const over = job('a', 250);
    await store.create(over);
    finish(over);
    await store.save(over, over.batches);
    over.batches = [];
    await store.compact(over);
    expect([...area.data.keys()].sort()).toEqual([BULK_JOB_INDEX_KEY, bulkJobKey('a'), bulkBaseKey('a')].sort());
    expect(await createBulkJobStore(area).load('a')).toEqual(over);
  });

  it('a finished MAX_BULK_RECORDS job with names takes under 5 MB; the finished jobs kept and a running one fit in storage.local', async () => {
    const records = MAX_BULK_RECORDS;
    const names: Record<string, string> = {};
    for (let i = 0; i < records; i++) names[String(407625000090000001n + BigInt(i))] = `Account ${i} Holdings Ltd`;
    const finished = job('a', records, 1, names);
    const area = memoryStorageArea();
    const store = createBulkJobStore(area);
    await store.create(finished);
    const created = bytesIn(area);
    const batches = [...finished.batches];
    finish(finished);
    await store.save(finished, batches);
    // The most a running job takes: every batch entry written, not yet folded.
    const running = bytesIn(area);
    finished.batches = [];
    await store.compact(finished);
    const compacted = bytesIn(area);
    console.info(
      `stored job of ${records} records with names: ${(created / 1e6).toFixed(2)} MB created, ` +
        `${(running / 1e6).toFixed(2)} MB with every batch done, ${(compacted / 1e6).toFixed(2)} MB folded ` +
        `(quota ${(QUOTA_BYTES / 1e6).toFixed(2)} MB)`,
    );
    expect(compacted).toBeLessThan(5_000_000);
    expect(Math.abs(storedBytes(finished) - compacted)).toBeLessThan(200);
    // The manager keeps finished jobs within KEEP_FINISHED_BYTES, the newest whatever its size.
    expect(Math.max(KEEP_FINISHED_BYTES, compacted) + running).toBeLessThan(QUOTA_BYTES);
    // Names of 150 characters (MAX_RECORD_NAME_LENGTH is 255) would not fit twice: refused as STORAGE_FULL.
    const long = { ...finished, recordNames: finished.recordNames.map((name) => name.padEnd(150, '.')) };
    expect(2 * storedBytes(long)).toBeGreaterThan(QUOTA_BYTES);
  }, 30_000);
});

/** Chromium counts each key's length and its value's JSON against storage.local's QUOTA_BYTES. */
function bytesIn(area: ReturnType<typeof memoryStorageArea>): number {
  let bytes = 0;
  for (const [key, value] of area.data) bytes += key.length + Buffer.byteLength(JSON.stringify(value));
  return bytes;
}

const QUOTA_BYTES = 10 * 1024 * 1024;

function finish(running: BulkJob): void {
  for (const batch of running.batches) {
    for (const id of batch.recordIds) {
      batch.outcomes[id] = { kind: 'removed' };
      running.outcomes[id] = { kind: 'removed' };
    }
    batch.recordIds = [];
    batch.status = 'done';
  }
  running.status = 'finished';
  running.finishedAt = 2;
}

import { describe, expect, it } from 'vitest';
import { createBulkJobStore } from '../background/bulk-job-store';
import { memoryStorageArea } from '../zoho/memory-storage-area';
import { createBulkJob } from './job';
import { type BulkStartSpec, createBulkJobManager } from './manager';
import { decodeRows } from './progress';
import { FakeOrg, VirtualClock } from './simulation';

const T1 = '111111000000046898';

function memoryStore() {
  const area = memoryStorageArea();
  return Object.assign(createBulkJobStore(area), { area });
}

type MemoryStore = ReturnType<typeof memoryStore>;

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(5000 + i));
}

interface SetupOptions {
  org?: FakeOrg;
  store?: MemoryStore;
  clock?: VirtualClock;
  keepFinished?: number;
  keepFinishedBytes?: number;
}

function setup(options: SetupOptions = {}) {
  const busy: boolean[] = [];
  const clock = options.clock ?? new VirtualClock();
  const org = options.org ?? new FakeOrg(clock);
  const store = options.store ?? memoryStore();
  let next = 0;
  const manager = createBulkJobManager({
    store,
    callsFor: () => ({ sendBatch: org.sendBatch, readTerritories: org.readTerritories }),
    newJobId: () => `job-${++next}`,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    keepFinished: options.keepFinished,
    keepFinishedBytes: options.keepFinishedBytes,
    onBusyChange: (value) => busy.push(value),
  });
  return { clock, org, store, manager, busy };
}

function spec(recordIds: string[]): BulkStartSpec {
  return { dataCentre: 'eu', sandbox: false, orgId: null, module: 'Contacts', territoryIds: [T1], recordIds };
}

function seed(org: FakeOrg, recordIds: string[]): void {
  for (const id of recordIds) org.add(id, { [T1]: 'manually' });
}

describe('createBulkJobManager', () => {
  it('starts a job, runs it to the end and reports progress and every record', async () => {
    const { org, manager, clock, store } = setup();
    seed(org, ids(150));
    const started = await manager.start(spec(ids(150)));
    expect(started).toEqual({ ok: true, value: { jobId: 'job-1' } });
    const moving = await manager.status('job-1', 'atRest');
    expect(moving.ok && moving.value.records).toBeUndefined();
    await clock.run(manager.idle());
    const atRest = await manager.status('job-1', 'atRest');
    expect(atRest.ok && atRest.value.records && decodeRows(atRest.value.records)).toHaveLength(150);

    const status = await manager.status('job-1', true);
    expect(status.ok && status.value).toMatchObject({
      id: 'job-1',
      status: 'finished',
      progress: { total: 150, settled: 150, percent: 100, calls: { remove: 2, read: 0 } },
    });
    expect(status.ok && status.value.records && decodeRows(status.value.records)[0]).toEqual({
      id: '5000',
      name: null,
      territoryIds: [T1],
      outcome: { kind: 'removed' },
    });
    expect((await store.load('job-1'))?.status).toBe('finished');
  });

  it('says it is busy while a job runs, and no longer once the last run ends', async () => {
    const { org, manager, clock, busy } = setup();
    seed(org, ids(300));
    await manager.start(spec(ids(150)));
    await manager.start(spec(ids(300).slice(150)));
    expect(busy).toEqual([true]);
    await clock.run(manager.idle());
    expect(busy).toEqual([true, false]);
  });

  it('a worker woken with no job to run says it is not busy, so the alarm is cleared', async () => {
    const { manager, busy } = setup();
    await manager.resumeInterrupted();
    expect(busy).toEqual([false]);
  });

  it('leaves the records out of the status unless asked', async () => {
    const { org, manager, clock } = setup();
    seed(org, ids(3));
    await manager.start(spec(ids(3)));
    await clock.run(manager.idle());
    const status = await manager.status('job-1');
    expect(status.ok && 'records' in status.value).toBe(false);
  });

  it('a job storage has no room for is refused and not kept as a job', async () => {
    const store = memoryStore();
    store.create = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
    const { org, manager } = setup({ store });
    seed(org, ids(3));
    await expect(manager.start(spec(ids(3)))).rejects.toThrow('QUOTA_BYTES');
    expect(await manager.jobs()).toEqual({ ok: true, value: [] });
    expect(org.removeCalls).toEqual([]);
  });

  it('pauses and resumes a running job without sending a record twice', async () => {
    const { org, manager, clock } = setup();
    org.latencyMs = 100;
    seed(org, ids(500));
    await manager.start({ ...spec(ids(500)), concurrency: 1 });
    await clock.run(clock.sleep(150));
    const paused = await manager.pause('job-1');
    expect(paused.ok && paused.value.status).toBe('paused');
    await clock.run(manager.idle());
    expect(org.removeCalls).toHaveLength(2);

    const resumed = await manager.resume('job-1');
    expect(resumed.ok && resumed.value.status).toBe('running');
    await clock.run(manager.idle());
    const status = await manager.status('job-1');
    expect(status.ok && status.value.progress.counts.removed).toBe(500);
    expect(org.removeCalls).toHaveLength(5);
    expect(ids(500).every((id) => org.timesSent(id) === 1)).toBe(true);
  });

  it('resumes, after a restart, the jobs that were running, reading back the batch in flight', async () => {
    const store = memoryStore();
    const org = new FakeOrg();
    seed(org, ids(300));
    org.script(1, { kind: 'hang' });
    const first = setup({ org, store });
    await first.manager.start({ ...spec(ids(300)), concurrency: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(org.removeCalls).toHaveLength(2);

    // A new worker: the old one's module state is gone, the store is not.
    const second = setup({ org, store });
    await second.manager.resumeInterrupted();
    await second.clock.run(second.manager.idle());
    const status = await second.manager.status('job-1');
    expect(status.ok && status.value.status).toBe('finished');
    expect(status.ok && status.value.progress.counts.removed).toBe(300);
    // Read once Zoho can no longer be working on it, and again to see it is stable.
    expect(org.readCalls).toHaveLength(2);
    expect(ids(300).every((id) => org.processed.get(id) === 1)).toBe(true);
  });

  for (const action of ['pause', 'cancel'] as const) {
    it(`never loses a ${action} that is the message waking the worker`, async () => {
      const store = memoryStore();
      const org = new FakeOrg();
      seed(org, ids(500));
      org.script(1, { kind: 'hang' });
      const first = setup({ org, store });
      await first.manager.start({ ...spec(ids(500)), concurrency: 2 });
      await new Promise((resolve) => setTimeout(resolve, 0));
      const sentBefore = org.removeCalls.length;

      // A new worker: its start-up resume is not awaited, and the page's message arrives at once.
      const second = setup({ org, store });
      void second.manager.resumeInterrupted();
      const answer = await second.manager[action]('job-1');
      const expected = action === 'pause' ? 'paused' : 'cancelled';
      expect(answer.ok && answer.value.status).toBe(expected);
      const sentByAnswer = org.removeCalls.length;
      await second.clock.run(second.manager.idle());

      expect(org.removeCalls.length).toBe(sentByAnswer);
      expect(sentByAnswer - sentBefore).toBeLessThanOrEqual(2);
      expect((await store.load('job-1'))?.status).toBe(expected);
      const third = setup({ org, store });
      await third.manager.resumeInterrupted();
      await third.clock.run(third.manager.idle());
      expect(org.removeCalls.length).toBe(sentByAnswer);
      const status = await third.manager.status('job-1', true);
      if (!status.ok) throw new Error('job-1 expected');
      expect(status.value.status).toBe(expected);
      const rows = status.value.records ? decodeRows(status.value.records) : [];
      expect(rows).toHaveLength(500);
      for (const row of rows) {
        if (row.outcome?.kind === 'removed') expect(org.holds(row.id, T1)).toBe(false);
        else expect(org.holds(row.id, T1)).toBe(true);
      }
      expect([...org.doubled]).toEqual([]);
    });
  }

  it('cancels a stored job no worker runs, reading back the batch that was in flight', async () => {
    const store = memoryStore();
    const org = new FakeOrg();
    seed(org, ids(150));
    const stored = createBulkJob({ ...spec(ids(150)), id: 'job-9', now: 0 });
    const inFlight = stored.batches[0];
    if (inFlight) {
      inFlight.status = 'sending';
      inFlight.sentAt = 0;
    }
    for (const id of ids(30)) org.records.get(id)?.delete(T1);
    await store.create(stored);

    const { manager, clock } = setup({ org, store });
    const cancelled = await manager.cancel('job-9');
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    await clock.run(manager.idle());
    const status = await manager.status('job-9');
    expect(status.ok && status.value.progress.counts).toMatchObject({ removed: 30, cancelled: 120 });
    expect(org.removeCalls).toEqual([]);
  });

  it('retries the failed records as a new job', async () => {
    const { org, manager, clock } = setup();
    seed(org, ids(4));
    org.locked.add('5001');
    org.locked.add('5003');
    await manager.start(spec(ids(4)));
    await clock.run(manager.idle());
    org.locked.clear();

    const retry = await manager.retryFailed('job-1');
    expect(retry).toEqual({ ok: true, value: { jobId: 'job-2' } });
    await clock.run(manager.idle());
    const status = await manager.status('job-2', true);
    expect(status.ok && status.value.retryOf).toBe('job-1');
    expect(
      status.ok && status.value.records && decodeRows(status.value.records).map((row) => [row.id, row.outcome?.kind]),
    ).toEqual([
      ['5001', 'removed'],
      ['5003', 'removed'],
    ]);
    expect(await manager.retryFailed('job-2')).toEqual({ ok: false, error: { code: 'NOTHING_TO_RETRY' } });
  });

  it('puts back what a removal at rest took, as one new job per removal', async () => {
    const { org, manager, clock } = setup();
    seed(org, ids(6));
    org.locked.add('5002');
    org.records.get('5003')?.set(T1, 'automatically');
    org.latencyMs = 100;
    await manager.start({ ...spec(ids(6)), batchSize: 1, concurrency: 1 });
    expect(await manager.undo('job-1')).toEqual({ ok: false, error: { code: 'RUN_STILL_MOVING' } });
    await clock.run(manager.idle());
    org.locked.clear();

    const undo = await manager.undo('job-1');
    expect(undo).toEqual({ ok: true, value: { jobId: 'job-2' } });
    // Asked again (a reload, another tab): the same put-back, not a second one.
    expect(await manager.undo('job-1')).toEqual({ ok: true, value: { jobId: 'job-2' } });
    await clock.run(manager.idle());
    const status = await manager.status('job-2', true);
    expect(status.ok && [status.value.direction, status.value.undoOf]).toEqual(['assign', 'job-1']);
    expect(
      status.ok && status.value.records && decodeRows(status.value.records).map((row) => [row.id, row.outcome?.kind]),
    ).toEqual([
      ['5000', 'restored'],
      ['5001', 'restored'],
      ['5004', 'restored'],
      ['5005', 'restored'],
    ]);
    expect(org.assignCalls.flat().map((item) => item.id)).toEqual(['5000', '5001', '5004', '5005']);
    expect(org.holds('5002', T1)).toBe(true);
    expect(await manager.undo('job-2')).toEqual({ ok: false, error: { code: 'NOTHING_TO_PUT_BACK' } });
    expect(await manager.undo('nope')).toEqual({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('answers JOB_NOT_FOUND for a job it does not know', async () => {
    const { manager } = setup();
    expect(await manager.status('nope')).toEqual({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    expect(await manager.cancel('nope')).toEqual({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('lists jobs newest first and keeps only the newest finished ones', async () => {
    const { org, manager, clock, store } = setup({ keepFinished: 2 });
    seed(org, ids(1));
    for (let i = 0; i < 4; i++) {
      await manager.start(spec(ids(1)));
      await clock.run(manager.idle());
      await clock.run(clock.sleep(10));
    }
    const jobs = await manager.jobs();
    expect(jobs.ok && jobs.value.map((job) => job.id)).toEqual(['job-4', 'job-3']);
    expect((await store.list()).map((job) => job.id).sort()).toEqual(['job-3', 'job-4']);
    expect([...store.area.data.keys()].filter((key) => key.includes('job-1') || key.includes('job-2'))).toEqual([]);
  });

  it('keeps the finished jobs that fit in the bytes allowed, the newest always, and folds each into head and base', async () => {
    const { org, manager, clock, store } = setup({ keepFinishedBytes: 1_500 });
    seed(org, ids(200));
    for (const count of [10, 10, 200, 10]) {
      await manager.start(spec(ids(count)));
      await clock.run(manager.idle());
      await clock.run(clock.sleep(10));
    }
    // job-4 and job-3 (200 records) together pass 1,500 bytes (about 500 and 1,100): job-4 alone is kept.
    expect((await store.list()).map((job) => job.id)).toEqual(['job-4']);
    expect([...store.area.data.keys()].filter((key) => key.includes(':batch:'))).toEqual([]);
    await manager.start(spec(ids(10)));
    await clock.run(manager.idle());
    expect((await store.list()).map((job) => job.id).sort()).toEqual(['job-4', 'job-5']);
  });
});

import { describe, expect, it } from 'vitest';
import type { BulkJob } from './job';
import { bulkProgress } from './progress';
import { DEFAULT_RETRY_POLICY } from './run-context';
import { cancelBulkJob, pauseBulkJob, resumeBulkJob } from './run-control';
import { runBulkJob } from './runner';
import {
  type Assignment,
  FakeOrg,
  JobStore,
  SAMPLE_T1,
  SAMPLE_T2,
  sampleJob,
  sampleRecordIds,
  simulatedDeps,
  VirtualClock,
} from './simulation';

const T1 = SAMPLE_T1;
const T2 = SAMPLE_T2;
const recordIds = sampleRecordIds;
const job = sampleJob;

function orgWith(ids: string[], territories: Record<string, Assignment> = { [T1]: 'manually' }, clock?: VirtualClock) {
  const org = new FakeOrg(clock);
  for (const id of ids) org.add(id, territories);
  return org;
}

/** The job as a restarted worker reads it from the journal. */
async function restored(job: BulkJob): Promise<BulkJob> {
  const store = new JobStore();
  await store.create(job);
  const read = store.last();
  if (!read) throw new Error('The job did not read back.');
  return read;
}

/** Every record of the job has exactly one outcome, and no batch is left. */
function expectSettled(result: BulkJob): void {
  expect(Object.keys(result.outcomes).sort()).toEqual([...result.recordIds].sort());
  expect(result.batches).toEqual([]);
}

function kinds(result: BulkJob): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of Object.values(result.outcomes)) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  return counts;
}

describe('runBulkJob', () => {
  it('removes in batches of the batch size, saving each batch as sending before its call', async () => {
    const ids = recordIds(250);
    const org = orgWith(ids);
    const store = new JobStore();
    const sendingAtCall: boolean[] = [];
    const deps = simulatedDeps(org, store);
    const result = await runBulkJob(job(ids), {
      ...deps,
      sendBatch: (action, items) => {
        const saved = store.last();
        const first = items[0]?.id;
        sendingAtCall.push(saved?.batches.some((b) => b.status === 'sending' && b.recordIds[0] === first) ?? false);
        return org.sendBatch(action, items);
      },
    });

    expect(org.removeCalls.map((call) => call.length)).toEqual([100, 100, 50]);
    expect(sendingAtCall).toEqual([true, true, true]);
    expect(result.status).toBe('finished');
    expect(kinds(result)).toEqual({ removed: 250 });
    expectSettled(result);
    expect(ids.every((id) => !org.holds(id, T1))).toBe(true);
    expect(store.last()).toEqual(result);
  });

  it('sends no more batches at once than the concurrency', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(1000);
    const org = orgWith(ids, undefined, clock);
    org.latencyMs = 100;
    let inFlight = 0;
    let most = 0;
    const deps = simulatedDeps(org, new JobStore(), clock);
    await clock.run(
      runBulkJob(job(ids, { batchSize: 50, concurrency: 3 }), {
        ...deps,
        sendBatch: async (action, items) => {
          inFlight++;
          most = Math.max(most, inFlight);
          try {
            return await org.sendBatch(action, items);
          } finally {
            inFlight--;
          }
        },
      }),
    );
    expect(most).toBe(3);
    expect(org.removeCalls).toHaveLength(20);
  });

  it('takes records/batch calls and finishes quickly at 100 ms latency: 1,000 and 10,000 records', async () => {
    for (const [count, calls, atMostMs] of [
      [1000, 10, 400],
      [10_000, 100, 3400],
    ] as const) {
      const clock = new VirtualClock();
      const ids = recordIds(count);
      const org = orgWith(ids, undefined, clock);
      org.latencyMs = 100;
      const result = await clock.run(runBulkJob(job(ids), simulatedDeps(org, new JobStore(), clock)));
      expect(result.calls).toEqual({ remove: calls, read: 0 });
      expect(clock.now()).toBeLessThanOrEqual(atMostMs);
      expect(kinds(result)).toEqual({ removed: count });
    }
  });

  it('waits with growing, jittered back-off on 429 and re-sends the same batch', async () => {
    const ids = recordIds(30);
    const org = orgWith(ids);
    const tooMany = { kind: 'error', code: 'TOO_MANY_REQUESTS', status: 429 } as const;
    for (const call of [0, 1, 2]) org.script(call, { kind: 'answer', answer: tooMany });
    let draw = 0;
    const randoms = [0, 0.5, 0.999];
    const deps = simulatedDeps(org, new JobStore(), undefined, () => randoms[draw++ % randoms.length] ?? 0);
    const result = await runBulkJob(job(ids, { concurrency: 1 }), deps);

    // ceilings 1 s, 2 s, 4 s: half fixed, half random
    expect(deps.sleeps).toEqual([500, 1500, 3998]);
    expect(org.removeCalls.map((call) => call.map((item) => item.id))).toEqual([ids, ids, ids, ids]);
    expect(kinds(result)).toEqual({ removed: 30 });
    expect(ids.every((id) => org.processed.get(id) === 1)).toBe(true);
  });

  it('holds every worker while one waits out a 429', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(40);
    const org = orgWith(ids, undefined, clock);
    org.latencyMs = 100;
    org.script(0, { kind: 'answer', answer: { kind: 'error', code: 'TOO_MANY_REQUESTS', status: 429 } });
    const sentAt: number[] = [];
    const deps = simulatedDeps(org, new JobStore(), clock, () => 0);
    await clock.run(
      runBulkJob(job(ids, { batchSize: 10, concurrency: 2 }), {
        ...deps,
        sendBatch: (action, items) => {
          sentAt.push(clock.now());
          return org.sendBatch(action, items);
        },
      }),
    );
    // calls 0 and 1 leave at 0 ms; the 429 arrives at 100 ms and holds everything until 600 ms
    expect(sentAt.slice(0, 2)).toEqual([0, 0]);
    expect(sentAt.slice(2).every((at) => at >= 600)).toBe(true);
  });

  it('pauses itself after too many 429s in a row and resumes where it stopped', async () => {
    const ids = recordIds(10);
    const org = orgWith(ids);
    for (let call = 0; call < 11; call++) {
      org.script(call, { kind: 'answer', answer: { kind: 'error', code: 'TOO_MANY_REQUESTS', status: 429 } });
    }
    const deps = simulatedDeps(org, new JobStore());
    const paused = await runBulkJob(job(ids), deps);
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toEqual({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(paused.outcomes).toEqual({});
    expect(paused.batches).toHaveLength(1);

    resumeBulkJob(paused);
    const finished = await runBulkJob(paused, deps);
    expect(finished.status).toBe('finished');
    expect(kinds(finished)).toEqual({ removed: 10 });
    expect(org.removeCalls).toHaveLength(12);
  });

  it('shrinks the batch to the limit Zoho names, for this batch and those not sent yet', async () => {
    const ids = recordIds(250);
    const org = orgWith(ids);
    org.maxPerCall = 30;
    const result = await runBulkJob(job(ids, { concurrency: 1 }), simulatedDeps(org, new JobStore()));
    expect(result.batchSize).toBe(30);
    expect(org.removeCalls.map((call) => call.length)).toEqual([100, 30, 30, 30, 10, 30, 30, 30, 10, 30, 20]);
    expect(kinds(result)).toEqual({ removed: 250 });
  });

  it('halves the batch when the limit error names no number', async () => {
    const ids = recordIds(100);
    const org = orgWith(ids);
    const limited = { kind: 'answer', answer: { kind: 'error', code: 'LIMIT_EXCEEDED', status: 400 } } as const;
    org.script(0, limited);
    org.script(1, limited);
    const result = await runBulkJob(job(ids, { concurrency: 1 }), simulatedDeps(org, new JobStore()));
    expect(org.removeCalls.map((call) => call.length)).toEqual([100, 50, 25, 25, 25, 25]);
    expect(result.batchSize).toBe(25);
    expect(kinds(result)).toEqual({ removed: 100 });
  });

  it('retries a batch after a 500 and succeeds', async () => {
    const ids = recordIds(5);
    const org = orgWith(ids);
    org.script(0, { kind: 'answer', answer: { kind: 'error', code: 'INTERNAL_ERROR', status: 500 } });
    const deps = simulatedDeps(org, new JobStore());
    const result = await runBulkJob(job(ids), deps);
    expect(org.removeCalls).toHaveLength(2);
    expect(deps.sleeps).toEqual([750]);
    expect(kinds(result)).toEqual({ removed: 5 });
  });

  it('gives up on a batch after the last 500 and marks its records error with the code', async () => {
    const ids = recordIds(5);
    const org = orgWith(ids);
    for (const call of [0, 1, 2, 3]) {
      org.script(call, { kind: 'answer', answer: { kind: 'error', code: 'INTERNAL_ERROR', status: 500 } });
    }
    const result = await runBulkJob(job(ids), simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toHaveLength(4);
    expect(result.status).toBe('finished');
    expect(Object.values(result.outcomes)).toEqual(
      ids.map(() => ({ kind: 'error', code: 'INTERNAL_ERROR', status: 500 })),
    );
  });

  it('reads a batch back when its answer was lost and re-sends only the records that still hold it', async () => {
    const ids = recordIds(10);
    const org = orgWith(ids);
    org.script(0, { kind: 'lose', processed: 6 });
    const result = await runBulkJob(job(ids), simulatedDeps(org, new JobStore()));

    // read once Zoho can no longer be working on it, then again to see it stable
    expect(org.readCalls).toEqual([ids, ids]);
    expect(org.removeCalls[1]?.map((item) => item.id)).toEqual(ids.slice(6));
    expect(kinds(result)).toEqual({ removed: 10 });
    expect(ids.every((id) => org.processed.get(id) === 1)).toBe(true);
    expect(result.calls).toEqual({ remove: 2, read: 2 });
  });

  it('sends nothing once paused or cancelled, even while the batch was being saved to go out', async () => {
    for (const stop of [pauseBulkJob, cancelBulkJob]) {
      const ids = recordIds(30);
      const org = orgWith(ids);
      const store = new JobStore();
      const planned = job(ids, { batchSize: 10 });
      const result = await runBulkJob(planned, {
        ...simulatedDeps(org, store),
        save: (saved, changed) => {
          stop(planned);
          return store.save(saved, changed);
        },
      });
      expect(org.removeCalls).toEqual([]);
      expect(store.last()?.batches.every((batch) => batch.status === 'pending')).toBe(true);
      expect(result.status).toBe(stop === pauseBulkJob ? 'paused' : 'cancelled');
    }
  });

  it('waits out a lost answer, and reads again until what Zoho holds is stable: none sent twice', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(10);
    const org = orgWith(ids, undefined, clock);
    org.script(0, { kind: 'lose', processAfterMs: DEFAULT_RETRY_POLICY.lostAnswerWaitMs + 1000 });
    const readAt: number[] = [];
    const deps = simulatedDeps(org, new JobStore(), clock);
    const result = await clock.run(
      runBulkJob(job(ids), {
        ...deps,
        readTerritories: (chunk) => {
          readAt.push(clock.now());
          return org.readTerritories(chunk);
        },
      }),
    );
    const wait = DEFAULT_RETRY_POLICY.lostAnswerWaitMs;
    const gap = DEFAULT_RETRY_POLICY.stableReadGapMs;
    // held at the first read, gone at the second, the same at the third
    expect(readAt).toEqual([wait, wait + gap, wait + 2 * gap]);
    expect(org.removeCalls).toHaveLength(1);
    expect(kinds(result)).toEqual({ removed: 10 });
    expect([...org.doubled]).toEqual([]);
  });

  it('a cancel during the wait for a lost answer ends its records as what Zoho holds, not cancelled', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(150);
    const org = orgWith(ids, undefined, clock);
    org.script(0, { kind: 'lose', processed: 60 });
    const planned = job(ids, { concurrency: 1 });
    const running = clock.run(runBulkJob(planned, simulatedDeps(org, new JobStore(), clock)));
    await clock.run(clock.sleep(1000));
    cancelBulkJob(planned);
    const result = await running;

    expect(org.readCalls[0]).toEqual(ids.slice(0, 100));
    expect(clock.now()).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.lostAnswerWaitMs);
    expect(kinds(result)).toEqual({ removed: 60, cancelled: 90 });
    for (const id of ids) expect(result.outcomes[id]?.kind === 'removed').toBe(!org.holds(id, T1));
    expect(org.removeCalls).toHaveLength(1);
  });

  it('after the last lost answer, reports what the read shows: removed, or error with the code', async () => {
    const ids = recordIds(4);
    const org = orgWith(ids);
    org.script(0, { kind: 'lose', processed: 1 });
    org.script(1, { kind: 'lose', processed: 1 });
    org.script(2, { kind: 'lose', processed: 0 });
    org.script(3, { kind: 'lose', processed: 0 });
    const result = await runBulkJob(job(ids), simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toHaveLength(4);
    expect(result.outcomes).toEqual({
      [ids[0] as string]: { kind: 'removed' },
      [ids[1] as string]: { kind: 'removed' },
      [ids[2] as string]: { kind: 'error', code: 'NETWORK_ERROR', message: 'fetch failed' },
      [ids[3] as string]: { kind: 'error', code: 'NETWORK_ERROR', message: 'fetch failed' },
    });
    expect(org.holds(ids[2] as string, T1)).toBe(true);
  });

  it('resumes after a worker restart without sending a processed record twice', async () => {
    const ids = recordIds(300);
    const org = orgWith(ids);
    org.script(1, { kind: 'hang' });
    const store = new JobStore();
    let died = false;
    const first = simulatedDeps(org, store);
    void runBulkJob(job(ids, { concurrency: 1 }), {
      ...first,
      sendBatch: (action, items) => {
        if (died) return new Promise(() => undefined);
        if (org.removeCalls.length === 1) died = true;
        return org.sendBatch(action, items);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(died).toBe(true);

    const stored = store.last();
    expect(stored?.batches[0]?.status).toBe('sending');
    expect(Object.keys(stored?.outcomes ?? {})).toHaveLength(100);

    const result = await runBulkJob(stored as BulkJob, simulatedDeps(org, new JobStore()));
    expect(org.readCalls).toEqual([ids.slice(100, 200), ids.slice(100, 200)]);
    expect(kinds(result)).toEqual({ removed: 300 });
    expectSettled(result);
    expect(ids.every((id) => org.processed.get(id) === 1 && org.timesSent(id) === 1)).toBe(true);
  });

  it('re-sends a batch saved as sending whose POST never left before the restart', async () => {
    const ids = recordIds(20);
    const org = orgWith(ids);
    const stored = job(ids);
    const batch = stored.batches[0];
    if (batch) batch.status = 'sending';
    const result = await runBulkJob(await restored(stored), {
      ...simulatedDeps(org, new JobStore()),
    });
    expect(org.readCalls).toHaveLength(1);
    expect(org.removeCalls.map((call) => call.length)).toEqual([20]);
    expect(kinds(result)).toEqual({ removed: 20 });
  });

  it('splits a 207 answer per record into exactly one outcome each', async () => {
    const ids = recordIds(7);
    const [removed, scheduled, notAssigned, ruleAssigned, locked, noPermission, unknown] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const org = orgWith(ids);
    org.add(notAssigned, { [T2]: 'manually' });
    org.add(ruleAssigned, { [T1]: 'automatically' });
    org.locked.add(locked);
    org.scheduling.add(scheduled);
    org.script(1, {
      kind: 'answer',
      answer: {
        kind: 'records',
        results: [
          { id: noPermission, status: 'error', code: 'NO_PERMISSION' },
          { id: unknown, status: 'error', code: 'SOMETHING_NEW', message: 'new to us' },
        ],
      },
    });
    const result = await runBulkJob(job(ids, { batchSize: 5, concurrency: 1 }), simulatedDeps(org, new JobStore()));
    expect(result.outcomes).toEqual({
      [removed]: { kind: 'removed' },
      [scheduled]: { kind: 'scheduled', jobId: `9${scheduled}` },
      [notAssigned]: { kind: 'not-assigned' },
      [ruleAssigned]: { kind: 'rule-assigned' },
      [locked]: { kind: 'locked' },
      [noPermission]: { kind: 'no-permission', code: 'NO_PERMISSION' },
      [unknown]: { kind: 'error', code: 'SOMETHING_NEW', message: 'new to us' },
    });
    expectSettled(result);
  });

  it('reads back a record refused for one of several territories, and sends the ones it holds', async () => {
    const ids = recordIds(2);
    const [holdsOne, holdsNone] = ids as [string, string];
    const org = new FakeOrg();
    org.add(holdsOne, { [T1]: 'manually' });
    org.add(holdsNone, {});
    const result = await runBulkJob(job(ids, { territoryIds: [T1, T2] }), simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toEqual([
      [
        { id: holdsOne, territoryIds: [T1, T2] },
        { id: holdsNone, territoryIds: [T1, T2] },
      ],
      [{ id: holdsOne, territoryIds: [T1] }],
    ]);
    expect(result.outcomes).toEqual({ [holdsOne]: { kind: 'removed' }, [holdsNone]: { kind: 'not-assigned' } });
    expect(result.territoriesOf).toEqual({ [holdsOne]: [T1] });
  });

  it('reads back records a records answer left out', async () => {
    const ids = recordIds(3);
    const org = orgWith(ids);
    org.script(0, {
      kind: 'answer',
      answer: { kind: 'records', results: [{ id: ids[0] as string, status: 'success', code: 'SUCCESS' }] },
    });
    const result = await runBulkJob(job(ids), simulatedDeps(org, new JobStore()));
    expect(org.readCalls).toEqual([ids.slice(1)]);
    expect(org.removeCalls[1]?.map((item) => item.id)).toEqual(ids.slice(1));
    expect(kinds(result)).toEqual({ removed: 3 });
  });

  it('halves a batch that Zoho refuses as a whole until the refused record stands alone', async () => {
    const ids = recordIds(4);
    const org = orgWith(ids.slice(0, 3));
    const bad = ids[3] as string;
    const refuse = (items: { id: string }[]) =>
      items.length > 1 && items.some((item) => item.id === bad)
        ? ({ kind: 'error', code: 'INVALID_DATA', status: 400, details: { api_name: 'id' } } as const)
        : null;
    const deps = simulatedDeps(org, new JobStore());
    const result = await runBulkJob(job(ids, { concurrency: 1 }), {
      ...deps,
      sendBatch: async (action, items) => refuse(items) ?? org.sendBatch(action, items),
    });
    // 4 and 2 refused; 2, 1 and 1 reach the org
    expect(result.calls.remove).toBe(5);
    expect(org.removeCalls.map((call) => call.length)).toEqual([2, 1, 1]);
    expect(result.outcomes[bad]).toEqual({ kind: 'error', code: 'RECORD_NOT_FOUND', message: 'INVALID_DATA' });
    expect(kinds(result)).toEqual({ removed: 3, error: 1 });
  });

  it('pauses when the sign-in expired, keeping the batch to send after resuming', async () => {
    const ids = recordIds(150);
    const org = orgWith(ids);
    org.script(1, { kind: 'answer', answer: { kind: 'error', code: 'INVALID_TOKEN', status: 401 } });
    const deps = simulatedDeps(org, new JobStore());
    const paused = await runBulkJob(job(ids, { concurrency: 1 }), deps);
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toEqual({ code: 'INVALID_TOKEN', status: 401 });
    expect(paused.batches.map((b) => [b.status, b.recordIds.length])).toEqual([['pending', 50]]);

    resumeBulkJob(paused);
    const result = await runBulkJob(paused, deps);
    expect(kinds(result)).toEqual({ removed: 150 });
    expect(org.removeCalls.map((call) => call.length)).toEqual([100, 50, 50]);
  });

  it('stops at a refusal of the whole job and gives the unsent records the same outcome', async () => {
    const ids = recordIds(500);
    const org = orgWith(ids);
    org.script(0, { kind: 'answer', answer: { kind: 'error', code: 'NO_PERMISSION', status: 403 } });
    const result = await runBulkJob(job(ids, { concurrency: 1 }), simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toHaveLength(1);
    expect(result.status).toBe('finished');
    expect(kinds(result)).toEqual({ 'no-permission': 500 });
    expectSettled(result);
  });

  it('cancels: the batch in flight finishes, the records not sent end cancelled', async () => {
    const ids = recordIds(500);
    const org = orgWith(ids);
    const running = job(ids, { concurrency: 1 });
    const deps = simulatedDeps(org, new JobStore());
    const result = await runBulkJob(running, {
      ...deps,
      sendBatch: (action, items) => {
        if (org.removeCalls.length === 1) cancelBulkJob(running);
        return org.sendBatch(action, items);
      },
    });
    expect(org.removeCalls).toHaveLength(2);
    expect(result.status).toBe('cancelled');
    expect(kinds(result)).toEqual({ removed: 200, cancelled: 300 });
    expectSettled(result);
    expect(result.finishedAt).not.toBeNull();
  });

  it('cancelling a stored job reads back the batch that was in flight instead of calling it cancelled', async () => {
    const ids = recordIds(150);
    const org = orgWith(ids);
    const stored = job(ids);
    const inFlight = stored.batches[0];
    if (inFlight) inFlight.status = 'sending';
    for (const id of ids.slice(0, 40)) org.records.get(id)?.delete(T1);
    cancelBulkJob(stored);
    const result = await runBulkJob(stored, simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toEqual([]);
    expect(org.readCalls).toEqual([ids.slice(0, 100)]);
    expect(kinds(result)).toEqual({ removed: 40, cancelled: 110 });
  });

  it('pauses between batches and resumes without repeating any', async () => {
    const ids = recordIds(300);
    const org = orgWith(ids);
    const running = job(ids, { concurrency: 1 });
    const deps = simulatedDeps(org, new JobStore());
    const paused = await runBulkJob(running, {
      ...deps,
      sendBatch: (action, items) => {
        pauseBulkJob(running);
        return org.sendBatch(action, items);
      },
    });
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toBeNull();
    expect(kinds(paused)).toEqual({ removed: 100 });

    resumeBulkJob(paused);
    const result = await runBulkJob(paused, deps);
    expect(result.status).toBe('finished');
    expect(ids.every((id) => org.timesSent(id) === 1)).toBe(true);
  });

  it('stops waiting out a back-off as soon as the job is cancelled', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(10);
    const org = orgWith(ids, undefined, clock);
    org.script(0, { kind: 'answer', answer: { kind: 'error', code: 'INTERNAL_ERROR', status: 500 } });
    const running = job(ids);
    const deps = simulatedDeps(org, new JobStore(), clock);
    const done = runBulkJob(running, {
      ...deps,
      sleep: (ms) => {
        cancelBulkJob(running);
        return deps.sleep(ms);
      },
    });
    const result = await clock.run(done);
    expect(clock.now()).toBe(0);
    expect(kinds(result)).toEqual({ cancelled: 10 });
  });

  it('skips records a read found without the territory or holding it only by rules', async () => {
    const ids = recordIds(3);
    const [manual, rules, none] = ids as [string, string, string];
    const org = orgWith([manual]);
    const planned = job(ids, {
      holdings: {
        [manual]: [{ id: T1, assigned: 'manually' }],
        [rules]: [{ id: T1, assigned: 'automatically' }],
        [none]: [],
      },
    });
    const result = await runBulkJob(planned, simulatedDeps(org, new JobStore()));
    expect(org.removeCalls).toEqual([[{ id: manual, territoryIds: [T1] }]]);
    expect(result.outcomes).toEqual({
      [manual]: { kind: 'removed' },
      [rules]: { kind: 'rule-assigned' },
      [none]: { kind: 'not-assigned' },
    });
  });

  it('rejects when a save fails, after the batches in flight', async () => {
    const ids = recordIds(10);
    const org = orgWith(ids);
    const deps = simulatedDeps(org, new JobStore());
    await expect(
      runBulkJob(job(ids), { ...deps, save: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) }),
    ).rejects.toThrow('QUOTA_BYTES');
    expect(org.removeCalls).toEqual([]);
  });

  it('returns a paused job untouched', async () => {
    const ids = recordIds(3);
    const org = orgWith(ids);
    const paused = job(ids);
    pauseBulkJob(paused);
    const result = await runBulkJob(paused, simulatedDeps(org, new JobStore()));
    expect(result.status).toBe('paused');
    expect(org.removeCalls).toEqual([]);
  });
});

describe('bulkProgress', () => {
  it('counts outcomes and estimates the time left from the pace of this run', async () => {
    const clock = new VirtualClock();
    const ids = recordIds(400);
    const org = orgWith(ids, undefined, clock);
    org.latencyMs = 1000;
    const snapshots: ReturnType<typeof bulkProgress>[] = [];
    const deps = simulatedDeps(org, new JobStore(), clock);
    await clock.run(
      runBulkJob(job(ids, { concurrency: 1 }), {
        ...deps,
        onProgress: (progressed) => snapshots.push(bulkProgress(progressed, clock.now())),
      }),
    );
    expect(snapshots[0]).toMatchObject({ settled: 100, percent: 25, remainingMs: 3000, batchesLeft: 3 });
    expect(snapshots.at(-1)).toMatchObject({ settled: 400, percent: 100, remainingMs: 0, batchesLeft: 0 });
    expect(snapshots.at(-1)?.counts.removed).toBe(400);
  });
});

describe('DEFAULT_RETRY_POLICY', () => {
  it('never waits as long as an idle service worker lives', async () => {
    const ids = recordIds(1);
    const org = orgWith(ids);
    for (let call = 0; call < 10; call++) {
      org.script(call, { kind: 'answer', answer: { kind: 'error', code: 'TOO_MANY_REQUESTS', status: 429 } });
    }
    const deps = simulatedDeps(org, new JobStore(), undefined, () => 0.999);
    const result = await runBulkJob(job(ids), deps);
    expect(kinds(result)).toEqual({ removed: 1 });
    expect(Math.max(...deps.sleeps)).toBeLessThan(30_000);
    expect(deps.sleeps.at(-1)).toBeGreaterThan(19_000);
  });
});

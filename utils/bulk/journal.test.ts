import { describe, expect, it } from 'vitest';
import type { BulkJob, RecordOutcome } from './job';
import { assembleJob, baseOf, entryOf, headOf } from './journal';
import { FakeOrg, runStoppedAt, SAMPLE_T1, SAMPLE_T2, sampleJob, sampleRecordIds, savesOfRun } from './simulation';

const T1 = SAMPLE_T1;
const T2 = SAMPLE_T2;
const recordIds = sampleRecordIds;
const job = sampleJob;

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('assembleJob', () => {
  it('reads back a job from its head, base and batch entries unchanged', () => {
    const ids = recordIds(5);
    const stored = job(ids, {
      territoryIds: [T1, T2],
      holdings: { [ids[0] as string]: [{ id: T1, assigned: 'manually' }] },
      batchSize: 2,
    });
    const [first, second] = stored.batches;
    if (!first || !second) throw new Error('two batches expected');
    first.status = 'sending';
    first.sentAt = 1234;
    first.verify = { goneMeans: 'removed' };
    first.lastError = { code: 'TIMEOUT' };
    const settled = second.recordIds.shift() as string;
    second.outcomes[settled] = { kind: 'error', code: 'INTERNAL_ERROR', status: 500 };
    stored.outcomes[settled] = { kind: 'error', code: 'INTERNAL_ERROR', status: 500 };

    const entries = stored.batches.map((batch) => roundTrip(entryOf(stored, batch)));
    expect(assembleJob(roundTrip(headOf(stored)), roundTrip(baseOf(stored)), entries)).toEqual(stored);
  });

  it('refuses another version or a damaged head or base, and leaves out a damaged batch', () => {
    const stored = job(recordIds(3), { batchSize: 1 });
    const head = roundTrip(headOf(stored)) as Record<string, unknown>;
    const base = roundTrip(baseOf(stored)) as Record<string, unknown>;
    const entries = stored.batches.map((batch) => roundTrip(entryOf(stored, batch)) as Record<string, unknown>);
    expect(assembleJob({ ...head, version: 2 }, base, entries)).toBeNull();
    expect(assembleJob(head, { ...base, ids: 'x' }, entries)).toBeNull();
    expect(assembleJob(undefined, base, entries)).toBeNull();
    const gone = { records: '0', kinds: 'x', details: {} };
    const beyond = { records: '3', kinds: 'r', details: {} };
    const noCode = { records: '0', kinds: 'e', details: {} };
    for (const settled of [gone, beyond, noCode]) {
      const damaged = [{ ...entries[0], settled }, ...entries.slice(1)];
      expect(assembleJob(head, base, damaged)?.batches.map((batch) => batch.id)).toEqual([1, 2]);
    }
    expect(assembleJob(head, { ...base, settled: beyond }, entries)).toBeNull();
  });

  it('keeps the names in the base, one per record, and no batch entry repeats them', () => {
    const ids = recordIds(3);
    const stored = job(ids, { names: { [ids[0] as string]: 'Acme', [ids[2] as string]: 'Gamma' }, batchSize: 1 });
    const base = roundTrip(baseOf(stored)) as Record<string, unknown>;
    expect(base.names).toEqual(['Acme', '', 'Gamma']);
    const entries = stored.batches.map((batch) => roundTrip(entryOf(stored, batch)));
    expect(JSON.stringify(entries)).not.toContain('Acme');
    expect(assembleJob(roundTrip(headOf(stored)), base, entries)?.recordNames).toEqual(['Acme', '', 'Gamma']);
  });

  it('stores no names for records without any, and refuses names that do not match the records', () => {
    const ids = recordIds(3);
    const head = roundTrip(headOf(job(ids)));
    const unnamed = roundTrip(baseOf(job(ids))) as Record<string, unknown>;
    const entries = job(ids).batches.map((batch) => roundTrip(entryOf(job(ids), batch)));
    expect(unnamed.names).toEqual([]);
    expect(assembleJob(head, unnamed, entries)?.recordNames).toEqual(['', '', '']);
    expect(assembleJob(head, { ...unnamed, names: ['Acme'] }, entries)).toBeNull();
    expect(assembleJob(head, { ...unnamed, names: ['Acme', 2, ''] }, entries)).toBeNull();
    expect(assembleJob(head, { ...unnamed, names: ['x'.repeat(256), '', ''] }, entries)).toBeNull();
  });

  it('stores outcomes as one letter each, with the fields some carry, and reads them back', () => {
    const ids = recordIds(8);
    const stored = job(ids, { batchSize: 8 });
    const batch = stored.batches[0] as BulkJob['batches'][number];
    const outcomes: RecordOutcome[] = [
      { kind: 'removed' },
      { kind: 'scheduled', jobId: '111' },
      { kind: 'scheduled', jobId: null },
      { kind: 'locked' },
      { kind: 'no-permission', code: 'NO_PERMISSION' },
      { kind: 'error', code: 'INVALID_DATA', status: 400, message: 'the id given seems to be invalid' },
      { kind: 'error', code: 'NETWORK_ERROR' },
      { kind: 'cancelled' },
    ];
    outcomes.forEach((outcome, i) => {
      batch.outcomes[ids[i] as string] = outcome;
      stored.outcomes[ids[i] as string] = outcome;
    });
    batch.recordIds = [];
    batch.status = 'done';
    const entry = roundTrip(entryOf(stored, batch)) as Record<string, unknown>;
    expect(entry.settled).toEqual({
      records: '0-7',
      kinds: 'rsslpeec',
      details: {
        1: { jobId: '111' },
        2: { jobId: null },
        4: { code: 'NO_PERMISSION' },
        5: { code: 'INVALID_DATA', status: 400, message: 'the id given seems to be invalid' },
        6: { code: 'NETWORK_ERROR' },
      },
    });
    const assembled = assembleJob(roundTrip(headOf(stored)), roundTrip(baseOf(job(ids, { batchSize: 8 }))), [entry]);
    expect(assembled?.outcomes).toEqual(stored.outcomes);
    expect(assembled?.batches).toEqual([]);
  });

  it("keeps a record's narrowed territories as a mask over the job's, in the base and in its batch", () => {
    const ids = recordIds(4);
    const stored = job(ids, {
      territoryIds: [T1, T2],
      holdings: {
        [ids[0] as string]: [{ id: T2, assigned: 'manually' }],
        [ids[1] as string]: [{ id: T1, assigned: 'manually' }],
        [ids[2] as string]: [
          { id: T1, assigned: 'manually' },
          { id: T2, assigned: 'manually' },
        ],
        [ids[3] as string]: [{ id: T2, assigned: 'manually' }],
      },
    });
    expect(stored.territoriesOf).toEqual({
      [ids[0] as string]: [T2],
      [ids[1] as string]: [T1],
      [ids[3] as string]: [T2],
    });
    const base = roundTrip(baseOf(stored)) as Record<string, unknown>;
    expect(base.narrowed).toEqual({ 2: '0,3', 1: '1' });
    const batch = stored.batches[0] as BulkJob['batches'][number];
    stored.territoriesOf[ids[2] as string] = [T2];
    delete stored.territoriesOf[ids[1] as string];
    const assembled = assembleJob(roundTrip(headOf(stored)), base, [roundTrip(entryOf(stored, batch))]);
    expect(assembled?.territoriesOf).toEqual(stored.territoriesOf);
  });

  it('never sends a settled record again, nor keeps a record in two open batches', () => {
    const ids = recordIds(3);
    const stored = job(ids);
    const head = headOf(stored);
    const base = baseOf(stored);
    const open = { ...entryOf(stored, stored.batches[0] as BulkJob['batches'][number]) };
    const later = {
      ...open,
      id: 1,
      settled: { records: '0', kinds: 'r', details: {} },
      records: '1',
    };
    const assembled = assembleJob(roundTrip({ ...head, nextBatchId: 2 }), roundTrip(base), [
      roundTrip(open),
      roundTrip(later),
    ]);
    expect(assembled?.batches.map((batch) => [batch.id, batch.recordIds])).toEqual([[0, [ids[1], ids[2]]]]);
    expect(assembled?.outcomes).toEqual({ [ids[0] as string]: { kind: 'removed' } });
  });
});

/** 240 records in batches of 50, two at a time: one lost answer, a stricter Zoho, locked and narrowed records. */
function crashScenario() {
  const ids = recordIds(240);
  const org = new FakeOrg();
  for (const [index, id] of ids.entries())
    org.add(id, index % 7 === 0 ? { [T1]: 'manually', [T2]: 'manually' } : { [T1]: 'manually' });
  for (const id of ids.slice(10, 13)) org.locked.add(id);
  org.maxPerCall = 40;
  org.script(1, { kind: 'lose', processed: 15 });
  const planned = job(ids, { territoryIds: [T1, T2], batchSize: 50, concurrency: 2 });
  return { ids, org, planned };
}

describe('journal recovery', () => {
  it('ends every record as what Zoho holds and sends none twice, whichever save the worker stopped at', async () => {
    const saveCount = await savesOfRun(crashScenario);
    expect(saveCount).toBeGreaterThan(10);

    for (let crashAt = 1; crashAt <= saveCount; crashAt++) {
      for (const lands of [false, true]) {
        const { ids, org, result, where } = await runStoppedAt(crashScenario, crashAt, lands);
        expect(result.status, where).toBe('finished');
        expect(result.batches, where).toEqual([]);
        expect(Object.keys(result.outcomes).sort(), where).toEqual([...ids].sort());
        for (const id of ids) {
          const kind = result.outcomes[id]?.kind;
          const holds = org.holds(id, T1) || org.holds(id, T2);
          expect(kind === 'removed' ? !holds : holds && kind === 'locked', `${where}: ${id} ${kind}`).toBe(true);
        }
        expect([...org.doubled], where).toEqual([]);
      }
    }
  });
});

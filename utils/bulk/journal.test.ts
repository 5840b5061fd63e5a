import { describe, expect, it } from 'vitest';
import type { BulkJob } from './job';
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
    expect(assembleJob({ ...head, version: 1 }, base, entries)).toBeNull();
    expect(assembleJob(head, { ...base, recordIds: ['x'] }, entries)).toBeNull();
    expect(assembleJob(undefined, base, entries)).toBeNull();
    const damaged = [{ ...entries[0], outcomes: { '1': { kind: 'gone' } } }, ...entries.slice(1)];
    expect(assembleJob(head, base, damaged)?.batches.map((batch) => batch.id)).toEqual([1, 2]);
  });

  it('keeps the names in the base, one per record, and no batch entry repeats them', () => {
    const ids = recordIds(3);
    const stored = job(ids, { names: { [ids[0] as string]: 'Acme', [ids[2] as string]: 'Gamma' }, batchSize: 1 });
    const base = roundTrip(baseOf(stored)) as Record<string, unknown>;
    expect(base.recordNames).toEqual(['Acme', '', 'Gamma']);
    const entries = stored.batches.map((batch) => roundTrip(entryOf(stored, batch)));
    expect(JSON.stringify(entries)).not.toContain('Acme');
    expect(assembleJob(roundTrip(headOf(stored)), base, entries)?.recordNames).toEqual(['Acme', '', 'Gamma']);
  });

  it('reads a base without names as one whose records have none, and refuses names that do not match the records', () => {
    const ids = recordIds(3);
    const stored = job(ids, { names: { [ids[0] as string]: 'Acme' } });
    const head = roundTrip(headOf(stored));
    const { recordNames: _, ...unnamed } = roundTrip(baseOf(stored)) as Record<string, unknown>;
    const entries = stored.batches.map((batch) => roundTrip(entryOf(stored, batch)));
    expect(assembleJob(head, unnamed, entries)?.recordNames).toEqual(['', '', '']);
    expect(assembleJob(head, { ...unnamed, recordNames: ['Acme'] }, entries)).toBeNull();
    expect(assembleJob(head, { ...unnamed, recordNames: ['Acme', 2, ''] }, entries)).toBeNull();
    expect(assembleJob(head, { ...unnamed, recordNames: ['x'.repeat(256), '', ''] }, entries)).toBeNull();
  });

  it('never sends a settled record again, nor keeps a record in two open batches', () => {
    const ids = recordIds(3);
    const stored = job(ids);
    const head = headOf(stored);
    const base = baseOf(stored);
    const open = { ...entryOf(stored, stored.batches[0] as BulkJob['batches'][number]) };
    const later = { ...open, id: 1, outcomes: { [ids[0] as string]: { kind: 'removed' } }, recordIds: [ids[1]] };
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

import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import { type BulkJob, createUndoJob, removedRecordIds } from './job';
import { assembleJob, baseOf, headOf } from './journal';
import { ASSIGN_OPERATION, REMOVE_OPERATION } from './operation';
import { outcomeSentence } from './outcomes';
import { DEFAULT_RETRY_POLICY } from './run-context';
import { runBulkJob } from './runner';
import {
  FakeOrg,
  JobStore,
  runStoppedAt,
  SAMPLE_T1,
  SAMPLE_T2,
  sampleJob,
  sampleRecordIds,
  savesOfRun,
  simulatedDeps,
  VirtualClock,
} from './simulation';

const T1 = SAMPLE_T1;
const T2 = SAMPLE_T2;

function kinds(result: BulkJob): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of Object.values(result.outcomes)) counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
  return counts;
}

function undoOf(removal: BulkJob): BulkJob {
  const undo = createUndoJob(removal, 'undo-1', 10);
  if (!undo) throw new Error('nothing to put back');
  return undo;
}

/**
 * A removal over 40 records, run to the end: 0–4 did not hold T1, 5–9 hold it by a rule, 10–12
 * are locked, 13–14 answer SCHEDULED; the others lose T1.
 */
async function finishedRemoval(clock?: VirtualClock) {
  const ids = sampleRecordIds(40);
  const org = new FakeOrg(clock);
  for (const [index, id] of ids.entries()) {
    if (index < 5) org.add(id, { [T2]: 'manually' });
    else if (index < 10) org.add(id, { [T1]: 'automatically' });
    else org.add(id, { [T1]: 'manually' });
  }
  for (const id of ids.slice(10, 13)) org.locked.add(id);
  for (const id of ids.slice(13, 15)) org.scheduling.add(id);
  const removal = await runBulkJob(sampleJob(ids, { batchSize: 10 }), simulatedDeps(org, new JobStore()));
  // The scheduled removals complete; the locked records unlock before the put-back.
  for (const id of ids.slice(13, 15)) {
    org.scheduling.delete(id);
    org.records.get(id)?.delete(T1);
  }
  org.locked.clear();
  return { ids, org, removal, removed: ids.slice(13) };
}

describe('createUndoJob', () => {
  it('takes exactly the records the removal took the territory from, with what it sent each', async () => {
    const { ids, removal, removed } = await finishedRemoval();
    expect(kinds(removal)).toEqual({ 'not-assigned': 5, 'rule-assigned': 5, locked: 3, scheduled: 2, removed: 25 });
    removal.territoriesOf[ids[20] as string] = [T1];
    const undo = undoOf(removal);
    expect(undo).toMatchObject({ direction: 'assign', undoOf: removal.id, territoryIds: [T1], status: 'running' });
    expect(undo.recordIds).toEqual(removed);
    expect(undo.territoriesOf).toEqual({ [ids[20] as string]: [T1] });
    expect(createUndoJob(undo, 'undo-2', 20)).toBeNull();
    expect(removedRecordIds(undo)).toEqual([]);
  });

  it('leaves out a record where Zoho only said some change was already running', () => {
    const ids = sampleRecordIds(3);
    const removal = sampleJob(ids);
    removal.outcomes[ids[0] as string] = { kind: 'scheduled', jobId: null };
    removal.outcomes[ids[1] as string] = { kind: 'scheduled', jobId: '5' };
    removal.outcomes[ids[2] as string] = { kind: 'removed' };
    expect(undoOf(removal).recordIds).toEqual([ids[1], ids[2]]);
  });

  it('has nothing to put back when the removal removed nothing', async () => {
    const ids = sampleRecordIds(3);
    const removal = sampleJob(ids);
    for (const id of ids) removal.outcomes[id] = { kind: 'not-assigned' };
    expect(createUndoJob(removal, 'undo-1', 0)).toBeNull();
  });
});

describe('the operation of a run', () => {
  it('names its action, the state a read must find and what answers mean', () => {
    expect(REMOVE_OPERATION.action).toBe('remove_territories');
    expect(ASSIGN_OPERATION.action).toBe('assign_territories');
    expect(REMOVE_OPERATION.stillToChange([T1, T2], [T2])).toEqual([T2]);
    expect(ASSIGN_OPERATION.stillToChange([T1, T2], [T2])).toEqual([T1]);
    expect(ASSIGN_OPERATION.outcomeOfSuccess({ scheduled: false, jobId: null })).toEqual({ kind: 'restored' });
    expect(ASSIGN_OPERATION.outcomeOfSuccess({ scheduled: true, jobId: '7' })).toEqual({
      kind: 'scheduled',
      jobId: '7',
    });
    expect(ASSIGN_OPERATION.outcomeOfReached({ goneMeans: 'not-assigned' })).toEqual({
      kind: 'restored',
      already: true,
    });
    expect(ASSIGN_OPERATION.outcomeOfRefusal({ code: 'DUPLICATE_DATA' })).toEqual({ kind: 'restored', already: true });
    expect(ASSIGN_OPERATION.outcomeOfRefusal({ code: 'LIMIT_EXCEEDED', message: 'Maximum limit' })).toEqual({
      kind: 'error',
      code: 'LIMIT_EXCEEDED',
      message: 'Maximum limit',
    });
    expect(ASSIGN_OPERATION.outcomeOfRefusal({ code: 'ALREADY_SCHEDULED' }).kind).toBe('error');
    expect(ASSIGN_OPERATION.outcomeOfRefusal({ code: 'RECORD_LOCKED' })).toEqual({ kind: 'locked' });
    expect(ASSIGN_OPERATION.outcomeOfRefusal({ code: 'NO_PERMISSION' })).toEqual({
      kind: 'no-permission',
      code: 'NO_PERMISSION',
    });
    expect(
      ASSIGN_OPERATION.outcomeOfRefusal({
        code: 'INVALID_DATA',
        details: { json_path: '$.data[0].Territories[0].id' },
      }),
    ).toEqual({ kind: 'error', code: 'INVALID_DATA' });
  });

  it('explains each refusal through the error catalogue', () => {
    const en = translatorFor('en');
    expect(outcomeSentence({ kind: 'error', code: 'LIMIT_EXCEEDED' }, en, 'assign')).toMatch(
      /a Deal holds one territory/,
    );
    expect(outcomeSentence({ kind: 'restored', already: true }, en, 'assign')).toMatch(/counts as put back/);
    expect(outcomeSentence({ kind: 'restored' }, en, 'assign')).toBe('The territories were put back.');
    expect(outcomeSentence({ kind: 'scheduled', jobId: '42' }, en, 'assign')).toMatch(
      /putting the territory back \(job 42\)/,
    );
    expect(outcomeSentence({ kind: 'error', code: 'ALREADY_SCHEDULED' }, en, 'assign')).toMatch(
      /earlier territory change/,
    );
  });
});

describe('runBulkJob putting back', () => {
  it('assigns the territory back to exactly the records the removal took it from, in batches', async () => {
    const { ids, org, removal, removed } = await finishedRemoval();
    const store = new JobStore();
    const result = await runBulkJob(undoOf(removal), simulatedDeps(org, store));
    expect(org.assignCalls.map((call) => call.length)).toEqual([10, 10, 7]);
    expect(org.assignCalls.flat()).toEqual(removed.map((id) => ({ id, territoryIds: [T1] })));
    expect(result.status).toBe('finished');
    expect(kinds(result)).toEqual({ restored: 27 });
    for (const id of removed) expect(org.holds(id, T1), id).toBe(true);
    // the others as they were: not assigned, rule-assigned, and the locked ones the removal never reached
    for (const id of ids.slice(0, 5)) expect(org.holds(id, T1)).toBe(false);
    for (const id of ids.slice(5, 13))
      expect(org.records.get(id)?.get(T1)).toBe(ids.indexOf(id) < 10 ? 'automatically' : 'manually');
    expect(store.last()).toEqual(result);
    expect(store.last()?.direction).toBe('assign');
  });

  it('explains refusals per record: LIMIT_EXCEEDED, and DUPLICATE_DATA counted as put back', async () => {
    const { org, removal, removed } = await finishedRemoval();
    const [full, back, locked] = removed as [string, string, string];
    org.territoryLimit = 1;
    org.records.get(full)?.set(T2, 'manually');
    org.records.get(back)?.set(T1, 'manually');
    org.locked.add(locked);
    const result = await runBulkJob(undoOf(removal), simulatedDeps(org, new JobStore()));
    expect(result.outcomes[full]).toEqual({ kind: 'error', code: 'LIMIT_EXCEEDED' });
    expect(result.outcomes[back]).toEqual({ kind: 'restored', already: true });
    expect(result.outcomes[locked]).toEqual({ kind: 'locked' });
    expect(kinds(result)).toEqual({ restored: 25, error: 1, locked: 1 });
    expect(org.holds(full, T1)).toBe(false);
  });

  it('reads back a record refused for one of its territories and sends only the one still missing', async () => {
    const ids = sampleRecordIds(3);
    const org = new FakeOrg();
    for (const id of ids) org.add(id, {});
    org.records.get(ids[0] as string)?.set(T2, 'manually');
    const removal = sampleJob(ids, { territoryIds: [T1, T2] });
    for (const id of ids) removal.outcomes[id] = { kind: 'removed' };
    const result = await runBulkJob(undoOf(removal), simulatedDeps(org, new JobStore()));
    expect(org.assignCalls).toEqual([
      ids.map((id) => ({ id, territoryIds: [T1, T2] })),
      [{ id: ids[0], territoryIds: [T1] }],
    ]);
    expect(kinds(result)).toEqual({ restored: 3 });
    for (const id of ids) expect(org.holds(id, T1) && org.holds(id, T2)).toBe(true);
  });

  it('waits out a lost answer, reads until stable, and sends again only records not yet back', async () => {
    const clock = new VirtualClock();
    const { org, removal, removed } = await finishedRemoval();
    const late = new FakeOrg(clock);
    for (const [id, held] of org.records) late.records.set(id, new Map(held));
    late.scriptAssign();
    // 6 of the first 10 assigned at once, the others never: the answer is lost either way.
    late.script(0, { kind: 'lose', processed: 6 });
    const readAt: number[] = [];
    const deps = simulatedDeps(late, new JobStore(), clock);
    const result = await clock.run(
      runBulkJob(undoOf({ ...removal, batchSize: 10 }), {
        ...deps,
        readTerritories: (chunk) => {
          readAt.push(clock.now());
          return late.readTerritories(chunk);
        },
      }),
    );
    const wait = DEFAULT_RETRY_POLICY.lostAnswerWaitMs;
    expect(readAt[0]).toBeGreaterThanOrEqual(wait);
    expect(readAt).toHaveLength(2);
    const again = late.assignCalls
      .slice(1)
      .flat()
      .map((item) => item.id);
    expect(again.filter((id) => removed.slice(0, 10).includes(id))).toEqual(removed.slice(6, 10));
    expect(kinds(result)).toEqual({ restored: 27 });
    expect([...late.doubled]).toEqual([]);
    for (const id of removed) expect(late.assigned.get(id), id).toBe(1);
  });

  it('a record Zoho assigns only after the client gave up is found back, not sent twice', async () => {
    const clock = new VirtualClock();
    const ids = sampleRecordIds(10);
    const org = new FakeOrg(clock);
    for (const id of ids) org.add(id, {});
    org.scriptAssign();
    org.script(0, { kind: 'lose', processAfterMs: DEFAULT_RETRY_POLICY.lostAnswerWaitMs + 1000 });
    const removal = sampleJob(ids);
    for (const id of ids) removal.outcomes[id] = { kind: 'removed' };
    const result = await clock.run(runBulkJob(undoOf(removal), simulatedDeps(org, new JobStore(), clock)));
    expect(org.assignCalls).toHaveLength(1);
    expect(kinds(result)).toEqual({ restored: 10 });
    expect([...org.doubled]).toEqual([]);
  });
});

/** 120 records to put back in batches of 25, two at a time: a lost answer, a locked record, one back already. */
function undoScenario() {
  const ids = sampleRecordIds(120);
  const org = new FakeOrg();
  for (const id of ids) org.add(id, {});
  org.locked.add(ids[30] as string);
  org.records.get(ids[40] as string)?.set(T1, 'manually');
  org.scriptAssign();
  org.script(1, { kind: 'lose', processed: 10 });
  const removal = sampleJob(ids, { batchSize: 25, concurrency: 2 });
  for (const id of ids) removal.outcomes[id] = { kind: 'removed' };
  return { ids, org, planned: undoOf(removal) };
}

describe('journal recovery of a put-back run', () => {
  it('ends every record as what Zoho holds and assigns none twice, whichever save the worker stopped at', async () => {
    const saveCount = await savesOfRun(undoScenario);
    expect(saveCount).toBeGreaterThan(5);

    for (let crashAt = 1; crashAt <= saveCount; crashAt++) {
      for (const lands of [false, true]) {
        const { ids, org, restarted, result, where } = await runStoppedAt(undoScenario, crashAt, lands);
        expect(restarted.direction, where).toBe('assign');
        expect(result.status, where).toBe('finished');
        expect(Object.keys(result.outcomes).sort(), where).toEqual([...ids].sort());
        for (const id of ids) {
          const outcome = result.outcomes[id];
          const holds = org.holds(id, T1);
          expect(outcome?.kind === 'restored' ? holds : !holds && outcome?.kind === 'locked', `${where}: ${id}`).toBe(
            true,
          );
        }
        // held before the put-back: Zoho's DUPLICATE_DATA, or a read after a lost answer, says so
        expect(result.outcomes[ids[40] as string]?.kind, where).toBe('restored');
        expect([...org.doubled], where).toEqual([]);
      }
    }
  });
});

describe('the stored direction', () => {
  it('reads a head written before put-back runs as a removal', () => {
    const removal = sampleJob(sampleRecordIds(2));
    const { direction: _direction, undoOf: _undoOf, ...olderHead } = headOf(removal);
    const read = assembleJob(JSON.parse(JSON.stringify(olderHead)), JSON.parse(JSON.stringify(baseOf(removal))), []);
    expect(read?.direction).toBe('remove');
    expect(read?.undoOf).toBeNull();
  });
});

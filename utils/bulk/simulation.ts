// A virtual clock and an in-memory Zoho org that answers like remove_territories and
// assign_territories (zoho-crm.md §1, §3), for the engine's tests and for measuring runs without
// waiting in real time. Never bundled.

import type { BatchAnswer, BatchItem, RecordResult } from './batch-answer';
import { type BulkBatch, type BulkJob, type BulkJobSpec, createBulkJob } from './job';
import { assembleJob, baseOf, entryOf, headOf } from './journal';
import type { TerritoryAction } from './operation';
import type { BulkRunnerDeps } from './run-context';
import { runBulkJob } from './runner';

/** Time that passes only when everything else waits: `sleep`s resolve in order of their end. */
export class VirtualClock {
  private current = 0;
  private sequence = 0;
  private timers: { at: number; sequence: number; resolve: () => void }[] = [];

  now = (): number => this.current;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), sequence: this.sequence++, resolve });
    });

  /** Drives `work` to its end, advancing time whenever nothing else can happen. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
      const next = this.timers.shift();
      if (!next) throw new Error('The work waits for something that never comes.');
      this.current = next.at;
      next.resolve();
    }
  }
}

export type Assignment = 'manually' | 'automatically';

/** What one call does instead of answering normally. */
export type CallScript =
  | { kind: 'answer'; answer: BatchAnswer }
  /**
   * processes the first `processed` items (all when left out), then the connection drops; with
   * `processAfterMs`, Zoho is still working on them when it drops and processes them that much later
   */
  | { kind: 'lose'; processed?: number; processAfterMs?: number }
  /** processes the batch and never answers: the worker died */
  | { kind: 'hang' };

/** One org's records and their territories, changed by remove and assign calls like Zoho would. */
export class FakeOrg {
  readonly records = new Map<string, Map<string, Assignment>>();
  readonly locked = new Set<string>();
  /** records answered SCHEDULED with a job id (the territory stays until the job ends) */
  readonly scheduling = new Set<string>();
  /** every remove call, as sent */
  readonly removeCalls: BatchItem[][] = [];
  /** every assign call, as sent */
  readonly assignCalls: BatchItem[][] = [];
  readonly readCalls: string[][] = [];
  /** how often Zoho removed something from each record */
  readonly processed = new Map<string, number>();
  /** how often Zoho assigned something to each record */
  readonly assigned = new Map<string, number>();
  /** records sent again after Zoho had already removed (or assigned) what they were sent */
  readonly doubled = new Set<string>();
  /** most territories a record holds (a Deal one, other records ten) */
  territoryLimit = 10;
  /** records per call Zoho accepts */
  maxPerCall = 100;
  latencyMs = 0;
  private readonly scripts = new Map<number, CallScript>();
  private readonly readFailures = new Map<number, Error>();

  constructor(private readonly clock?: VirtualClock) {}

  add(recordId: string, territories: Record<string, Assignment>): void {
    this.records.set(recordId, new Map(Object.entries(territories)));
  }

  /** The n-th remove call (0-based; of assign calls once `scriptAssign`) does `script` instead. */
  script(call: number, script: CallScript): void {
    this.scripts.set(call, script);
  }

  private scriptedAction: TerritoryAction = 'remove_territories';

  /** `script` applies to assign calls from now on. */
  scriptAssign(): void {
    this.scriptedAction = 'assign_territories';
    this.scripts.clear();
  }

  failRead(call: number, error: Error): void {
    this.readFailures.set(call, error);
  }

  holds(recordId: string, territoryId: string): boolean {
    return this.records.get(recordId)?.has(territoryId) ?? false;
  }

  timesSent(recordId: string): number {
    return this.removeCalls.filter((call) => call.some((item) => item.id === recordId)).length;
  }

  private async latency(): Promise<void> {
    if (this.clock && this.latencyMs > 0) await this.clock.sleep(this.latencyMs);
  }

  removeBatch = (items: BatchItem[]): Promise<BatchAnswer> => this.sendBatch('remove_territories', items);

  sendBatch = async (action: TerritoryAction, items: BatchItem[]): Promise<BatchAnswer> => {
    const calls = action === 'remove_territories' ? this.removeCalls : this.assignCalls;
    const call = calls.length;
    calls.push(items.map((item) => ({ id: item.id, territoryIds: [...item.territoryIds] })));
    await this.latency();
    const script = action === this.scriptedAction ? this.scripts.get(call) : undefined;
    const apply = (item: BatchItem) => (action === 'remove_territories' ? this.remove(item) : this.assign(item));
    if (script?.kind === 'answer') return script.answer;
    if (script?.kind === 'lose') {
      const processed = items.slice(0, script.processed ?? items.length);
      if (script.processAfterMs !== undefined && this.clock) {
        void this.clock.sleep(script.processAfterMs).then(() => {
          for (const item of processed) apply(item);
        });
      } else for (const item of processed) apply(item);
      throw Object.assign(new Error('fetch failed'), { code: 'NETWORK_ERROR' });
    }
    if (script?.kind === 'hang') {
      for (const item of items) apply(item);
      return new Promise(() => undefined);
    }
    if (items.length > this.maxPerCall) {
      return { kind: 'error', code: 'LIMIT_EXCEEDED', status: 400, details: { limit: this.maxPerCall } };
    }
    return { kind: 'records', results: items.map(apply) };
  };

  readTerritories = async (recordIds: string[]): Promise<Map<string, string[]>> => {
    const call = this.readCalls.length;
    this.readCalls.push([...recordIds]);
    await this.latency();
    const failure = this.readFailures.get(call);
    if (failure) throw failure;
    const held = new Map<string, string[]>();
    for (const id of recordIds) {
      const territories = this.records.get(id);
      if (territories) held.set(id, [...territories.keys()]);
    }
    return held;
  };

  /** Zoho's per-record checks, then the removal. */
  private remove(item: BatchItem): RecordResult {
    const territories = this.records.get(item.id);
    if (!territories) {
      return error(item.id, 'INVALID_DATA', { api_name: 'id', json_path: '$.data[0].id' });
    }
    if (this.locked.has(item.id)) return error(item.id, 'RECORD_LOCKED');
    const missing = item.territoryIds.findIndex((t) => !territories.has(t));
    if (missing >= 0) {
      if (this.processed.has(item.id)) this.doubled.add(item.id);
      return error(item.id, 'INVALID_DATA', { api_name: 'id', json_path: `$.data[0].Territories[${missing}].id` });
    }
    if (item.territoryIds.some((t) => territories.get(t) === 'automatically')) return error(item.id, 'NOT_ALLOWED');
    this.processed.set(item.id, (this.processed.get(item.id) ?? 0) + 1);
    if (this.scheduling.has(item.id)) {
      return { id: item.id, status: 'success', code: 'SCHEDULED', jobId: `9${item.id}` };
    }
    for (const t of item.territoryIds) territories.delete(t);
    return { id: item.id, status: 'success', code: 'SUCCESS' };
  }

  /** Zoho's per-record checks for an assignment (zoho-crm.md §3), then the assignment. */
  private assign(item: BatchItem): RecordResult {
    const territories = this.records.get(item.id);
    if (!territories) {
      return error(item.id, 'INVALID_DATA', { api_name: 'id', json_path: '$.data[0].id' });
    }
    if (this.locked.has(item.id)) return error(item.id, 'RECORD_LOCKED');
    const present = item.territoryIds.findIndex((t) => territories.has(t));
    if (present >= 0) {
      if (this.assigned.has(item.id)) this.doubled.add(item.id);
      return error(item.id, 'DUPLICATE_DATA', { api_name: 'id', json_path: `$.data[0].Territories[${present}].id` });
    }
    if (territories.size + item.territoryIds.length > this.territoryLimit) {
      return error(item.id, 'LIMIT_EXCEEDED', {
        api_name: 'Territories',
        json_path: '$.data[0].Territories',
        limit: this.territoryLimit,
      });
    }
    this.assigned.set(item.id, (this.assigned.get(item.id) ?? 0) + 1);
    if (this.scheduling.has(item.id)) {
      return { id: item.id, status: 'success', code: 'SCHEDULED', jobId: `8${item.id}` };
    }
    for (const t of item.territoryIds) territories.set(t, 'manually');
    return { id: item.id, status: 'success', code: 'SUCCESS' };
  }
}

function error(id: string, code: string, details?: Record<string, unknown>): RecordResult {
  const result: RecordResult = { id, status: 'error', code };
  if (details) result.details = details;
  return result;
}

/**
 * The journal (journal.ts) kept as JSON, as `storage.local` does: what each save wrote, so that a
 * test can read the job as a worker restarted after any save would.
 */
export class JobStore {
  /** every save, in order: the items it wrote, as JSON */
  readonly saves: Record<string, string>[] = [];

  create = async (job: BulkJob): Promise<void> => {
    this.saves.push(this.itemsOf(job, job.batches, true));
  };

  save = async (job: BulkJob, changed: readonly BulkBatch[]): Promise<void> => {
    this.saves.push(this.itemsOf(job, changed, this.saves.length === 0));
  };

  private itemsOf(job: BulkJob, batches: readonly BulkBatch[], whole: boolean): Record<string, string> {
    const items: Record<string, string> = { head: JSON.stringify(headOf(job)) };
    if (whole) {
      items.base = JSON.stringify(baseOf(job));
      for (const batch of job.batches) items[`batch:${batch.id}`] = JSON.stringify(entryOf(job, batch));
    }
    for (const batch of batches) items[`batch:${batch.id}`] = JSON.stringify(entryOf(job, batch));
    return items;
  }

  /** The job as a worker restarted after the first `count` saves (all when left out) reads it. */
  after(count = this.saves.length): BulkJob | null {
    const items: Record<string, string> = {};
    for (const save of this.saves.slice(0, count)) Object.assign(items, save);
    const entries = Object.entries(items)
      .filter(([key]) => key.startsWith('batch:'))
      .map(([, json]) => JSON.parse(json));
    const parse = (json: string | undefined): unknown => (json === undefined ? undefined : JSON.parse(json));
    return assembleJob(parse(items.head), parse(items.base), entries);
  }

  /** The job as last saved, as a restarted worker would read it. */
  last(): BulkJob | null {
    return this.after();
  }
}

/**
 * Runner dependencies over a fake org. Time is the clock's when given; otherwise it moves only
 * when the runner sleeps, and a sleep ends at once.
 */
export function simulatedDeps(
  org: FakeOrg,
  store: JobStore,
  clock?: VirtualClock,
  random: () => number = () => 0.5,
): BulkRunnerDeps & { sleeps: number[] } {
  const sleeps: number[] = [];
  let instant = 0;
  return {
    sendBatch: org.sendBatch,
    readTerritories: org.readTerritories,
    save: store.save,
    sleep: (ms) => {
      sleeps.push(ms);
      if (clock) return clock.sleep(ms);
      instant += ms;
      return Promise.resolve();
    },
    now: clock ? clock.now : () => instant,
    random,
    sleeps,
  };
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * Runner dependencies of a worker that stops at its `crashAt`-th save: that save lands or not, and nothing after it
 * happens — no save, no call, no answer of a call already under way (which Zoho still processes).
 */
export function stoppingDeps(org: FakeOrg, store: JobStore, crashAt: number, lands: boolean) {
  const base = simulatedDeps(org, store);
  let saves = 0;
  const state = { stopped: false };
  const deps: BulkRunnerDeps = {
    ...base,
    save(job, changed) {
      if (state.stopped) return never();
      saves++;
      if (saves < crashAt) return store.save(job, changed);
      state.stopped = true;
      if (lands) void store.save(job, changed);
      return never();
    },
    async sendBatch(action, items) {
      if (state.stopped) return never();
      const answer = await org.sendBatch(action, items);
      return state.stopped ? never() : answer;
    },
    async readTerritories(ids) {
      if (state.stopped) return never();
      const held = await org.readTerritories(ids);
      return state.stopped ? never() : held;
    },
  };
  return { deps, state };
}

export async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export interface CrashScenario {
  ids: string[];
  org: FakeOrg;
  planned: BulkJob;
}

/** How many saves an uninterrupted run of the scenario's job makes. */
export async function savesOfRun(scenario: () => CrashScenario): Promise<number> {
  const { org, planned } = scenario();
  const store = new JobStore();
  await store.create(planned);
  await runBulkJob(planned, simulatedDeps(org, store));
  return store.saves.length - 1;
}

/**
 * The scenario's job run by a worker that stops at its `crashAt`-th save (which lands or not), then
 * by a restarted worker, from what the journal holds, to its end.
 */
export async function runStoppedAt(scenario: () => CrashScenario, crashAt: number, lands: boolean) {
  const { ids, org, planned } = scenario();
  const store = new JobStore();
  await store.create(planned);
  const { deps, state } = stoppingDeps(org, store, crashAt, lands);
  void runBulkJob(planned, deps);
  for (let i = 0; i < 200 && !state.stopped; i++) await ticks(1);
  await ticks(5);
  const restarted = store.last();
  if (!state.stopped || !restarted) throw new Error(`save ${crashAt}: the worker did not stop there`);
  const result = await runBulkJob(restarted, simulatedDeps(org, new JobStore()));
  return { ids, org, restarted, result, where: `save ${crashAt}${lands ? ' (landed)' : ''}` };
}

/** Two territory ids of an org, for the engine's tests. */
export const SAMPLE_T1 = '4150868000000236307';
export const SAMPLE_T2 = '4150868000000264087';

export function sampleRecordIds(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => String(4150868000004000000n + BigInt(from + i)));
}

/** A job removing SAMPLE_T1 (unless told otherwise) from `ids`. */
export function sampleJob(ids: string[], options: Partial<BulkJobSpec> = {}): BulkJob {
  return createBulkJob({
    id: 'job-1',
    dataCentre: 'eu',
    sandbox: false,
    orgId: '20079833178',
    module: 'Accounts',
    territoryIds: [SAMPLE_T1],
    recordIds: ids,
    now: 0,
    ...options,
  });
}

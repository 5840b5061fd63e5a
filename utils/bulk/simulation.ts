// A virtual clock and an in-memory Zoho org that answers like remove_territories (zoho-crm.md §1),
// for the engine's tests and for measuring runs without waiting in real time. Never bundled.
import { type BulkBatch, type BulkJob, type BulkJobSpec, createBulkJob } from './job';
import { assembleJob, baseOf, entryOf, headOf } from './journal';
import type { BatchAnswer, BatchItem, BulkRunnerDeps, RecordResult } from './runner';

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

/** One org's records and their territories, changed by remove calls like Zoho would. */
export class FakeOrg {
  readonly records = new Map<string, Map<string, Assignment>>();
  readonly locked = new Set<string>();
  /** records answered SCHEDULED with a job id (the territory stays until the job ends) */
  readonly scheduling = new Set<string>();
  /** every remove call, as sent */
  readonly removeCalls: BatchItem[][] = [];
  readonly readCalls: string[][] = [];
  /** how often Zoho removed something from each record */
  readonly processed = new Map<string, number>();
  /** records sent again after Zoho had already removed what they were sent */
  readonly doubled = new Set<string>();
  /** records per call Zoho accepts */
  maxPerCall = 100;
  latencyMs = 0;
  private readonly scripts = new Map<number, CallScript>();
  private readonly readFailures = new Map<number, Error>();

  constructor(private readonly clock?: VirtualClock) {}

  add(recordId: string, territories: Record<string, Assignment>): void {
    this.records.set(recordId, new Map(Object.entries(territories)));
  }

  /** The n-th remove call (0-based) does `script` instead. */
  script(call: number, script: CallScript): void {
    this.scripts.set(call, script);
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

  removeBatch = async (items: BatchItem[]): Promise<BatchAnswer> => {
    const call = this.removeCalls.length;
    this.removeCalls.push(items.map((item) => ({ id: item.id, territoryIds: [...item.territoryIds] })));
    await this.latency();
    const script = this.scripts.get(call);
    if (script?.kind === 'answer') return script.answer;
    if (script?.kind === 'lose') {
      const processed = items.slice(0, script.processed ?? items.length);
      if (script.processAfterMs !== undefined && this.clock) {
        void this.clock.sleep(script.processAfterMs).then(() => {
          for (const item of processed) this.apply(item);
        });
      } else for (const item of processed) this.apply(item);
      throw Object.assign(new Error('fetch failed'), { code: 'NETWORK_ERROR' });
    }
    if (script?.kind === 'hang') {
      for (const item of items) this.apply(item);
      return new Promise(() => undefined);
    }
    if (items.length > this.maxPerCall) {
      return { kind: 'error', code: 'LIMIT_EXCEEDED', status: 400, details: { limit: this.maxPerCall } };
    }
    return { kind: 'records', results: items.map((item) => this.apply(item)) };
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
  private apply(item: BatchItem): RecordResult {
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
    removeBatch: org.removeBatch,
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

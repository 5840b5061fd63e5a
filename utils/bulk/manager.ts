// The jobs of the background: start, follow, pause, resume, cancel, retry, put back what a removal
// took, and pick up every
// unfinished job after a service-worker or browser restart. Storage and Zoho calls are injected.
//
// One owner per job: every stored job is read once into memory, and start-up resume and every
// request act on that one copy. A pause or cancel that is the message waking the worker finds the
// very job the resumed run is working on, so the run sees it and nothing saves over it.
import type { BulkJobView, BulkResponseOf } from '../bulk-protocol';
import type { ErrorInfo, Result } from '../messaging';
import {
  type BulkBatch,
  type BulkJob,
  type BulkJobSpec,
  createBulkJob,
  createRetryJob,
  createUndoJob,
  isTerminal,
} from './job';
import { storedBytes } from './journal';
import { type BulkJobSummary, type EncodedRecordRows, encodeRows, jobSummary, type RecordsWanted } from './progress';
import type { BulkRunnerDeps, RetryPolicy } from './run-context';
import { cancelBulkJob, pauseBulkJob, resumeBulkJob } from './run-control';
import { runBulkJob } from './runner';

export interface BulkJobStore {
  /** the stored job, or null when there is none this version reads */
  load(jobId: string): Promise<BulkJob | null>;
  /** stores a new job whole; captures it when called */
  create(job: BulkJob): Promise<void>;
  /** stores the job's head and the batches given (done or not); captures them when called */
  save(job: BulkJob, changed: readonly BulkBatch[]): Promise<void>;
  /** stores a job that is over (no batch open) as its head and base only: smaller, and read in one call */
  compact(job: BulkJob): Promise<void>;
  /** every stored job this version reads */
  list(): Promise<BulkJob[]>;
  remove(jobId: string): Promise<void>;
}

export interface BulkManagerDeps {
  store: BulkJobStore;
  /** Zoho calls bound to the job's data centre, org and module */
  callsFor(job: BulkJob): Pick<BulkRunnerDeps, 'sendBatch' | 'readTerritories'>;
  newJobId(): string;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  onProgress?(job: BulkJob): void;
  /** a run stopped on an error of ours (storage): the job stays as last saved */
  onRunError?(job: BulkJob, error: unknown): void;
  /** true while any job runs, false when the last run ends: to be woken if the worker is stopped */
  onBusyChange?(busy: boolean): void;
  policy?: RetryPolicy;
  /** finished and cancelled jobs kept for the page; older ones are removed */
  keepFinished?: number;
  /** what the finished jobs kept may take in storage together (the newest is kept whatever its size) */
  keepFinishedBytes?: number;
}

export type BulkStartSpec = Omit<BulkJobSpec, 'id' | 'now' | 'retryOf' | 'direction' | 'undoOf'>;

const NOT_FOUND: ErrorInfo = { code: 'JOB_NOT_FOUND' };

/** Running, or cancelled with records still to settle. */
function hasWork(job: BulkJob): boolean {
  return job.status === 'running' || (job.status === 'cancelled' && job.batches.length > 0);
}

interface LiveRun {
  job: BulkJob;
  /** run once more when this run ends: the job was resumed or cancelled while it wound down */
  again: boolean;
  done: Promise<void>;
}

export interface BulkJobManager {
  start(spec: BulkStartSpec): Promise<BulkResponseOf['bulk.start']>;
  status(jobId: string, includeRecords?: RecordsWanted): Promise<BulkResponseOf['bulk.status']>;
  jobs(): Promise<BulkResponseOf['bulk.jobs']>;
  pause(jobId: string): Promise<BulkResponseOf['bulk.pause']>;
  resume(jobId: string): Promise<BulkResponseOf['bulk.resume']>;
  cancel(jobId: string): Promise<BulkResponseOf['bulk.cancel']>;
  retryFailed(jobId: string): Promise<BulkResponseOf['bulk.retryFailed']>;
  /** A put-back run of a removal at rest; the one already started when there is one. */
  undo(jobId: string): Promise<BulkResponseOf['bulk.undo']>;
  /** At worker start: run every job that was running or cancelling when the worker stopped. */
  resumeInterrupted(): Promise<void>;
  /** Resolves when every run under way has ended (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Finished jobs kept for their outcomes, newest first. */
export const KEEP_FINISHED_JOBS = 3;
/**
 * storage.local holds 10 MB (QUOTA_BYTES, 10,485,760): half of it for the finished jobs kept, the
 * other half for the job being run, which at MAX_BULK_RECORDS with names takes about 3.5 MB
 * (bulk-job-store.test.ts). A job that does not fit beside them is refused as STORAGE_FULL.
 */
export const KEEP_FINISHED_BYTES = 5_000_000;

export function createBulkJobManager(deps: BulkManagerDeps): BulkJobManager {
  const live = new Map<string, LiveRun>();
  const keepFinished = deps.keepFinished ?? KEEP_FINISHED_JOBS;
  const keepFinishedBytes = deps.keepFinishedBytes ?? KEEP_FINISHED_BYTES;
  let loading: Promise<Map<string, BulkJob>> | null = null;

  /** Every job, read from storage once: the only copies there are. */
  function allJobs(): Promise<Map<string, BulkJob>> {
    loading ??= deps.store.list().then(
      (stored) => new Map(stored.map((job) => [job.id, job])),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  }

  const runnerDeps = (job: BulkJob): BulkRunnerDeps => ({
    ...deps.callsFor(job),
    save: (saved, changed) => deps.store.save(saved, changed),
    sleep: deps.sleep,
    now: deps.now,
    random: deps.random,
    onProgress: deps.onProgress,
  });

  function launch(job: BulkJob): void {
    const running = live.get(job.id);
    if (running) {
      running.again = true;
      return;
    }
    const run: LiveRun = { job, again: true, done: Promise.resolve() };
    run.done = (async () => {
      try {
        while (run.again && hasWork(job)) {
          run.again = false;
          await runBulkJob(job, runnerDeps(job), deps.policy);
        }
        if (isTerminal(job)) {
          await deps.store.compact(job);
          await prune();
          // Encoded now, while nobody waits: the page that opens the job gets them at once.
          if (!hasWork(job)) recordsAtRest(job);
        }
      } catch (error) {
        deps.onRunError?.(job, error);
      } finally {
        live.delete(job.id);
        if (live.size === 0) deps.onBusyChange?.(false);
      }
    })();
    if (live.size === 0) deps.onBusyChange?.(true);
    live.set(job.id, run);
  }

  async function get(jobId: string): Promise<BulkJob | null> {
    return (await allJobs()).get(jobId) ?? null;
  }

  async function sortedJobs(): Promise<BulkJob[]> {
    return [...(await allJobs()).values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The newest finished jobs while they are at most `keepFinished` and fit in `keepFinishedBytes`. */
  async function prune(): Promise<void> {
    const jobs = await allJobs();
    let kept = 0;
    let bytes = 0;
    for (const job of (await sortedJobs()).filter(isTerminal)) {
      bytes += storedBytes(job);
      if (kept === 0 || (kept < keepFinished && bytes <= keepFinishedBytes)) {
        kept++;
        continue;
      }
      jobs.delete(job.id);
      await deps.store.remove(job.id);
    }
  }

  const summary = (job: BulkJob): BulkJobSummary => jobSummary(job, deps.now());

  // A job at rest no longer changes: its records are encoded once for every look.
  const encoded = new WeakMap<BulkJob, { updatedAt: number; records: EncodedRecordRows }>();
  function recordsAtRest(job: BulkJob): EncodedRecordRows {
    const kept = encoded.get(job);
    if (kept && kept.updatedAt === job.updatedAt) return kept.records;
    const records = encodeRows(job);
    encoded.set(job, { updatedAt: job.updatedAt, records });
    return records;
  }

  /** Applies a user's request to the one copy of the job, saves it, and runs it when there is work. */
  async function act(jobId: string, apply: (job: BulkJob) => void): Promise<Result<BulkJobSummary>> {
    const job = await get(jobId);
    if (!job) return { ok: false, error: NOT_FOUND };
    apply(job);
    job.updatedAt = deps.now();
    await deps.store.save(job, []);
    // A cancelled job is run too: the run settles the records not sent, reading back a batch
    // that was in flight.
    if (hasWork(job)) launch(job);
    return { ok: true, value: summary(job) };
  }

  async function begin(job: BulkJob): Promise<{ ok: true; value: { jobId: string } }> {
    const jobs = await allJobs();
    jobs.set(job.id, job);
    try {
      await deps.store.create(job);
    } catch (error) {
      // Not stored (storage.local full): not a job either, so it is not listed as one that never runs.
      jobs.delete(job.id);
      throw error;
    }
    if (!isTerminal(job)) launch(job);
    else recordsAtRest(job);
    return { ok: true, value: { jobId: job.id } };
  }

  return {
    start: (spec) => begin(createBulkJob({ ...spec, id: deps.newJobId(), now: deps.now() })),

    async status(jobId, includeRecords = false) {
      const job = await get(jobId);
      if (!job) return { ok: false, error: NOT_FOUND };
      const view: BulkJobView = summary(job);
      if (includeRecords === true || (includeRecords === 'atRest' && !hasWork(job))) {
        view.records = hasWork(job) ? encodeRows(job) : recordsAtRest(job);
      }
      return { ok: true, value: view };
    },

    async jobs() {
      return { ok: true, value: (await sortedJobs()).map(summary) };
    },

    pause: (jobId) => act(jobId, (job) => pauseBulkJob(job)),
    resume: (jobId) => act(jobId, resumeBulkJob),
    cancel: (jobId) => act(jobId, cancelBulkJob),

    async retryFailed(jobId) {
      const job = await get(jobId);
      if (!job) return { ok: false, error: NOT_FOUND };
      const retry = createRetryJob(job, deps.newJobId(), deps.now());
      if (!retry) return { ok: false, error: { code: 'NOTHING_TO_RETRY' } };
      return begin(retry);
    },

    async undo(jobId) {
      const job = await get(jobId);
      if (!job) return { ok: false, error: NOT_FOUND };
      if (hasWork(job)) return { ok: false, error: { code: 'RUN_STILL_MOVING' } };
      // One put-back per removal: a second request (another tab, a reload) shows the first.
      const earlier = (await sortedJobs()).find((other) => other.undoOf === job.id && other.retryOf === null);
      if (earlier) return { ok: true, value: { jobId: earlier.id } };
      const undo = createUndoJob(job, deps.newJobId(), deps.now());
      if (!undo) return { ok: false, error: { code: 'NOTHING_TO_PUT_BACK' } };
      return begin(undo);
    },

    async resumeInterrupted() {
      for (const job of (await allJobs()).values()) if (hasWork(job)) launch(job);
      // Woken (by the alarm, say) with nothing left to run: nothing needs waking any more.
      if (live.size === 0) deps.onBusyChange?.(false);
    },

    async idle() {
      while (live.size > 0) await Promise.all([...live.values()].map((run) => run.done));
    },
  };
}

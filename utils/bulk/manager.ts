// The jobs of the background: start, follow, pause, resume, cancel, retry, and pick up every
// unfinished job after a service-worker or browser restart. Storage and Zoho calls are injected.
import type { BulkJobView, BulkResponseOf } from '../bulk-protocol';
import type { ErrorInfo, Result } from '../messaging';
import { type BulkJob, type BulkJobSpec, createBulkJob, createRetryJob, isTerminal, parseBulkJob } from './job';
import { type BulkJobSummary, encodeRows, jobRows, jobSummary, type RecordsWanted } from './progress';
import {
  type BulkRunnerDeps,
  cancelBulkJob,
  pauseBulkJob,
  type RetryPolicy,
  resumeBulkJob,
  runBulkJob,
} from './runner';

export interface BulkJobStore {
  /** the stored job, as stored (checked here), or undefined */
  load(jobId: string): Promise<unknown>;
  /** must capture the job when called, as `storage.local.set` does */
  save(job: BulkJob): Promise<void>;
  /** every stored job, as stored */
  list(): Promise<unknown[]>;
  remove(jobId: string): Promise<void>;
}

export interface BulkManagerDeps {
  store: BulkJobStore;
  /** Zoho calls bound to the job's data centre, org and module */
  callsFor(job: BulkJob): Pick<BulkRunnerDeps, 'removeBatch' | 'readTerritories'>;
  newJobId(): string;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  onProgress?(job: BulkJob): void;
  /** a run stopped on an error of ours (storage): the job stays as last saved */
  onRunError?(job: BulkJob, error: unknown): void;
  policy?: RetryPolicy;
  /** finished and cancelled jobs kept for the page; older ones are removed */
  keepFinished?: number;
}

export type BulkStartSpec = Omit<BulkJobSpec, 'id' | 'now' | 'retryOf'>;

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
  /** At worker start: run every job that was running or cancelling when the worker stopped. */
  resumeInterrupted(): Promise<void>;
  /** Resolves when every run under way has ended (for tests and shutdown). */
  idle(): Promise<void>;
}

export function createBulkJobManager(deps: BulkManagerDeps): BulkJobManager {
  const live = new Map<string, LiveRun>();
  // storage.local's quota is 10 MB: a finished 100,000-record job takes about 8 MB as stored today.
  const keepFinished = deps.keepFinished ?? 3;

  const runnerDeps = (job: BulkJob): BulkRunnerDeps => ({
    ...deps.callsFor(job),
    save: (saved) => deps.store.save(saved),
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
        if (isTerminal(job)) await prune();
      } catch (error) {
        deps.onRunError?.(job, error);
      } finally {
        live.delete(job.id);
      }
    })();
    live.set(job.id, run);
  }

  async function get(jobId: string): Promise<BulkJob | null> {
    return live.get(jobId)?.job ?? parseBulkJob(await deps.store.load(jobId));
  }

  async function storedJobs(): Promise<BulkJob[]> {
    const jobs = new Map<string, BulkJob>();
    for (const stored of await deps.store.list()) {
      const job = parseBulkJob(stored);
      if (job) jobs.set(job.id, job);
    }
    for (const [id, run] of live) jobs.set(id, run.job);
    return [...jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  async function prune(): Promise<void> {
    const finished = (await storedJobs()).filter(isTerminal);
    for (const job of finished.slice(keepFinished)) await deps.store.remove(job.id);
  }

  const summary = (job: BulkJob): BulkJobSummary => jobSummary(job, deps.now());

  /** Applies a user's request to the job (live or stored), saves it, and runs it when there is work. */
  async function act(jobId: string, apply: (job: BulkJob) => void): Promise<Result<BulkJobSummary>> {
    const job = await get(jobId);
    if (!job) return { ok: false, error: NOT_FOUND };
    apply(job);
    await deps.store.save(job);
    // A cancelled job is run too: the run settles the records not sent, reading back a batch
    // that was in flight.
    if (hasWork(job)) launch(job);
    return { ok: true, value: summary(job) };
  }

  async function begin(job: BulkJob): Promise<{ ok: true; value: { jobId: string } }> {
    await deps.store.save(job);
    if (!isTerminal(job)) launch(job);
    return { ok: true, value: { jobId: job.id } };
  }

  return {
    start: (spec) => begin(createBulkJob({ ...spec, id: deps.newJobId(), now: deps.now() })),

    async status(jobId, includeRecords = false) {
      const job = await get(jobId);
      if (!job) return { ok: false, error: NOT_FOUND };
      const view: BulkJobView = summary(job);
      if (includeRecords === true || (includeRecords === 'atRest' && !hasWork(job))) {
        view.records = encodeRows(jobRows(job));
      }
      return { ok: true, value: view };
    },

    async jobs() {
      return { ok: true, value: (await storedJobs()).map(summary) };
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

    async resumeInterrupted() {
      for (const job of await storedJobs()) if (hasWork(job) && !live.has(job.id)) launch(job);
    },

    async idle() {
      while (live.size > 0) await Promise.all([...live.values()].map((run) => run.done));
    },
  };
}

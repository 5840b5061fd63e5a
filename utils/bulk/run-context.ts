// What one run of a job holds while it works: the job, its operation, its injected calls, the
// retry policy, the persister, and the state shared by its workers. Pure: no browser or Zoho imports.
import { LOST_ANSWER_WAIT_MS, STABLE_READ_GAP_MS } from '../zoho/request-timing';
import type { BatchAnswer, BatchItem } from './batch-answer';
import { type BatchState, type BulkBatch, type BulkJob, createBatch, isSettled, type RecordOutcome } from './job';
import type { BulkOperation, TerritoryAction } from './operation';

export interface BulkRunnerDeps {
  /** POST …/{Module}/actions/{action}. May also throw; see `answerOfThrown`. */
  sendBatch(action: TerritoryAction, items: BatchItem[]): Promise<BatchAnswer>;
  /** GET …/{Module}?ids=…&fields=Territories (at most 100 ids): territory ids per record returned. */
  readTerritories(recordIds: string[]): Promise<ReadonlyMap<string, readonly string[]>>;
  /** Persist the job's head and the batches given (those done too); resolves once stored. */
  save(job: BulkJob, changed: readonly BulkBatch[]): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** in [0, 1) */
  random(): number;
  onProgress?(job: BulkJob): void;
}

export interface RetryPolicy {
  /** sends of one batch that may fail (5xx, lost answer) before its records are marked `error` */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s in a row before the job pauses itself (the org's daily credits are likely used up) */
  maxRateLimitWaits: number;
  /** after a POST whose answer was lost, no read of its records before this long after it went out */
  lostAnswerWaitMs: number;
  /** between two reads of a lost POST's records that must agree */
  stableReadGapMs: number;
  /** reads of a lost POST's records before what they hold is taken as it is */
  maxStableReads: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  // Chromium stops a service worker idle for ~30 s (extension-platform.md); every send saves to
  // storage first, which counts as activity, so no single wait may be longer than that.
  maxDelayMs: 20_000,
  maxRateLimitWaits: 10,
  lostAnswerWaitMs: LOST_ANSWER_WAIT_MS,
  stableReadGapMs: STABLE_READ_GAP_MS,
  maxStableReads: 4,
};

interface Persister {
  /** the batch changed: the next save writes it */
  touch(batch: BulkBatch): void;
  /** saves the head and every batch touched since the last save */
  save(): Promise<void>;
  /** saves with the next save, or on its own once the worker has nothing else to do */
  saveSoon(): void;
}

/**
 * Each save writes at once what it captures when called: the head and the batches touched since
 * the last save. Storage applies `set` calls in the order they were made (Chromium sends them to
 * the browser process in order; Firefox runs its IndexedDB transactions in order), so a later
 * save never lands under an earlier one, and none waits for another.
 */
export function createPersister(job: BulkJob, deps: BulkRunnerDeps, onError: (error: unknown) => void): Persister {
  const touched = new Set<BulkBatch>();
  let soon = false;
  const save = (): Promise<void> => {
    job.updatedAt = deps.now();
    const changed = [...touched];
    touched.clear();
    return deps.save(job, changed);
  };
  return {
    touch: (batch) => touched.add(batch),
    save,
    saveSoon() {
      if (soon) return;
      soon = true;
      // A turn of the event loop, not a wait: every slot's next step comes first.
      setTimeout(() => {
        soon = false;
        if (touched.size > 0) save().catch(onError);
      }, 0);
    },
  };
}

/** An error of ours (storage): no new batch is sent, and the run ends with it. */
export function fail(ctx: RunContext, error: unknown): void {
  ctx.failure ??= { error };
  wake(ctx.job);
}

export function throwFailure(ctx: RunContext): void {
  if (ctx.failure) throw ctx.failure.error;
}

export interface RunContext {
  job: BulkJob;
  op: BulkOperation;
  deps: BulkRunnerDeps;
  policy: RetryPolicy;
  persist: Persister;
  /** no send before this time: set by a 429, honoured by every worker */
  holdUntil: number;
  rateLimitStreak: number;
  /** batches a worker holds right now */
  claimed: Set<BulkBatch>;
  /** a refusal true for every batch: what the records not yet sent become */
  jobWide: RecordOutcome | null;
  failure: { error: unknown } | null;
}

export function mayDispatch(ctx: RunContext): boolean {
  return ctx.job.status === 'running' && ctx.jobWide === null && ctx.failure === null;
}

// Sleeping runs, so that pause and cancel take effect during a back-off instead of after it.
const wakers = new WeakMap<BulkJob, Set<() => void>>();

export function wake(job: BulkJob): void {
  for (const resolve of wakers.get(job) ?? []) resolve();
}

/** A sleep that a pause or cancel of the job cuts short. */
export async function sleep(ctx: RunContext, ms: number): Promise<void> {
  if (ms <= 0) return;
  const set = wakers.get(ctx.job) ?? new Set<() => void>();
  wakers.set(ctx.job, set);
  let waker = (): void => undefined;
  const woken = new Promise<void>((resolve) => {
    waker = resolve;
  });
  set.add(waker);
  try {
    await Promise.race([ctx.deps.sleep(ms), woken]);
  } finally {
    set.delete(waker);
  }
}

/** Exponential back-off with jitter: half fixed, half random, capped. */
export function backoffDelay(ctx: RunContext, attempt: number): number {
  const ceiling = Math.min(ctx.policy.maxDelayMs, ctx.policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ctx.deps.random() * ceiling) / 2);
}

/** The record, one of `batch`'s, ends as `outcome` (unless it already ended). */
export function settle(ctx: RunContext, batch: BulkBatch, recordId: string, outcome: RecordOutcome): void {
  if (isSettled(ctx.job, recordId)) return;
  ctx.job.outcomes[recordId] = outcome;
  batch.outcomes[recordId] = outcome;
  ctx.persist.touch(batch);
}

export function settleAll(ctx: RunContext, batch: BulkBatch, outcome: RecordOutcome): void {
  for (const recordId of batch.recordIds) settle(ctx, batch, recordId, outcome);
}

export function addBatch(ctx: RunContext, recordIds: string[], from: BatchState): void {
  if (recordIds.length === 0) return;
  const batch = createBatch(ctx.job.nextBatchId++, recordIds, from);
  ctx.job.batches.push(batch);
  ctx.persist.touch(batch);
}

/** The batch has handed on or settled all its records: saved as done with the next save. */
export function dropBatch(ctx: RunContext, batch: BulkBatch): void {
  const index = ctx.job.batches.indexOf(batch);
  if (index >= 0) ctx.job.batches.splice(index, 1);
  batch.recordIds = [];
  batch.status = 'done';
  ctx.persist.touch(batch);
}

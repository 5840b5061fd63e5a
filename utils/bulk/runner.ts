// Runs a bulk job against injected Zoho calls and storage. Pure logic: no browser or Zoho imports.
//
// Nothing lost, nothing doubled: a batch is saved as `sending`, with the time it went out, before
// its POST. A batch whose answer did not arrive (lost, timed out, or the worker stopped) is read
// back (`readTerritories`) only once Zoho can no longer be working on it (`lostAnswerWaitMs` after
// it went out), and read again until two reads agree; only records still holding a requested
// territory are sent again. A 429 was not processed (zoho-crm.md §1), so it is re-sent after a wait.
//
// Every change is saved as the job's head plus the batches it touched (journal.ts): a save costs a
// batch, not the job.
import type { ErrorInfo } from '../messaging';
import { LOST_ANSWER_WAIT_MS, STABLE_READ_GAP_MS } from '../zoho/request-timing';
import {
  type BatchState,
  type BulkBatch,
  type BulkJob,
  createBatch,
  isSettled,
  type RecordOutcome,
  territoriesToSend,
  type VerifyFirst,
} from './job';
import {
  batchLimitOf,
  isJobWide,
  isRateLimited,
  isServerFault,
  needsSignIn,
  outcomeOfError,
  refersToTerritory,
  type ZohoError,
} from './outcomes';
import { READ_CHUNK_SIZE, splitIntoBatches } from './plan';

export interface BatchItem {
  id: string;
  territoryIds: string[];
}

/** One entry of `data[]`, paired with its record by the caller (entry i answers item i). */
export interface RecordResult {
  id: string;
  status: 'success' | 'error';
  code: string;
  jobId?: string;
  message?: string;
  details?: Readonly<Record<string, unknown>>;
}

export type BatchAnswer =
  /** 200, 202 or 207: an entry per record */
  | { kind: 'records'; results: RecordResult[] }
  /** one error for the whole request: 429, 401, 5xx, a limit, … */
  | ({ kind: 'error' } & ZohoError)
  /** no answer arrived (network error, time-out): Zoho may or may not have processed the batch */
  | { kind: 'lost'; code: string; message?: string };

export interface BulkRunnerDeps {
  /** POST …/{Module}/actions/remove_territories. May also throw; see `answerOfThrown`. */
  removeBatch(items: BatchItem[]): Promise<BatchAnswer>;
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

/** A thrown error with an HTTP status is an answer; without one, the answer was lost. */
export function answerOfThrown(thrown: unknown): BatchAnswer {
  const error = zohoErrorOf(thrown);
  // A 2xx that could not be read may still have been processed: treat it as lost.
  if (error.status === undefined || (error.status >= 200 && error.status < 300)) {
    const lost: BatchAnswer = { kind: 'lost', code: error.code };
    if (error.message !== undefined) lost.message = error.message;
    return lost;
  }
  return { kind: 'error', ...error };
}

function zohoErrorOf(thrown: unknown): ZohoError {
  if (typeof thrown !== 'object' || thrown === null) return { code: 'NETWORK_ERROR', message: String(thrown) };
  const code = 'code' in thrown && typeof thrown.code === 'string' ? thrown.code : 'NETWORK_ERROR';
  const error: ZohoError = { code };
  if ('status' in thrown && typeof thrown.status === 'number') error.status = thrown.status;
  if ('message' in thrown && typeof thrown.message === 'string') error.message = thrown.message;
  if ('details' in thrown && typeof thrown.details === 'object' && thrown.details !== null) {
    error.details = thrown.details as Record<string, unknown>;
  }
  return error;
}

function errorInfo(error: ZohoError): ErrorInfo {
  const info: ErrorInfo = { code: error.code };
  if (error.status !== undefined) info.status = error.status;
  if (error.message !== undefined) info.message = error.message;
  return info;
}

// Sleeping runs, so that pause and cancel take effect during a back-off instead of after it.
const wakers = new WeakMap<BulkJob, Set<() => void>>();

function wake(job: BulkJob): void {
  for (const resolve of wakers.get(job) ?? []) resolve();
}

/** Stop sending new batches; batches already sent finish. The caller saves or the run does. */
export function pauseBulkJob(job: BulkJob, reason: ErrorInfo | null = null): void {
  if (job.status !== 'running') return;
  job.status = 'paused';
  job.pauseReason = reason;
  wake(job);
}

/** A paused job runs again once `runBulkJob` is called on it. */
export function resumeBulkJob(job: BulkJob): void {
  if (job.status !== 'paused') return;
  job.status = 'running';
  job.pauseReason = null;
}

/**
 * No new batches; the records not sent end `cancelled`. A job that is not running must be passed
 * to `runBulkJob` to settle: a batch in flight when the worker stopped is read back first.
 */
export function cancelBulkJob(job: BulkJob): void {
  if (job.status === 'finished' || job.status === 'cancelled') return;
  job.status = 'cancelled';
  job.pauseReason = null;
  wake(job);
}

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
function createPersister(job: BulkJob, deps: BulkRunnerDeps, onError: (error: unknown) => void): Persister {
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

interface RunContext {
  job: BulkJob;
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

function mayDispatch(ctx: RunContext): boolean {
  return ctx.job.status === 'running' && ctx.jobWide === null && ctx.failure === null;
}

async function sleep(ctx: RunContext, ms: number): Promise<void> {
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
function backoffDelay(ctx: RunContext, attempt: number): number {
  const ceiling = Math.min(ctx.policy.maxDelayMs, ctx.policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ctx.deps.random() * ceiling) / 2);
}

async function waitForHold(ctx: RunContext): Promise<void> {
  for (;;) {
    const wait = ctx.holdUntil - ctx.deps.now();
    if (wait <= 0 || !mayDispatch(ctx)) return;
    await sleep(ctx, wait);
  }
}

/** The record, one of `batch`'s, ends as `outcome` (unless it already ended). */
function settle(ctx: RunContext, batch: BulkBatch, recordId: string, outcome: RecordOutcome): void {
  if (isSettled(ctx.job, recordId)) return;
  ctx.job.outcomes[recordId] = outcome;
  batch.outcomes[recordId] = outcome;
  ctx.persist.touch(batch);
}

function settleAll(ctx: RunContext, batch: BulkBatch, outcome: RecordOutcome): void {
  for (const recordId of batch.recordIds) settle(ctx, batch, recordId, outcome);
}

function addBatch(ctx: RunContext, recordIds: string[], from: BatchState) {
  if (recordIds.length === 0) return;
  const batch = createBatch(ctx.job.nextBatchId++, recordIds, from);
  ctx.job.batches.push(batch);
  ctx.persist.touch(batch);
}

/** The batch has handed on or settled all its records: saved as done with the next save. */
function dropBatch(ctx: RunContext, batch: BulkBatch): void {
  const index = ctx.job.batches.indexOf(batch);
  if (index >= 0) ctx.job.batches.splice(index, 1);
  batch.recordIds = [];
  batch.status = 'done';
  ctx.persist.touch(batch);
}

type ReadResult = { ok: true; held: ReadonlyMap<string, readonly string[]> } | { ok: false; error: ZohoError };

function sameHoldings(a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, territories] of a) {
    const other = b.get(id);
    if (!other || other.length !== territories.length || territories.some((t) => !other.includes(t))) return false;
  }
  return true;
}

/**
 * What the records of a batch whose answer was lost hold, once Zoho can no longer be working on
 * it: not before `lostAnswerWaitMs` after it went out, then read until two reads agree. The wait
 * is not cut short by a pause or cancel: what the records end as depends on it.
 */
async function readSettled(ctx: RunContext, batch: BulkBatch): Promise<ReadResult> {
  if (batch.sentAt !== null) {
    for (let wait = batch.sentAt + ctx.policy.lostAnswerWaitMs - ctx.deps.now(); wait > 0; ) {
      await ctx.deps.sleep(wait);
      wait = batch.sentAt + ctx.policy.lostAnswerWaitMs - ctx.deps.now();
    }
  }
  let read = await readBack(ctx, batch.recordIds);
  if (batch.sentAt === null) return read;
  for (let reads = 1; read.ok && reads < ctx.policy.maxStableReads; reads++) {
    await ctx.deps.sleep(ctx.policy.stableReadGapMs);
    const again = await readBack(ctx, batch.recordIds);
    if (!again.ok || sameHoldings(read.held, again.held)) return again;
    read = again;
  }
  return read;
}

async function readBack(ctx: RunContext, recordIds: string[]): Promise<ReadResult> {
  const held = new Map<string, readonly string[]>();
  for (const chunk of splitIntoBatches(recordIds, READ_CHUNK_SIZE)) {
    ctx.job.calls.read++;
    try {
      for (const [id, territories] of await ctx.deps.readTerritories(chunk)) held.set(id, territories);
    } catch (thrown) {
      return { ok: false, error: zohoErrorOf(thrown) };
    }
  }
  return { ok: true, held };
}

/**
 * A record holding none of its territories any more is settled as `verify.goneMeans`; the others
 * keep only the territories they still hold. A record Zoho did not return is kept as it was, so
 * that Zoho's answer to the removal decides.
 */
function applyReadBack(
  ctx: RunContext,
  batch: BulkBatch,
  verify: VerifyFirst,
  held: ReadonlyMap<string, readonly string[]>,
): void {
  const { job } = ctx;
  const still: string[] = [];
  for (const recordId of batch.recordIds) {
    const territories = held.get(recordId);
    if (territories) {
      const remaining = territoriesToSend(job, recordId).filter((t) => territories.includes(t));
      if (remaining.length === 0) {
        settle(ctx, batch, recordId, { kind: verify.goneMeans });
        continue;
      }
      if (remaining.length === job.territoryIds.length) delete job.territoriesOf[recordId];
      else job.territoriesOf[recordId] = remaining;
    }
    still.push(recordId);
  }
  batch.recordIds = still;
  ctx.persist.touch(batch);
}

/** What a worker does next with its batch. */
type Step = 'again' | 'released' | 'done';

/** Failures that are nobody's fault in particular: wait, or pause when the job cannot go on alone. */
function onRefusedCall(ctx: RunContext, error: ZohoError): Step | null {
  if (isRateLimited(error)) {
    ctx.rateLimitStreak++;
    if (ctx.rateLimitStreak > ctx.policy.maxRateLimitWaits) {
      pauseBulkJob(ctx.job, errorInfo(error));
      return 'released';
    }
    ctx.holdUntil = Math.max(ctx.holdUntil, ctx.deps.now() + backoffDelay(ctx, ctx.rateLimitStreak));
    return 'again';
  }
  if (needsSignIn(error)) {
    pauseBulkJob(ctx.job, errorInfo(error));
    return 'released';
  }
  return null;
}

async function retryLater(ctx: RunContext, batch: BulkBatch, error: ZohoError): Promise<Step> {
  batch.attempts++;
  batch.lastError = errorInfo(error);
  if (batch.attempts < ctx.policy.maxAttempts) await sleep(ctx, backoffDelay(ctx, batch.attempts));
  return 'again';
}

async function verifyStep(ctx: RunContext, batch: BulkBatch, verify: VerifyFirst): Promise<Step> {
  const read = await readSettled(ctx, batch);
  if (!read.ok) {
    const step = onRefusedCall(ctx, read.error);
    if (step) return step;
    if (batch.attempts + 1 >= ctx.policy.maxAttempts) {
      // Whether Zoho processed the lost send cannot be known: report the failure, not a guess.
      settleAll(ctx, batch, outcomeOfError(read.error));
      return 'done';
    }
    return retryLater(ctx, batch, read.error);
  }
  ctx.rateLimitStreak = 0;
  applyReadBack(ctx, batch, verify, read.held);
  batch.verify = null;
  batch.sentAt = null;
  if (batch.recordIds.length === 0) return 'done';
  if (batch.attempts >= ctx.policy.maxAttempts) {
    settleAll(ctx, batch, outcomeOfError(batch.lastError ?? { code: 'NETWORK_ERROR' }));
    return 'done';
  }
  return 'again';
}

async function sendStep(ctx: RunContext, batch: BulkBatch): Promise<Step> {
  const { job, deps } = ctx;
  const items = batch.recordIds.map((id): BatchItem => ({ id, territoryIds: territoriesToSend(job, id) }));
  batch.status = 'sending';
  batch.sentAt = deps.now();
  ctx.persist.touch(batch);
  await ctx.persist.save();
  if (!mayDispatch(ctx)) {
    // Paused or cancelled while the batch was being saved: it never went out.
    batch.status = 'pending';
    batch.sentAt = null;
    ctx.persist.touch(batch);
    return 'released';
  }
  job.calls.remove++;
  let answer: BatchAnswer;
  try {
    answer = await deps.removeBatch(items);
  } catch (thrown) {
    answer = answerOfThrown(thrown);
  }
  batch.status = 'pending';
  ctx.persist.touch(batch);
  if (answer.kind !== 'lost') batch.sentAt = null;
  switch (answer.kind) {
    case 'records':
      ctx.rateLimitStreak = 0;
      applyRecordResults(ctx, batch, answer.results);
      return 'done';
    case 'lost':
      batch.verify = { goneMeans: 'removed' };
      return retryLater(ctx, batch, answer);
    case 'error':
      return onBatchError(ctx, batch, answer);
  }
}

function applyRecordResults(ctx: RunContext, batch: BulkBatch, results: readonly RecordResult[]): void {
  const byId = new Map<string, RecordResult>();
  for (const result of results) if (!byId.has(result.id)) byId.set(result.id, result);
  const followUp = { attempts: batch.attempts + 1, lastError: null };
  const mayFollowUp = followUp.attempts < ctx.policy.maxAttempts;
  const resend: string[] = [];
  const checkRemoved: string[] = [];
  const checkHeld: string[] = [];
  for (const recordId of batch.recordIds) {
    const result = byId.get(recordId);
    if (!result) {
      if (mayFollowUp) checkRemoved.push(recordId);
      else
        settle(ctx, batch, recordId, {
          kind: 'error',
          code: 'INVALID_RESPONSE',
          message: 'Zoho did not answer for it.',
        });
    } else if (result.status === 'success') {
      const scheduled = result.code === 'SCHEDULED' || result.jobId !== undefined;
      settle(
        ctx,
        batch,
        recordId,
        scheduled ? { kind: 'scheduled', jobId: result.jobId ?? null } : { kind: 'removed' },
      );
    } else {
      const error: ZohoError = { code: result.code };
      if (result.message !== undefined) error.message = result.message;
      if (result.details !== undefined) error.details = result.details;
      if (mayFollowUp && (isRateLimited(error) || isServerFault(error))) resend.push(recordId);
      else if (
        mayFollowUp &&
        error.code === 'INVALID_DATA' &&
        refersToTerritory(error.details) &&
        territoriesToSend(ctx.job, recordId).length > 1
      ) {
        // One territory not on the record makes Zoho refuse the whole entry: the others may remain.
        checkHeld.push(recordId);
      } else settle(ctx, batch, recordId, outcomeOfError(error));
    }
  }
  addBatch(ctx, resend, { ...followUp, verify: null });
  addBatch(ctx, checkHeld, { ...followUp, verify: { goneMeans: 'not-assigned' } });
  addBatch(ctx, checkRemoved, { ...followUp, verify: { goneMeans: 'removed' } });
}

async function onBatchError(ctx: RunContext, batch: BulkBatch, error: ZohoError): Promise<Step> {
  const refused = onRefusedCall(ctx, error);
  if (refused) return refused;
  ctx.rateLimitStreak = 0;
  const limit = batchLimitOf(error);
  if (limit) {
    if (batch.recordIds.length === 1) {
      settleAll(ctx, batch, outcomeOfError(error));
      return 'done';
    }
    shrinkBatches(ctx, batch, limit.limit);
    return 'done';
  }
  if (isServerFault(error)) {
    if (batch.attempts + 1 >= ctx.policy.maxAttempts) {
      settleAll(ctx, batch, outcomeOfError(error));
      return 'done';
    }
    return retryLater(ctx, batch, error);
  }
  if (isJobWide(error)) {
    ctx.jobWide = outcomeOfError(error);
    settleAll(ctx, batch, ctx.jobWide);
    return 'done';
  }
  if (batch.recordIds.length > 1) {
    // A refusal of the whole request names no record: halve until each record answers for itself.
    const half = Math.ceil(batch.recordIds.length / 2);
    addBatch(ctx, batch.recordIds.slice(0, half), batch);
    addBatch(ctx, batch.recordIds.slice(half), batch);
    return 'done';
  }
  settleAll(ctx, batch, outcomeOfError(error));
  return 'done';
}

/** Zoho takes fewer records per call: use its limit, or half, for this batch and all not yet sent. */
function shrinkBatches(ctx: RunContext, batch: BulkBatch, limit: number | null): void {
  const { job } = ctx;
  const size = Math.max(
    1,
    limit !== null && limit < batch.recordIds.length ? limit : Math.floor(batch.recordIds.length / 2),
  );
  job.batchSize = Math.min(job.batchSize, size);
  for (const ids of splitIntoBatches(batch.recordIds, size)) addBatch(ctx, ids, batch);
  for (const waiting of [...job.batches]) {
    if (ctx.claimed.has(waiting) || waiting.recordIds.length <= job.batchSize) continue;
    const recordIds = waiting.recordIds;
    dropBatch(ctx, waiting);
    for (const ids of splitIntoBatches(recordIds, job.batchSize)) addBatch(ctx, ids, waiting);
  }
}

async function processBatch(ctx: RunContext, batch: BulkBatch): Promise<void> {
  for (;;) {
    await waitForHold(ctx);
    if (!mayDispatch(ctx)) return;
    const step = batch.verify ? await verifyStep(ctx, batch, batch.verify) : await sendStep(ctx, batch);
    if (step === 'released') return;
    if (step === 'done') {
      dropBatch(ctx, batch);
      // Most often written with the slot's next batch, marked as sending: one write per batch.
      ctx.persist.saveSoon();
      ctx.deps.onProgress?.(ctx.job);
      return;
    }
  }
}

/** An error of ours (storage): no new batch is sent, and the run ends with it. */
function fail(ctx: RunContext, error: unknown): void {
  ctx.failure ??= { error };
  wake(ctx.job);
}

function throwFailure(ctx: RunContext): void {
  if (ctx.failure) throw ctx.failure.error;
}

/** Runs batches, at most `job.concurrency` at a time, until none is left or the job stops. */
function dispatch(ctx: RunContext): Promise<void> {
  let active = 0;
  return new Promise((resolve) => {
    const pump = (): void => {
      while (mayDispatch(ctx) && active < ctx.job.concurrency) {
        const batch = ctx.job.batches.find((b) => !ctx.claimed.has(b));
        if (!batch) break;
        ctx.claimed.add(batch);
        active++;
        processBatch(ctx, batch)
          .catch((error: unknown) => fail(ctx, error))
          .finally(() => {
            ctx.claimed.delete(batch);
            active--;
            pump();
          });
      }
      if (active === 0) resolve();
    };
    pump();
  });
}

/**
 * Records not sent get `outcome`; a batch whose last send got no answer is read back first, so a
 * record Zoho did process is not reported as untouched.
 */
async function settleUnsent(ctx: RunContext, outcome: RecordOutcome): Promise<void> {
  for (const batch of [...ctx.job.batches]) {
    if (batch.verify) {
      const read = await readSettled(ctx, batch);
      if (read.ok) applyReadBack(ctx, batch, batch.verify, read.held);
      else settleAll(ctx, batch, outcomeOfError(read.error));
    }
    settleAll(ctx, batch, outcome);
    dropBatch(ctx, batch);
  }
}

function settledCount(job: BulkJob): number {
  return Object.keys(job.outcomes).length;
}

/**
 * Runs (or resumes) `job` until every record has an outcome, the job is paused, or it is
 * cancelled; resolves with the same, mutated job. Safe to call on a job read back from storage
 * at any point: batches saved as `sending` are verified before anything is sent again. A job
 * that is `paused` or already over is returned as it is.
 */
export async function runBulkJob(
  job: BulkJob,
  deps: BulkRunnerDeps,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<BulkJob> {
  for (const batch of job.batches) {
    if (batch.status === 'sending') {
      // Went out when the worker stopped: its answer is lost, whatever Zoho did.
      batch.status = 'pending';
      batch.verify ??= { goneMeans: 'removed' };
    }
  }
  if (job.status === 'paused' || job.status === 'finished') return job;
  const ctx: RunContext = {
    job,
    deps,
    policy,
    persist: createPersister(job, deps, (error) => fail(ctx, error)),
    holdUntil: 0,
    rateLimitStreak: 0,
    claimed: new Set(),
    jobWide: null,
    failure: null,
  };
  if (job.status === 'running') {
    job.runStartedAt = deps.now();
    job.settledAtRunStart = settledCount(job);
    await dispatch(ctx);
  }
  throwFailure(ctx);
  await conclude(ctx);
  // A save not waited for may have failed meanwhile; the last save landed after it.
  throwFailure(ctx);
  return job;
}

/** After the last batch, a pause, a cancel or a refusal of the whole job. */
async function conclude(ctx: RunContext): Promise<void> {
  const { job, deps } = ctx;
  if (job.status === 'cancelled') await settleUnsent(ctx, { kind: 'cancelled' });
  else if (ctx.jobWide) await settleUnsent(ctx, ctx.jobWide);
  if (job.status !== 'paused' && job.batches.length === 0) {
    if (job.status === 'running') job.status = 'finished';
    job.finishedAt ??= deps.now();
  }
  await ctx.persist.save();
  deps.onProgress?.(job);
}

// Runs a bulk job against injected Zoho calls and storage. Pure logic: no browser or Zoho imports.
//
// What the job does to each record (remove its territories, or put back what a removal took) is
// the job's operation (operation.ts): its action, the state a read must find, what answers mean.
// The engine is the same for both:
//
// Nothing lost, nothing doubled: a batch is saved as `sending`, with the time it went out, before
// its POST. A batch whose answer did not arrive (lost, timed out, or the worker stopped) is read
// back (`readTerritories`) only once Zoho can no longer be working on it (`lostAnswerWaitMs` after
// it went out), and read again until two reads agree; only records the change has still to reach
// are sent again. A 429 was not processed (zoho-crm.md §1), so it is re-sent after a wait.
//
// Every change is saved as the job's head plus the batches it touched (journal.ts): a save costs a
// batch, not the job.
import { sendStep, verifyStep } from './batch-steps';
import type { BulkBatch, BulkJob, RecordOutcome } from './job';
import { operationOf } from './operation';
import { outcomeOfError } from './outcomes';
import { applyReadBack, readSettled } from './read-back';
import {
  type BulkRunnerDeps,
  createPersister,
  DEFAULT_RETRY_POLICY,
  dropBatch,
  fail,
  mayDispatch,
  type RetryPolicy,
  type RunContext,
  settleAll,
  sleep,
  throwFailure,
} from './run-context';

async function waitForHold(ctx: RunContext): Promise<void> {
  for (;;) {
    const wait = ctx.holdUntil - ctx.deps.now();
    if (wait <= 0 || !mayDispatch(ctx)) return;
    await sleep(ctx, wait);
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
    op: operationOf(job),
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

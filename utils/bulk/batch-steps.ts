// One worker's steps with one batch: send it, or read it back when its last answer never arrived,
// and what Zoho's answer makes of each record. What the change is comes from the run's operation
// (operation.ts); nothing here depends on the direction.
import { answerOfThrown, type BatchAnswer, type BatchItem, errorInfo, type RecordResult } from './batch-answer';
import { type BulkBatch, territoriesToSend, type VerifyFirst } from './job';
import {
  batchLimitOf,
  isJobWide,
  isRateLimited,
  isServerFault,
  needsSignIn,
  outcomeOfError,
  type ZohoError,
} from './outcomes';
import { splitIntoBatches } from './plan';
import { applyReadBack, readSettled } from './read-back';
import {
  addBatch,
  backoffDelay,
  dropBatch,
  mayDispatch,
  type RunContext,
  settle,
  settleAll,
  sleep,
} from './run-context';
import { pauseBulkJob } from './run-control';

/** What a worker does next with its batch. */
export type Step = 'again' | 'released' | 'done';

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

export async function verifyStep(ctx: RunContext, batch: BulkBatch, verify: VerifyFirst): Promise<Step> {
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

export async function sendStep(ctx: RunContext, batch: BulkBatch): Promise<Step> {
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
    answer = await deps.sendBatch(ctx.op.action, items);
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

function zohoErrorOfResult(result: RecordResult): ZohoError {
  const error: ZohoError = { code: result.code };
  if (result.message !== undefined) error.message = result.message;
  if (result.details !== undefined) error.details = result.details;
  return error;
}

function applyRecordResults(ctx: RunContext, batch: BulkBatch, results: readonly RecordResult[]): void {
  const byId = new Map<string, RecordResult>();
  for (const result of results) if (!byId.has(result.id)) byId.set(result.id, result);
  const followUp = { attempts: batch.attempts + 1, lastError: null };
  const mayFollowUp = followUp.attempts < ctx.policy.maxAttempts;
  const resend: string[] = [];
  const checkDone: string[] = [];
  const checkHeld: string[] = [];
  for (const recordId of batch.recordIds) {
    const result = byId.get(recordId);
    if (!result) {
      if (mayFollowUp) checkDone.push(recordId);
      else
        settle(ctx, batch, recordId, {
          kind: 'error',
          code: 'INVALID_RESPONSE',
          message: 'Zoho did not answer for it.',
        });
    } else if (result.status === 'success') {
      const scheduled = result.code === 'SCHEDULED' || result.jobId !== undefined;
      settle(ctx, batch, recordId, ctx.op.outcomeOfSuccess({ scheduled, jobId: result.jobId ?? null }));
    } else {
      const error = zohoErrorOfResult(result);
      if (mayFollowUp && (isRateLimited(error) || isServerFault(error))) resend.push(recordId);
      else if (mayFollowUp && ctx.op.refusesOneTerritory(error) && territoriesToSend(ctx.job, recordId).length > 1) {
        // One territory refused makes Zoho refuse the whole entry: the others may still need the change.
        checkHeld.push(recordId);
      } else settle(ctx, batch, recordId, ctx.op.outcomeOfRefusal(error));
    }
  }
  addBatch(ctx, resend, { ...followUp, verify: null });
  addBatch(ctx, checkHeld, { ...followUp, verify: { goneMeans: 'not-assigned' } });
  addBatch(ctx, checkDone, { ...followUp, verify: { goneMeans: 'removed' } });
}

async function onBatchError(ctx: RunContext, batch: BulkBatch, error: ZohoError): Promise<Step> {
  const refused = onRefusedCall(ctx, error);
  if (refused) return refused;
  ctx.rateLimitStreak = 0;
  const limit = batchLimitOf(error);
  if (limit) {
    if (batch.recordIds.length === 1) {
      settleAll(ctx, batch, ctx.op.outcomeOfRefusal(error));
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
  settleAll(ctx, batch, ctx.op.outcomeOfRefusal(error));
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

// Reading back what Zoho holds for a batch whose answer never arrived, and what it means for each
// record. Nothing lost, nothing doubled: a lost answer is waited out, never raced (zoho-crm.md §1).
import { zohoErrorOf } from './batch-answer';
import { type BulkBatch, territoriesToSend, type VerifyFirst } from './job';
import type { ZohoError } from './outcomes';
import { READ_CHUNK_SIZE, splitIntoBatches } from './plan';
import { type RunContext, settle } from './run-context';

export type ReadResult = { ok: true; held: ReadonlyMap<string, readonly string[]> } | { ok: false; error: ZohoError };

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
export async function readSettled(ctx: RunContext, batch: BulkBatch): Promise<ReadResult> {
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
 * A record the change no longer has anything to do for (its territories gone, or back) is settled
 * as the operation says of `verify`; the others keep only the territories still to change. A
 * record Zoho did not return is kept as it was, so that Zoho's answer to the change decides.
 */
export function applyReadBack(
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
      const remaining = ctx.op.stillToChange(territoriesToSend(job, recordId), territories);
      if (remaining.length === 0) {
        settle(ctx, batch, recordId, ctx.op.outcomeOfReached(verify));
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

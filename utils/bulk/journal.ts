// A bulk job as stored: a small head (status, counters, settings), the records as planned (written
// once), and one entry per batch, written whenever that batch changes. One save writes the head and
// the batches that changed, in a single storage call: its cost is a batch, not the job. Any set of
// saves that completed reads back as a job where each record is either settled (in the base or a
// batch entry) or held by exactly one open batch; a batch saved `sending` is read back before it is
// sent again. Pure: no browser, Zoho or WXT imports.
import * as v from 'valibot';
import { MAX_RECORD_NAME_LENGTH } from '../bulk-protocol';
import { TERRITORY_MODULES } from '../crm-page';
import { DATA_CENTRE_IDS } from '../data-centres';
import {
  BULK_JOB_VERSION,
  type BulkBatch,
  type BulkJob,
  MAX_BATCH_SIZE,
  MAX_CONCURRENCY,
  type RecordOutcome,
} from './job';

export type JobHead = Omit<BulkJob, 'recordIds' | 'recordNames' | 'territoriesOf' | 'outcomes' | 'batches'>;

/**
 * What the job was given: every record and its name, the territories narrowed by the preview, the
 * records settled by it.
 */
export interface JobBase {
  recordIds: string[];
  recordNames: string[];
  territoriesOf: Record<string, string[]>;
  outcomes: Record<string, RecordOutcome>;
}

export interface BatchEntry extends BulkBatch {
  /** the territories narrowed by a read, for this batch's records */
  territoriesOf: Record<string, string[]>;
}

export function headOf(job: BulkJob): JobHead {
  const {
    recordIds: _records,
    recordNames: _names,
    territoriesOf: _territories,
    outcomes: _outcomes,
    batches: _batches,
    ...head
  } = job;
  return head;
}

export function baseOf(job: BulkJob): JobBase {
  const outcomes: Record<string, RecordOutcome> = {};
  const inBatch = new Set(job.batches.flatMap((batch) => batch.recordIds));
  for (const [id, outcome] of Object.entries(job.outcomes)) if (!inBatch.has(id)) outcomes[id] = outcome;
  return { recordIds: job.recordIds, recordNames: job.recordNames, territoriesOf: job.territoriesOf, outcomes };
}

export function entryOf(job: BulkJob, batch: BulkBatch): BatchEntry {
  const territoriesOf: Record<string, string[]> = {};
  for (const id of batch.recordIds) {
    const narrowed = job.territoriesOf[id];
    if (narrowed) territoriesOf[id] = narrowed;
  }
  return { ...batch, recordIds: [...batch.recordIds], outcomes: { ...batch.outcomes }, territoriesOf };
}

const Id = v.pipe(v.string(), v.regex(/^\d{1,30}$/));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const RecordOutcomeSchema = v.variant('kind', [
  v.object({ kind: v.literal('removed') }),
  v.object({ kind: v.literal('restored'), already: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('scheduled'), jobId: v.nullable(v.string()) }),
  v.object({ kind: v.literal('not-assigned') }),
  v.object({ kind: v.literal('rule-assigned') }),
  v.object({ kind: v.literal('locked') }),
  v.object({ kind: v.literal('no-permission'), code: v.string() }),
  v.object({
    kind: v.literal('error'),
    code: v.string(),
    status: v.optional(v.number()),
    message: v.optional(v.string()),
  }),
  v.object({ kind: v.literal('cancelled') }),
]);

const ErrorInfoSchema = v.object({
  code: v.string(),
  status: v.optional(v.number()),
  message: v.optional(v.string()),
});

const Outcomes = v.record(v.string(), RecordOutcomeSchema);
const TerritoriesOf = v.record(v.string(), v.array(Id));

// Anything else than these (an older version, a damaged entry) is refused rather than half-resumed.
export const JobHeadSchema = v.object({
  version: v.literal(BULK_JOB_VERSION),
  id: v.pipe(v.string(), v.minLength(1)),
  dataCentre: v.picklist(DATA_CENTRE_IDS),
  sandbox: v.boolean(),
  orgId: v.nullable(Id),
  module: v.picklist(TERRITORY_MODULES),
  // Heads written before put-back runs carry no direction: they were removals.
  direction: v.optional(v.picklist(['remove', 'assign']), 'remove'),
  territoryIds: v.array(Id),
  batchSize: v.pipe(Count, v.minValue(1), v.maxValue(MAX_BATCH_SIZE)),
  concurrency: v.pipe(Count, v.minValue(1), v.maxValue(MAX_CONCURRENCY)),
  nextBatchId: Count,
  status: v.picklist(['running', 'paused', 'cancelled', 'finished']),
  pauseReason: v.nullable(ErrorInfoSchema),
  calls: v.object({ remove: Count, read: Count }),
  createdAt: v.number(),
  updatedAt: v.number(),
  finishedAt: v.nullable(v.number()),
  runStartedAt: v.nullable(v.number()),
  settledAtRunStart: Count,
  retryOf: v.nullable(v.string()),
  undoOf: v.optional(v.nullable(v.string()), null),
});

export const JobBaseSchema = v.pipe(
  v.object({
    recordIds: v.array(Id),
    // One name per record, at the index of its id ('' for none); a base written without names has none.
    recordNames: v.optional(v.array(v.pipe(v.string(), v.maxLength(MAX_RECORD_NAME_LENGTH)))),
    territoriesOf: TerritoriesOf,
    outcomes: Outcomes,
  }),
  v.check(({ recordIds, recordNames }) => recordNames === undefined || recordNames.length === recordIds.length),
  v.transform(({ recordNames, ...base }) => ({
    ...base,
    recordNames: recordNames ?? base.recordIds.map(() => ''),
  })),
);

export const BatchEntrySchema = v.object({
  id: Count,
  recordIds: v.array(Id),
  status: v.picklist(['pending', 'sending', 'done']),
  sentAt: v.nullable(v.number()),
  outcomes: Outcomes,
  attempts: Count,
  verify: v.nullable(v.object({ goneMeans: v.picklist(['removed', 'not-assigned']) })),
  lastError: v.nullable(ErrorInfoSchema),
  territoriesOf: TerritoriesOf,
});

/**
 * The job a head, its base and the batch entries found describe, or null when head or base is not
 * one this version reads. A damaged batch entry is left out: its records stay as the entries before
 * it left them. A record settled anywhere is not sent again; a record in two open batches (never
 * written so, but cheap to refuse) stays in the first.
 */
export function assembleJob(head: unknown, base: unknown, entries: readonly unknown[]): BulkJob | null {
  const parsedHead = v.safeParse(JobHeadSchema, head);
  const parsedBase = v.safeParse(JobBaseSchema, base);
  if (!parsedHead.success || !parsedBase.success) return null;
  const batches: BatchEntry[] = [];
  for (const entry of entries) {
    const parsed = v.safeParse(BatchEntrySchema, entry);
    if (parsed.success) batches.push(parsed.output);
  }
  batches.sort((a, b) => a.id - b.id);
  const outcomes: Record<string, RecordOutcome> = { ...parsedBase.output.outcomes };
  for (const batch of batches) Object.assign(outcomes, batch.outcomes);
  const territoriesOf = { ...parsedBase.output.territoriesOf };
  const held = new Set<string>();
  const open: BulkBatch[] = [];
  for (const { territoriesOf: narrowed, ...batch } of batches) {
    if (batch.status === 'done') continue;
    batch.recordIds = batch.recordIds.filter((id) => !Object.hasOwn(outcomes, id) && !held.has(id));
    for (const id of batch.recordIds) {
      held.add(id);
      const territories = narrowed[id];
      if (territories) territoriesOf[id] = territories;
      else delete territoriesOf[id];
    }
    if (batch.recordIds.length > 0) open.push(batch);
  }
  const nextBatchId = Math.max(parsedHead.output.nextBatchId, ...batches.map((batch) => batch.id + 1));
  return {
    ...parsedHead.output,
    nextBatchId,
    recordIds: parsedBase.output.recordIds,
    recordNames: parsedBase.output.recordNames,
    territoriesOf,
    outcomes,
    batches: open,
  };
}

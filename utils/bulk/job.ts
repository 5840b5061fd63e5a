// The model of one bulk removal: plain JSON, stored as a journal (journal.ts) so a restarted
// service worker (or browser) can pick a job up where it stopped. Pure: no browser, Zoho or WXT imports.
import type { TerritoryModule } from '../crm-page';
import type { DataCentre } from '../data-centres';
import type { ErrorInfo } from '../messaging';
import { dedupeIds, planRecords, type RecordHoldings, type RecordNames, splitIntoBatches } from './plan';

export const BULK_JOB_VERSION = 3;

/** Zoho's many-record calls take at most 100 records, and `?ids=` reads at most 100 (zoho-crm.md §2). */
export const MAX_BATCH_SIZE = 100;
/** Free edition allows 5 concurrent calls per org (zoho-crm.md §7); the panel needs one of them too. */
export const MAX_CONCURRENCY = 10;
export const BULK_DEFAULTS = { batchSize: 100, concurrency: 3 } as const;

/** What a job does to each record's territories: remove them, or put back what a removal took. */
export type BulkDirection = 'remove' | 'assign';

export type OutcomeKind =
  | 'removed'
  | 'restored'
  | 'scheduled'
  | 'not-assigned'
  | 'rule-assigned'
  | 'locked'
  | 'no-permission'
  | 'error'
  | 'cancelled';

export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  'removed',
  'restored',
  'scheduled',
  'not-assigned',
  'rule-assigned',
  'locked',
  'no-permission',
  'error',
  'cancelled',
];

/** Outcomes a new run may change: everything that was refused for a passing reason or never sent. */
export const RETRYABLE_OUTCOMES: readonly OutcomeKind[] = ['locked', 'no-permission', 'error', 'cancelled'];

export type RecordOutcome =
  | { kind: 'removed' }
  /** a put-back run assigned the territories again; `already`: the record held them (DUPLICATE_DATA) */
  | { kind: 'restored'; already?: boolean }
  /** Zoho queued the change; `jobId` is null when Zoho only said a job was already running. */
  | { kind: 'scheduled'; jobId: string | null }
  | { kind: 'not-assigned' }
  | { kind: 'rule-assigned' }
  | { kind: 'locked' }
  | { kind: 'no-permission'; code: string }
  | { kind: 'error'; code: string; status?: number; message?: string }
  | { kind: 'cancelled' };

/**
 * A batch is read before it is sent; a record found as the job wants it (territories gone, or back
 * for a put-back run) is settled as the operation says (operation.ts): `removed` — a send of ours
 * did it; `not-assigned` — it was so already. The names are the removal's, kept as stored.
 */
export interface VerifyFirst {
  goneMeans: 'removed' | 'not-assigned';
}

/**
 * Records sent together. A batch is `done` when none of its records is left to it: each has an
 * outcome settled by it (in `outcomes`) or was handed to a later batch.
 */
export interface BulkBatch {
  id: number;
  /** records still to be settled by this batch */
  recordIds: string[];
  /** `sending` is saved before the POST: after a restart such a batch is verified, never re-sent blind. */
  status: 'pending' | 'sending' | 'done';
  /** when the last POST whose answer has not arrived went out; null when every POST was answered */
  sentAt: number | null;
  /** the outcomes this batch settled */
  outcomes: Record<string, RecordOutcome>;
  /** sends and reads that failed without a per-record answer (5xx, lost), plus follow-ups */
  attempts: number;
  /** set: read the records back before sending (the last answer never arrived) */
  verify: VerifyFirst | null;
  lastError: ErrorInfo | null;
}

export type BatchState = Pick<BulkBatch, 'attempts' | 'verify' | 'lastError'>;

export function createBatch(id: number, recordIds: string[], from: BatchState): BulkBatch {
  const { attempts, verify, lastError } = from;
  return { id, recordIds, status: 'pending', sentAt: null, outcomes: {}, attempts, verify, lastError };
}

export type BulkJobStatus = 'running' | 'paused' | 'cancelled' | 'finished';

export interface BulkJob {
  version: typeof BULK_JOB_VERSION;
  id: string;
  dataCentre: DataCentre;
  sandbox: boolean;
  orgId: string | null;
  module: TerritoryModule;
  direction: BulkDirection;
  territoryIds: string[];
  /** every record of the job, unique, in the order given */
  recordIds: string[];
  /** each record's name, at the index of its id; '' when Zoho gave none (kept beside the ids: compact) */
  recordNames: string[];
  /** The territories to send for a record when not all of `territoryIds` (narrowed by a read). */
  territoriesOf: Record<string, string[]>;
  batchSize: number;
  concurrency: number;
  /** the batches not done, in the order they are sent */
  batches: BulkBatch[];
  nextBatchId: number;
  outcomes: Record<string, RecordOutcome>;
  status: BulkJobStatus;
  /** why the job paused itself (signed out, Zoho's limits), null when the user paused it or it runs */
  pauseReason: ErrorInfo | null;
  /** API calls made so far: `remove` counts the job's POSTs (assign_territories for a put-back run) */
  calls: { remove: number; read: number };
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** when the current run began and how many records were settled then: the base of "time left" */
  runStartedAt: number | null;
  settledAtRunStart: number;
  /** the job whose failed records this one retries */
  retryOf: string | null;
  /** the removal whose records this put-back run gives their territories back */
  undoOf: string | null;
}

export interface BulkJobSpec {
  id: string;
  dataCentre: DataCentre;
  sandbox: boolean;
  orgId: string | null;
  module: TerritoryModule;
  territoryIds: readonly string[];
  recordIds: readonly string[];
  /** What a read found on the records (the preview's); records absent are sent every territory. */
  holdings?: RecordHoldings;
  /** the records' names as the preview read them */
  names?: RecordNames;
  batchSize?: number;
  concurrency?: number;
  now: number;
  retryOf?: string | null;
  direction?: BulkDirection;
  undoOf?: string | null;
}

export function clampBatchSize(size: number): number {
  return clampInteger(size, 1, MAX_BATCH_SIZE, BULK_DEFAULTS.batchSize);
}

export function clampConcurrency(concurrency: number): number {
  return clampInteger(concurrency, 1, MAX_CONCURRENCY, BULK_DEFAULTS.concurrency);
}

function clampInteger(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export function createBulkJob(spec: BulkJobSpec): BulkJob {
  const territoryIds = dedupeIds(spec.territoryIds);
  const recordIds = dedupeIds(spec.recordIds);
  if (territoryIds.length === 0) throw new Error('A bulk job needs at least one territory.');
  const batchSize = clampBatchSize(spec.batchSize ?? BULK_DEFAULTS.batchSize);
  const plan = planRecords(territoryIds, recordIds, spec.holdings);
  const batches = splitIntoBatches(plan.toSend, batchSize).map((ids, index) =>
    createBatch(index, ids, { attempts: 0, verify: null, lastError: null }),
  );
  const outcomes: Record<string, RecordOutcome> = {};
  for (const [id, kind] of Object.entries(plan.settled)) outcomes[id] = { kind };
  return {
    version: BULK_JOB_VERSION,
    id: spec.id,
    dataCentre: spec.dataCentre,
    sandbox: spec.sandbox,
    orgId: spec.orgId,
    module: spec.module,
    direction: spec.direction ?? 'remove',
    territoryIds,
    recordIds,
    recordNames: namesInOrder(recordIds, spec.names),
    territoriesOf: plan.territoriesOf,
    batchSize,
    concurrency: clampConcurrency(spec.concurrency ?? BULK_DEFAULTS.concurrency),
    batches,
    nextBatchId: batches.length,
    outcomes,
    status: batches.length > 0 ? 'running' : 'finished',
    pauseReason: null,
    calls: { remove: 0, read: 0 },
    createdAt: spec.now,
    updatedAt: spec.now,
    finishedAt: batches.length > 0 ? null : spec.now,
    runStartedAt: null,
    settledAtRunStart: 0,
    retryOf: spec.retryOf ?? null,
    undoOf: spec.undoOf ?? null,
  };
}

function namesInOrder(recordIds: readonly string[], names: RecordNames | undefined): string[] {
  return recordIds.map((id) => (names && Object.hasOwn(names, id) ? (names[id] ?? '') : ''));
}

/** The records' names by id, those known only. */
export function namesOf(job: BulkJob, recordIds: readonly string[] = job.recordIds): Record<string, string> {
  const index = new Map(job.recordIds.map((id, i) => [id, i]));
  const names: Record<string, string> = {};
  for (const id of recordIds) {
    const name = job.recordNames[index.get(id) ?? -1];
    if (name) names[id] = name;
  }
  return names;
}

/** The territories a record is sent. */
export function territoriesToSend(job: BulkJob, recordId: string): string[] {
  return job.territoriesOf[recordId] ?? job.territoryIds;
}

export function failedRecordIds(job: BulkJob): string[] {
  return job.recordIds.filter((id) => {
    const outcome = job.outcomes[id];
    return outcome !== undefined && RETRYABLE_OUTCOMES.includes(outcome.kind);
  });
}

/**
 * A new job over some records of `job`, in its org and module, sending each the territories it was
 * to be sent (narrowed by a read too), with the same settings; null when there is none.
 */
function followUpJob(
  job: BulkJob,
  recordIds: string[],
  spec: Pick<BulkJobSpec, 'id' | 'now' | 'retryOf' | 'direction' | 'undoOf'>,
): BulkJob | null {
  if (recordIds.length === 0) return null;
  const followUp = createBulkJob({
    ...spec,
    dataCentre: job.dataCentre,
    sandbox: job.sandbox,
    orgId: job.orgId,
    module: job.module,
    territoryIds: job.territoryIds,
    recordIds,
    names: namesOf(job, recordIds),
    batchSize: job.batchSize,
    concurrency: job.concurrency,
  });
  for (const recordId of recordIds) {
    const narrowed = job.territoriesOf[recordId];
    if (narrowed) followUp.territoriesOf[recordId] = narrowed;
  }
  return followUp;
}

/** A new job over the records of `job` that failed: the same change again. */
export function createRetryJob(job: BulkJob, id: string, now: number): BulkJob | null {
  return followUpJob(job, failedRecordIds(job), {
    id,
    now,
    retryOf: job.id,
    direction: job.direction,
    undoOf: job.undoOf,
  });
}

/**
 * The records a removal took its territories from: removed, or scheduled as a Zoho job of its own
 * (Zoho's answer to the put-back tells whether that job has completed). Never those not assigned,
 * rule-assigned, refused, failed or cancelled, nor those where Zoho only said some change was
 * already running (`ALREADY_SCHEDULED`, no job id): that change need not be this run's.
 */
export function removedRecordIds(job: BulkJob): string[] {
  if (job.direction !== 'remove') return [];
  return job.recordIds.filter((id) => isRemovedByRun(job.outcomes[id]));
}

export function isRemovedByRun(outcome: RecordOutcome | null | undefined): boolean {
  return outcome?.kind === 'removed' || (outcome?.kind === 'scheduled' && outcome.jobId !== null);
}

/** A put-back run: assigns each record what `job` removed from it. */
export function createUndoJob(job: BulkJob, id: string, now: number): BulkJob | null {
  return followUpJob(job, removedRecordIds(job), { id, now, direction: 'assign', undoOf: job.id });
}

export function isSettled(job: BulkJob, recordId: string): boolean {
  return Object.hasOwn(job.outcomes, recordId);
}

export function isTerminal(job: BulkJob): boolean {
  return job.status === 'finished' || job.status === 'cancelled';
}

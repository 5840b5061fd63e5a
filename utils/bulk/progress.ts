// What the bulk page shows of a job: counts, time left, and the per-record table. Pure.

import { decodeIds, readNarrowingAt, readOutcomesAt } from './columns';
import { type BulkJob, OUTCOME_KINDS, type OutcomeKind, type RecordOutcome } from './job';
import { type JobRecords, recordsOf } from './journal';

export interface BulkProgress {
  total: number;
  settled: number;
  /** 0–100, whole */
  percent: number;
  counts: Record<OutcomeKind, number>;
  calls: { remove: number; read: number };
  /** batches not finished, follow-ups included */
  batchesLeft: number;
  /** estimate from the pace of the current run; null before there is a pace, 0 once over */
  remainingMs: number | null;
}

export function bulkProgress(job: BulkJob, now: number): BulkProgress {
  const counts = Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, 0])) as Record<OutcomeKind, number>;
  for (const outcome of Object.values(job.outcomes)) counts[outcome.kind]++;
  const total = job.recordIds.length;
  const settled = Object.keys(job.outcomes).length;
  return {
    total,
    settled,
    percent: total === 0 ? 100 : Math.floor((settled * 100) / total),
    counts,
    calls: { ...job.calls },
    batchesLeft: job.batches.length,
    remainingMs: remainingMs(job, settled, now),
  };
}

function remainingMs(job: BulkJob, settled: number, now: number): number | null {
  if (job.status === 'finished' || job.status === 'cancelled') return 0;
  if (job.status !== 'running' || job.runStartedAt === null) return null;
  const settledThisRun = settled - job.settledAtRunStart;
  const elapsed = now - job.runStartedAt;
  if (settledThisRun <= 0 || elapsed <= 0) return null;
  return Math.round(((job.recordIds.length - settled) * elapsed) / settledThisRun);
}

/** A job without its records: what the page polls. */
export interface BulkJobSummary
  extends Pick<
    BulkJob,
    | 'id'
    | 'dataCentre'
    | 'sandbox'
    | 'orgId'
    | 'module'
    | 'direction'
    | 'territoryIds'
    | 'status'
    | 'pauseReason'
    | 'batchSize'
    | 'concurrency'
    | 'createdAt'
    | 'finishedAt'
    | 'retryOf'
    | 'undoOf'
  > {
  progress: BulkProgress;
}

export function jobSummary(job: BulkJob, now: number): BulkJobSummary {
  return {
    id: job.id,
    dataCentre: job.dataCentre,
    sandbox: job.sandbox,
    orgId: job.orgId,
    module: job.module,
    direction: job.direction,
    territoryIds: [...job.territoryIds],
    status: job.status,
    pauseReason: job.pauseReason,
    batchSize: job.batchSize,
    concurrency: job.concurrency,
    progress: bulkProgress(job, now),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    retryOf: job.retryOf,
    undoOf: job.undoOf,
  };
}

export interface BulkRecordRow {
  id: string;
  /** the record's name as the preview read it, null when unknown */
  name: string | null;
  /** the territories the record is (or was) sent */
  territoryIds: string[];
  /** null while the record waits */
  outcome: RecordOutcome | null;
}

/** Every record with a status: always, never, or once the job no longer moves (`atRest`). */
export type RecordsWanted = boolean | 'atRest';

/**
 * Every record as one JSON text, in the journal's columns (journal.ts): a runtime message carries
 * one short string far faster than 100,000 small objects, each converted on its own on both sides,
 * or their rows as JSON (12.3 MB for 100,000 records with names, against about 2 MB).
 */
export type EncodedRecordRows = string & { readonly encodedRows: unique symbol };

export function encodeRows(job: BulkJob): EncodedRecordRows {
  return JSON.stringify(recordsOf(job)) as EncodedRecordRows;
}

/** The rows `encodeRows` wrote; the text comes from this extension's own background. */
export function decodeRows(encoded: EncodedRecordRows): BulkRecordRow[] {
  const records = JSON.parse(encoded) as JobRecords;
  const ids = decodeIds(records.ids);
  const outcomes = readOutcomesAt(records.settled);
  const narrowed = readNarrowingAt(records.territoryIds, records.narrowed);
  if (!ids || !outcomes || !narrowed) throw new Error('The records of the job could not be read.');
  const rows = ids.map(
    (id, index): BulkRecordRow => ({
      id,
      name: records.names[index] || null,
      territoryIds: records.territoryIds,
      outcome: null,
    }),
  );
  // Written by columns, read by position: no lookup by id for 100,000 records.
  for (const [index, territories] of narrowed) {
    const row = rows[index];
    if (row) row.territoryIds = territories;
  }
  for (const [index, outcome] of outcomes) {
    const row = rows[index];
    if (row) row.outcome = outcome;
  }
  return rows;
}

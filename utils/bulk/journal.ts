// A bulk job as stored: a small head (status, counters, settings), the records as planned (written
// once), and one entry per batch, written whenever that batch changes. One save writes the head and
// the batches that changed, in a single storage call: its cost is a batch, not the job. Any set of
// saves that completed reads back as a job where each record is either settled (in the base or a
// batch entry) or held by exactly one open batch; a batch saved `sending` is read back before it is
// sent again. Pure: no browser, Zoho or WXT imports.
//
// Stored as columns of text (columns.ts), so that a 100,000-record job with names fits in
// storage.local beside the next one (bulk-job-store.test.ts): the base holds the ids and the names
// as one array; a batch entry holds its records as runs of their positions among those ids.
import * as v from 'valibot';
import { MAX_RECORD_NAME_LENGTH } from '../bulk-protocol';
import { TERRITORY_MODULES } from '../crm-page';
import { DATA_CENTRE_IDS } from '../data-centres';
import {
  decodeIds,
  decodeIndexes,
  encodeIds,
  encodeIndexes,
  readNarrowingAt,
  readOutcomesAt,
  type StoredNarrowing,
  StoredNarrowingSchema,
  type StoredOutcomes,
  StoredOutcomesSchema,
  storeNarrowing,
  storeOutcomes,
} from './columns';
import {
  BULK_JOB_VERSION,
  type BulkBatch,
  type BulkJob,
  MAX_BATCH_SIZE,
  MAX_CONCURRENCY,
  type RecordOutcome,
} from './job';

export type JobHead = Omit<BulkJob, 'recordIds' | 'recordNames' | 'territoriesOf' | 'outcomes' | 'batches'>;

/** What the job was given: every record and its name, the territories narrowed by the preview, the records it settled. */
export interface JobBase {
  ids: string;
  /** one per record, at its position ('' for none); empty when no record has a name */
  names: string[];
  narrowed: StoredNarrowing;
  settled: StoredOutcomes;
}

export interface BatchEntry extends Omit<BulkBatch, 'recordIds' | 'outcomes'> {
  /** the positions of the records still to be settled by this batch */
  records: string;
  settled: StoredOutcomes;
  /** the territories narrowed by a read, for this batch's records */
  narrowed: StoredNarrowing;
}

// Each job's positions by id, built once per job in memory: a save looks up a batch's records only.
const positionsOf = new WeakMap<readonly string[], Map<string, number>>();

function positions(job: BulkJob): Map<string, number> {
  let found = positionsOf.get(job.recordIds);
  if (!found) {
    found = new Map(job.recordIds.map((id, index) => [id, index]));
    positionsOf.set(job.recordIds, found);
  }
  return found;
}

function positionOf(job: BulkJob, id: string): number {
  const index = positions(job).get(id);
  if (index === undefined) throw new Error(`Record ${id} is not one of job ${job.id}.`);
  return index;
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

/** Written once, when the job is created, and again only to fold a job that is over into one entry. */
export function baseOf(job: BulkJob): JobBase {
  const inBatch = new Set(job.batches.flatMap((batch) => batch.recordIds));
  return columnsOf(job, (id) => !inBatch.has(id));
}

/** Every record of a job as the page is handed it: the base's columns over every outcome so far. */
export interface JobRecords extends JobBase {
  territoryIds: string[];
}

export function recordsOf(job: BulkJob): JobRecords {
  return { territoryIds: job.territoryIds, ...columnsOf(job, () => true) };
}

/** Walks the records in order: positions come for free, and runs of them stay runs. */
function columnsOf(job: BulkJob, keepsOutcome: (recordId: string) => boolean): JobBase {
  const settled: [number, RecordOutcome][] = [];
  for (const [index, id] of job.recordIds.entries()) {
    const outcome = job.outcomes[id];
    if (outcome && keepsOutcome(id)) settled.push([index, outcome]);
  }
  return {
    ids: encodeIds(job.recordIds),
    names: job.recordNames.some((name) => name !== '') ? job.recordNames : [],
    narrowed: storeNarrowing(job.territoryIds, job.territoriesOf, job.recordIds.entries()),
    settled: storeOutcomes(settled),
  };
}

export interface ReadRecords {
  recordIds: string[];
  recordNames: string[];
  territoriesOf: Record<string, string[]>;
  outcomes: Record<string, RecordOutcome>;
}

/** The records of a base (or of `recordsOf`) over the job's territories, or null when it does not read. */
export function readRecords(territoryIds: readonly string[], base: JobBase): ReadRecords | null {
  const recordIds = decodeIds(base.ids);
  if (!recordIds) return null;
  const { names } = base;
  if (names.length !== 0 && names.length !== recordIds.length) return null;
  const settled = readOutcomes(recordIds, base.settled);
  const narrowed = readNarrowing(recordIds, territoryIds, base.narrowed);
  if (!settled || !narrowed) return null;
  return {
    recordIds,
    recordNames: names.length === 0 ? recordIds.map(() => '') : names,
    territoriesOf: Object.fromEntries(narrowed),
    outcomes: Object.fromEntries(settled),
  };
}

export function entryOf(job: BulkJob, batch: BulkBatch): BatchEntry {
  const { recordIds, outcomes, ...rest } = batch;
  return {
    ...rest,
    lastError: rest.lastError ? { ...rest.lastError } : null,
    verify: rest.verify ? { ...rest.verify } : null,
    records: encodeIndexes(recordIds.map((id) => positionOf(job, id))),
    settled: storeOutcomes(Object.entries(outcomes).map(([id, outcome]) => [positionOf(job, id), outcome])),
    narrowed: storeNarrowing(
      job.territoryIds,
      job.territoriesOf,
      recordIds.map((id) => [positionOf(job, id), id]),
    ),
  };
}

// A job that is over no longer changes: its size is measured once.
const sizes = new WeakMap<BulkJob, number>();

/** What a job that is over takes in storage.local, folded into head and base (keys, and values as JSON). */
export function storedBytes(job: BulkJob): number {
  let bytes = sizes.get(job);
  if (bytes === undefined) {
    const json = JSON.stringify([headOf(job), baseOf(job)]);
    bytes = new TextEncoder().encode(json).length + 2 * job.id.length + 20;
    if (job.batches.length === 0) sizes.set(job, bytes);
  }
  return bytes;
}

const Id = v.pipe(v.string(), v.regex(/^\d{1,30}$/));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const ErrorInfoSchema = v.object({
  code: v.string(),
  status: v.optional(v.number()),
  message: v.optional(v.string()),
});

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

export const JobBaseSchema = v.object({
  ids: v.string(),
  names: v.array(v.pipe(v.string(), v.maxLength(MAX_RECORD_NAME_LENGTH))),
  narrowed: StoredNarrowingSchema,
  settled: StoredOutcomesSchema,
});

export const BatchEntrySchema = v.object({
  id: Count,
  records: v.string(),
  status: v.picklist(['pending', 'sending', 'done']),
  sentAt: v.nullable(v.number()),
  settled: StoredOutcomesSchema,
  attempts: Count,
  verify: v.nullable(v.object({ goneMeans: v.picklist(['removed', 'not-assigned']) })),
  lastError: v.nullable(ErrorInfoSchema),
  narrowed: StoredNarrowingSchema,
});

/** The ids at `text`'s positions, or null when one is not a position of the job. */
function idsAt(recordIds: readonly string[], text: string): string[] | null {
  const indexes = decodeIndexes(text);
  if (!indexes) return null;
  const ids: string[] = [];
  for (const index of indexes) {
    const id = recordIds[index];
    if (id === undefined) return null;
    ids.push(id);
  }
  return ids;
}

function byId<T>(recordIds: readonly string[], atPositions: [number, T][] | null): [string, T][] | null {
  if (!atPositions) return null;
  const found: [string, T][] = [];
  for (const [index, value] of atPositions) {
    const id = recordIds[index];
    if (id === undefined) return null;
    found.push([id, value]);
  }
  return found;
}

function readOutcomes(recordIds: readonly string[], stored: StoredOutcomes): [string, RecordOutcome][] | null {
  return byId(recordIds, readOutcomesAt(stored));
}

function readNarrowing(
  recordIds: readonly string[],
  territoryIds: readonly string[],
  stored: StoredNarrowing,
): [string, string[]][] | null {
  return byId(recordIds, readNarrowingAt(territoryIds, stored));
}

interface ReadBatch {
  batch: BulkBatch;
  narrowed: [string, string[]][];
}

function readBatch(recordIds: readonly string[], territoryIds: readonly string[], entry: unknown): ReadBatch | null {
  const parsed = v.safeParse(BatchEntrySchema, entry);
  if (!parsed.success) return null;
  const { records, settled, narrowed: storedNarrowing, ...rest } = parsed.output;
  const ids = idsAt(recordIds, records);
  const outcomes = readOutcomes(recordIds, settled);
  const narrowed = readNarrowing(recordIds, territoryIds, storedNarrowing);
  if (!ids || !outcomes || !narrowed) return null;
  return { batch: { ...rest, recordIds: ids, outcomes: Object.fromEntries(outcomes) }, narrowed };
}

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
  const { territoryIds } = parsedHead.output;
  const records = readRecords(territoryIds, parsedBase.output);
  if (!records) return null;
  const { recordIds, recordNames, territoriesOf, outcomes } = records;

  const read: ReadBatch[] = [];
  for (const entry of entries) {
    const batch = readBatch(recordIds, territoryIds, entry);
    if (batch) read.push(batch);
  }
  read.sort((a, b) => a.batch.id - b.batch.id);
  for (const { batch } of read) Object.assign(outcomes, batch.outcomes);
  const held = new Set<string>();
  const open: BulkBatch[] = [];
  for (const { batch, narrowed } of read) {
    if (batch.status === 'done') continue;
    const narrowedHere = new Map(narrowed);
    batch.recordIds = batch.recordIds.filter((id) => !Object.hasOwn(outcomes, id) && !held.has(id));
    for (const id of batch.recordIds) {
      held.add(id);
      const territories = narrowedHere.get(id);
      if (territories) territoriesOf[id] = territories;
      else delete territoriesOf[id];
    }
    if (batch.recordIds.length > 0) open.push(batch);
  }
  const nextBatchId = Math.max(parsedHead.output.nextBatchId, ...read.map(({ batch }) => batch.id + 1));
  return {
    ...parsedHead.output,
    nextBatchId,
    recordIds,
    recordNames,
    territoriesOf,
    outcomes,
    batches: open,
  };
}

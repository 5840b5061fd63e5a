// A bulk job as stored: a small head (status, counters, settings), the records as planned (written
// once), and one entry per batch, written whenever that batch changes. One save writes the head and
// the batches that changed, in a single storage call: its cost is a batch, not the job. Any set of
// saves that completed reads back as a job where each record is either settled (in the base or a
// batch entry) or held by exactly one open batch; a batch saved `sending` is read back before it is
// sent again. Pure: no browser, Zoho or WXT imports.
//
// Stored as columns of text, so that a 100,000-record job with names fits in storage.local beside
// the next one (bulk-job-store.test.ts): the ids joined, each as the digits it does not share with
// the one before; the names as one array; a batch's records as runs of their positions in the ids;
// one letter per outcome, with the few outcomes that carry more (a code, a job id) beside them; the
// territories a record is narrowed to as a bit mask over the job's territories.
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
  type OutcomeKind,
  type RecordOutcome,
} from './job';

export type JobHead = Omit<BulkJob, 'recordIds' | 'recordNames' | 'territoriesOf' | 'outcomes' | 'batches'>;

/** Outcomes of some records: their positions (`encodeIndexes`), a letter each, and what more some carry. */
export interface StoredOutcomes {
  records: string;
  kinds: string;
  /** by place in `records` (decimal): the outcome's fields beside its kind */
  details: Record<string, Record<string, unknown>>;
}

/** Records sent fewer than all the job's territories: positions by territory mask (base 36). */
export type StoredNarrowing = Record<string, string>;

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

const KIND_LETTERS: Record<OutcomeKind, string> = {
  removed: 'r',
  scheduled: 's',
  'not-assigned': 'n',
  'rule-assigned': 'a',
  locked: 'l',
  'no-permission': 'p',
  error: 'e',
  cancelled: 'c',
};
/** Kinds that carry nothing more: read without a schema, which 100,000 records would feel. */
const BARE_KINDS = new Set<OutcomeKind>(['removed', 'not-assigned', 'rule-assigned', 'locked', 'cancelled']);
const KIND_OF_LETTER = new Map(Object.entries(KIND_LETTERS).map(([kind, letter]) => [letter, kind as OutcomeKind]));

/** Positions as runs: `a-b` for a rising run of consecutive positions, `a` alone; base 36, in order. */
export function encodeIndexes(indexes: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    const first = indexes[i] as number;
    let last = first;
    while (indexes[i + 1] === last + 1) {
      last++;
      i++;
    }
    i++;
    runs.push(last === first ? first.toString(36) : `${first.toString(36)}-${last.toString(36)}`);
  }
  return runs.join(',');
}

const RUN = /^([0-9a-z]{1,8})(?:-([0-9a-z]{1,8}))?$/;

export function decodeIndexes(text: string): number[] | null {
  if (text === '') return [];
  const indexes: number[] = [];
  for (const run of text.split(',')) {
    const match = RUN.exec(run);
    if (!match) return null;
    const first = Number.parseInt(match[1] as string, 36);
    const last = match[2] === undefined ? first : Number.parseInt(match[2], 36);
    if (last < first) return null;
    for (let index = first; index <= last; index++) indexes.push(index);
  }
  return indexes;
}

/** Ids joined by commas, each as how many leading digits it shares with the one before (one base-36 digit) and the rest. */
export function encodeIds(ids: readonly string[]): string {
  let previous = '';
  const parts = ids.map((id) => {
    let shared = 0;
    const most = Math.min(35, id.length - 1, previous.length);
    while (shared < most && id[shared] === previous[shared]) shared++;
    previous = id;
    return shared.toString(36) + id.slice(shared);
  });
  return parts.join(',');
}

const ID_LIST = /^[0-9a-z]\d{1,30}(?:,[0-9a-z]\d{1,30})*$/;

export function decodeIds(text: string): string[] | null {
  if (text === '') return [];
  if (!ID_LIST.test(text)) return null;
  let previous = '';
  const ids: string[] = [];
  for (const part of text.split(',')) {
    const shared = Number.parseInt(part.charAt(0), 36);
    if (shared > previous.length) return null;
    previous = previous.slice(0, shared) + part.slice(1);
    if (previous.length > 30) return null;
    ids.push(previous);
  }
  return ids;
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

/** Outcomes by the position of their record. */
function storeOutcomes(outcomes: Iterable<[number, RecordOutcome]>): StoredOutcomes {
  const indexes: number[] = [];
  let kinds = '';
  const details: StoredOutcomes['details'] = {};
  for (const [index, outcome] of outcomes) {
    if (!BARE_KINDS.has(outcome.kind)) {
      const { kind: _, ...detail } = outcome;
      details[indexes.length] = detail;
    }
    indexes.push(index);
    kinds += KIND_LETTERS[outcome.kind];
  }
  return { records: encodeIndexes(indexes), kinds, details };
}

/** The territories each of `records` (position, id) is narrowed to, as masks. */
function storeNarrowing(job: BulkJob, records: Iterable<[number, string]>): StoredNarrowing {
  const bits = new Map(job.territoryIds.map((id, bit) => [id, 2 ** bit]));
  const byMask = new Map<string, number[]>();
  for (const [index, id] of records) {
    const narrowed = job.territoriesOf[id];
    if (!narrowed) continue;
    const mask = narrowed.reduce((sum, territory) => sum + (bits.get(territory) ?? 0), 0).toString(36);
    const list = byMask.get(mask) ?? [];
    byMask.set(mask, list);
    list.push(index);
  }
  return Object.fromEntries([...byMask].map(([mask, indexes]) => [mask, encodeIndexes(indexes)]));
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
    narrowed: storeNarrowing(job, job.recordIds.entries()),
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
      job,
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

const RecordOutcomeSchema = v.variant('kind', [
  v.object({ kind: v.literal('removed') }),
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

const StoredOutcomesSchema = v.object({
  records: v.string(),
  kinds: v.pipe(v.string(), v.regex(/^[rsnalpec]*$/)),
  details: v.record(v.pipe(v.string(), v.regex(/^\d{1,6}$/)), v.record(v.string(), v.unknown())),
});
const StoredNarrowingSchema = v.record(v.pipe(v.string(), v.regex(/^[0-9a-z]{1,11}$/)), v.string());

// Anything else than these (an older version, a damaged entry) is refused rather than half-resumed.
export const JobHeadSchema = v.object({
  version: v.literal(BULK_JOB_VERSION),
  id: v.pipe(v.string(), v.minLength(1)),
  dataCentre: v.picklist(DATA_CENTRE_IDS),
  sandbox: v.boolean(),
  orgId: v.nullable(Id),
  module: v.picklist(TERRITORY_MODULES),
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

/** Each outcome with the position of its record, or null when one does not read. */
export function readOutcomesAt(stored: StoredOutcomes): [number, RecordOutcome][] | null {
  const indexes = decodeIndexes(stored.records);
  if (!indexes || indexes.length !== stored.kinds.length) return null;
  const outcomes: [number, RecordOutcome][] = [];
  for (const [place, index] of indexes.entries()) {
    const kind = KIND_OF_LETTER.get(stored.kinds[place] as string);
    const detail = Object.hasOwn(stored.details, place) ? stored.details[place] : undefined;
    if (detail === undefined && kind !== undefined && BARE_KINDS.has(kind)) {
      outcomes.push([index, { kind } as RecordOutcome]);
      continue;
    }
    const parsed = v.safeParse(RecordOutcomeSchema, { ...detail, kind });
    if (!parsed.success) return null;
    outcomes.push([index, parsed.output]);
  }
  return outcomes;
}

/** Each narrowed record's position with its territories, or null when one does not read. */
export function readNarrowingAt(territoryIds: readonly string[], stored: StoredNarrowing): [number, string[]][] | null {
  const narrowed: [number, string[]][] = [];
  for (const [mask, text] of Object.entries(stored)) {
    const bits = Number.parseInt(mask, 36);
    const territories = territoryIds.filter((_, bit) => Math.floor(bits / 2 ** bit) % 2 === 1);
    const indexes = decodeIndexes(text);
    if (!indexes || territories.length === 0) return null;
    for (const index of indexes) narrowed.push([index, territories]);
  }
  return narrowed;
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

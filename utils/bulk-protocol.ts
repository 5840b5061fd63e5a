// The typed protocol between the bulk page and the background for bulk removals. Only extension
// pages may send these. Requests are validated by the background with these schemas; no message
// ever carries a token. Connections come from `auth.connections` (messaging.ts).
import * as v from 'valibot';
import { MAX_BATCH_SIZE, MAX_CONCURRENCY } from './bulk/job';
import type { BulkPreview, TerritoryHolding } from './bulk/plan';
import type { BulkJobSummary, EncodedRecordRows } from './bulk/progress';
import { TERRITORY_MODULES } from './crm-page';
import { DATA_CENTRE_IDS } from './data-centres';
import type { Result } from './messaging';

/**
 * Records one job takes: as many as Zoho lists of a territory. A job is kept in storage.local
 * (10 MB in Chromium) beside the finished ones kept; stored as columns of text, a 100,000-record
 * job with names takes about 3.5 MB (bulk-job-store.test.ts measures it).
 */
export const MAX_BULK_RECORDS = 100_000;
export const MAX_BULK_TERRITORIES = 50;
/** Zoho's single-line fields hold at most 255 characters: a record's name is cut there. */
export const MAX_RECORD_NAME_LENGTH = 255;

const ZohoId = v.pipe(v.string(), v.regex(/^\d{1,30}$/));
const JobId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,64}$/));

const org = {
  dataCentre: v.picklist(DATA_CENTRE_IDS),
  sandbox: v.boolean(),
  /** the zgid of the org (`X-CRM-ORG`), null for the token's default org */
  orgId: v.nullable(ZohoId),
};
const module = v.picklist(TERRITORY_MODULES);
const TerritoryIds = v.pipe(v.array(ZohoId), v.minLength(1), v.maxLength(MAX_BULK_TERRITORIES));

// The parts that grow with the records are checked by plain loops: valibot's schema per entry took
// over a second for 100,000 records' ids, holdings and names, longer than the message's own parsing.
const ZOHO_ID = /^\d{1,30}$/;
const isZohoId = (value: unknown): value is string => typeof value === 'string' && ZOHO_ID.test(value);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function everyEntry(value: unknown, entryIsValid: (entry: unknown) => boolean): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (!isZohoId(key) || !entryIsValid(value[key])) return false;
  return true;
}

function isHolding(value: unknown): boolean {
  if (!isPlainObject(value) || !isZohoId(value.id)) return false;
  if (value.assigned !== 'manually' && value.assigned !== 'automatically') return false;
  let keys = 0;
  for (const _ in value) keys++;
  return keys === 2;
}

const RecordIds = v.custom<string[]>(
  (value) => Array.isArray(value) && value.length >= 1 && value.length <= MAX_BULK_RECORDS && value.every(isZohoId),
  `from 1 to ${MAX_BULK_RECORDS} Zoho record ids`,
);
const Holdings = v.custom<Record<string, TerritoryHolding[]>>(
  (value) => everyEntry(value, (held) => Array.isArray(held) && held.every(isHolding)),
  'territories held by record id',
);
const Names = v.custom<Record<string, string>>(
  (value) => everyEntry(value, (name) => typeof name === 'string' && name.length <= MAX_RECORD_NAME_LENGTH),
  'names by record id',
);
const PositiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));

export const BulkRequestSchema = v.variant('type', [
  /** Territory definitions of the org (`settings/territories`), cached by the background. */
  v.strictObject({ type: v.literal('bulk.territories'), ...org }),
  /** Every record of the module currently in a territory (Zoho's record listing by territory). */
  v.strictObject({ type: v.literal('bulk.recordsInTerritory'), ...org, module, territoryId: ZohoId }),
  /** Reads the records' territories (`?ids=`, 100 a call) and counts what a run would do. */
  v.strictObject({
    type: v.literal('bulk.preview'),
    ...org,
    module,
    territoryIds: TerritoryIds,
    recordIds: RecordIds,
  }),
  /** Starts a run; `holdings` is the preview's read, so that rule-assigned territories are not sent. */
  v.strictObject({
    type: v.literal('bulk.start'),
    ...org,
    module,
    territoryIds: TerritoryIds,
    recordIds: RecordIds,
    holdings: v.optional(Holdings),
    /** the preview's names, shown beside the ids in the outcomes */
    names: v.optional(Names),
    batchSize: v.optional(v.pipe(PositiveInteger, v.maxValue(MAX_BATCH_SIZE))),
    concurrency: v.optional(v.pipe(PositiveInteger, v.maxValue(MAX_CONCURRENCY))),
  }),
  /**
   * Progress; with `includeRecords`, every record and its outcome (large: ask once it is over);
   * `atRest` includes them only when the job no longer moves, so one read of a job serves both.
   */
  v.strictObject({
    type: v.literal('bulk.status'),
    jobId: JobId,
    includeRecords: v.optional(v.union([v.boolean(), v.literal('atRest')])),
    /** the records go out on this channel (`bulkRecordsChannel`) instead of in the answer */
    recordsChannel: v.optional(JobId),
  }),
  /** The jobs kept, newest first. */
  v.strictObject({ type: v.literal('bulk.jobs') }),
  v.strictObject({ type: v.literal('bulk.pause'), jobId: JobId }),
  v.strictObject({ type: v.literal('bulk.resume'), jobId: JobId }),
  v.strictObject({ type: v.literal('bulk.cancel'), jobId: JobId }),
  /** A new job over the records that failed, were locked, refused or cancelled. */
  v.strictObject({ type: v.literal('bulk.retryFailed'), jobId: JobId }),
  /** A new job that assigns back each territory a removal took, to exactly the records it took it from. */
  v.strictObject({ type: v.literal('bulk.undo'), jobId: JobId }),
]);

export type BulkRequest = v.InferOutput<typeof BulkRequestSchema>;
export type BulkRequestType = BulkRequest['type'];

export function parseBulkRequest(message: unknown): BulkRequest | null {
  const parsed = v.safeParse(BulkRequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export interface BulkTerritory {
  id: string;
  name: string;
  /** `reporting_to.id`: the parent territory, null at the top */
  parentId: string | null;
}

export interface RecordsInTerritory {
  recordIds: string[];
  /** the territory holds more records than one job takes (MAX_BULK_RECORDS) */
  truncated: boolean;
}

export interface BulkJobView extends BulkJobSummary {
  /** present when asked for with `includeRecords`: read it with `decodeRows` */
  records?: EncodedRecordRows;
  /** the records went out on the BroadcastChannel the request named */
  recordsPosted?: true;
}

/**
 * The BroadcastChannel of the extension's own origin (its pages and background; no web page or
 * content script) that carries a job's records to the page that asked. Structured cloning moves
 * 2 MB of text about four times faster than a runtime message, which is JSON on every hop.
 */
export function bulkRecordsChannel(name: string): string {
  return `bulk-records:${name}`;
}

export interface BulkResponseOf {
  'bulk.territories': Result<BulkTerritory[]>;
  'bulk.recordsInTerritory': Result<RecordsInTerritory>;
  'bulk.preview': Result<BulkPreview>;
  'bulk.start': Result<{ jobId: string }>;
  'bulk.status': Result<BulkJobView>;
  'bulk.jobs': Result<BulkJobSummary[]>;
  'bulk.pause': Result<BulkJobSummary>;
  'bulk.resume': Result<BulkJobSummary>;
  'bulk.cancel': Result<BulkJobSummary>;
  'bulk.retryFailed': Result<{ jobId: string }>;
  'bulk.undo': Result<{ jobId: string }>;
}

export type BulkResponseFor<R extends BulkRequest> = BulkResponseOf[R['type']];

// Territory operations on Zoho CRM v8 (../shared/reference/zoho-crm.md §1–3). Each function sends
// exactly the documented request and turns every answer into a typed value or a ZohoApiError.
import * as v from 'valibot';
import { MAX_RECORD_NAME_LENGTH } from '../bulk-protocol';
import type { TerritoryModule } from '../crm-page';
import type { ChangeOutcome, Result, TerritoryAssignment } from '../messaging';
import type { ZohoClient, ZohoResponse } from './client';
import { invalidResponse, ZohoApiError } from './errors';
import {
  type ActionEntry,
  ActionResponseSchema,
  type ActionSuccessEntry,
  NamedRecordsByIdsResponseSchema,
  type NamedTerritoryRecord,
  RecordResponseSchema,
  RecordsByIdsResponseSchema,
  readTerritoriesPage,
  TerritoriesPageSchema,
  type TerritoryDefinition,
  type TerritoryRecord,
  TopLevelErrorSchema,
  unreadableTerritoryName,
} from './schemas';

export type ChangeKind = 'remove' | 'assign';

export interface RecordRef {
  module: TerritoryModule;
  recordId: string;
}

/** A territory as the record lists it; its place in the hierarchy comes from the definitions. */
export type RecordTerritory = Omit<TerritoryAssignment, 'path' | 'manager'>;

export interface RecordTerritoryList {
  /** false when the record has no Territories field: territory management is off. */
  enabled: boolean;
  territories: RecordTerritory[];
}

/** One record's own read: its territories and what the reader may do with it. */
export interface RecordTerritoryRead extends RecordTerritoryList {
  /** `$locked_for_me`: an approval or review lock keeps this user from changing the record. */
  lockedForMe: boolean;
  /** `$editable`: false when this user may not edit the record. */
  editable: boolean;
}

export interface RecordTerritoryChange {
  recordId: string;
  territoryIds: string[];
}

export interface RecordChangeResult {
  recordId: string;
  result: Result<ChangeOutcome>;
}

const ACTION_PATH: Readonly<Record<ChangeKind, string>> = {
  remove: 'remove_territories',
  assign: 'assign_territories',
};

const EmptyDataSchema = v.object({ data: v.pipe(v.array(v.unknown()), v.length(0)) });
const ACTION_SUCCESS_STATUSES = new Set([200, 201, 202, 207]);
/** Documented maximum of ids per records-by-ids read. */
export const MAX_IDS_PER_READ = 100;

/** GET /{module}/{id}: one request, whatever the answer. */
export async function getRecordTerritories(client: ZohoClient, record: RecordRef): Promise<RecordTerritoryRead> {
  const response = await client.read(`/${record.module}/${record.recordId}`);
  if (response.status === 204 || response.body === undefined) throw recordNotFound(response.status);
  if (response.status !== 200) throw errorOfAnswer(response);
  if (v.is(EmptyDataSchema, response.body)) throw recordNotFound(response.status);
  const parsed = v.safeParse(RecordResponseSchema, response.body);
  if (!parsed.success) throw invalidShape(response, parsed.issues);
  const found = parsed.output.data.find((candidate) => candidate.id === record.recordId);
  if (!found) throw invalidResponse(response.status, `the answer does not hold record ${record.recordId}`);
  return { ...territoryListOf(found), lockedForMe: found.$locked_for_me, editable: found.$editable };
}

type NameField = 'Account_Name' | 'Deal_Name' | 'Full_Name' | 'Last_Name';

/**
 * The fields that name a record of each module, asked for beside `Territories` in the same read.
 * Zoho builds `Full_Name` of Leads and Contacts from `First_Name` and `Last_Name`; `Last_Name` is
 * their one mandatory name field, so it names the record when `Full_Name` is not returned.
 */
export const NAME_FIELDS: Readonly<Record<TerritoryModule, readonly NameField[]>> = {
  Leads: ['Full_Name', 'Last_Name'],
  Accounts: ['Account_Name'],
  Contacts: ['Full_Name', 'Last_Name'],
  Deals: ['Deal_Name'],
};

/** The record's name as its module's name fields give it, null when they are empty or absent. */
export function recordNameOf(module: TerritoryModule, record: NamedTerritoryRecord): string | null {
  for (const field of NAME_FIELDS[module]) {
    const value = record[field]?.trim();
    if (value) return value.slice(0, MAX_RECORD_NAME_LENGTH);
  }
  return null;
}

export interface NamedRecordTerritoryList extends RecordTerritoryList {
  /** the record's name (`NAME_FIELDS`), null when Zoho gave none */
  name: string | null;
}

/** GET /{module}?ids=…&fields=…, 100 ids per request: each record Zoho returns, parsed. */
async function readRecordsByIds<T>(
  client: ZohoClient,
  module: TerritoryModule,
  recordIds: readonly string[],
  fields: string,
  schema: v.GenericSchema<unknown, { data: T[] }>,
): Promise<T[]> {
  const records: T[] = [];
  for (let start = 0; start < recordIds.length; start += MAX_IDS_PER_READ) {
    const ids = recordIds.slice(start, start + MAX_IDS_PER_READ);
    const response = await client.read(`/${module}`, { ids: ids.join(','), fields });
    if (response.status === 204 || response.body === undefined) continue;
    if (response.status !== 200) throw errorOfAnswer(response);
    const parsed = v.safeParse(schema, response.body);
    if (!parsed.success) throw invalidShape(response, parsed.issues);
    records.push(...parsed.output.data);
  }
  return records;
}

/** GET /{module}?ids=…&fields=Territories, 100 ids per request. Records Zoho does not return are absent. */
export async function getTerritoriesOfRecords(
  client: ZohoClient,
  module: TerritoryModule,
  recordIds: readonly string[],
): Promise<Map<string, RecordTerritoryList>> {
  const records = await readRecordsByIds(client, module, recordIds, 'Territories', RecordsByIdsResponseSchema);
  return new Map(records.map((record) => [record.id, territoryListOf(record)]));
}

/** The same read, with each record's name fields in the same requests: no call more. */
export async function getNamedTerritoriesOfRecords(
  client: ZohoClient,
  module: TerritoryModule,
  recordIds: readonly string[],
): Promise<Map<string, NamedRecordTerritoryList>> {
  const fields = ['Territories', ...NAME_FIELDS[module]].join(',');
  const records = await readRecordsByIds(client, module, recordIds, fields, NamedRecordsByIdsResponseSchema);
  return new Map(
    records.map((record) => [record.id, { ...territoryListOf(record), name: recordNameOf(module, record) }]),
  );
}

export function removeTerritory(client: ZohoClient, record: RecordRef, territoryId: string): Promise<ChangeOutcome> {
  return changeTerritory(client, 'remove', record, territoryId);
}

export function assignTerritory(client: ZohoClient, record: RecordRef, territoryId: string): Promise<ChangeOutcome> {
  return changeTerritory(client, 'assign', record, territoryId);
}

/** POST /{module}/{id}/actions/{remove|assign}_territories for one territory of one record. */
export async function changeTerritory(
  client: ZohoClient,
  kind: ChangeKind,
  record: RecordRef,
  territoryId: string,
): Promise<ChangeOutcome> {
  const path = `/${record.module}/${record.recordId}/actions/${ACTION_PATH[kind]}`;
  const body = { data: [{ id: record.recordId, Territories: [{ id: territoryId }] }] };
  let response: ZohoResponse;
  try {
    response = await client.write(path, body);
  } catch (error) {
    if (!isLostAnswer(error)) throw error;
    // The POST may have reached Zoho; only the record can tell, so it is read instead of re-sent.
    const list = await getRecordTerritories(client, record).catch(() => null);
    if (list && isReflected(kind, [territoryId], list)) return { outcome: 'done' };
    throw error;
  }

  const entries = actionEntriesOf(response);
  if (entries.length !== 1) {
    throw invalidResponse(response.status, `expected one entry in data, got ${entries.length}`);
  }
  const [entry] = entries as [ActionEntry];
  if (entry.status === 'error') throw errorOfEntry(entry, response.status);
  if (entry.details?.id !== undefined && entry.details.id !== record.recordId) {
    throw invalidResponse(response.status, `the answer is about record ${entry.details.id}`);
  }
  return outcomeOf(entry);
}

export function removeTerritoriesFromRecords(
  client: ZohoClient,
  module: TerritoryModule,
  items: readonly RecordTerritoryChange[],
): Promise<RecordChangeResult[]> {
  return changeTerritoriesOfRecords(client, 'remove', module, items);
}

export function assignTerritoriesToRecords(
  client: ZohoClient,
  module: TerritoryModule,
  items: readonly RecordTerritoryChange[],
): Promise<RecordChangeResult[]> {
  return changeTerritoriesOfRecords(client, 'assign', module, items);
}

/**
 * POST /{module}/actions/{remove|assign}_territories for several records in one request; the caller
 * picks the batch size. Per-record answers (a 207 mixes them) become per-record results; an answer
 * about the whole request (auth, limit, transport) is thrown.
 */
export async function changeTerritoriesOfRecords(
  client: ZohoClient,
  kind: ChangeKind,
  module: TerritoryModule,
  items: readonly RecordTerritoryChange[],
): Promise<RecordChangeResult[]> {
  if (items.length === 0) return [];
  const body = {
    data: items.map((item) => ({ id: item.recordId, Territories: item.territoryIds.map((id) => ({ id })) })),
  };
  let response: ZohoResponse;
  try {
    response = await client.write(`/${module}/actions/${ACTION_PATH[kind]}`, body);
  } catch (error) {
    if (!isLostAnswer(error)) throw error;
    const lists = await getTerritoriesOfRecords(
      client,
      module,
      items.map((item) => item.recordId),
    ).catch(() => null);
    const lost = error.toErrorInfo();
    return items.map((item) => {
      const list = lists?.get(item.recordId);
      const done = list !== undefined && isReflected(kind, item.territoryIds, list);
      return {
        recordId: item.recordId,
        result: done ? { ok: true, value: { outcome: 'done' } } : { ok: false, error: lost },
      };
    });
  }

  const entries = actionEntriesOf(response);
  if (entries.length !== items.length) {
    throw invalidResponse(response.status, `expected ${items.length} entries in data, got ${entries.length}`);
  }
  // Entries of a mixed (207) answer have no HTTP status of their own.
  const entryStatus = response.status === 207 ? undefined : response.status;
  return items.map((item, index) => {
    const entry = entries[index] as ActionEntry;
    if (entry.status === 'error') {
      return { recordId: item.recordId, result: { ok: false, error: errorOfEntry(entry, entryStatus).toErrorInfo() } };
    }
    if (entry.details?.id !== undefined && entry.details.id !== item.recordId) {
      const error = invalidResponse(response.status, `entry ${index} is about record ${entry.details.id}`);
      return { recordId: item.recordId, result: { ok: false, error: error.toErrorInfo() } };
    }
    return { recordId: item.recordId, result: { ok: true, value: outcomeOf(entry) } };
  });
}

export interface TerritoriesPage {
  territories: TerritoryDefinition[];
  moreRecords: boolean;
}

/** GET /settings/territories: the territory definitions, one page. */
export async function listTerritories(client: ZohoClient, page = 1, perPage = 200): Promise<TerritoriesPage> {
  const response = await client.read('/settings/territories', { page: String(page), per_page: String(perPage) });
  if (response.status === 204 || response.body === undefined) return { territories: [], moreRecords: false };
  if (response.status !== 200) throw errorOfAnswer(response);
  const parsed = v.safeParse(TerritoriesPageSchema, response.body);
  if (!parsed.success) throw invalidShape(response, parsed.issues);
  return readTerritoriesPage(parsed.output, perPage);
}

/** Whether the record's list already shows the change: removed ones gone, assigned ones present. */
export function isReflected(kind: ChangeKind, territoryIds: readonly string[], list: RecordTerritoryList): boolean {
  const listed = new Set(list.territories.map((territory) => territory.id));
  return territoryIds.every((id) => (kind === 'remove' ? !listed.has(id) : listed.has(id)));
}

export function territoryListOf(record: TerritoryRecord): RecordTerritoryList {
  if (!Object.hasOwn(record, 'Territories')) return { enabled: false, territories: [] };
  return {
    enabled: true,
    territories: (record.Territories ?? []).map((territory): RecordTerritory => {
      if (!territory.readable) {
        const { id } = territory;
        return { id, name: unreadableTerritoryName(id), assigned: 'unreadable', assignedBy: null, assignedTime: null };
      }
      return {
        id: territory.id,
        name: territory.Name,
        assigned: territory.$assigned,
        assignedBy: territory.$assigned_by
          ? { id: territory.$assigned_by.id, name: territory.$assigned_by.name }
          : null,
        assignedTime: territory.$assigned_time,
      };
    }),
  };
}

function outcomeOf(entry: ActionSuccessEntry): ChangeOutcome {
  const jobId = entry.details?.job_id;
  // SCHEDULED always carries a job; some versions also send SUCCESS with one, which is not done yet either.
  return jobId === undefined ? { outcome: 'done' } : { outcome: 'scheduled', jobId };
}

/** No answer arrived (dropped connection, time-out): Zoho may or may not have processed the request. */
export function isLostAnswer(error: unknown): error is ZohoApiError {
  return error instanceof ZohoApiError && (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT');
}

function actionEntriesOf(response: ZohoResponse): ActionEntry[] {
  const parsed = v.safeParse(ActionResponseSchema, response.body);
  if (parsed.success) {
    const hasSuccess = parsed.output.data.some((entry) => entry.status === 'success');
    if (response.status >= 400 && hasSuccess) {
      throw invalidResponse(response.status, `HTTP ${response.status} with a success entry`);
    }
    if (response.status < 400 && !ACTION_SUCCESS_STATUSES.has(response.status)) {
      throw invalidResponse(response.status, `unexpected HTTP ${response.status}`);
    }
    return parsed.output.data;
  }
  throw errorOfAnswer(response);
}

/** A non-success answer: Zoho's own error if it sent one, else INVALID_RESPONSE. */
export function errorOfAnswer(response: ZohoResponse): ZohoApiError {
  const topLevel = v.safeParse(TopLevelErrorSchema, response.body);
  if (topLevel.success) {
    return new ZohoApiError(topLevel.output.code, {
      status: response.status,
      message: topLevel.output.message,
      details: topLevel.output.details ?? undefined,
    });
  }
  const action = v.safeParse(ActionResponseSchema, response.body);
  if (action.success && action.output.data.length === 1 && action.output.data[0]?.status === 'error') {
    return errorOfEntry(action.output.data[0], response.status);
  }
  if (response.status === 429) return new ZohoApiError('TOO_MANY_REQUESTS', { status: 429 });
  return invalidResponse(response.status, `unexpected answer with HTTP ${response.status}`);
}

function errorOfEntry(entry: Extract<ActionEntry, { status: 'error' }>, status: number | undefined): ZohoApiError {
  return new ZohoApiError(entry.code, { status, message: entry.message, details: entry.details ?? undefined });
}

export function invalidShape(response: ZohoResponse, issues: readonly v.BaseIssue<unknown>[]): ZohoApiError {
  const first = issues[0];
  const where = first ? v.getDotPath(first) : null;
  return invalidResponse(
    response.status,
    `unexpected answer shape${where ? ` at ${where}` : ''}: ${first?.message ?? ''}`,
  );
}

function recordNotFound(status: number): ZohoApiError {
  return new ZohoApiError('RECORD_NOT_FOUND', { status });
}

// The background's answer to the bulk page (bulk-protocol.ts): territory definitions, the records
// of a territory, a preview, and the jobs. Only the extension's own pages may ask.

import { BULK_DEFAULTS } from '../bulk/job';
import type { BulkJobManager } from '../bulk/manager';
import { type BulkPreview, previewOf, READ_CHUNK_SIZE, splitIntoBatches, type TerritoryHolding } from '../bulk/plan';
import type { EncodedRecordRows } from '../bulk/progress';
import { type BulkRequest, type BulkResponseFor, MAX_BULK_RECORDS } from '../bulk-protocol';
import type { TerritoryModule } from '../crm-page';
import { type ExtensionIdentity, type SenderInfo, senderKind } from '../sender';
import type { ZohoClient } from '../zoho/client';
import { errorInfoOf } from '../zoho/errors';
import { listRecordIdsInTerritory } from '../zoho/records';
import { getNamedTerritoriesOfRecords } from '../zoho/territories';
import { listAllTerritories, type OrgTarget, type TerritoryCache } from '../zoho/territory-cache';

/** Reads of a preview at once: the Free edition allows 5 calls at once per org (zoho-crm.md §7). */
export const PREVIEW_READ_CONCURRENCY = 3;

export interface BulkRequestDeps {
  extension: ExtensionIdentity;
  clientFor(org: OrgTarget): ZohoClient;
  territories: TerritoryCache;
  jobs: BulkJobManager;
  /** sends a job's records on the BroadcastChannel a page named; absent where there is none */
  postRecords?(channel: string, records: EncodedRecordRows): void;
}

export type BulkResponse = BulkResponseFor<BulkRequest>;
export type BulkRequestHandler = (request: BulkRequest, sender: SenderInfo) => Promise<BulkResponse>;

function orgOf(request: OrgTarget): OrgTarget {
  return { dataCentre: request.dataCentre, sandbox: request.sandbox, orgId: request.orgId };
}

export interface RecordsRead {
  holdings: Record<string, TerritoryHolding[]>;
  names: Record<string, string>;
}

/**
 * Each record's territories and name, read 100 a call, a few calls at once; records Zoho does not
 * return are absent.
 */
export async function readHoldings(
  client: ZohoClient,
  module: TerritoryModule,
  recordIds: readonly string[],
  concurrency = PREVIEW_READ_CONCURRENCY,
): Promise<RecordsRead> {
  const read: RecordsRead = { holdings: {}, names: {} };
  const chunks = splitIntoBatches([...new Set(recordIds)], READ_CHUNK_SIZE);
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
      for (const [id, list] of await getNamedTerritoriesOfRecords(client, module, chunk)) {
        // An entry that could not be read is sent like a manual one: Zoho's answer says whether it may go.
        read.holdings[id] = list.territories.map((territory) => ({
          id: territory.id,
          assigned: territory.assigned === 'unreadable' ? 'manually' : territory.assigned,
        }));
        if (list.name !== null) read.names[id] = list.name;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return read;
}

/** storage.local refused a job: Chromium says `QUOTA_BYTES quota exceeded` or `Resource::kQuotaBytes quota exceeded`. */
export function isStorageFull(error: unknown): boolean {
  return error instanceof Error && /quota_?bytes/i.test(error.message);
}

export function createBulkRequestHandler(deps: BulkRequestDeps): BulkRequestHandler {
  async function preview(request: Extract<BulkRequest, { type: 'bulk.preview' }>): Promise<BulkPreview> {
    const client = deps.clientFor(orgOf(request));
    const { holdings, names } = await readHoldings(client, request.module, request.recordIds);
    return previewOf({
      territoryIds: request.territoryIds,
      recordIds: request.recordIds,
      holdings,
      names,
      batchSize: BULK_DEFAULTS.batchSize,
    });
  }

  async function dispatch(request: BulkRequest): Promise<BulkResponse> {
    switch (request.type) {
      case 'bulk.territories': {
        const org = orgOf(request);
        const territories = await deps.territories.get(org, () => listAllTerritories(deps.clientFor(org)));
        return {
          ok: true,
          value: territories.map((territory) => ({
            id: territory.id,
            name: territory.name,
            parentId: territory.parentId,
          })),
        };
      }
      case 'bulk.recordsInTerritory': {
        const client = deps.clientFor(orgOf(request));
        const listed = await listRecordIdsInTerritory(client, request.module, request.territoryId, MAX_BULK_RECORDS);
        return { ok: true, value: listed };
      }
      case 'bulk.preview':
        return { ok: true, value: await preview(request) };
      case 'bulk.start':
        return deps.jobs.start({
          ...orgOf(request),
          module: request.module,
          territoryIds: request.territoryIds,
          recordIds: request.recordIds,
          holdings: request.holdings,
          names: request.names,
          batchSize: request.batchSize,
          concurrency: request.concurrency,
        });
      case 'bulk.status': {
        const answer = await deps.jobs.status(request.jobId, request.includeRecords ?? false);
        if (!answer.ok || answer.value.records === undefined || !request.recordsChannel || !deps.postRecords) {
          return answer;
        }
        const { records, ...view } = answer.value;
        deps.postRecords(request.recordsChannel, records);
        return { ok: true, value: { ...view, recordsPosted: true } };
      }
      case 'bulk.jobs':
        return deps.jobs.jobs();
      case 'bulk.pause':
        return deps.jobs.pause(request.jobId);
      case 'bulk.resume':
        return deps.jobs.resume(request.jobId);
      case 'bulk.cancel':
        return deps.jobs.cancel(request.jobId);
      case 'bulk.retryFailed':
        return deps.jobs.retryFailed(request.jobId);
      case 'bulk.undo':
        return deps.jobs.undo(request.jobId);
    }
  }

  return async (request, sender) => {
    if (senderKind(sender, deps.extension) !== 'extension-page') {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
    }
    try {
      return await dispatch(request);
    } catch (error) {
      return { ok: false, error: isStorageFull(error) ? { code: 'STORAGE_FULL' } : errorInfoOf(error) };
    }
  };
}

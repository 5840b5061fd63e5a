import type { EncodedRecordRows, RecordsWanted } from '@/utils/bulk/progress';
import { type BulkRequest, type BulkResponseFor, type BulkResponseOf, bulkRecordsChannel } from '@/utils/bulk-protocol';
import type { TerritoryModule } from '@/utils/crm-page';
import type { DataCentre } from '@/utils/data-centres';
import type { Connection, Result } from '@/utils/messaging';
import { isResult, restarted } from '@/utils/send-request';

export interface BulkOrg {
  dataCentre: DataCentre;
  sandbox: boolean;
  orgId: string | null;
}

export interface BulkSelection extends BulkOrg {
  module: TerritoryModule;
  territoryIds: string[];
  recordIds: string[];
}

/** What the bulk page needs from the extension; entrypoints/bulk builds the real one. */
export interface BulkApi {
  connections(): Promise<Result<Connection[]>>;
  signIn(dataCentre: DataCentre): Promise<Result<Connection>>;
  territories(org: BulkOrg): Promise<BulkResponseOf['bulk.territories']>;
  recordsInTerritory(
    org: BulkOrg,
    module: TerritoryModule,
    territoryId: string,
  ): Promise<BulkResponseOf['bulk.recordsInTerritory']>;
  preview(selection: BulkSelection): Promise<BulkResponseOf['bulk.preview']>;
  start(request: Omit<Extract<BulkRequest, { type: 'bulk.start' }>, 'type'>): Promise<BulkResponseOf['bulk.start']>;
  status(jobId: string, includeRecords: RecordsWanted): Promise<BulkResponseOf['bulk.status']>;
  jobs(): Promise<BulkResponseOf['bulk.jobs']>;
  pause(jobId: string): Promise<BulkResponseOf['bulk.pause']>;
  resume(jobId: string): Promise<BulkResponseOf['bulk.resume']>;
  cancel(jobId: string): Promise<BulkResponseOf['bulk.cancel']>;
  retryFailed(jobId: string): Promise<BulkResponseOf['bulk.retryFailed']>;
  undo(jobId: string): Promise<BulkResponseOf['bulk.undo']>;
  /** hands a file to the browser's downloads */
  download(fileName: string, text: string): void;
}

/** Sends one message to the background and resolves with its answer; may throw. */
export type Transport = (message: unknown) => Promise<unknown>;

/**
 * One bulk request. A message that cannot travel (the worker restarted mid-request, the extension
 * was updated) or finds no handler is an EXTENSION_RESTARTED error, as `sendRequest` answers.
 */
export async function sendBulkRequest<R extends BulkRequest>(
  transport: Transport,
  request: R,
): Promise<BulkResponseFor<R>> {
  let answer: unknown;
  try {
    answer = await transport(request);
  } catch (error) {
    return restarted(error instanceof Error ? error.message : String(error)) as BulkResponseFor<R>;
  }
  if (!isResult(answer)) return restarted('The background sent no answer.') as BulkResponseFor<R>;
  return answer as BulkResponseFor<R>;
}

export function createBulkApi(
  transport: Transport,
  auth: Pick<BulkApi, 'connections' | 'signIn'>,
  download: BulkApi['download'],
): BulkApi {
  const send = <R extends BulkRequest>(request: R) => sendBulkRequest(transport, request);
  return {
    ...auth,
    territories: (org) => send({ type: 'bulk.territories', ...org }),
    recordsInTerritory: (org, module, territoryId) =>
      send({ type: 'bulk.recordsInTerritory', ...org, module, territoryId }),
    preview: (selection) => send({ type: 'bulk.preview', ...selection }),
    start: (request) => send({ type: 'bulk.start', ...request }),
    status: (jobId, includeRecords) => statusOf(send, jobId, includeRecords),
    jobs: () => send({ type: 'bulk.jobs' }),
    pause: (jobId) => send({ type: 'bulk.pause', jobId }),
    resume: (jobId) => send({ type: 'bulk.resume', jobId }),
    cancel: (jobId) => send({ type: 'bulk.cancel', jobId }),
    retryFailed: (jobId) => send({ type: 'bulk.retryFailed', jobId }),
    undo: (jobId) => send({ type: 'bulk.undo', jobId }),
    download,
  };
}

/** Waits this long for records the background said it posted, then asks for them in the answer. */
export const RECORDS_WAIT_MS = 10_000;

/** A job's status; its records, when asked for, come on a BroadcastChannel where the page has one. */
async function statusOf(
  send: <R extends BulkRequest>(request: R) => Promise<BulkResponseFor<R>>,
  jobId: string,
  includeRecords: RecordsWanted,
): Promise<BulkResponseOf['bulk.status']> {
  if (includeRecords === false || typeof BroadcastChannel !== 'function') {
    return send({ type: 'bulk.status', jobId, includeRecords });
  }
  const name = crypto.randomUUID();
  const channel = new BroadcastChannel(bulkRecordsChannel(name));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const posted = new Promise<unknown>((resolve) => {
    channel.onmessage = (event) => resolve(event.data);
    timer = setTimeout(() => resolve(undefined), RECORDS_WAIT_MS);
  });
  try {
    const answer = await send({ type: 'bulk.status', jobId, includeRecords, recordsChannel: name });
    if (!answer.ok || answer.value?.recordsPosted !== true) return answer;
    const { recordsPosted: _, ...view } = answer.value;
    const records = await posted;
    if (typeof records === 'string') return { ok: true, value: { ...view, records: records as EncodedRecordRows } };
    // Nothing came on the channel: the records travel in the answer instead.
    return send({ type: 'bulk.status', jobId, includeRecords });
  } finally {
    clearTimeout(timer);
    channel.close();
  }
}

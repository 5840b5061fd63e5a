// The bulk side of the background: jobs in storage.local run by the manager over real Zoho calls,
// and the one message listener that serves both protocols.
import type { AuthSession } from '../auth/session';
import { type BulkJobManager, createBulkJobManager } from '../bulk/manager';
import type { EncodedRecordRows } from '../bulk/progress';
import { bulkRecordsChannel, parseBulkRequest } from '../bulk-protocol';
import type { SenderInfo } from '../sender';
import { createZohoClient } from '../zoho/client';
import { createTerritoryCache, type OrgTarget, type TerritoryCache } from '../zoho/territory-cache';
import { type AlarmsApi, bulkAlarm } from './bulk-alarm';
import { bulkCallsOf } from './bulk-calls';
import { createBulkJobStore } from './bulk-job-store';
import { type BulkRequestHandler, type BulkResponse, createBulkRequestHandler } from './bulk-requests';
import { parseRequest, type RequestHandler, type Response } from './handle-request';
import type { BackgroundApis } from './setup';

export interface BulkBackground {
  handle: BulkRequestHandler;
  jobs: BulkJobManager;
  /** the org definitions cache, for the panel's requests too */
  territories: TerritoryCache;
}

export interface BulkTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  newJobId(): string;
}

const REAL_TIMING: BulkTiming = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  newJobId: () => crypto.randomUUID(),
};

export function createBulkBackground(
  apis: Pick<BackgroundApis, 'extension' | 'local' | 'fetch'> & { alarms?: AlarmsApi },
  auth: AuthSession,
  timing: BulkTiming = REAL_TIMING,
): BulkBackground {
  const clientFor = (org: OrgTarget) =>
    createZohoClient({ credentials: auth.credentialsFor(org), orgId: org.orgId, fetch: apis.fetch });
  const onBusyChange = apis.alarms ? bulkAlarm(apis.alarms, () => jobs.resumeInterrupted()) : undefined;
  const jobs: BulkJobManager = createBulkJobManager({
    onBusyChange,
    store: createBulkJobStore(apis.local),
    callsFor: (job) => bulkCallsOf(clientFor(job), job.module),
    newJobId: timing.newJobId,
    now: timing.now,
    sleep: timing.sleep,
    random: timing.random,
    onRunError: (job, error) => console.error(`The bulk run ${job.id} stopped on an error`, error),
  });
  const territories = createTerritoryCache({ storage: apis.local, now: timing.now });
  const handle = createBulkRequestHandler({
    extension: apis.extension,
    clientFor,
    territories,
    jobs,
    postRecords: typeof BroadcastChannel === 'function' ? postRecords : undefined,
  });
  return { handle, jobs, territories };
}

function postRecords(name: string, records: EncodedRecordRows): void {
  const channel = new BroadcastChannel(bulkRecordsChannel(name));
  // Delivered to the page's end however soon this end closes: it is queued when posted.
  channel.postMessage(records);
  channel.close();
}

type MessageListener = (
  message: unknown,
  sender: SenderInfo,
  sendResponse: (response: Response | BulkResponse) => void,
) => boolean;

/** Answers a valid request of either protocol through sendResponse; anything else gets no answer. */
export function listenForMessages(
  onMessage: { addListener(listener: MessageListener): void },
  handle: RequestHandler,
  handleBulk: BulkRequestHandler,
): void {
  onMessage.addListener((message, sender, sendResponse) => {
    const request = parseRequest(message);
    if (request) {
      void handle(request, sender).then(sendResponse);
      return true;
    }
    const bulkRequest = parseBulkRequest(message);
    if (bulkRequest) {
      void handleBulk(bulkRequest, sender).then(sendResponse);
      return true;
    }
    return false;
  });
}

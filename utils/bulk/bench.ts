// Figures of a run, and a run simulated in virtual time: what `npm run bench:bulk` reports against
// the stand-in, and the same against an in-memory org in a fraction of a second.
import { type BulkJob, createBulkJob } from './job';
import { bulkProgress } from './progress';
import { runBulkJob } from './runner';
import { FakeOrg, JobStore, simulatedDeps, VirtualClock } from './simulation';

export interface RunStats {
  records: number;
  removeCalls: number;
  readCalls: number;
  /** from creation to the end (or `now` when not over) */
  durationMs: number;
  recordsPerSecond: number;
  counts: ReturnType<typeof bulkProgress>['counts'];
}

export function runStats(job: BulkJob, now: number): RunStats {
  const progress = bulkProgress(job, now);
  const durationMs = (job.finishedAt ?? now) - job.createdAt;
  return {
    records: progress.total,
    removeCalls: job.calls.remove,
    readCalls: job.calls.read,
    durationMs,
    recordsPerSecond: durationMs > 0 ? Math.round((progress.settled * 1000) / durationMs) : progress.settled,
    counts: progress.counts,
  };
}

export interface SimulationOptions {
  records: number;
  latencyMs: number;
  batchSize?: number;
  concurrency?: number;
  /** records per call the simulated Zoho accepts; a batch larger than this gets a limit error */
  maxPerCall?: number;
}

/** Removes one territory from `records` records of an in-memory org, in virtual time. */
export async function simulateBulkRun(options: SimulationOptions): Promise<RunStats> {
  const clock = new VirtualClock();
  const org = new FakeOrg(clock);
  org.latencyMs = options.latencyMs;
  if (options.maxPerCall !== undefined) org.maxPerCall = options.maxPerCall;
  const territoryId = '1000000000000000001';
  const recordIds = Array.from({ length: options.records }, (_, i) => String(4000000000000000000n + BigInt(i)));
  for (const id of recordIds) org.add(id, { [territoryId]: 'manually' });
  const job = createBulkJob({
    id: 'simulation',
    dataCentre: 'us',
    sandbox: false,
    orgId: null,
    module: 'Accounts',
    territoryIds: [territoryId],
    recordIds,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    now: clock.now(),
  });
  await clock.run(runBulkJob(job, simulatedDeps(org, new JobStore(), clock)));
  return runStats(job, clock.now());
}

// What the background remembers about territory changes in storage.session, so that a restarted
// service worker still knows them: jobs Zoho scheduled but has not finished, and POSTs under way.
import * as v from 'valibot';
import type { StorageArea } from './storage-area';
import { type ChangeKind, isReflected, type RecordTerritoryList } from './territories';

export interface ScheduledJob {
  recordKey: string;
  territoryId: string;
  jobId: string;
  kind: ChangeKind;
  /** epoch ms */
  since: number;
}

/** A POST that was sent and whose answer has not been handled yet. */
export interface InFlightChange {
  territoryId: string;
  kind: ChangeKind;
  since: number;
}

/** Zoho's job status API is only partly documented; after this long a job is assumed finished or failed. */
export const JOB_MEMORY_MS = 5 * 60_000;

const Kind = v.picklist(['remove', 'assign']);
const RecordChangesSchema = v.object({
  jobs: v.array(
    v.object({ recordKey: v.string(), territoryId: v.string(), jobId: v.string(), kind: Kind, since: v.number() }),
  ),
  inFlight: v.array(v.object({ territoryId: v.string(), kind: Kind, since: v.number() })),
});
type RecordChanges = v.InferOutput<typeof RecordChangesSchema>;

const storageKey = (recordKey: string) => `changes:${recordKey}`;

/** Jobs still running: not older than JOB_MEMORY_MS and not yet visible in the record's list. */
export function pendingJobs(jobs: readonly ScheduledJob[], list: RecordTerritoryList, now: number): ScheduledJob[] {
  return jobs.filter((job) => now - job.since < JOB_MEMORY_MS && !isReflected(job.kind, [job.territoryId], list));
}

function sameChange(a: { territoryId: string; kind: ChangeKind }, b: { territoryId: string; kind: ChangeKind }) {
  return a.territoryId === b.territoryId && a.kind === b.kind;
}

export interface ChangeLog {
  recordJob(job: ScheduledJob): Promise<void>;
  /** Forgets finished and expired jobs of the record; returns the territory ids still scheduled. */
  reconcileJobs(recordKey: string, list: RecordTerritoryList, now: number): Promise<string[]>;
  markInFlight(recordKey: string, change: InFlightChange): Promise<void>;
  clearInFlight(recordKey: string, change: Omit<InFlightChange, 'since'>): Promise<void>;
  findInFlight(recordKey: string, change: Omit<InFlightChange, 'since'>): Promise<InFlightChange | undefined>;
  /** Drops the record's in-flight markers except those `keep` accepts (POSTs this worker still awaits). */
  clearInFlightExcept(recordKey: string, keep: (change: InFlightChange) => boolean): Promise<void>;
}

export function createChangeLog(area: StorageArea): ChangeLog {
  // Read-modify-write of one key must not interleave; one queue for all keys is simple and enough.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(recordKey: string): Promise<RecordChanges> {
    const stored = (await area.get(storageKey(recordKey)))[storageKey(recordKey)];
    const parsed = v.safeParse(RecordChangesSchema, stored);
    return parsed.success ? parsed.output : { jobs: [], inFlight: [] };
  }

  async function save(recordKey: string, changes: RecordChanges): Promise<void> {
    if (changes.jobs.length === 0 && changes.inFlight.length === 0) await area.remove(storageKey(recordKey));
    else await area.set({ [storageKey(recordKey)]: changes });
  }

  function update(recordKey: string, change: (current: RecordChanges) => RecordChanges): Promise<RecordChanges> {
    return exclusive(async () => {
      const next = change(await load(recordKey));
      await save(recordKey, next);
      return next;
    });
  }

  return {
    async recordJob(job) {
      await update(job.recordKey, (current) => ({
        ...current,
        jobs: [...current.jobs.filter((known) => !sameChange(known, job)), job],
      }));
    },
    async reconcileJobs(recordKey, list, now) {
      const next = await update(recordKey, (current) => ({ ...current, jobs: pendingJobs(current.jobs, list, now) }));
      return [...new Set(next.jobs.map((job) => job.territoryId))];
    },
    async markInFlight(recordKey, change) {
      await update(recordKey, (current) => ({
        ...current,
        inFlight: [...current.inFlight.filter((known) => !sameChange(known, change)), change],
      }));
    },
    async clearInFlight(recordKey, change) {
      await update(recordKey, (current) => ({
        ...current,
        inFlight: current.inFlight.filter((known) => !sameChange(known, change)),
      }));
    },
    async findInFlight(recordKey, change) {
      const current = await exclusive(() => load(recordKey));
      return current.inFlight.find((known) => sameChange(known, change));
    },
    async clearInFlightExcept(recordKey, keep) {
      await update(recordKey, (current) => ({ ...current, inFlight: current.inFlight.filter(keep) }));
    },
  };
}

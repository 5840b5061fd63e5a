// Bulk jobs in storage.local as journals (bulk/journal.ts): per job a head (`bulkJob:<id>`), the
// records as planned (`bulkJob:<id>:base`) and one key per batch (`bulkJob:<id>:batch:<n>`), plus an
// index of the job ids so that a restarted worker finds every job without reading the whole storage.
// Each save is one `set`, which both browsers write atomically (Chromium: one LevelDB write batch;
// Firefox: one IndexedDB transaction). A job that is over is folded into its head and base (every
// outcome in the base), and its batch keys removed.
import type { BulkBatch, BulkJob } from '../bulk/job';
import { assembleJob, baseOf, entryOf, headOf } from '../bulk/journal';
import type { BulkJobStore } from '../bulk/manager';
import type { StorageArea } from '../zoho/storage-area';

export const BULK_JOB_INDEX_KEY = 'bulkJobs';

export function bulkJobKey(jobId: string): string {
  return `bulkJob:${jobId}`;
}

export function bulkBaseKey(jobId: string): string {
  return `bulkJob:${jobId}:base`;
}

export function bulkBatchKey(jobId: string, batchId: number): string {
  return `bulkJob:${jobId}:batch:${batchId}`;
}

function idsOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

function batchKeys(jobId: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => bulkBatchKey(jobId, n));
}

function nextBatchIdOf(head: unknown): number {
  if (typeof head !== 'object' || head === null || !('nextBatchId' in head)) return 0;
  const next = head.nextBatchId;
  return typeof next === 'number' && Number.isInteger(next) && next >= 0 ? next : 0;
}

export function createBulkJobStore(area: StorageArea): BulkJobStore {
  let known: Set<string> | null = null;
  // Index changes one after another: each reads the ids the previous one wrote.
  let indexQueue: Promise<unknown> = Promise.resolve();

  function updateIndex<T>(change: (ids: Set<string>) => Promise<T>): Promise<T> {
    const next = indexQueue.then(async () => {
      known ??= new Set(idsOf((await area.get(BULK_JOB_INDEX_KEY))[BULK_JOB_INDEX_KEY]));
      return change(known);
    });
    indexQueue = next.catch(() => undefined);
    return next;
  }

  async function load(jobId: string): Promise<BulkJob | null> {
    const stored = await area.get([bulkJobKey(jobId), bulkBaseKey(jobId)]);
    const head = stored[bulkJobKey(jobId)];
    if (head === undefined) return null;
    // Every save writes the head with the batches: none has an id beyond the head's count.
    const keys = batchKeys(jobId, nextBatchIdOf(head));
    const batches = await area.get(keys);
    return assembleJob(
      head,
      stored[bulkBaseKey(jobId)],
      keys.map((key) => batches[key]).filter((entry) => entry !== undefined),
    );
  }

  return {
    load,

    create(job) {
      // Captured now: storage.set copies when called, the index queue does not.
      const items: Record<string, unknown> = structuredClone({
        [bulkJobKey(job.id)]: headOf(job),
        [bulkBaseKey(job.id)]: baseOf(job),
        ...Object.fromEntries(job.batches.map((batch) => [bulkBatchKey(job.id, batch.id), entryOf(job, batch)])),
      });
      return updateIndex(async (ids) => {
        ids.add(job.id);
        // One write: a job is never stored without being in the index.
        await area.set({ ...items, [BULK_JOB_INDEX_KEY]: [...ids] });
      });
    },

    save(job: BulkJob, changed: readonly BulkBatch[]) {
      const items: Record<string, unknown> = { [bulkJobKey(job.id)]: headOf(job) };
      for (const batch of changed) items[bulkBatchKey(job.id, batch.id)] = entryOf(job, batch);
      return area.set(items);
    },

    async compact(job) {
      if (job.batches.length > 0) return;
      await area.set(structuredClone({ [bulkJobKey(job.id)]: headOf(job), [bulkBaseKey(job.id)]: baseOf(job) }));
      // Stopped between the two: the batch entries left repeat outcomes the base holds.
      await area.remove(batchKeys(job.id, job.nextBatchId));
    },

    async list() {
      const ids = await updateIndex(async (current) => [...current]);
      const jobs: BulkJob[] = [];
      for (const id of ids) {
        const job = await load(id);
        // A job this version cannot read (stored whole by an older one, or damaged) is gone for good.
        if (job) jobs.push(job);
        else await remove(id);
      }
      return jobs;
    },

    remove,
  };

  function remove(jobId: string): Promise<void> {
    return updateIndex(async (ids) => {
      ids.delete(jobId);
      await area.set({ [BULK_JOB_INDEX_KEY]: [...ids] });
      const head = (await area.get(bulkJobKey(jobId)))[bulkJobKey(jobId)];
      await area.remove([...batchKeys(jobId, nextBatchIdOf(head)), bulkBaseKey(jobId), bulkJobKey(jobId)]);
    });
  }
}

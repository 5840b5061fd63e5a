// Bulk jobs in storage.local: one key per job (`bulkJob:<id>`) and an index of the ids, so that a
// restarted worker finds every job without reading the whole storage.
import type { BulkJob } from '../bulk/job';
import type { BulkJobStore } from '../bulk/manager';
import type { StorageArea } from '../zoho/storage-area';

export const BULK_JOB_INDEX_KEY = 'bulkJobs';

export function bulkJobKey(jobId: string): string {
  return `bulkJob:${jobId}`;
}

function idsOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
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

  async function load(jobId: string): Promise<unknown> {
    return (await area.get(bulkJobKey(jobId)))[bulkJobKey(jobId)];
  }

  return {
    load,

    save(job) {
      // storage.set copies the job when called; the manager relies on that.
      if (known?.has(job.id)) return area.set({ [bulkJobKey(job.id)]: job });
      const copy: BulkJob = structuredClone(job);
      return updateIndex(async (ids) => {
        const added = !ids.has(copy.id);
        ids.add(copy.id);
        // One write: a job is never stored without being in the index.
        await area.set(
          added ? { [bulkJobKey(copy.id)]: copy, [BULK_JOB_INDEX_KEY]: [...ids] } : { [bulkJobKey(copy.id)]: copy },
        );
      });
    },

    async list() {
      const ids = await updateIndex(async (current) => [...current]);
      const jobs: unknown[] = [];
      for (const id of ids) {
        const job = await load(id);
        if (job !== undefined) jobs.push(job);
      }
      return jobs;
    },

    remove(jobId) {
      return updateIndex(async (ids) => {
        ids.delete(jobId);
        await area.set({ [BULK_JOB_INDEX_KEY]: [...ids] });
        await area.remove(bulkJobKey(jobId));
      });
    },
  };
}

import { useEffect, useState } from 'preact/hooks';
import type { BulkJobSummary } from '@/utils/bulk/progress';
import { UNDO_MESSAGES } from '@/utils/bulk/undo-messages';
import type { BulkApi } from './bulk-api';

export interface RecentJobsProps {
  api: BulkApi;
  /** the job on screen, left out of the list */
  currentJobId: string | null;
  onOpen: (jobId: string) => void;
  locale?: string;
}

/** Runs kept by the background, newest first: reopen one to see its records or retry it. */
export function RecentJobs({ api, currentJobId, onOpen, locale }: RecentJobsProps) {
  const [jobs, setJobs] = useState<BulkJobSummary[]>([]);

  useEffect(() => {
    let current = true;
    void api.jobs().then((result) => {
      if (current && result.ok) setJobs(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, currentJobId]);

  const others = jobs.filter((job) => job.id !== currentJobId).slice(0, 10);
  if (others.length === 0) return null;
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const when = (ms: number) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  return (
    <section class="bk-section" aria-labelledby="bk-recent">
      <h2 id="bk-recent">Earlier runs</h2>
      <ul class="bk-recent">
        {others.map((job) => (
          <li key={job.id}>
            <button type="button" class="bk-link" onClick={() => onOpen(job.id)}>
              {job.direction === 'assign' ? `${UNDO_MESSAGES.runNoun}, ` : ''}
              {job.module}: {count(job.progress.settled)} of {count(job.progress.total)} records, {job.status}
            </button>{' '}
            <span class="bk-muted">{when(job.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { BulkJobSummary } from '@/utils/bulk/progress';
import { moduleName } from '@/utils/i18n/names';
import { useI18n } from '../i18n';
import type { BulkApi } from './bulk-api';

export interface RecentJobsProps {
  api: BulkApi;
  /** the job on screen, left out of the list */
  currentJobId: string | null;
  onOpen: (jobId: string) => void;
}

/** Runs kept by the background, newest first: reopen one to see its records or retry it. */
export function RecentJobs({ api, currentJobId, onOpen }: RecentJobsProps) {
  const translator = useI18n();
  const { t } = translator;
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
  const when = (ms: number) => translator.date(ms, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section class="bk-section" aria-labelledby="bk-recent">
      <h2 id="bk-recent">{t('bulk.earlierRuns')}</h2>
      <ul class="bk-recent">
        {others.map((job) => (
          <li key={job.id}>
            <button type="button" class="bk-link" onClick={() => onOpen(job.id)}>
              {t(job.direction === 'assign' ? 'bulk.earlierUndo' : 'bulk.earlierRun', {
                module: moduleName(translator, job.module),
                settled: translator.number(job.progress.settled),
                total: job.progress.total,
                status: t(`bulk.status.${job.status}`),
              })}
            </button>{' '}
            <span class="bk-muted">{when(job.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

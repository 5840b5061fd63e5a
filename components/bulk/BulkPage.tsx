import { useState } from 'preact/hooks';
import type { BulkLink } from '@/utils/bulk/link';
import type { BulkJobSummary } from '@/utils/bulk/progress';
import type { BulkTerritory } from '@/utils/bulk-protocol';
import { useI18n } from '../i18n';
import type { BulkApi } from './bulk-api';
import { JobView } from './JobView';
import { RecentJobs } from './RecentJobs';
import { SetupForm, type SetupInitial } from './SetupForm';

export interface BulkPageProps {
  api: BulkApi;
  /** the selection or job the page was opened with (its address) */
  initial: BulkLink;
  optionsUrl: string;
  /** the page's address follows the job shown, so that a reload comes back to it */
  onJobShown?: (jobId: string | null) => void;
  pollMs?: number;
}

/** Remove territories from many records: set up and preview a run, then follow it. */
export function BulkPage({ api, initial, optionsUrl, onJobShown, pollMs }: BulkPageProps) {
  const { t } = useI18n();
  const [jobId, setJobId] = useState<string | null>(initial.jobId);
  const [setup, setSetup] = useState<SetupInitial>(initial);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [setupKey, setSetupKey] = useState(0);
  // Earlier runs are listed once the job shown has its records: each stored job is read in full.
  const [listJobs, setListJobs] = useState(initial.jobId === null);

  const show = (id: string | null) => {
    setJobId(id);
    if (id === null) setListJobs(true);
    onJobShown?.(id);
  };

  // Territory names for a job opened from its address, whose setup never loaded them.
  const remember = (territories: readonly BulkTerritory[]) =>
    setNames((known) => new Map([...known, ...territories.map((t): [string, string] => [t.id, t.name])]));

  // The job view's first read of the job says where it runs: one read of the job, not two (a
  // large job takes a while to hand over).
  const jobFound = async (job: BulkJobSummary) => {
    const { dataCentre, sandbox, orgId, module, territoryIds } = job;
    setSetup({ dataCentre, sandbox, orgId, module, territoryIds, recordIds: [] });
    const territories = await api.territories({ dataCentre, sandbox, orgId });
    if (territories.ok) remember(territories.value);
  };

  return (
    <main class="bk-page">
      <h1>{t('bulk.title')}</h1>
      {jobId ? (
        <JobView
          key={jobId}
          api={api}
          jobId={jobId}
          territoryName={(id) => names.get(id) ?? id}
          optionsUrl={optionsUrl}
          onShowJob={show}
          onFirstSummary={(job) => void jobFound(job)}
          onLoaded={() => setListJobs(true)}
          onNewRun={() => {
            setSetupKey((n) => n + 1);
            show(null);
          }}
          pollMs={pollMs}
        />
      ) : (
        <SetupForm
          key={setupKey}
          api={{
            ...api,
            territories: async (org) => {
              const result = await api.territories(org);
              if (result.ok) remember(result.value);
              return result;
            },
          }}
          initial={setup}
          optionsUrl={optionsUrl}
          onStarted={show}
        />
      )}
      {listJobs ? <RecentJobs api={api} currentJobId={jobId} onOpen={show} /> : null}
    </main>
  );
}

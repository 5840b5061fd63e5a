import { useEffect, useRef, useState } from 'preact/hooks';
import { csvFileName, outcomesCsv } from '@/utils/bulk/csv';
import { timeLeft } from '@/utils/bulk/format';
import { isRemovedByRun, OUTCOME_KINDS, RETRYABLE_OUTCOMES } from '@/utils/bulk/job';
import { crmRecordUrl } from '@/utils/bulk/link';
import { outcomeLabel } from '@/utils/bulk/outcomes';
import { type BulkJobSummary, type BulkRecordRow, decodeRows } from '@/utils/bulk/progress';
import { dataCentreName, moduleName } from '@/utils/i18n/names';
import type { Translator } from '@/utils/i18n/translator';
import type { ErrorInfo } from '@/utils/messaging';
import { useI18n } from '../i18n';
import { BulkError } from './BulkError';
import type { BulkApi } from './bulk-api';
import { OutcomeTable } from './OutcomeTable';

export const DEFAULT_POLL_MS = 500;

/** Still changing: running, or cancelled with records being settled. */
export function isMoving(job: BulkJobSummary): boolean {
  return job.status === 'running' || (job.status === 'cancelled' && job.progress.batchesLeft > 0);
}

/** "Removed: 3", one per outcome the run has. */
function outcomeCounts(job: BulkJobSummary, translator: Translator): string[] {
  const { counts } = job.progress;
  return OUTCOME_KINDS.filter((kind) => counts[kind] > 0).map((kind) =>
    translator.t('bulk.outcomeCount', {
      label: outcomeLabel(kind, translator),
      count: translator.number(counts[kind]),
    }),
  );
}

/** The sentence a screen reader hears when the run changes state. */
export function announcement(job: BulkJobSummary, translator: Translator): string {
  const { t, list } = translator;
  const done = list(outcomeCounts(job, translator));
  const words = job.direction === 'assign' ? 'undoAnnounce' : 'announce';
  switch (job.status) {
    case 'running':
      return t(`bulk.${words}.running`);
    case 'paused':
      return job.pauseReason ? t(`bulk.${words}.pausedAttention`) : t(`bulk.${words}.paused`);
    case 'cancelled':
      return isMoving(job) ? t('bulk.announce.cancelling') : t(`bulk.${words}.cancelled`, { counts: done });
    case 'finished':
      return t(`bulk.${words}.finished`, { counts: done });
  }
}

/** Records a removal at rest took its territories from: what "Put back" would send. */
export function removedCount(job: BulkJobSummary, rows: readonly BulkRecordRow[]): number {
  if (job.direction !== 'remove' || isMoving(job) || job.status === 'running') return 0;
  return rows.filter((row) => isRemovedByRun(row.outcome)).length;
}

export interface JobViewProps {
  api: BulkApi;
  jobId: string;
  territoryName: (id: string) => string;
  optionsUrl: string;
  /** a retry run was started: show it */
  onShowJob: (jobId: string) => void;
  onNewRun: () => void;
  /** the first summary of the job: where it runs and which territories (read once, not again) */
  onFirstSummary?: (job: BulkJobSummary) => void;
  /** the first look is on screen: the progress of a run under way, else every record (or an error) */
  onLoaded?: () => void;
  pollMs?: number;
}

/** A run: live progress while it runs, then every record's outcome, the CSV, and a retry. */
export function JobView({
  api,
  jobId,
  territoryName,
  optionsUrl,
  onShowJob,
  onNewRun,
  onFirstSummary,
  onLoaded,
  pollMs = DEFAULT_POLL_MS,
}: JobViewProps) {
  const translator = useI18n();
  const { t } = translator;
  const [job, setJob] = useState<BulkJobSummary | null>(null);
  const [rows, setRows] = useState<BulkRecordRow[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [follow, setFollow] = useState(0);
  const [spoken, setSpoken] = useState('');
  const lastStatus = useRef<string | null>(null);
  const firstSummary = useRef(onFirstSummary);
  const loaded = useRef(onLoaded);

  // Polls while the run moves; the look that finds it at rest brings every record.
  // `follow` restarts the polling after an action.
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const signalLoaded = () => {
      loaded.current?.();
      loaded.current = undefined;
    };
    const tick = async () => {
      // One read a look: the records come with the summary once the job no longer moves.
      let result = await api.status(jobId, 'atRest');
      if (!current) return;
      if (result.ok && result.value.records === undefined && !isMoving(result.value)) {
        // At rest, yet no records: the background judged it still moving. Ask for them.
        result = await api.status(jobId, true);
        if (!current) return;
      }
      if (!result.ok) {
        setError(result.error);
        signalLoaded();
        if (result.error.code !== 'JOB_NOT_FOUND') timer = setTimeout(tick, pollMs * 4);
        return;
      }
      setError(null);
      setJob(result.value);
      firstSummary.current?.(result.value);
      firstSummary.current = undefined;
      if (result.value.records !== undefined) setRows(decodeRows(result.value.records));
      else timer = setTimeout(tick, pollMs);
      signalLoaded();
    };
    void tick();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, jobId, pollMs, follow]);

  useEffect(() => {
    if (!job) return;
    const key = `${job.status}:${isMoving(job)}`;
    if (lastStatus.current !== null && lastStatus.current !== key) setSpoken(announcement(job, translator));
    lastStatus.current = key;
  }, [job, translator]);

  const act = async (action: 'pause' | 'resume' | 'cancel') => {
    if (busy) return;
    setBusy(true);
    const result = await api[action](jobId);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setJob(result.value);
    setRows(null);
    setFollow((n) => n + 1);
  };

  const startFollowUp = async (request: 'retryFailed' | 'undo') => {
    if (busy) return;
    setBusy(true);
    const result = await api[request](jobId);
    setBusy(false);
    if (result.ok) onShowJob(result.value.jobId);
    else setError(result.error);
  };

  const signInAndResume = async () => {
    if (!job || busy) return;
    setBusy(true);
    const signedIn = await api.signIn(job.dataCentre);
    setBusy(false);
    if (!signedIn.ok) {
      setError(signedIn.error);
      return;
    }
    await act('resume');
  };

  if (!job) {
    return error ? (
      <BulkError error={error} module="Accounts" optionsUrl={optionsUrl} onRetry={() => setFollow((n) => n + 1)} />
    ) : (
      <p class="bk-muted">{t('bulk.loadingRun')}</p>
    );
  }

  const { progress } = job;
  const count = translator.number;
  const failed = rows?.filter((row) => row.outcome && RETRYABLE_OUTCOMES.includes(row.outcome.kind)).length ?? 0;
  const moving = isMoving(job);
  const removed = rows ? removedCount(job, rows) : 0;

  return (
    <div class="bk-stack">
      <section class="bk-section" aria-labelledby="bk-run-heading">
        <h2 id="bk-run-heading">
          {t(
            `bulk.${job.direction === 'assign' ? 'undoRun' : 'run'}.${moving && job.status === 'cancelled' ? 'cancelling' : job.status}`,
          )}
        </h2>
        {job.undoOf ? <p class="bk-muted">{t('bulk.undoOf')}</p> : null}
        <p class="bk-muted">
          {[
            moduleName(translator, job.module),
            t(job.direction === 'assign' ? 'bulk.run.puttingBack' : 'bulk.run.removing', {
              territories: translator.list(job.territoryIds.map(territoryName)),
            }),
            t(job.sandbox ? 'bulk.run.dataCentreSandbox' : 'bulk.run.dataCentre', {
              dataCentre: dataCentreName(translator, job.dataCentre),
            }),
            ...(job.orgId ? [t('bulk.run.org', { orgId: job.orgId })] : []),
          ].join(' · ')}
        </p>
        <div
          class="bk-bar"
          role="progressbar"
          aria-labelledby="bk-run-heading"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.settled}
          aria-valuetext={t('bulk.run.settledOf', { settled: count(progress.settled), total: progress.total })}
        >
          <div class="bk-bar-fill" style={{ width: `${progress.percent}%` }} />
        </div>
        <p>
          {[
            t('bulk.run.done', { settled: count(progress.settled), total: progress.total }),
            t('bulk.calls', { count: progress.calls.remove + progress.calls.read }),
            ...(job.status === 'running' && progress.remainingMs !== null
              ? [timeLeft(progress.remainingMs, translator)]
              : []),
          ].join(' · ')}
        </p>
        <ul class="bk-counts">
          {OUTCOME_KINDS.filter((kind) => progress.counts[kind] > 0).map((kind) => (
            <li key={kind} class={`bk-outcome-${kind}`}>
              {outcomeLabel(kind, translator)}: <strong>{count(progress.counts[kind])}</strong>
            </li>
          ))}
        </ul>
        {job.pauseReason ? (
          <BulkError
            error={job.pauseReason}
            module={job.module}
            optionsUrl={optionsUrl}
            busy={busy}
            onSignIn={signInAndResume}
            onRetry={() => void act('resume')}
          />
        ) : null}
        {error ? (
          <BulkError
            error={error}
            module={job.module}
            optionsUrl={optionsUrl}
            onRetry={() => setFollow((n) => n + 1)}
          />
        ) : null}
        <div class="bk-row">
          {job.status === 'running' ? (
            <button
              type="button"
              class="bk-button"
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => act('pause')}
            >
              {t('bulk.pause')}
            </button>
          ) : null}
          {job.status === 'paused' && !job.pauseReason ? (
            <button
              type="button"
              class="bk-button bk-primary"
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => act('resume')}
            >
              {t('bulk.resume')}
            </button>
          ) : null}
          {job.status === 'running' || job.status === 'paused' ? (
            <button
              type="button"
              class="bk-button"
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => act('cancel')}
            >
              {t('bulk.cancel')}
            </button>
          ) : null}
        </div>
        <p class="bk-sr-only" role="status" aria-live="polite">
          {spoken}
        </p>
      </section>

      {rows ? (
        <section class="bk-section" aria-labelledby="bk-outcomes-heading">
          <h2 id="bk-outcomes-heading">{t('bulk.eachRecord')}</h2>
          <div class="bk-row">
            <button
              type="button"
              class="bk-button"
              onClick={() =>
                api.download(
                  csvFileName(job.module, job.id, job.direction),
                  outcomesCsv(rows, territoryName, translator, job.direction),
                )
              }
            >
              {t('bulk.downloadCsv')}
            </button>
            {!moving && job.status !== 'paused' && failed > 0 ? (
              <button
                type="button"
                class="bk-button bk-primary"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => startFollowUp('retryFailed')}
              >
                {t('bulk.retryFailed', { count: failed })}
              </button>
            ) : null}
            {removed > 0 ? (
              <button
                type="button"
                class="bk-button"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => startFollowUp('undo')}
              >
                {t('bulk.putBack', { count: removed })}
              </button>
            ) : null}
            {!moving && job.status !== 'paused' ? (
              <button type="button" class="bk-button" onClick={onNewRun}>
                {t('bulk.startAnother')}
              </button>
            ) : null}
          </div>
          <OutcomeTable rows={rows} direction={job.direction} recordUrl={(id) => crmRecordUrl(job, job.module, id)} />
        </section>
      ) : null}
    </div>
  );
}

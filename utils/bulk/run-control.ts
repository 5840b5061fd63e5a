// The user's (and the runner's own) pause, resume and cancel of a job. Pure.
import type { ErrorInfo } from '../messaging';
import type { BulkJob } from './job';
import { wake } from './run-context';

/** Stop sending new batches; batches already sent finish. The caller saves or the run does. */
export function pauseBulkJob(job: BulkJob, reason: ErrorInfo | null = null): void {
  if (job.status !== 'running') return;
  job.status = 'paused';
  job.pauseReason = reason;
  wake(job);
}

/** A paused job runs again once `runBulkJob` is called on it. */
export function resumeBulkJob(job: BulkJob): void {
  if (job.status !== 'paused') return;
  job.status = 'running';
  job.pauseReason = null;
}

/**
 * No new batches; the records not sent end `cancelled`. A job that is not running must be passed
 * to `runBulkJob` to settle: a batch in flight when the worker stopped is read back first.
 */
export function cancelBulkJob(job: BulkJob): void {
  if (job.status === 'finished' || job.status === 'cancelled') return;
  job.status = 'cancelled';
  job.pauseReason = null;
  wake(job);
}

// What a Zoho answer means for the records of a batch (zoho-crm.md §1). Pure.
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translator';
import type { ErrorInfo } from '../messaging';
import { describeError } from '../zoho-errors';
import type { BulkDirection, OutcomeKind, RecordOutcome } from './job';

export interface ZohoError {
  code: string;
  status?: number;
  message?: string;
  details?: Readonly<Record<string, unknown>>;
}

/** The territory id on the record was refused (the JSON path points into `Territories`), not the record id. */
export function refersToTerritory(details: Readonly<Record<string, unknown>> | undefined): boolean {
  const path = details?.json_path;
  if (typeof path === 'string') return path.includes('Territories');
  // Zoho's page: INVALID_DATA means a bad record id or a territory not on the record; without a
  // path it is most often the latter.
  return details?.api_name !== 'id';
}

/** The outcome of a record that Zoho refused with `error` (per record, or for the whole batch). */
export function outcomeOfError(error: ZohoError): RecordOutcome {
  switch (error.code) {
    case 'RECORD_LOCKED':
      return { kind: 'locked' };
    case 'NOT_ALLOWED':
      return { kind: 'rule-assigned' };
    case 'NO_PERMISSION':
    case 'AUTHORIZATION_FAILED':
      return { kind: 'no-permission', code: error.code };
    case 'ALREADY_SCHEDULED':
      return { kind: 'scheduled', jobId: null };
    case 'INVALID_DATA':
      if (refersToTerritory(error.details)) return { kind: 'not-assigned' };
      return errorOutcome({ ...error, code: 'RECORD_NOT_FOUND', message: error.message ?? 'INVALID_DATA' });
  }
  return errorOutcome(error);
}

export function errorOutcome(error: ZohoError): RecordOutcome {
  const outcome: RecordOutcome = { kind: 'error', code: error.code };
  if (error.status !== undefined) outcome.status = error.status;
  if (error.message !== undefined && error.message !== error.code) outcome.message = error.message;
  return outcome;
}

export function isRateLimited(error: ZohoError): boolean {
  return error.status === 429 || error.code === 'TOO_MANY_REQUESTS';
}

/** Zoho's 5xx and answers we could not read: the batch was not processed as far as we know. */
export function isServerFault(error: ZohoError): boolean {
  return (error.status !== undefined && error.status >= 500) || error.code === 'INTERNAL_ERROR';
}

/** No call can succeed until the user signs in again or reconnects: the job pauses. */
const SESSION_CODES = new Set(['INVALID_TOKEN', 'NOT_SIGNED_IN', 'OAUTH_SCOPE_MISMATCH', 'NO_CLIENT_ID']);

export function needsSignIn(error: ZohoError): boolean {
  return SESSION_CODES.has(error.code) || (error.status === 401 && error.code !== 'AUTHORIZATION_FAILED');
}

/** Refusals of the request itself, true for every batch of the job: the rest is not sent. */
const JOB_WIDE_CODES = new Set([
  'TERRITORY_NOT_ENABLED',
  'NO_PERMISSION',
  'AUTHORIZATION_FAILED',
  'INVALID_REQUEST_METHOD',
  'MANDATORY_NOT_FOUND',
]);

export function isJobWide(error: ZohoError): boolean {
  return JOB_WIDE_CODES.has(error.code);
}

/**
 * The batch holds more records than Zoho takes in one call. The limit is [open] in zoho-crm.md §1;
 * Zoho reports such limits with `details.limit` or a LIMIT code at the top level.
 */
export function batchLimitOf(error: ZohoError): { limit: number | null } | null {
  const limit = error.details?.limit;
  const numeric = typeof limit === 'number' ? limit : typeof limit === 'string' ? Number(limit) : Number.NaN;
  if (Number.isInteger(numeric) && numeric > 0) return { limit: numeric };
  if (error.code === 'LIMIT_EXCEEDED' || error.code === 'LIMIT_REACHED' || error.code === 'TOO_MANY_RECORDS') {
    return { limit: null };
  }
  return null;
}

const OUTCOME_LABELS = {
  removed: 'bulk.outcome.removed',
  restored: 'bulk.outcome.restored',
  scheduled: 'bulk.outcome.scheduled',
  'not-assigned': 'bulk.outcome.notAssigned',
  'rule-assigned': 'bulk.outcome.ruleAssigned',
  locked: 'bulk.outcome.locked',
  'no-permission': 'bulk.outcome.noPermission',
  error: 'bulk.outcome.error',
  cancelled: 'bulk.outcome.cancelled',
} as const satisfies Record<OutcomeKind, MessageKey>;

/** "Removed", "Scheduled by Zoho", …: an outcome's name in the table, the counts and the CSV. */
export function outcomeLabel(kind: OutcomeKind, { t }: Pick<Translator, 't'>): string {
  return t(OUTCOME_LABELS[kind]);
}

/** One sentence on what happened to the record, for the table and the CSV. */
export function outcomeSentence(
  outcome: RecordOutcome,
  { t }: Pick<Translator, 't'>,
  direction: BulkDirection = 'remove',
): string {
  switch (outcome.kind) {
    case 'removed':
      return t('bulk.outcomeSentence.removed');
    case 'restored':
      return t(outcome.already ? 'bulk.outcomeSentence.alreadyBack' : 'bulk.outcomeSentence.restored');
    case 'scheduled':
      if (direction === 'assign' && outcome.jobId) {
        return t('bulk.outcomeSentence.scheduledPutBack', { jobId: outcome.jobId });
      }
      return outcome.jobId
        ? t('bulk.outcomeSentence.scheduledJob', { jobId: outcome.jobId })
        : t('bulk.outcomeSentence.alreadyScheduled');
    case 'not-assigned':
      return t('bulk.outcomeSentence.notAssigned');
    case 'rule-assigned':
      return t(describeError({ code: 'NOT_ALLOWED' }).message);
    case 'locked':
      return t(describeError({ code: 'RECORD_LOCKED' }).message);
    case 'no-permission':
      return t(describeError({ code: outcome.code }).message);
    case 'error':
      return t(describeError(errorInfoOfOutcome(outcome)).message);
    case 'cancelled':
      return t('bulk.outcomeSentence.cancelled');
  }
}

export function errorInfoOfOutcome(outcome: Extract<RecordOutcome, { kind: 'error' }>): ErrorInfo {
  const info: ErrorInfo = { code: outcome.code };
  if (outcome.status !== undefined) info.status = outcome.status;
  if (outcome.message !== undefined) info.message = outcome.message;
  return info;
}

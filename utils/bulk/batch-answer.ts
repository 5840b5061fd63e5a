// What one many-record call sends and what comes back, as the runner reads it (zoho-crm.md §1). Pure.
import type { ErrorInfo } from '../messaging';
import type { ZohoError } from './outcomes';

export interface BatchItem {
  id: string;
  territoryIds: string[];
}

/** One entry of `data[]`, paired with its record by the caller (entry i answers item i). */
export interface RecordResult {
  id: string;
  status: 'success' | 'error';
  code: string;
  jobId?: string;
  message?: string;
  details?: Readonly<Record<string, unknown>>;
}

export type BatchAnswer =
  /** 200, 202 or 207: an entry per record */
  | { kind: 'records'; results: RecordResult[] }
  /** one error for the whole request: 429, 401, 5xx, a limit, … */
  | ({ kind: 'error' } & ZohoError)
  /** no answer arrived (network error, time-out): Zoho may or may not have processed the batch */
  | { kind: 'lost'; code: string; message?: string };

/** A thrown error with an HTTP status is an answer; without one, the answer was lost. */
export function answerOfThrown(thrown: unknown): BatchAnswer {
  const error = zohoErrorOf(thrown);
  // A 2xx that could not be read may still have been processed: treat it as lost.
  if (error.status === undefined || (error.status >= 200 && error.status < 300)) {
    const lost: BatchAnswer = { kind: 'lost', code: error.code };
    if (error.message !== undefined) lost.message = error.message;
    return lost;
  }
  return { kind: 'error', ...error };
}

export function zohoErrorOf(thrown: unknown): ZohoError {
  if (typeof thrown !== 'object' || thrown === null) return { code: 'NETWORK_ERROR', message: String(thrown) };
  const code = 'code' in thrown && typeof thrown.code === 'string' ? thrown.code : 'NETWORK_ERROR';
  const error: ZohoError = { code };
  if ('status' in thrown && typeof thrown.status === 'number') error.status = thrown.status;
  if ('message' in thrown && typeof thrown.message === 'string') error.message = thrown.message;
  if ('details' in thrown && typeof thrown.details === 'object' && thrown.details !== null) {
    error.details = thrown.details as Record<string, unknown>;
  }
  return error;
}

export function errorInfo(error: ZohoError): ErrorInfo {
  const info: ErrorInfo = { code: error.code };
  if (error.status !== undefined) info.status = error.status;
  if (error.message !== undefined) info.message = error.message;
  return info;
}

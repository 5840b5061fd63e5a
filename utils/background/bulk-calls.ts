// The bulk runner's two Zoho calls over a real client: the many-record removal or assignment and
// the read of records' territories. Zoho's answers become the runner's BatchAnswer (zoho-crm.md §1).
import * as v from 'valibot';
import { answerOfThrown, type BatchAnswer, type BatchItem, type RecordResult } from '../bulk/batch-answer';
import type { BulkRunnerDeps } from '../bulk/run-context';
import type { TerritoryModule } from '../crm-page';
import type { ZohoClient, ZohoResponse } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { TopLevelErrorSchema } from '../zoho/schemas';
import { getTerritoriesOfRecords } from '../zoho/territories';

export type BulkCalls = Pick<BulkRunnerDeps, 'sendBatch' | 'readTerritories'>;

// Looser than ActionResponseSchema: an entry with a success code this client does not know is
// still one record's answer, and the runner decides what it means.
const Details = v.nullable(v.record(v.string(), v.unknown()));
const BatchEntrySchema = v.object({
  status: v.picklist(['success', 'error']),
  code: v.string(),
  message: v.optional(v.string()),
  details: v.optional(Details),
});
const BatchResponseSchema = v.object({ data: v.array(BatchEntrySchema) });

type BatchEntry = v.InferOutput<typeof BatchEntrySchema>;

/** Answers about the whole request whatever their body says: sign-in, rate limits, server faults. */
function isWholeRequestStatus(status: number): boolean {
  return status === 401 || status === 429 || status >= 500;
}

export function bulkCallsOf(client: ZohoClient, module: TerritoryModule): BulkCalls {
  return {
    async sendBatch(action, items) {
      const body = {
        data: items.map((item) => ({ id: item.id, Territories: item.territoryIds.map((id) => ({ id })) })),
      };
      try {
        return batchAnswerOf(await client.write(`/${module}/actions/${action}`, body), items);
      } catch (thrown) {
        return batchAnswerOfThrown(thrown);
      }
    },
    async readTerritories(recordIds) {
      const lists = await getTerritoriesOfRecords(client, module, recordIds);
      return new Map([...lists].map(([id, list]) => [id, list.territories.map((territory) => territory.id)]));
    },
  };
}

/** Entry i answers item i; a success about another record than item i is left out for the runner to check. */
export function batchAnswerOf(response: ZohoResponse, items: readonly BatchItem[]): BatchAnswer {
  const { status } = response;
  const parsed = v.safeParse(BatchResponseSchema, response.body);
  if (status >= 200 && status < 300) {
    // A 2xx that cannot be read may still have been processed.
    if (!parsed.success || parsed.output.data.length === 0) {
      return { kind: 'lost', code: 'INVALID_RESPONSE', message: `HTTP ${status} without entries to read` };
    }
    return { kind: 'records', results: resultsOf(parsed.output.data, items) };
  }
  if (!isWholeRequestStatus(status) && parsed.success && parsed.output.data.length === items.length) {
    // Every record refused, each for its own reason (Zoho's 400 with one error entry per record).
    return { kind: 'records', results: resultsOf(parsed.output.data, items) };
  }
  return { kind: 'error', ...wholeRequestError(response, parsed.success ? parsed.output.data : []) };
}

function resultsOf(entries: readonly BatchEntry[], items: readonly BatchItem[]): RecordResult[] {
  const results: RecordResult[] = [];
  entries.forEach((entry, index) => {
    const item = items[index];
    if (!item) return;
    const details = entry.details ?? undefined;
    if (entry.status === 'success') {
      // For errors `details.id` may name a territory; for a success it is the record.
      if (typeof details?.id === 'string' && details.id !== item.id) return;
      const result: RecordResult = { id: item.id, status: 'success', code: entry.code };
      if (typeof details?.job_id === 'string') result.jobId = details.job_id;
      results.push(result);
      return;
    }
    const result: RecordResult = { id: item.id, status: 'error', code: entry.code };
    if (entry.message !== undefined) result.message = entry.message;
    if (details) result.details = details;
    results.push(result);
  });
  return results;
}

type WholeRequestError = Omit<Extract<BatchAnswer, { kind: 'error' }>, 'kind'>;

function wholeRequestError(response: ZohoResponse, entries: readonly BatchEntry[]): WholeRequestError {
  const { status } = response;
  const topLevel = v.safeParse(TopLevelErrorSchema, response.body);
  const source = topLevel.success ? topLevel.output : entries.find((entry) => entry.status === 'error');
  const error: WholeRequestError = { code: source?.code ?? fallbackCode(status), status };
  if (source?.message !== undefined) error.message = source.message;
  if (source?.details) error.details = source.details;
  return error;
}

function fallbackCode(status: number): string {
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'INVALID_RESPONSE';
}

/**
 * No answer (network, time-out, a 2xx that could not be read) is `lost`: Zoho may have done it.
 * An error raised before anything was sent (not signed in) or with an HTTP status is an `error`.
 */
export function batchAnswerOfThrown(thrown: unknown): BatchAnswer {
  if (!(thrown instanceof ZohoApiError)) return answerOfThrown(thrown);
  const lost =
    thrown.code === 'NETWORK_ERROR' ||
    thrown.code === 'TIMEOUT' ||
    (thrown.status !== undefined && thrown.status >= 200 && thrown.status < 300);
  const message = thrown.message !== thrown.code ? thrown.message : undefined;
  if (lost)
    return message === undefined ? { kind: 'lost', code: thrown.code } : { kind: 'lost', code: thrown.code, message };
  const answer: BatchAnswer = { kind: 'error', code: thrown.code };
  if (thrown.status !== undefined) answer.status = thrown.status;
  if (message !== undefined) answer.message = message;
  if (thrown.details) answer.details = thrown.details;
  return answer;
}

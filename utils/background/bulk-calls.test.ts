import { describe, expect, it } from 'vitest';
import type { BatchItem } from '../bulk/batch-answer';
import type { ZohoClient, ZohoResponse } from '../zoho/client';
import { ZohoApiError } from '../zoho/errors';
import { batchAnswerOf, batchAnswerOfThrown, bulkCallsOf } from './bulk-calls';

const R1 = '4150868000004522032';
const R2 = '4150868000004318009';
const R3 = '4150868000004318010';
const T1 = '4150868000000236307';
const T2 = '4150868000000264087';
const items: BatchItem[] = [
  { id: R1, territoryIds: [T1, T2] },
  { id: R2, territoryIds: [T1] },
  { id: R3, territoryIds: [T1] },
];

const success = (id: string) => ({
  code: 'SUCCESS',
  details: { id },
  message: 'the terriroies data removed successfully',
  status: 'success',
});
const scheduled = (id: string, jobId: string) => ({
  code: 'SCHEDULED',
  details: { id, job_id: jobId },
  message: 'Territory removal process scheduled successfully',
  status: 'success',
});

function clientAnswering(answer: () => Promise<ZohoResponse>) {
  const writes: { path: string; body: unknown }[] = [];
  const reads: { path: string; query: unknown }[] = [];
  const client: ZohoClient = {
    write: async (path, body) => {
      writes.push({ path, body });
      return answer();
    },
    read: async (path, query) => {
      reads.push({ path, query });
      return {
        status: 200,
        body: {
          data: [
            { id: R1, Territories: [{ id: T2, Name: 'South', $assigned: 'manually' }] },
            { id: R2, Territories: [] },
          ],
        },
      };
    },
  };
  return { client, writes, reads };
}

describe('bulkCallsOf', () => {
  it('sends every record with its territories in one POST to the many-record URL', async () => {
    const { client, writes } = clientAnswering(async () => ({
      status: 200,
      body: { data: [success(R1), success(R2), success(R3)] },
    }));
    const answer = await bulkCallsOf(client, 'Accounts').sendBatch('remove_territories', items);
    expect(writes).toEqual([
      {
        path: '/Accounts/actions/remove_territories',
        body: {
          data: [
            { id: R1, Territories: [{ id: T1 }, { id: T2 }] },
            { id: R2, Territories: [{ id: T1 }] },
            { id: R3, Territories: [{ id: T1 }] },
          ],
        },
      },
    ]);
    expect(answer).toEqual({
      kind: 'records',
      results: [
        { id: R1, status: 'success', code: 'SUCCESS' },
        { id: R2, status: 'success', code: 'SUCCESS' },
        { id: R3, status: 'success', code: 'SUCCESS' },
      ],
    });
  });

  it('puts back with the same body at the assign URL; DUPLICATE_DATA and LIMIT_EXCEEDED are per-record answers', async () => {
    const refused = (code: string, message: string, details: Record<string, unknown>) => ({
      code,
      details,
      message,
      status: 'error',
    });
    const { client, writes } = clientAnswering(async () => ({
      status: 207,
      body: {
        data: [
          success(R1),
          refused('DUPLICATE_DATA', 'Given Territory id already exists for that record', {
            api_name: 'id',
            json_path: '$.data[1].Territories[0].id',
            id: T1,
          }),
          refused('LIMIT_EXCEEDED', 'Maximum limit of territories for that record exceeds', {
            api_name: 'Territories',
            json_path: '$.data[2].Territories',
            limit: 1,
          }),
        ],
      },
    }));
    const answer = await bulkCallsOf(client, 'Deals').sendBatch('assign_territories', items);
    expect(writes.map((write) => write.path)).toEqual(['/Deals/actions/assign_territories']);
    expect(writes[0]?.body).toEqual({
      data: [
        { id: R1, Territories: [{ id: T1 }, { id: T2 }] },
        { id: R2, Territories: [{ id: T1 }] },
        { id: R3, Territories: [{ id: T1 }] },
      ],
    });
    expect(answer).toMatchObject({
      kind: 'records',
      results: [
        { id: R1, status: 'success', code: 'SUCCESS' },
        { id: R2, status: 'error', code: 'DUPLICATE_DATA' },
        { id: R3, status: 'error', code: 'LIMIT_EXCEEDED', details: { limit: 1 } },
      ],
    });
  });

  it('a dropped connection or a time-out is a lost answer, not an error', async () => {
    for (const code of ['NETWORK_ERROR', 'TIMEOUT']) {
      const { client } = clientAnswering(() => Promise.reject(new ZohoApiError(code, { message: 'socket hang up' })));
      expect(await bulkCallsOf(client, 'Accounts').sendBatch('remove_territories', items)).toEqual({
        kind: 'lost',
        code,
        message: 'socket hang up',
      });
    }
  });

  it("reads records' territories as ids, leaving out records Zoho did not return", async () => {
    const { client, reads } = clientAnswering(() => Promise.reject(new Error('no writes here')));
    const held = await bulkCallsOf(client, 'Contacts').readTerritories([R1, R2, R3]);
    expect(reads).toEqual([{ path: '/Contacts', query: { ids: `${R1},${R2},${R3}`, fields: 'Territories' } }]);
    expect([...held]).toEqual([
      [R1, [T2]],
      [R2, []],
    ]);
  });
});

describe('batchAnswerOf', () => {
  it('splits a 207 into successes, scheduled jobs and per-record errors, paired by position', () => {
    const answer = batchAnswerOf(
      {
        status: 207,
        body: {
          data: [
            scheduled(R1, '482367546723546372'),
            {
              code: 'INVALID_DATA',
              details: { api_name: 'id', json_path: '$.data[1].Territories[0].id', id: T1 },
              message: 'the id given seems to be invalid',
              status: 'error',
            },
            { code: 'RECORD_LOCKED', details: {}, message: 'locked', status: 'error' },
          ],
        },
      },
      items,
    );
    expect(answer).toEqual({
      kind: 'records',
      results: [
        { id: R1, status: 'success', code: 'SCHEDULED', jobId: '482367546723546372' },
        {
          id: R2,
          status: 'error',
          code: 'INVALID_DATA',
          message: 'the id given seems to be invalid',
          details: { api_name: 'id', json_path: '$.data[1].Territories[0].id', id: T1 },
        },
        { id: R3, status: 'error', code: 'RECORD_LOCKED', message: 'locked', details: {} },
      ],
    });
  });

  it('keeps a job id sent with SUCCESS, and leaves out a success about another record', () => {
    const answer = batchAnswerOf(
      {
        status: 200,
        body: { data: [{ ...success(R1), details: { id: R1, job_id: '77' } }, success(R3), success(R3)] },
      },
      items,
    );
    expect(answer).toEqual({
      kind: 'records',
      results: [
        { id: R1, status: 'success', code: 'SUCCESS', jobId: '77' },
        { id: R3, status: 'success', code: 'SUCCESS' },
      ],
    });
  });

  it("a 400 with an error per record is each record's answer", () => {
    const refused = { code: 'NOT_ALLOWED', details: {}, message: 'system-assigned', status: 'error' };
    expect(batchAnswerOf({ status: 400, body: { data: [refused, refused, refused] } }, items)).toMatchObject({
      kind: 'records',
      results: [
        { id: R1, code: 'NOT_ALLOWED' },
        { id: R2, code: 'NOT_ALLOWED' },
        { id: R3, code: 'NOT_ALLOWED' },
      ],
    });
  });

  it('an answer about the whole request is an error with its status and details', () => {
    expect(
      batchAnswerOf(
        {
          status: 400,
          body: {
            code: 'LIMIT_EXCEEDED',
            details: { api_name: 'data', limit: 2 },
            message: 'too many',
            status: 'error',
          },
        },
        items,
      ),
    ).toEqual({
      kind: 'error',
      code: 'LIMIT_EXCEEDED',
      status: 400,
      message: 'too many',
      details: { api_name: 'data', limit: 2 },
    });
    expect(
      batchAnswerOf({ status: 429, body: { code: 'TOO_MANY_REQUESTS', message: 'too many requests' } }, items),
    ).toEqual({ kind: 'error', code: 'TOO_MANY_REQUESTS', status: 429, message: 'too many requests' });
    expect(batchAnswerOf({ status: 500, body: { code: 'INTERNAL_ERROR', status: 'error' } }, items)).toEqual({
      kind: 'error',
      code: 'INTERNAL_ERROR',
      status: 500,
    });
    expect(batchAnswerOf({ status: 503, body: undefined }, items)).toEqual({
      kind: 'error',
      code: 'INTERNAL_ERROR',
      status: 503,
    });
    // even in the shape of per-record entries, a 429 is about the request
    const limited = { code: 'TOO_MANY_REQUESTS', status: 'error', message: 'slow down' };
    expect(batchAnswerOf({ status: 429, body: { data: [limited, limited, limited] } }, items)).toEqual({
      kind: 'error',
      code: 'TOO_MANY_REQUESTS',
      status: 429,
      message: 'slow down',
    });
    // one error entry for several records names no record
    expect(
      batchAnswerOf({ status: 403, body: { data: [{ code: 'TERRITORY_NOT_ENABLED', status: 'error' }] } }, items),
    ).toEqual({ kind: 'error', code: 'TERRITORY_NOT_ENABLED', status: 403 });
  });

  it('a 2xx that cannot be read may have been processed: lost', () => {
    expect(batchAnswerOf({ status: 200, body: { data: [] } }, items)).toMatchObject({ kind: 'lost' });
    expect(batchAnswerOf({ status: 200, body: 'garbage' }, items)).toMatchObject({
      kind: 'lost',
      code: 'INVALID_RESPONSE',
    });
    expect(batchAnswerOf({ status: 204, body: undefined }, items)).toMatchObject({ kind: 'lost' });
  });
});

describe('batchAnswerOfThrown', () => {
  it('nothing sent (signed out) or an HTTP answer is an error; no answer is lost', () => {
    expect(batchAnswerOfThrown(new ZohoApiError('NOT_SIGNED_IN'))).toEqual({ kind: 'error', code: 'NOT_SIGNED_IN' });
    expect(batchAnswerOfThrown(new ZohoApiError('INVALID_TOKEN', { status: 401, message: 'rejected' }))).toEqual({
      kind: 'error',
      code: 'INVALID_TOKEN',
      status: 401,
      message: 'rejected',
    });
    expect(
      batchAnswerOfThrown(
        new ZohoApiError('INTERNAL_ERROR', { status: 502, message: 'HTTP 502 with a body that is not JSON' }),
      ),
    ).toMatchObject({ kind: 'error', code: 'INTERNAL_ERROR', status: 502 });
    expect(batchAnswerOfThrown(new ZohoApiError('INVALID_RESPONSE', { status: 200 }))).toEqual({
      kind: 'lost',
      code: 'INVALID_RESPONSE',
    });
    expect(batchAnswerOfThrown(new TypeError('fetch failed'))).toMatchObject({ kind: 'lost' });
  });
});

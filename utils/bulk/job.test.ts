import { describe, expect, it } from 'vitest';
import { BULK_DEFAULTS, createBulkJob, createRetryJob, failedRecordIds, namesOf } from './job';

const T1 = '111111000000046898';
const T2 = '111111000000046458';
const ids = ['101', '102', '103', '104', '105', '106', '107', '108', '109'];

function base(overrides: Partial<Parameters<typeof createBulkJob>[0]> = {}) {
  return createBulkJob({
    id: 'a',
    dataCentre: 'us',
    sandbox: true,
    orgId: null,
    module: 'Deals',
    territoryIds: [T1, T2],
    recordIds: ids,
    now: 1000,
    ...overrides,
  });
}

describe('createBulkJob', () => {
  it('dedupes, batches by the batch size and starts running', () => {
    const job = base({ recordIds: [...ids, '101'], batchSize: 4 });
    expect(job.recordIds).toEqual(ids);
    expect(job.batches.map((b) => b.recordIds)).toEqual([ids.slice(0, 4), ids.slice(4, 8), ids.slice(8)]);
    expect(job.batches.every((b) => b.status === 'pending' && b.attempts === 0 && b.verify === null)).toBe(true);
    expect(job).toMatchObject({ status: 'running', batchSize: 4, concurrency: BULK_DEFAULTS.concurrency });
  });

  it('keeps batch size and concurrency within what Zoho allows', () => {
    expect(base({ batchSize: 500, concurrency: 50 })).toMatchObject({ batchSize: 100, concurrency: 10 });
    expect(base({ batchSize: 0, concurrency: 0 })).toMatchObject({ batchSize: 1, concurrency: 1 });
    expect(base({ batchSize: Number.NaN })).toMatchObject({ batchSize: BULK_DEFAULTS.batchSize });
  });

  it('is finished at once when a read left nothing to send', () => {
    const job = base({ recordIds: ['101'], holdings: { '101': [] } });
    expect(job).toMatchObject({ status: 'finished', finishedAt: 1000, batches: [] });
    expect(job.outcomes).toEqual({ '101': { kind: 'not-assigned' } });
  });

  it('keeps each record’s name beside its id, empty when the read gave none', () => {
    const job = base({ recordIds: ['101', '102', '101', '103'], names: { '101': 'Acme', '103': 'Gamma' } });
    expect(job.recordIds).toEqual(['101', '102', '103']);
    expect(job.recordNames).toEqual(['Acme', '', 'Gamma']);
    expect(namesOf(job)).toEqual({ '101': 'Acme', '103': 'Gamma' });
  });

  it('needs a territory', () => {
    expect(() => base({ territoryIds: [] })).toThrow();
  });
});
describe('createRetryJob', () => {
  it('takes the locked, refused, failed and cancelled records, with the territories they were sent', () => {
    const job = base({ holdings: { '104': [{ id: T2, assigned: 'manually' }] }, names: { '101': 'A', '105': 'E' } });
    job.outcomes = {
      '101': { kind: 'removed' },
      '102': { kind: 'scheduled', jobId: '55' },
      '103': { kind: 'not-assigned' },
      '104': { kind: 'locked' },
      '105': { kind: 'no-permission', code: 'NO_PERMISSION' },
      '106': { kind: 'error', code: 'INTERNAL_ERROR' },
      '107': { kind: 'cancelled' },
      '108': { kind: 'rule-assigned' },
    };
    expect(failedRecordIds(job)).toEqual(['104', '105', '106', '107']);
    const retry = createRetryJob(job, 'b', 2000);
    expect(retry).toMatchObject({
      id: 'b',
      retryOf: 'a',
      recordIds: ['104', '105', '106', '107'],
      recordNames: ['', 'E', '', ''],
      territoryIds: [T1, T2],
      territoriesOf: { '104': [T2] },
      module: 'Deals',
      sandbox: true,
      status: 'running',
      outcomes: {},
    });
  });

  it('is null when nothing failed', () => {
    const job = base({ recordIds: ['101'] });
    job.outcomes = { '101': { kind: 'removed' } };
    expect(createRetryJob(job, 'b', 2000)).toBeNull();
  });
});

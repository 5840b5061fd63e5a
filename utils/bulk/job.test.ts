import { describe, expect, it } from 'vitest';
import { BULK_DEFAULTS, createBulkJob } from './job';

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

  it('needs a territory', () => {
    expect(() => base({ territoryIds: [] })).toThrow();
  });
});

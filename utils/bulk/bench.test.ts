import { describe, expect, it } from 'vitest';
import { simulateBulkRun } from './bench';

describe('simulateBulkRun', () => {
  it('takes records/batch calls; concurrency divides the time', async () => {
    const serial = await simulateBulkRun({ records: 1000, latencyMs: 100, concurrency: 1 });
    const parallel = await simulateBulkRun({ records: 1000, latencyMs: 100, concurrency: 3 });
    expect(serial).toMatchObject({ records: 1000, removeCalls: 10, readCalls: 0, durationMs: 1000 });
    expect(parallel).toMatchObject({ removeCalls: 10, durationMs: 400, recordsPerSecond: 2500 });
    expect(parallel.counts.removed).toBe(1000);
  });

  it('finds the limit of a stricter Zoho and costs one call more', async () => {
    const stats = await simulateBulkRun({ records: 1000, latencyMs: 100, concurrency: 1, maxPerCall: 50 });
    expect(stats).toMatchObject({ removeCalls: 21, durationMs: 2100 });
    expect(stats.counts.removed).toBe(1000);
  });
});

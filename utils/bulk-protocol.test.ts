import { describe, expect, it } from 'vitest';
import { MAX_BULK_RECORDS, parseBulkRequest } from './bulk-protocol';

const org = { dataCentre: 'eu', sandbox: false, orgId: '20079833178' };
const start = {
  type: 'bulk.start',
  ...org,
  module: 'Accounts',
  territoryIds: ['111111000000046898'],
  recordIds: ['4150868000004522032'],
};

describe('parseBulkRequest', () => {
  it('accepts each request in its documented shape', () => {
    for (const request of [
      { type: 'bulk.territories', ...org },
      { type: 'bulk.recordsInTerritory', ...org, module: 'Deals', territoryId: '1' },
      { ...start, type: 'bulk.preview' },
      start,
      { ...start, holdings: { '4150868000004522032': [{ id: '111111000000046898', assigned: 'manually' }] } },
      { ...start, names: { '4150868000004522032': 'Acme <GmbH>' } },
      { ...start, batchSize: 10, concurrency: 2 },
      { type: 'bulk.status', jobId: 'f3c1e2a4-1b2c-4d5e-8f90-0123456789ab', includeRecords: true },
      { type: 'bulk.status', jobId: 'a1', includeRecords: 'atRest' },
      { type: 'bulk.jobs' },
      { type: 'bulk.pause', jobId: 'a1' },
      { type: 'bulk.resume', jobId: 'a1' },
      { type: 'bulk.cancel', jobId: 'a1' },
      { type: 'bulk.retryFailed', jobId: 'a1' },
    ]) {
      expect(parseBulkRequest(request), JSON.stringify(request)).toEqual(request);
    }
  });

  it('refuses ids that are not Zoho ids, empty lists, and too many records', () => {
    expect(parseBulkRequest({ ...start, recordIds: ['12a'] })).toBeNull();
    expect(parseBulkRequest({ ...start, recordIds: [] })).toBeNull();
    expect(parseBulkRequest({ ...start, territoryIds: [] })).toBeNull();
    const tooMany = Array.from({ length: MAX_BULK_RECORDS + 1 }, (_, i) => String(i + 1));
    expect(parseBulkRequest({ ...start, recordIds: tooMany })).toBeNull();
  });

  it('refuses settings beyond what Zoho allows, unknown keys and unknown types', () => {
    expect(parseBulkRequest({ ...start, batchSize: 101 })).toBeNull();
    expect(parseBulkRequest({ ...start, concurrency: 0 })).toBeNull();
    expect(parseBulkRequest({ ...start, token: 'x' })).toBeNull();
    expect(parseBulkRequest({ type: 'bulk.status', jobId: '../etc' })).toBeNull();
    expect(parseBulkRequest({ type: 'record.territories' })).toBeNull();
    expect(parseBulkRequest({ ...start, module: 'Cases' })).toBeNull();
    expect(parseBulkRequest({ ...start, names: { abc: 'Acme' } })).toBeNull();
    expect(parseBulkRequest({ ...start, names: { '4150868000004522032': 'x'.repeat(256) } })).toBeNull();
    expect(parseBulkRequest({ ...start, names: { '4150868000004522032': 7 } })).toBeNull();
    expect(parseBulkRequest({ ...start, names: ['Acme'] })).toBeNull();
  });

  it('refuses holdings that are not territories held by record id', () => {
    const held = { id: '111111000000046898', assigned: 'manually' };
    const record = '4150868000004522032';
    for (const holdings of [
      { [record]: [{ ...held, assigned: 'sometimes' }] },
      { [record]: [{ ...held, id: 'x' }] },
      { [record]: [{ ...held, extra: 1 }] },
      { [record]: [{ id: held.id }] },
      { [record]: held },
      { [record]: [null] },
      { '4150868000004522032x': [held] },
      [[held]],
      null,
    ]) {
      expect(parseBulkRequest({ ...start, holdings }), JSON.stringify(holdings)).toBeNull();
    }
  });

  it('accepts a run of MAX_BULK_RECORDS records with their holdings and names', () => {
    const recordIds = Array.from({ length: MAX_BULK_RECORDS }, (_, i) => String(407625000090000001n + BigInt(i)));
    const holdings = Object.fromEntries(
      recordIds.map((id) => [id, [{ id: '111111000000046898', assigned: 'manually' }]]),
    );
    const names = Object.fromEntries(recordIds.map((id, i) => [id, `Account ${i}`]));
    expect(parseBulkRequest({ ...start, recordIds, holdings, names })).toEqual({
      ...start,
      recordIds,
      holdings,
      names,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeIds, decodeIndexes, encodeIds, encodeIndexes, readOutcomesAt, storeOutcomes } from './columns';
import type { RecordOutcome } from './job';

describe('columns', () => {
  it('writes the ids as the digits each does not share with the one before, and positions as runs', () => {
    const ids = ['407625000090000001', '407625000090000002', '407625000090000135', '9', '407625000090000001'];
    expect(encodeIds(ids)).toBe('0407625000090000001,h2,f135,09,0407625000090000001');
    expect(decodeIds(encodeIds(ids))).toEqual(ids);
    expect(decodeIds('')).toEqual([]);
    expect(decodeIds('h2')).toBeNull();
    expect(decodeIds('0x1')).toBeNull();
    expect(encodeIndexes([0, 1, 2, 3, 7, 5, 6, 36])).toBe('0-3,7,5-6,10');
    expect(decodeIndexes('0-3,7,5-6,10')).toEqual([0, 1, 2, 3, 7, 5, 6, 36]);
    expect(decodeIndexes('3-1')).toBeNull();
    expect(decodeIndexes('-1')).toBeNull();
  });

  it('keeps each outcome with its fields, and writes fields only where an outcome has them', () => {
    const outcomes: [number, RecordOutcome][] = [
      [0, { kind: 'removed' }],
      [1, { kind: 'restored' }],
      [2, { kind: 'restored', already: true }],
      [3, { kind: 'scheduled', jobId: '42' }],
      [5, { kind: 'error', code: 'LIMIT_EXCEEDED', status: 400 }],
      [6, { kind: 'cancelled' }],
    ];
    const stored = storeOutcomes(outcomes);
    expect(stored.kinds).toBe('rttsec');
    expect(Object.keys(stored.details)).toEqual(['2', '3', '4']);
    expect(readOutcomesAt(JSON.parse(JSON.stringify(stored)))).toEqual(outcomes);
  });
});

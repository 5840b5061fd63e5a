import { describe, expect, it } from 'vitest';
import { collectIds, parseIdList, planRecords, previewOf, splitIntoBatches } from './plan';

const T1 = '111111000000046898';
const T2 = '111111000000046458';
const A = '4150868000004522032';
const B = '4150868000004318009';
const C = '4150868000004318010';

describe('parseIdList', () => {
  it('takes ids separated by new lines, commas, semicolons, tabs and pipes', () => {
    expect(parseIdList(`${A}\n${B}, ${C}`).ids).toEqual([A, B, C]);
    expect(parseIdList(`${A};${B}\t${C}|${A}`)).toEqual({ ids: [A, B, C], invalid: [], duplicates: 1 });
  });

  it('sets apart what is not a Zoho id, once each', () => {
    expect(parseIdList(`${A} abc 12.5 -3 abc "${B}"`)).toEqual({
      ids: [A, B],
      invalid: ['abc', '12.5', '-3'],
      duplicates: 0,
    });
  });

  it('ignores blank lines and surrounding space', () => {
    expect(parseIdList(`\n\n  ${A}  \r\n\r\n`)).toEqual({ ids: [A], invalid: [], duplicates: 0 });
  });

  it('refuses ids longer than 30 digits', () => {
    expect(collectIds(['1'.repeat(31), '1'.repeat(30)]).invalid).toEqual(['1'.repeat(31)]);
  });
});

describe('splitIntoBatches', () => {
  it('cuts in order, the last batch holding the rest', () => {
    expect(splitIntoBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(splitIntoBatches([], 100)).toEqual([]);
  });

  it('refuses a size below one', () => {
    expect(() => splitIntoBatches([1], 0)).toThrow(RangeError);
  });
});

describe('planRecords', () => {
  it('sends every territory to every record when nothing was read', () => {
    expect(planRecords([T1, T2], [A, B])).toEqual({ toSend: [A, B], settled: {}, territoriesOf: {} });
  });

  it('sends each record only the manually assigned territories it holds', () => {
    const plan = planRecords([T1, T2], [A, B, C], {
      [A]: [
        { id: T1, assigned: 'manually' },
        { id: T2, assigned: 'automatically' },
      ],
      [B]: [{ id: T2, assigned: 'automatically' }],
      [C]: [{ id: '999', assigned: 'manually' }],
    });
    expect(plan).toEqual({
      toSend: [A],
      settled: { [B]: 'rule-assigned', [C]: 'not-assigned' },
      territoriesOf: { [A]: [T1] },
    });
  });
});

describe('previewOf', () => {
  it('counts per territory, skips, calls, and lists the records Zoho did not return', () => {
    const preview = previewOf({
      territoryIds: [T1, T2],
      recordIds: [A, B, C, A],
      holdings: {
        [A]: [
          { id: T1, assigned: 'manually' },
          { id: T2, assigned: 'manually' },
          { id: '777', assigned: 'manually' },
        ],
        [B]: [{ id: T1, assigned: 'automatically' }],
      },
      names: { [A]: 'Acme', [B]: '', [C]: 'Gone Ltd', '999': 'Not asked' },
      batchSize: 100,
    });
    expect(preview).toEqual({
      records: 3,
      notFound: [C],
      perTerritory: [
        { territoryId: T1, holding: 2, manual: 1, ruleAssigned: 1 },
        { territoryId: T2, holding: 1, manual: 1, ruleAssigned: 0 },
      ],
      toSend: 2,
      skippedRuleAssigned: 1,
      holdingNone: 0,
      batchSize: 100,
      removeCalls: 1,
      holdings: {
        [A]: [
          { id: T1, assigned: 'manually' },
          { id: T2, assigned: 'manually' },
        ],
        [B]: [{ id: T1, assigned: 'automatically' }],
      },
      names: { [A]: 'Acme', [C]: 'Gone Ltd' },
    });
  });

  it('estimates one remove call per batch of records to send', () => {
    const recordIds = Array.from({ length: 1001 }, (_, i) => String(1000 + i));
    const holdings = Object.fromEntries(recordIds.map((id) => [id, [{ id: T1, assigned: 'manually' as const }]]));
    expect(previewOf({ territoryIds: [T1], recordIds, holdings, batchSize: 100 }).removeCalls).toBe(11);
    expect(previewOf({ territoryIds: [T1], recordIds, holdings, batchSize: 10 }).removeCalls).toBe(101);
  });
});

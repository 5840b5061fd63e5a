import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import { answerOfThrown } from './batch-answer';
import { OUTCOME_KINDS, type RecordOutcome } from './job';
import {
  batchLimitOf,
  needsSignIn,
  outcomeLabel,
  outcomeOfError,
  outcomeSentence,
  refersToTerritory,
} from './outcomes';

const en = translatorFor('en');

describe('outcomeOfError', () => {
  it.each([
    ['RECORD_LOCKED', { kind: 'locked' }],
    ['NOT_ALLOWED', { kind: 'rule-assigned' }],
    ['NO_PERMISSION', { kind: 'no-permission', code: 'NO_PERMISSION' }],
    ['AUTHORIZATION_FAILED', { kind: 'no-permission', code: 'AUTHORIZATION_FAILED' }],
    ['ALREADY_SCHEDULED', { kind: 'scheduled', jobId: null }],
    ['INVALID_DATA', { kind: 'not-assigned' }],
    ['TERRITORY_NOT_ENABLED', { kind: 'error', code: 'TERRITORY_NOT_ENABLED' }],
  ] satisfies [string, RecordOutcome][])('%s', (code, outcome) => {
    expect(outcomeOfError({ code })).toEqual(outcome);
  });

  it('tells a refused territory from a refused record id by the JSON path', () => {
    expect(outcomeOfError({ code: 'INVALID_DATA', details: { json_path: '$.data[0].Territories[1].id' } })).toEqual({
      kind: 'not-assigned',
    });
    expect(
      outcomeOfError({
        code: 'INVALID_DATA',
        message: 'the record Id given seems to be invalid',
        details: { api_name: 'id', json_path: '$.data[3].id' },
      }),
    ).toEqual({ kind: 'error', code: 'RECORD_NOT_FOUND', message: 'the record Id given seems to be invalid' });
    expect(refersToTerritory({ api_name: 'id' })).toBe(false);
    expect(refersToTerritory(undefined)).toBe(true);
  });

  it('keeps the status and Zoho’s message of an error', () => {
    expect(outcomeOfError({ code: 'INTERNAL_ERROR', status: 500, message: 'Internal Server Error' })).toEqual({
      kind: 'error',
      code: 'INTERNAL_ERROR',
      status: 500,
      message: 'Internal Server Error',
    });
  });
});

describe('batchLimitOf', () => {
  it('finds the limit in details, as a number or digits', () => {
    expect(batchLimitOf({ code: 'INVALID_DATA', details: { limit: 10 } })).toEqual({ limit: 10 });
    expect(batchLimitOf({ code: 'LIMIT_EXCEEDED', details: { limit: '50' } })).toEqual({ limit: 50 });
  });

  it('knows a limit code without a number', () => {
    expect(batchLimitOf({ code: 'LIMIT_EXCEEDED' })).toEqual({ limit: null });
  });

  it('is null for other errors', () => {
    expect(batchLimitOf({ code: 'INVALID_DATA', details: { limit: 0 } })).toBeNull();
    expect(batchLimitOf({ code: 'INTERNAL_ERROR', status: 500 })).toBeNull();
  });
});

describe('needsSignIn', () => {
  it('is true for an expired or missing sign-in and a missing scope, not for a missing privilege', () => {
    expect(needsSignIn({ code: 'INVALID_TOKEN', status: 401 })).toBe(true);
    expect(needsSignIn({ code: 'OAUTH_SCOPE_MISMATCH', status: 401 })).toBe(true);
    expect(needsSignIn({ code: 'NOT_SIGNED_IN' })).toBe(true);
    expect(needsSignIn({ code: 'AUTHORIZATION_FAILED', status: 401 })).toBe(false);
  });
});

describe('answerOfThrown', () => {
  it('is lost without an HTTP status, or with an unreadable 2xx', () => {
    expect(answerOfThrown(new TypeError('fetch failed'))).toEqual({
      kind: 'lost',
      code: 'NETWORK_ERROR',
      message: 'fetch failed',
    });
    expect(answerOfThrown({ code: 'TIMEOUT', message: 'timed out' })).toEqual({
      kind: 'lost',
      code: 'TIMEOUT',
      message: 'timed out',
    });
    expect(answerOfThrown({ code: 'INVALID_RESPONSE', status: 200 })).toEqual({
      kind: 'lost',
      code: 'INVALID_RESPONSE',
    });
  });

  it('is an error answer with a status', () => {
    expect(answerOfThrown({ code: 'INVALID_TOKEN', status: 401, details: { a: 1 } })).toEqual({
      kind: 'error',
      code: 'INVALID_TOKEN',
      status: 401,
      details: { a: 1 },
    });
  });
});

describe('labels and sentences', () => {
  it('has a label for every outcome', () => {
    for (const kind of OUTCOME_KINDS) expect(outcomeLabel(kind, en)).toMatch(/\w/);
  });

  it('names the job of a scheduled removal and the catalogue sentence of an error', () => {
    expect(outcomeSentence({ kind: 'scheduled', jobId: '42' }, en)).toContain('job 42');
    expect(outcomeSentence({ kind: 'error', code: 'INTERNAL_ERROR' }, en)).toMatch(/internal error/);
    expect(outcomeSentence({ kind: 'rule-assigned' }, en)).toMatch(/rule/);
  });
});

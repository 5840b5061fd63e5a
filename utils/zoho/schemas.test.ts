import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ActionResponseSchema,
  RecordResponseSchema,
  RecordsByIdsResponseSchema,
  TerritoriesPageSchema,
  TopLevelErrorSchema,
} from './schemas';

const texas = {
  Name: 'Texas',
  id: '111111000000046898',
  $assigned_by: null,
  $assigned_time: '2020-03-05T16:07:28+05:30',
  $assigned: 'automatically',
};
const south = {
  Name: 'South',
  id: '111111000000046458',
  $assigned_by: { name: 'Patricia Boyle', id: '111111000000043376' },
  $assigned_time: '2020-03-05T16:07:28+05:30',
  $assigned: 'manually',
};

describe('RecordResponseSchema', () => {
  it('accepts Zoho’s documented record with extra fields', () => {
    const body = { data: [{ id: '4150868000004522032', Last_Name: 'Boyle', Territories: [texas, south] }] };
    expect(v.is(RecordResponseSchema, body)).toBe(true);
  });

  it('keeps a missing Territories key missing (territory management off)', () => {
    const parsed = v.parse(RecordResponseSchema, { data: [{ id: '1' }] });
    expect(Object.hasOwn(parsed.data[0] ?? {}, 'Territories')).toBe(false);
  });

  it.each([
    ['an empty body', undefined],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['no data', { info: {} }],
    ['data that is not an array', { data: { id: '1' } }],
    ['empty data', { data: [] }],
    ['a numeric record id', { data: [{ id: 1, Territories: [] }] }],
    ['Territories that is not an array', { data: [{ id: '1', Territories: 'Texas' }] }],
    ['a territory without Name', { data: [{ id: '1', Territories: [{ ...south, Name: undefined }] }] }],
    ['an unknown $assigned value', { data: [{ id: '1', Territories: [{ ...south, $assigned: 'somehow' }] }] }],
    ['an $assigned_by without id', { data: [{ id: '1', Territories: [{ ...south, $assigned_by: { name: 'P' } }] }] }],
  ])('rejects %s', (_, body) => {
    expect(v.is(RecordResponseSchema, body)).toBe(false);
  });
});

describe('RecordsByIdsResponseSchema', () => {
  it('accepts several records and an empty list', () => {
    expect(v.is(RecordsByIdsResponseSchema, { data: [{ id: '1', Territories: [south] }, { id: '2' }] })).toBe(true);
    expect(v.is(RecordsByIdsResponseSchema, { data: [] })).toBe(true);
  });

  it('rejects a record without id', () => {
    expect(v.is(RecordsByIdsResponseSchema, { data: [{ Territories: [] }] })).toBe(false);
  });
});

describe('ActionResponseSchema', () => {
  it('accepts the immediate success of the seed page', () => {
    const body = {
      data: [
        {
          code: 'SUCCESS',
          details: { id: '4150868000004318009' },
          message: 'the terriroies data removed successfully',
          status: 'success',
        },
      ],
    };
    expect(v.is(ActionResponseSchema, body)).toBe(true);
  });

  it('accepts SUCCESS with a job_id and SCHEDULED with a job_id', () => {
    const success = { code: 'SUCCESS', details: { id: '1', job_id: '482367546723546372' }, status: 'success' };
    const scheduled = { code: 'SCHEDULED', details: { id: '1', job_id: '9' }, status: 'success', message: 'm' };
    expect(v.is(ActionResponseSchema, { data: [success, scheduled] })).toBe(true);
  });

  it('accepts a 207 mix of success and error entries', () => {
    const body = {
      data: [
        { code: 'SUCCESS', details: { id: '1' }, status: 'success', message: 'ok' },
        { code: 'NOT_ALLOWED', details: { id: '2' }, status: 'error', message: 'system assigned' },
        { code: 'INVALID_DATA', details: { json_path: '$.data[2].Territories[0].id' }, status: 'error', message: 'x' },
      ],
    };
    expect(v.is(ActionResponseSchema, body)).toBe(true);
  });

  it.each([
    ['SCHEDULED without a job_id', { data: [{ code: 'SCHEDULED', details: { id: '1' }, status: 'success' }] }],
    ['an unknown success code', { data: [{ code: 'DONE', details: { id: '1' }, status: 'success' }] }],
    ['an unknown status', { data: [{ code: 'SUCCESS', details: { id: '1' }, status: 'maybe' }] }],
    ['an error entry without a code', { data: [{ status: 'error', message: 'x' }] }],
    ['a numeric job_id', { data: [{ code: 'SCHEDULED', details: { job_id: 9 }, status: 'success' }] }],
    ['empty data', { data: [] }],
    ['no data', { code: 'INVALID_TOKEN', status: 'error' }],
    ['a string', 'OK'],
  ])('rejects %s', (_, body) => {
    expect(v.is(ActionResponseSchema, body)).toBe(false);
  });
});

describe('TopLevelErrorSchema', () => {
  it('accepts Zoho’s error body', () => {
    const body = { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' };
    expect(v.is(TopLevelErrorSchema, body)).toBe(true);
  });

  it.each([
    ['no code', { message: 'x', status: 'error' }],
    ['a success status', { code: 'SUCCESS', status: 'success' }],
    ['an HTML page', '<html></html>'],
  ])('rejects %s', (_, body) => {
    expect(v.is(TopLevelErrorSchema, body)).toBe(false);
  });
});

describe('TerritoriesPageSchema', () => {
  it('accepts a page of territory definitions', () => {
    const body = {
      territories: [
        {
          id: '111111000000046458',
          name: 'South',
          api_name: 'South',
          description: null,
          manager: { name: 'Patricia Boyle', id: '111111000000043376' },
          reporting_to: null,
          permission_type: 'read_write_delete',
        },
      ],
      info: { per_page: 200, count: 1, page: 1, more_records: false },
    };
    expect(v.is(TerritoriesPageSchema, body)).toBe(true);
  });

  it('rejects a page without info', () => {
    expect(v.is(TerritoriesPageSchema, { territories: [] })).toBe(false);
  });
});

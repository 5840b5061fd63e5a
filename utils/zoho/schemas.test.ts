import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ActionResponseSchema,
  RecordResponseSchema,
  RecordsByIdsResponseSchema,
  readTerritoriesPage,
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
  ])('rejects %s', (_, body) => {
    expect(v.is(RecordResponseSchema, body)).toBe(false);
  });
});

describe('a record’s Territories, read entry by entry', () => {
  const entriesOf = (territories: unknown[]) =>
    v.parse(RecordResponseSchema, { data: [{ id: '1', Territories: territories }] }).data[0]?.Territories;

  it('reads Zoho’s documented sample as it is', () => {
    expect(entriesOf([texas, south])).toEqual([
      { readable: true, ...texas },
      { readable: true, ...south },
    ]);
  });

  it('reads the shapes the spec allows: a by-user with a null or missing id, no $assigned_time', () => {
    const { $assigned_time: _, ...untimed } = south;
    expect(
      entriesOf([
        { ...south, $assigned_by: { name: 'Patricia Boyle', id: null } },
        { ...south, $assigned_by: { name: 'Patricia Boyle' } },
        untimed,
      ]),
    ).toEqual([
      { readable: true, ...south, $assigned_by: { name: 'Patricia Boyle', id: null } },
      { readable: true, ...south, $assigned_by: { name: 'Patricia Boyle', id: null } },
      { readable: true, ...south, $assigned_time: null },
    ]);
  });

  it('drops a by-user or time it cannot read, and keeps the entry', () => {
    expect(entriesOf([{ ...south, $assigned_by: { id: 7 }, $assigned_time: 5 }])).toEqual([
      { readable: true, ...south, $assigned_by: null, $assigned_time: null },
    ]);
  });

  it.each([
    ['no Name', { ...south, Name: undefined }],
    ['a null Name', { ...south, Name: null }],
    ['an $assigned the spec allows but no one documents', { ...south, $assigned: 'by_workflow' }],
    ['no $assigned', { ...south, $assigned: undefined }],
  ])('marks an entry with %s unreadable and keeps the others', (_, odd) => {
    expect(entriesOf([odd, texas])).toEqual([
      { readable: false, id: south.id },
      { readable: true, ...texas },
    ]);
  });

  it('leaves out an entry without an id it could be named by', () => {
    expect(entriesOf([{ ...south, id: null }, { Name: 'X' }, 'South', null, texas])).toEqual([
      { readable: true, ...texas },
    ]);
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

  // Zoho's own sample (zoho/crm-oas v8.0, territories/getTerritories response-200-getallterritories).
  const zoho = {
    created_time: '2024-07-09T20:50:29+05:30',
    permission_type: 'read_only',
    modified_time: '2024-07-09T20:50:29+05:30',
    manager: { name: 'Patricia', id: '2276164000000471001', zuid: '8186088', status: 'active' },
    api_name: 'zoho',
    name: 'zoho',
    modified_by: { name: 'Patricia', id: '2276164000000471001' },
    description: 'Organization Parent Territory',
    id: '2276164000001054020',
    reporting_to: null,
    created_by: { name: 'Patricia', id: '2276164000000471001' },
  };
  const pageOf = (body: unknown, perPage = 200) => readTerritoriesPage(v.parse(TerritoriesPageSchema, body), perPage);

  it('reads Zoho’s sample page', () => {
    const page = pageOf({ territories: [zoho], info: { per_page: 1, count: 0, page: 1, more_records: false } }, 1);
    expect(page.moreRecords).toBe(false);
    expect(page.territories).toEqual([
      {
        id: '2276164000001054020',
        name: 'zoho',
        api_name: 'zoho',
        description: 'Organization Parent Territory',
        manager: { name: 'Patricia', id: '2276164000000471001' },
        reporting_to: null,
        permission_type: 'read_only',
      },
    ]);
  });

  it('reads a manager with a null id and nulls in info, as the spec allows', () => {
    const page = pageOf({
      territories: [{ ...zoho, manager: { name: 'Patricia', id: null } }],
      info: { per_page: null, count: null, page: null, more_records: null },
    });
    expect(page.territories[0]?.manager).toEqual({ name: 'Patricia', id: null });
    expect(page.moreRecords).toBe(false);
  });

  it('asks for the next page when Zoho does not say and the page came back full', () => {
    expect(pageOf({ territories: [zoho, zoho], info: null }, 2).moreRecords).toBe(true);
    expect(pageOf({ territories: [zoho, zoho] }, 2).moreRecords).toBe(true);
    expect(pageOf({ territories: [zoho], info: {} }, 2).moreRecords).toBe(false);
  });

  it('keeps an unreadable definition by its id at the top level, and the others as they are', () => {
    const child = { ...zoho, id: '2276164000001054021', name: 'Child', reporting_to: { id: zoho.id, name: 'zoho' } };
    const page = pageOf({ territories: [{ ...zoho, name: null }, child, { name: 'no id' }], info: {} });
    expect(page.territories.map((territory) => [territory.id, territory.name, territory.reporting_to])).toEqual([
      ['2276164000001054020', 'Territory 2276164000001054020 (unreadable)', null],
      ['2276164000001054021', 'Child', { id: zoho.id, name: 'zoho' }],
    ]);
  });

  it('rejects a page without a territories list', () => {
    expect(v.is(TerritoriesPageSchema, { info: {} })).toBe(false);
    expect(v.is(TerritoriesPageSchema, { territories: {}, info: {} })).toBe(false);
  });
});

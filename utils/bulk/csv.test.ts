import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import { detectDelimiter, idsFromCsv, outcomesCsv, parseCsv, toCsv } from './csv';

const A = '4150868000004522032';
const B = '4150868000004318009';

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,2,3,4\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('drops a byte-order mark and blank lines, keeps empty fields', () => {
    expect(parseCsv('\uFEFFid,name\n\n1,\n,x')).toEqual([
      ['id', 'name'],
      ['1', ''],
      ['', 'x'],
    ]);
  });

  it('reads a last line without a line end', () => {
    expect(parseCsv('a\n"b"')).toEqual([['a'], ['b']]);
  });

  it('takes the delimiter the header uses', () => {
    expect(detectDelimiter('Record Id;Name;"a,b"\n1;2;3')).toBe(';');
    expect(detectDelimiter('Record Id\tName\n')).toBe('\t');
    expect(detectDelimiter('id')).toBe(',');
    expect(parseCsv('x;y\n1;2')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });
});

describe('idsFromCsv', () => {
  it('reads the column Zoho’s export calls Record Id', () => {
    const result = idsFromCsv(`Account Name,Record Id,Phone\nAcme,${A},123\n"Bolt, Inc",${B},456\n`);
    expect(result).toEqual({
      ok: true,
      value: { ids: [A, B], invalid: [], duplicates: 0, column: { index: 1, header: 'Record Id' }, rounded: 0 },
    });
  });

  it.each(['id', 'ID', 'Record ID', 'record_id', 'Zoho Id'])('knows the header %s', (header) => {
    const result = idsFromCsv(`name;${header}\nAcme;${A}`);
    expect(result.ok && result.value.ids).toEqual([A]);
  });

  it('takes the first column of digits when no header names one', () => {
    const result = idsFromCsv(`Name,Phone,Owner\nAcme,${A},x\nBolt,${B},y`);
    expect(result.ok && result.value.column).toEqual({ index: 1, header: 'Phone' });
  });

  it('reads a file of ids without a header', () => {
    const result = idsFromCsv(`${A}\n${B}\n${A}\n`);
    expect(result).toEqual({
      ok: true,
      value: { ids: [A, B], invalid: [], duplicates: 1, column: { index: 0, header: null }, rounded: 0 },
    });
  });

  it('counts ids a spreadsheet rounded into scientific notation', () => {
    const result = idsFromCsv(`Record Id\n4.15087E+18\n${A}\n`);
    expect(result.ok && result.value).toMatchObject({ ids: [A], invalid: ['4.15087E+18'], rounded: 1 });
  });

  it('says so when there is nothing, or no id column', () => {
    expect(idsFromCsv('')).toEqual({ ok: false, reason: 'empty' });
    expect(idsFromCsv('Name,Phone\nAcme,+44 1\n')).toEqual({ ok: false, reason: 'no-id-column' });
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting, ends lines with CRLF, and defuses formulas', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'x\ny', '=SUM(A1)', '-1', '@x', '']])).toBe(
      'a,"b,c","say ""hi""","x\ny",\'=SUM(A1),\'-1,\'@x,\r\n',
    );
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['Record Id', 'Details'],
      [A, 'one, "two"\r\nthree'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('outcomesCsv', () => {
  it('writes one line per record with name, outcome, code, job id, territory names and details', () => {
    const csv = outcomesCsv(
      [
        { id: A, name: '=Acme, "Berlin"', territoryIds: ['1', '2'], outcome: { kind: 'scheduled', jobId: '77' } },
        {
          id: B,
          name: 'Beta GmbH',
          territoryIds: ['1'],
          outcome: { kind: 'error', code: 'INTERNAL_ERROR', status: 500, message: 'oops' },
        },
        { id: '9', name: null, territoryIds: ['1'], outcome: null },
      ],
      (id) => (id === '1' ? 'North' : 'South'),
      translatorFor('en'),
    );
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Record Id', 'Name', 'Outcome', 'Code', 'Zoho job id', 'Territories', 'Details']);
    // A name is Zoho's data: a leading = is defused like any other cell.
    expect(rows[1]?.slice(0, 6)).toEqual([A, `'=Acme, "Berlin"`, 'Scheduled by Zoho', '', '77', 'North; South']);
    expect(rows[2]?.slice(0, 6)).toEqual([B, 'Beta GmbH', 'Failed', 'INTERNAL_ERROR', '', 'North']);
    expect(rows[2]?.[6]).toMatch(/Zoho: oops$/);
    expect(rows[3]?.slice(0, 3)).toEqual(['9', '', 'Waiting']);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isSameSelection, readListSelection } from './list-selection';

const A = '407625000068467001';
const B = '407625000068467002';
const C = '407625000068467003';

function row(recordId: string | null, value: string | null, checked: boolean): string {
  const rowId = recordId === null ? '' : ` data-record-id="${recordId}"`;
  const boxValue = value === null ? '' : ` value="${value}"`;
  return `<tr data-zcqa="list-row"${rowId}><td><input type="checkbox" data-zcqa="row-select"${boxValue}${checked ? ' checked' : ''}></td></tr>`;
}

function list(...rows: string[]) {
  document.body.innerHTML = `<table data-zcqa="list-view" data-module="Accounts"><tbody>${rows.join('')}</tbody></table>`;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readListSelection', () => {
  it('reads the checked rows’ ids from the checkboxes, in page order', () => {
    list(row(A, A, true), row(B, B, false), row(C, C, true));
    expect(readListSelection(document)).toEqual({ recordIds: [A, C], unreadable: 0 });
  });

  it('follows the checkboxes as they change', () => {
    list(row(A, A, false), row(B, B, false));
    expect(readListSelection(document)).toEqual({ recordIds: [], unreadable: 0 });
    const box = document.querySelector<HTMLInputElement>(`input[value="${B}"]`);
    if (box) box.checked = true;
    expect(readListSelection(document)).toEqual({ recordIds: [B], unreadable: 0 });
  });

  it('falls back to the row’s data-record-id when the checkbox has no id', () => {
    list(row(A, null, true), row(B, 'on', true));
    expect(readListSelection(document)).toEqual({ recordIds: [A, B], unreadable: 0 });
  });

  it('keeps only decimal ids and counts the rest as unreadable', () => {
    list(
      row('zcrm_4076', 'zcrm_4076', true),
      row(null, '4076 25', true),
      row(null, '-1', true),
      row('1e5', '0x1F', true),
      row(A, A, true),
    );
    expect(readListSelection(document)).toEqual({ recordIds: [A], unreadable: 4 });
  });

  it('counts a checked row without any id as unreadable', () => {
    list(row(null, null, true), row(null, null, false));
    expect(readListSelection(document)).toEqual({ recordIds: [], unreadable: 1 });
  });

  it('lists a record once when it shows twice', () => {
    list(row(A, A, true), row(A, A, true));
    expect(readListSelection(document).recordIds).toEqual([A]);
  });

  it('ignores other checkboxes, the select-all box included', () => {
    document.body.innerHTML = `<input type="checkbox" data-zcqa="select-all" value="${A}" checked>
      <input type="checkbox" name="filter" value="${B}" checked>`;
    expect(readListSelection(document)).toEqual({ recordIds: [], unreadable: 0 });
  });
});

describe('isSameSelection', () => {
  it('compares ids and the unreadable count', () => {
    expect(isSameSelection({ recordIds: [A, B], unreadable: 0 }, { recordIds: [A, B], unreadable: 0 })).toBe(true);
    expect(isSameSelection({ recordIds: [A, B], unreadable: 0 }, { recordIds: [A], unreadable: 0 })).toBe(false);
    expect(isSameSelection({ recordIds: [A], unreadable: 1 }, { recordIds: [A], unreadable: 0 })).toBe(false);
  });
});

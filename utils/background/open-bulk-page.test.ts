import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { parseBulkLink } from '../bulk/link';
import { MAX_BULK_RECORDS } from '../bulk-protocol';
import { MAX_BULK_LINK_RECORDS, RequestSchema } from '../messaging';
import { bulkPageLink, type OpenBulkPageRequest, openBulkPage, type TabOpener } from './open-bulk-page';

const BULK_PAGE = 'chrome-extension://dakhagbpkpjjndolhlmnckledapnlgpo/bulk.html';

const request: OpenBulkPageRequest = {
  type: 'bulk.open',
  dataCentre: 'eu',
  sandbox: false,
  orgId: '20079833178',
  module: 'Deals',
  recordIds: ['407625000068467001', '407625000068467002', '407625000068467003'],
};

function fakeTabs(create: TabOpener['create'] = async () => ({ id: 9 })) {
  return { create: vi.fn(create) };
}

describe('openBulkPage', () => {
  it('opens one tab at the bulk page with the org, module and records in its address', async () => {
    const tabs = fakeTabs();
    expect(await openBulkPage(request, tabs, BULK_PAGE)).toEqual({ ok: true, value: null });
    expect(tabs.create).toHaveBeenCalledExactlyOnceWith({
      url: `${BULK_PAGE}#ids=407625000068467001,407625000068467002,407625000068467003&module=Deals&dc=eu&org=20079833178`,
    });
  });

  it('writes what the bulk page reads back', async () => {
    const tabs = fakeTabs();
    const sandboxed: OpenBulkPageRequest = { ...request, sandbox: true, dataCentre: 'ca', module: 'Contacts' };
    await openBulkPage(sandboxed, tabs, BULK_PAGE);
    const [page, hash] = (tabs.create.mock.calls[0]?.[0].url ?? '').split('#');
    expect(page).toBe(BULK_PAGE);
    expect(parseBulkLink(`#${hash}`)).toEqual({
      recordIds: sandboxed.recordIds,
      invalidIds: 0,
      territoryIds: [],
      module: 'Contacts',
      dataCentre: 'ca',
      sandbox: true,
      orgId: '20079833178',
      jobId: null,
    });
  });

  it('opens an empty selection with only the org and module when no record is given', async () => {
    const tabs = fakeTabs();
    await openBulkPage({ ...request, recordIds: [], orgId: null }, tabs, BULK_PAGE);
    expect(tabs.create).toHaveBeenCalledExactlyOnceWith({ url: `${BULK_PAGE}#module=Deals&dc=eu` });
  });

  it('replaces a fragment already on the page address', () => {
    expect(bulkPageLink({ ...request, recordIds: ['1'] }, `${BULK_PAGE}#job=x`)).toBe(
      `${BULK_PAGE}#ids=1&module=Deals&dc=eu&org=20079833178`,
    );
  });

  it('answers with an error when the browser does not open the tab', async () => {
    const tabs = fakeTabs(async () => {
      throw new Error('No current window');
    });
    expect(await openBulkPage(request, tabs, BULK_PAGE)).toEqual({
      ok: false,
      error: { code: 'TAB_NOT_OPENED', message: 'No current window' },
    });
  });
});

describe('the bulk.open request', () => {
  const accepts = (message: unknown) => v.is(RequestSchema, message);

  it('takes as many records as fit in the page’s address, no more than one bulk job', () => {
    expect(MAX_BULK_LINK_RECORDS).toBeLessThanOrEqual(MAX_BULK_RECORDS);
    const ids = Array.from({ length: MAX_BULK_LINK_RECORDS }, (_, i) => String(407625000068467001n + BigInt(i)));
    expect(accepts({ ...request, recordIds: ids })).toBe(true);
    expect(accepts({ ...request, recordIds: [...ids, '1'] })).toBe(false);
  });

  it('takes no records, and a null org', () => {
    expect(accepts({ ...request, recordIds: [], orgId: null })).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an id that is not decimal', { ...request, recordIds: ['4076x'] }],
    ['an id given as a number', { ...request, recordIds: [4076250] }],
    ['a module without territories', { ...request, module: 'Cases' }],
    ['an unknown data centre', { ...request, dataCentre: 'uk' }],
    ['an org that is not decimal', { ...request, orgId: 'acme' }],
    ['missing records', { ...request, recordIds: undefined }],
    ['an extra field', { ...request, url: 'https://evil.example/' }],
  ])('refuses %s', (_, message) => {
    expect(accepts(message)).toBe(false);
  });
});

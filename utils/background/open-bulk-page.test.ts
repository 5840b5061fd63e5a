import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HANDOFF_LIFETIME_MS, handOver, readHandoff } from '../bulk/handoff';
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

const TOKEN = '9b2f4c1e-3d5a-4e6f-8a7b-0c1d2e3f4a5b';

function setupHandoff() {
  let clock = 1_700_000_000_000;
  let next = 0;
  const tokens = [TOKEN, 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'];
  const handoff = {
    storage: fakeBrowser.storage.session,
    now: () => clock,
    newToken: () => tokens[next++] ?? 'no-more-tokens',
  };
  return { handoff, later: (ms: number) => (clock += ms) };
}

beforeEach(() => fakeBrowser.reset());

describe('openBulkPage', () => {
  it('opens one tab at the bulk page with the org and module in its address and the records in storage', async () => {
    const tabs = fakeTabs();
    const { handoff } = setupHandoff();
    expect(await openBulkPage(request, tabs, BULK_PAGE, handoff)).toEqual({ ok: true, value: null });
    expect(tabs.create).toHaveBeenCalledExactlyOnceWith({
      url: `${BULK_PAGE}#module=Deals&dc=eu&org=20079833178&selection=${TOKEN}`,
    });
    const { type: _, ...selection } = request;
    expect(await readHandoff(handoff, TOKEN)).toEqual(selection);
  });

  it('puts no record id in the address, however many', async () => {
    const tabs = fakeTabs();
    const { handoff } = setupHandoff();
    const recordIds = Array.from({ length: MAX_BULK_LINK_RECORDS }, (_, i) => String(407625000068467001n + BigInt(i)));
    await openBulkPage({ ...request, recordIds }, tabs, BULK_PAGE, handoff);
    const url = tabs.create.mock.calls[0]?.[0].url ?? '';
    expect(url.length).toBeLessThan(200);
    expect(url).not.toContain('4076250000684');
    expect((await readHandoff(handoff, TOKEN))?.recordIds).toEqual(recordIds);
  });

  it('writes what the bulk page reads back', async () => {
    const tabs = fakeTabs();
    const { handoff } = setupHandoff();
    const sandboxed: OpenBulkPageRequest = { ...request, sandbox: true, dataCentre: 'ca', module: 'Contacts' };
    await openBulkPage(sandboxed, tabs, BULK_PAGE, handoff);
    const [page, hash] = (tabs.create.mock.calls[0]?.[0].url ?? '').split('#');
    expect(page).toBe(BULK_PAGE);
    expect(parseBulkLink(`#${hash}`)).toEqual({
      recordIds: [],
      invalidIds: 0,
      territoryIds: [],
      module: 'Contacts',
      dataCentre: 'ca',
      sandbox: true,
      orgId: '20079833178',
      jobId: null,
      selection: TOKEN,
    });
  });

  it('opens an empty selection with only the org and module when no record is given', async () => {
    const tabs = fakeTabs();
    await openBulkPage({ ...request, recordIds: [], orgId: null }, tabs, BULK_PAGE, setupHandoff().handoff);
    expect(tabs.create).toHaveBeenCalledExactlyOnceWith({ url: `${BULK_PAGE}#module=Deals&dc=eu` });
  });

  it('replaces a fragment already on the page address', () => {
    expect(bulkPageLink({ ...request, recordIds: ['1'] }, `${BULK_PAGE}#job=x`, TOKEN)).toBe(
      `${BULK_PAGE}#module=Deals&dc=eu&org=20079833178&selection=${TOKEN}`,
    );
  });

  it('answers with an error when the browser does not open the tab', async () => {
    const tabs = fakeTabs(async () => {
      throw new Error('No current window');
    });
    expect(await openBulkPage(request, tabs, BULK_PAGE, setupHandoff().handoff)).toEqual({
      ok: false,
      error: { code: 'TAB_NOT_OPENED', message: 'No current window' },
    });
  });
});

describe('the hand-over', () => {
  it('is readable for an hour, then gone, and removed from storage at the next hand-over', async () => {
    const { handoff, later } = setupHandoff();
    const { type: _, ...selection } = request;
    await handOver(handoff, selection);
    later(HANDOFF_LIFETIME_MS - 1);
    expect(await readHandoff(handoff, TOKEN)).toEqual(selection);
    later(1);
    expect(await readHandoff(handoff, TOKEN)).toBeNull();
    await handOver(handoff, selection);
    expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty(`bulkHandoff:${TOKEN}`);
  });

  it.each([
    ['an unknown token', 'f0f0f0f0-0000-4000-8000-000000000000'],
    ['a token of another shape', 'bulkHandoffs'],
  ])('reads nothing for %s', async (_, token) => {
    const { handoff } = setupHandoff();
    const { type: __, ...selection } = request;
    await handOver(handoff, selection);
    expect(await readHandoff(handoff, token)).toBeNull();
  });

  it('reads nothing that is not a selection', async () => {
    const { handoff } = setupHandoff();
    const { type: _, ...selection } = request;
    await handOver(handoff, selection);
    await fakeBrowser.storage.session.set({ [`bulkHandoff:${TOKEN}`]: { ...selection, recordIds: ['x'] } });
    expect(await readHandoff(handoff, TOKEN)).toBeNull();
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

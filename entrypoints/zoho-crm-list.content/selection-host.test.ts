// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translatorFor } from '@/components/test-i18n';
import type { ListPage } from '@/utils/crm-page';
import type { Result } from '@/utils/messaging';
import { createSelectionHost, type SelectionHostApi } from './selection-host';

const inEnglish = async () => translatorFor('en');

const accounts: ListPage = { dataCentre: 'eu', sandbox: false, orgId: '20079833178', module: 'Accounts' };
const contacts: ListPage = { ...accounts, module: 'Contacts' };
const ID1 = '407625000068467001';
const ID2 = '407625000068467002';
const ID3 = '407625000068467003';
const ID4 = '407625000068467004';
const IDS = [ID1, ID2, ID3, ID4];

let ctx: ContentScriptContext;
let api: { openBulkPage: ReturnType<typeof vi.fn<SelectionHostApi['openBulkPage']>> };

/** A list view like Zoho's: its own select-all handler runs in the bubble phase. */
function listView(ids: string[] = IDS) {
  document.body.innerHTML = `<table data-zcqa="list-view" data-module="Accounts">
    <thead><tr><th><input type="checkbox" data-zcqa="select-all"></th></tr></thead>
    <tbody>${ids
      .map(
        (id) =>
          `<tr data-zcqa="list-row" data-record-id="${id}"><td><input type="checkbox" data-zcqa="row-select" value="${id}"></td></tr>`,
      )
      .join('')}</tbody></table>`;
}

function selectAllLikeZoho(event: Event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.dataset.zcqa !== 'select-all') return;
  for (const row of document.querySelectorAll<HTMLInputElement>('[data-zcqa="row-select"]')) row.checked = box.checked;
}

function tick(id: string, checked = true) {
  const box = document.querySelector<HTMLInputElement>(`input[data-zcqa="row-select"][value="${id}"]`);
  if (!box) throw new Error(`no row ${id}`);
  box.checked = checked;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

function bar(): ShadowRoot | null {
  return document.querySelector('territory-selection')?.shadowRoot ?? null;
}

function barButton(): HTMLButtonElement | null {
  return bar()?.querySelector('button') ?? null;
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

async function pause(ms = 30) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function changeListenerCalls(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.filter(
    ([type, , options]) => type === 'change' && (options as AddEventListenerOptions)?.capture,
  );
}

beforeEach(() => {
  api = {
    openBulkPage: vi.fn<SelectionHostApi['openBulkPage']>(
      async (): Promise<Result<null>> => ({ ok: true, value: null }),
    ),
  };
  ctx = new ContentScriptContext('zoho-crm', { matches: ['https://crm.zoho.eu/*'], cssInjectionMode: 'ui' });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  document.addEventListener('change', selectAllLikeZoho);
});

afterEach(() => {
  ctx.notifyInvalidated();
  document.removeEventListener('change', selectAllLikeZoho);
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('createSelectionHost', () => {
  it('does nothing at all on a page that is not a list view', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    listView();
    const host = createSelectionHost(ctx, api, inEnglish);
    host.show(null);
    tick(ID1);
    await pause();
    expect(changeListenerCalls(added)).toEqual([]);
    expect(document.querySelector('territory-selection')).toBeNull();
    expect(host.page).toBeNull();
  });

  it('listens with one capture-phase change listener and shows nothing until a row is selected', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    listView();
    const host = createSelectionHost(ctx, api, inEnglish);
    host.show(accounts);
    host.show({ ...accounts });
    await pause();
    expect(changeListenerCalls(added)).toHaveLength(1);
    expect(document.querySelector('territory-selection')).toBeNull();
    expect(host.page).toEqual(accounts);
  });

  it('counts the selected rows as they change, and goes when none is left', async () => {
    listView();
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    tick(ID1);
    await waitFor(() => barButton()?.textContent === 'Remove territories from 1 selected record');
    expect(bar()?.querySelector('section')?.getAttribute('aria-label')).toBe('Territory Panel');
    tick(ID3);
    await waitFor(() => barButton()?.textContent === 'Remove territories from 2 selected records');
    tick(ID1, false);
    await waitFor(() => barButton()?.textContent === 'Remove territories from 1 selected record');
    tick(ID3, false);
    await waitFor(() => document.querySelector('territory-selection') === null);
  });

  it('reads the selection after the page’s own handlers, so select-all counts every row', async () => {
    listView();
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    await pause();
    const all = document.querySelector<HTMLInputElement>('[data-zcqa="select-all"]');
    if (!all) throw new Error('no select-all');
    all.checked = true;
    all.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => barButton()?.textContent === 'Remove territories from 4 selected records');
  });

  it('says so when checked rows carry no readable record id', async () => {
    document.body.innerHTML = `<table><tr data-zcqa="list-row"><td>
      <input type="checkbox" data-zcqa="row-select" value="zcrm_row_1"></td></tr></table>`;
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    const box = document.querySelector<HTMLInputElement>('input');
    if (!box) throw new Error('no row');
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(
      () => bar()?.textContent?.includes('Territory Panel cannot read the selection on this page') === true,
    );
    expect(barButton()?.textContent).toBe('Open the bulk page');
  });

  it('opens the bulk page for the list’s org and module with the ids on a trusted click, and ignores synthetic ones', async () => {
    listView();
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    tick(ID2);
    tick(ID4);
    await waitFor(() => barButton()?.textContent === 'Remove territories from 2 selected records');

    barButton()?.click();
    barButton()?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await pause();
    expect(api.openBulkPage).not.toHaveBeenCalled();

    const trusted = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    barButton()?.dispatchEvent(trusted);
    await waitFor(() => api.openBulkPage.mock.calls.length === 1);
    expect(api.openBulkPage).toHaveBeenCalledExactlyOnceWith(accounts, [ID2, ID4]);
  });

  it('stops listening and takes the bar away when the page is no longer a list', async () => {
    const removed = vi.spyOn(document, 'removeEventListener');
    listView();
    const host = createSelectionHost(ctx, api, inEnglish);
    host.show(accounts);
    tick(ID1);
    await waitFor(() => barButton() !== null);

    host.show(null);
    await waitFor(() => document.querySelector('territory-selection') === null);
    expect(changeListenerCalls(removed)).toHaveLength(1);
    tick(ID2);
    await pause();
    expect(document.querySelector('territory-selection')).toBeNull();
    expect(host.page).toBeNull();
  });

  it('starts afresh in another module’s list', async () => {
    listView();
    const host = createSelectionHost(ctx, api, inEnglish);
    host.show(accounts);
    tick(ID1);
    await waitFor(() => barButton() !== null);

    // Zoho's single-page app swaps the rows for the other module's.
    listView(['407625000068469001']);
    host.show(contacts);
    await waitFor(() => document.querySelector('territory-selection') === null);
    tick('407625000068469001');
    await waitFor(() => barButton()?.textContent === 'Remove territories from 1 selected record');
    const trusted = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(trusted, 'isTrusted', { value: true });
    barButton()?.dispatchEvent(trusted);
    await waitFor(() => api.openBulkPage.mock.calls.length === 1);
    expect(api.openBulkPage).toHaveBeenCalledWith(contacts, ['407625000068469001']);
  });

  it('shows the selection a list already has when the content script arrives', async () => {
    listView();
    for (const box of document.querySelectorAll<HTMLInputElement>('[data-zcqa="row-select"]')) box.checked = true;
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    await waitFor(() => barButton()?.textContent === 'Remove territories from 4 selected records');
  });

  it('takes the bar away when the extension context goes', async () => {
    listView();
    createSelectionHost(ctx, api, inEnglish).show(accounts);
    tick(ID1);
    await waitFor(() => barButton() !== null);
    ctx.notifyInvalidated();
    expect(document.querySelector('territory-selection')).toBeNull();
  });
});

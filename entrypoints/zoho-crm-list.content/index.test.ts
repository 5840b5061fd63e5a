// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { bundledMessages } from '@/utils/i18n/bundled-catalogues';
import { PAGE_NAMESPACES } from '@/utils/i18n/catalogue';
import type { Request } from '@/utils/messaging';
import contentScript from './index';

const RECORD_URL = 'https://crm.zoho.eu/crm/org20079833178/tab/Potentials/407625000068467001';
const ACCOUNTS_LIST = 'https://crm.zoho.eu/crm/org20079833178/tab/Accounts';
const ACCOUNT_ID = '407625000068467001';

function setUrl(url: string) {
  (globalThis as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

let ctx: ContentScriptContext;
let requests: Request[];

/** A stand-in for the background: the catalogue, and nothing else is expected. */
function answerAsBackground() {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const request = message as Request;
    requests.push(request);
    if (request.type !== 'i18n.catalogue') return undefined;
    sendResponse({ ok: true, value: { locale: 'en', messages: bundledMessages('en', PAGE_NAMESPACES) } });
    return true;
  });
}

async function waitFor(check: () => boolean, tries = 300) {
  for (let i = 0; i < tries && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

function captureChangeListeners(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.filter(
    ([type, , options]) => type === 'change' && (options as AddEventListenerOptions)?.capture,
  );
}

function listWithOneRow() {
  document.body.innerHTML = `<table data-zcqa="list-view" data-module="Accounts"><tr data-zcqa="list-row" data-record-id="${ACCOUNT_ID}">
    <td><input type="checkbox" data-zcqa="row-select" value="${ACCOUNT_ID}"></td></tr></table>`;
}

function tickTheRow() {
  const box = document.querySelector<HTMLInputElement>('[data-zcqa="row-select"]');
  if (!box) throw new Error('no row');
  box.checked = true;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

beforeEach(() => {
  requests = [];
  ctx = new ContentScriptContext('zoho-crm-list', contentScript);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  ctx.notifyInvalidated();
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('zoho-crm-list content script', () => {
  it('is injected on demand into frames of the CRM hosts, its CSS carried in the script', () => {
    expect(contentScript.allFrames).toBe(true);
    expect(contentScript.registration).toBe('runtime');
    expect(contentScript.cssInjectionMode).toBe('manual');
    expect(contentScript.matches).toContain('https://crm.zoho.eu/*');
    expect(contentScript.matches).toContain('https://crmsandbox.zohocloud.ca/*');
  });

  it('listens for selection changes on a list view, asks nothing until a row is ticked, and stops on a record', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    const removed = vi.spyOn(document, 'removeEventListener');
    answerAsBackground();
    setUrl(ACCOUNTS_LIST);
    listWithOneRow();
    await contentScript.main(ctx);
    expect(captureChangeListeners(added)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(requests).toEqual([]);
    tickTheRow();
    await waitFor(() => document.querySelector('territory-selection') !== null);
    expect(requests.map((request) => request.type)).toEqual(['i18n.catalogue']);

    history.pushState({}, '', RECORD_URL);
    await waitFor(() => document.querySelector('territory-selection') === null);
    expect(captureChangeListeners(removed)).toHaveLength(1);
    expect(captureChangeListeners(added)).toHaveLength(1);
    expect(document.querySelector('territory-panel')).toBeNull();
  });

  it('adds no listener and no bar on a record page', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    answerAsBackground();
    setUrl(RECORD_URL);
    listWithOneRow();
    await contentScript.main(ctx);
    tickTheRow();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(captureChangeListeners(added)).toEqual([]);
    expect(document.querySelector('territory-selection')).toBeNull();
  });

  it('starts listening when the single-page app moves from a record to a list', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    answerAsBackground();
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    expect(captureChangeListeners(added)).toEqual([]);
    listWithOneRow();
    history.pushState({}, '', ACCOUNTS_LIST);
    await waitFor(() => captureChangeListeners(added).length === 1);
    tickTheRow();
    await waitFor(() => document.querySelector('territory-selection') !== null);
  });
});

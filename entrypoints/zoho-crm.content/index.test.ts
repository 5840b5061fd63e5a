// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { bundledMessages } from '@/utils/i18n/bundled-catalogues';
import { PAGE_NAMESPACES } from '@/utils/i18n/catalogue';
import type { PanelStatus, Request } from '@/utils/messaging';
import contentScript from './index';

const RECORD_URL = 'https://crm.zoho.eu/crm/org20079833178/tab/Potentials/407625000068467001';
const LIST_URL = 'https://crm.zoho.eu/crm/org20079833178/tab/Potentials/custom-view/4076250000000/list';

function setUrl(url: string) {
  (globalThis as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

let ctx: ContentScriptContext;
let requests: Request[];

/** A stand-in for the background (one message bus in tests: it leaves the popup's question alone). */
function answerAsBackground() {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const request = message as Request;
    if (request.type === 'page.left' || request.type === 'page.shown') {
      requests.push(request);
      sendResponse({ ok: true, value: null });
      return true;
    }
    if (request.type === 'i18n.catalogue') {
      sendResponse({ ok: true, value: { locale: 'en', messages: bundledMessages('en', PAGE_NAMESPACES) } });
      return true;
    }
    if (request.type !== 'record.territories') return undefined;
    requests.push(request);
    sendResponse({ ok: true, value: { enabled: true, territories: [], scheduled: [] } });
    return true;
  });
}

/** Asks the frame's content script what the popup asks; undefined when it keeps silent. */
async function askStatus(): Promise<PanelStatus | undefined> {
  let answer: PanelStatus | undefined;
  const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'panel.status' }, {}, (response: PanelStatus) => {
    answer = response;
  });
  return results.some((result: unknown) => result === true) ? answer : undefined;
}

async function waitFor(check: () => boolean, tries = 300) {
  for (let i = 0; i < tries && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

beforeEach(() => {
  requests = [];
  ctx = new ContentScriptContext('zoho-crm', contentScript);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  ctx.notifyInvalidated();
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('zoho-crm content script', () => {
  it('is injected on demand into frames of the CRM hosts, its CSS carried in the script', () => {
    expect(contentScript.allFrames).toBe(true);
    expect(contentScript.registration).toBe('runtime');
    expect(contentScript.cssInjectionMode).toBe('manual');
    expect(contentScript.matches).toContain('https://crm.zoho.eu/*');
    expect(contentScript.matches).toContain('https://crmsandbox.zohocloud.ca/*');
  });

  it('answers the popup with the record page it shows', async () => {
    answerAsBackground();
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    expect(await askStatus()).toEqual({
      page: { dataCentre: 'eu', sandbox: false, orgId: '20079833178', module: 'Deals', recordId: '407625000068467001' },
    });
    await waitFor(() => document.querySelector('territory-panel') !== null);
  });

  it('keeps silent and does nothing on a page that is not a record', async () => {
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    setUrl(LIST_URL);
    await contentScript.main(ctx);
    expect(await askStatus()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(document.querySelector('territory-panel')).toBeNull();
    expect(read).not.toHaveBeenCalled();
  });

  it('ignores other messages', async () => {
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'panel.other' }, {}, () => undefined);
    expect(results.some((result: unknown) => result === true)).toBe(false);
  });

  it('follows the single-page app to a list and back to a record', async () => {
    answerAsBackground();
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    await waitFor(() => document.querySelector('territory-panel') !== null);

    history.pushState({}, '', LIST_URL);
    await waitFor(() => document.querySelector('territory-panel') === null);
    expect(await askStatus()).toBeUndefined();

    history.pushState({}, '', RECORD_URL.replace('Potentials', 'Leads'));
    await waitFor(() => document.querySelector('territory-panel') !== null);
    expect((await askStatus())?.page.module).toBe('Leads');
    await waitFor(() => requests.length === 5);
    expect(
      requests.map((request) => ('page' in request ? `${request.type} ${request.page.module}` : request.type)),
    ).toEqual([
      'page.shown Deals',
      'record.territories Deals',
      'page.left',
      'page.shown Leads',
      'record.territories Leads',
    ]);
  });

  it('says it left a record when the app moves to another record, and not for the same record', async () => {
    answerAsBackground();
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    await waitFor(() => requests.length === 2);

    history.pushState({}, '', `${RECORD_URL}?sub_module=notes`);
    // Without the Navigation API, WXT looks at the URL once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(requests).toHaveLength(2);
    history.pushState({}, '', RECORD_URL.replace(/7001$/, '7002'));
    await waitFor(() => requests.length === 5);
    expect(
      requests.map((request) => ('page' in request ? `${request.type} ${request.page.recordId}` : request.type)),
    ).toEqual([
      'page.shown 407625000068467001',
      'record.territories 407625000068467001',
      'page.left',
      'page.shown 407625000068467002',
      'record.territories 407625000068467002',
    ]);
  });

  it('stops answering once its context is invalidated', async () => {
    setUrl(RECORD_URL);
    await contentScript.main(ctx);
    ctx.notifyInvalidated();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});

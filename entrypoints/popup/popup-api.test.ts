// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPopupApi } from './popup-api';

const page = { dataCentre: 'eu', sandbox: false, orgId: null, module: 'Leads', recordId: '407625000068467001' };

const ACTIVE_TAB_ID = 7;

beforeEach(() => {
  vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: ACTIVE_TAB_ID }] as never);
});

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('createPopupApi().tabStatus', () => {
  it('asks the active tab’s content script and returns the page it reports', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ page } as never);
    expect(await createPopupApi().tabStatus()).toEqual({ page });
    expect(browser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(send).toHaveBeenCalledWith(ACTIVE_TAB_ID, { type: 'panel.status' });
  });

  it('is null when no content script answers', async () => {
    const send = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await createPopupApi().tabStatus()).toBeNull();
    expect(send).toHaveBeenCalledOnce();
  });

  it.each([undefined, {}, { page: { ...page, module: 'Potentials' } }, { page: { ...page, recordId: 'x' } }])(
    'is null for the answer %j',
    async (answer) => {
      const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(answer as never);
      expect(await createPopupApi().tabStatus()).toBeNull();
      expect(send).toHaveBeenCalledOnce();
    },
  );

  it('is null without an active tab', async () => {
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([] as never);
    const send = vi.spyOn(browser.tabs, 'sendMessage');
    expect(await createPopupApi().tabStatus()).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });
});

describe('createPopupApi().openSidePanel', () => {
  it('opens the window’s side panel within the click, then keeps it as the panel’s home', async () => {
    const open = vi.spyOn(browser.sidePanel, 'open').mockResolvedValue(undefined);
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    createPopupApi().openSidePanel();
    expect(open).toHaveBeenCalledExactlyOnceWith({ windowId: browser.windows.WINDOW_ID_CURRENT });
    await vi.waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(await browser.storage.local.get('panel:home')).toEqual({ 'panel:home': 'side-panel' });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CHROME_REDIRECT_URI } from '@/utils/panel/redirect-uris';
import { createOptionsApi } from './options-api';

beforeEach(() => {
  vi.spyOn(browser.identity, 'getRedirectURL').mockReturnValue(CHROME_REDIRECT_URI);
});

afterEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('createOptionsApi', () => {
  it('asks the browser for its redirect URI with the path Zoho is given', () => {
    expect(createOptionsApi().redirectUri).toBe(CHROME_REDIRECT_URI);
    expect(browser.identity.getRedirectURL).toHaveBeenCalledWith('zoho');
  });

  it('keeps the client id in storage.local under clientId, and forgets it', async () => {
    const api = createOptionsApi();
    expect(await api.loadClientId()).toBeNull();
    await api.saveClientId('1000.ABC');
    expect(await fakeBrowser.storage.local.get('clientId')).toEqual({ clientId: '1000.ABC' });
    expect(await api.loadClientId()).toBe('1000.ABC');
    await api.saveClientId(null);
    expect(await fakeBrowser.storage.local.get('clientId')).toEqual({});
  });

  it('keeps the collapsed preference under panel:collapsed, shared with the panel', async () => {
    const api = createOptionsApi();
    expect(await api.loadStartCollapsed()).toBe(false);
    await api.saveStartCollapsed(true);
    expect(await fakeBrowser.storage.local.get('panel:collapsed')).toEqual({ 'panel:collapsed': true });
    expect(await api.loadStartCollapsed()).toBe(true);
  });

  it('keeps the colours and the placement where the panel reads them', async () => {
    const api = createOptionsApi();
    expect(await api.loadTheme()).toBe('auto');
    await api.saveTheme('dark');
    expect(await fakeBrowser.storage.local.get('panel:theme')).toEqual({ 'panel:theme': 'dark' });
    expect(await api.loadTheme()).toBe('dark');
    await fakeBrowser.storage.local.set({ 'panel:placement': { edge: 'left', offset: 0, height: null } });
    await api.resetPlacement();
    expect(await fakeBrowser.storage.local.get('panel:placement')).toEqual({});
  });

  it('sends auth requests to the background', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      received.push(message);
      sendResponse({ ok: true, value: [] });
      return true;
    });
    const api = createOptionsApi();
    await api.connections();
    await api.signIn('au');
    await api.signOut('jp');
    expect(received).toEqual([
      { type: 'auth.connections' },
      { type: 'auth.signIn', dataCentre: 'au' },
      { type: 'auth.signOut', dataCentre: 'jp' },
    ]);
  });
});

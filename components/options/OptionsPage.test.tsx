// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, Result } from '@/utils/messaging';
import { CHROME_REDIRECT_URI, FIREFOX_REDIRECT_URI } from '@/utils/panel/redirect-uris';
import { InEnglish } from '../test-i18n';
import { ClientIdSection } from './ClientIdSection';
import { ConnectionsSection } from './ConnectionsSection';
import { OptionsPage } from './OptionsPage';
import type { OptionsApi } from './options-api';
import { PanelPreferences } from './PanelPreferences';
import { RedirectUriSection } from './RedirectUriSection';

const euConnected: Connection = {
  dataCentre: 'eu',
  connected: true,
  expiresAt: Date.UTC(2030, 0, 1, 15, 4),
  apiDomain: 'https://www.zohoapis.eu',
};
const usDisconnected: Connection = { dataCentre: 'us', connected: false, expiresAt: null, apiDomain: null };

const BULK_PAGE_URL = 'chrome-extension://dakhagbpkpjjndolhlmnckledapnlgpo/bulk.html';

function fakeApi(overrides: Partial<OptionsApi> = {}) {
  return {
    buildClientId: '',
    loadClientId: vi.fn<OptionsApi['loadClientId']>(async () => null),
    saveClientId: vi.fn<OptionsApi['saveClientId']>(async () => undefined),
    redirectUri: CHROME_REDIRECT_URI,
    connections: vi.fn<OptionsApi['connections']>(async () => ({ ok: true, value: [euConnected, usDisconnected] })),
    signIn: vi.fn<OptionsApi['signIn']>(async (dataCentre) => ({
      ok: true,
      value: { dataCentre, connected: true, expiresAt: null, apiDomain: 'https://www.zohoapis.com' },
    })),
    signOut: vi.fn<OptionsApi['signOut']>(async (dataCentre) => ({
      ok: true,
      value: { dataCentre, connected: false, expiresAt: null, apiDomain: null },
    })),
    loadStartCollapsed: vi.fn<OptionsApi['loadStartCollapsed']>(async () => false),
    saveStartCollapsed: vi.fn<OptionsApi['saveStartCollapsed']>(async () => undefined),
    loadTheme: vi.fn<OptionsApi['loadTheme']>(async () => 'auto'),
    saveTheme: vi.fn<OptionsApi['saveTheme']>(async () => undefined),
    loadHome: vi.fn<OptionsApi['loadHome']>(async () => 'page'),
    saveHome: vi.fn<OptionsApi['saveHome']>(async () => undefined),
    resetPlacement: vi.fn<OptionsApi['resetPlacement']>(async () => undefined),
    panelShortcut: vi.fn<OptionsApi['panelShortcut']>(async () => 'Alt+Shift+T'),
    copyText: vi.fn<OptionsApi['copyText']>(async () => true),
    bulkPageUrl: BULK_PAGE_URL,
    ...overrides,
  } satisfies OptionsApi;
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

afterEach(cleanup);

describe('ClientIdSection', () => {
  it('shows the stored client id and saves a trimmed, valid one', async () => {
    const api = fakeApi({ loadClientId: vi.fn(async () => '1000.OLD') });
    render(<ClientIdSection api={api} />);
    await settle();
    const input = screen.getByLabelText('Client ID') as HTMLInputElement;
    expect(input.value).toBe('1000.OLD');

    fireEvent.input(input, { target: { value: '  1000.NEWID42  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(api.saveClientId).toHaveBeenCalledExactlyOnceWith('1000.NEWID42');
    expect(screen.getByRole('status').textContent).toBe('Client ID saved.');
    expect(input.value).toBe('1000.NEWID42');
  });

  it('refuses a malformed id and says why, next to the field', async () => {
    const api = fakeApi();
    render(<ClientIdSection api={api} />);
    await settle();
    const input = screen.getByLabelText('Client ID');
    fireEvent.input(input, { target: { value: 'my-client' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(api.saveClientId).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const problem = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(problem?.textContent).toContain('starts with “1000.”');
  });

  it('forgets the id when the field is emptied', async () => {
    const api = fakeApi({ loadClientId: vi.fn(async () => '1000.OLD') });
    render(<ClientIdSection api={api} />);
    await settle();
    fireEvent.input(screen.getByLabelText('Client ID'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(api.saveClientId).toHaveBeenCalledExactlyOnceWith(null);
    expect(screen.getByRole('status').textContent).toBe('Client ID removed.');
  });

  it('has no field when the build brings its own client', async () => {
    const api = fakeApi({ buildClientId: '1000.BUILD' });
    render(<ClientIdSection api={api} />);
    await settle();
    expect(screen.queryByLabelText('Client ID')).toBeNull();
    expect(screen.getByText('1000.BUILD')).toBeTruthy();
    expect(api.loadClientId).not.toHaveBeenCalled();
  });
});

describe('RedirectUriSection', () => {
  it('shows this browser’s redirect URI, the other browser’s, and the JavaScript domain, each with Copy', async () => {
    const api = fakeApi();
    render(<RedirectUriSection api={api} />);
    expect(screen.getByText(CHROME_REDIRECT_URI)).toBeTruthy();
    expect(screen.getByText(FIREFOX_REDIRECT_URI)).toBeTruthy();
    expect(screen.getByText('https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org')).toBeTruthy();
    expect(screen.getByText('Client-based Applications')).toBeTruthy();
    expect(screen.getByText('multi-DC')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy redirect URI for this browser' }));
    await settle();
    expect(api.copyText).toHaveBeenCalledExactlyOnceWith(CHROME_REDIRECT_URI);
    expect(screen.getByRole('status').textContent).toBe('Copied redirect URI for this browser.');

    fireEvent.click(screen.getByRole('button', { name: 'Copy redirect URI for Firefox' }));
    await settle();
    expect(api.copyText).toHaveBeenLastCalledWith(FIREFOX_REDIRECT_URI);
  });

  it('names Chrome as the other browser in Firefox, and says when copying fails', async () => {
    const api = fakeApi({ redirectUri: FIREFOX_REDIRECT_URI, copyText: vi.fn(async () => false) });
    render(<RedirectUriSection api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy redirect URI for Chrome' }));
    await settle();
    expect(api.copyText).toHaveBeenCalledExactlyOnceWith(CHROME_REDIRECT_URI);
    expect(screen.getByRole('status').textContent).toContain('Copying failed');
  });
});

describe('ConnectionsSection', () => {
  function rowOf(label: string): HTMLElement {
    const row = screen.getByText(label).closest('li');
    if (!row) throw new Error(`no row for ${label}`);
    return row;
  }

  it('lists every data centre with its connection state', async () => {
    render(<ConnectionsSection api={fakeApi()} locale="en-GB" />, { wrapper: InEnglish });
    expect(screen.getByText('Checking connections…')).toBeTruthy();
    await settle();
    expect(screen.getAllByRole('listitem')).toHaveLength(8);
    expect(
      within(rowOf('Europe')).getByText(/^Connected · until \d{1,2}:\d{2} · https:\/\/www\.zohoapis\.eu$/),
    ).toBeTruthy();
    expect(within(rowOf('Europe')).getByRole('button', { name: 'Sign out of Europe' })).toBeTruthy();
    expect(within(rowOf('United States')).getByText('Not connected')).toBeTruthy();
    expect(within(rowOf('Japan')).getByRole('button', { name: 'Sign in to Japan' })).toBeTruthy();
  });

  it('signs in and out per data centre', async () => {
    const api = fakeApi();
    render(<ConnectionsSection api={api} locale="en-GB" />, { wrapper: InEnglish });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to United States' }));
    await settle();
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith('us');
    expect(within(rowOf('United States')).getByRole('button', { name: 'Sign out of United States' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out of Europe' }));
    await settle();
    expect(api.signOut).toHaveBeenCalledExactlyOnceWith('eu');
    expect(within(rowOf('Europe')).getByText('Not connected')).toBeTruthy();
  });

  it('explains a failed sign-in on its row', async () => {
    const failed: Result<Connection> = { ok: false, error: { code: 'NO_CLIENT_ID' } };
    const api = fakeApi({ signIn: vi.fn(async () => failed) });
    render(<ConnectionsSection api={api} />, { wrapper: InEnglish });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to India' }));
    await settle();
    const alert = within(rowOf('India')).getByRole('alert');
    expect(alert.textContent).toContain('Enter your client ID in the options');
    expect(alert.textContent).toContain('Code: NO_CLIENT_ID');
  });

  it('says when the connections cannot be read', async () => {
    const api = fakeApi({
      connections: vi.fn<OptionsApi['connections']>(async () => ({
        ok: false,
        error: { code: 'EXTENSION_RESTARTED' },
      })),
    });
    render(<ConnectionsSection api={api} />, { wrapper: InEnglish });
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('Code: EXTENSION_RESTARTED');
  });
});

describe('PanelPreferences', () => {
  it('shows and saves whether the panel starts collapsed', async () => {
    const api = fakeApi({ loadStartCollapsed: vi.fn(async () => true) });
    render(<PanelPreferences api={api} />);
    await settle();
    const checkbox = screen.getByRole('checkbox', { name: 'Start with the panel collapsed' }) as HTMLInputElement;
    expect(checkbox.checked).toBe(true);
    fireEvent.click(checkbox);
    await settle();
    expect(api.saveStartCollapsed).toHaveBeenCalledExactlyOnceWith(false);
    expect(checkbox.checked).toBe(false);
  });

  it('saves the colours: as the Zoho page is, or forced light or dark', async () => {
    const api = fakeApi({ loadTheme: vi.fn(async () => 'dark' as const) });
    render(<PanelPreferences api={api} />);
    await settle();
    const select = screen.getByRole('combobox', { name: 'Colours' }) as HTMLSelectElement;
    expect(select.value).toBe('dark');
    fireEvent.change(select, { target: { value: 'auto' } });
    await settle();
    expect(api.saveTheme).toHaveBeenCalledExactlyOnceWith('auto');
  });

  it('says where the panel shows: in the page by default, or in the browser’s side panel', async () => {
    const api = fakeApi();
    render(<PanelPreferences api={api} />);
    await settle();
    const select = screen.getByRole('combobox', { name: 'Where the panel shows' }) as HTMLSelectElement;
    expect(select.value).toBe('page');
    fireEvent.change(select, { target: { value: 'side-panel' } });
    await settle();
    expect(api.saveHome).toHaveBeenCalledExactlyOnceWith('side-panel');
    expect(select.value).toBe('side-panel');
  });

  it('puts the panel back at the right edge and tells the shortcut the user has', async () => {
    const api = fakeApi({ panelShortcut: vi.fn(async () => 'Ctrl+Shift+Y') });
    render(<PanelPreferences api={api} />);
    await settle();
    expect(screen.getByText(/Keyboard shortcut: Ctrl\+Shift\+Y opens the panel/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Put the panel back at the right edge' }));
    await settle();
    expect(api.resetPlacement).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toMatch(/back on the right/);
  });
});

describe('OptionsPage', () => {
  it('puts the sections under one heading each', async () => {
    render(<OptionsPage api={fakeApi()} />, { wrapper: InEnglish });
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Territory Panel for Zoho CRM' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Zoho API client',
      'Set up the client in Zoho’s API console',
      'Zoho connections',
      'Panel',
    ]);
  });

  it('links to the bulk page in a tab of its own', async () => {
    render(<OptionsPage api={fakeApi()} />, { wrapper: InEnglish });
    await settle();
    const link = screen.getByRole('link', { name: 'Remove territories from many records' });
    expect(link.getAttribute('href')).toBe(BULK_PAGE_URL);
    expect(link.getAttribute('target')).toBe('_blank');
  });
});

// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render as renderBare, screen, within } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import englishOptionsCatalogue from '@/locales/en/options.json';
import type { MessageKey } from '@/utils/i18n/catalogue';
import type { Connection, Result } from '@/utils/messaging';
import { CHROME_REDIRECT_URI, FIREFOX_REDIRECT_URI } from '@/utils/panel/redirect-uris';
import { I18nProvider } from '../i18n';
import { InEnglish, translatorFor } from '../test-i18n';
import { ClientIdSection } from './ClientIdSection';
import { ClientSetupSteps } from './ClientSetupSteps';
import { ConnectionsSection } from './ConnectionsSection';
import { OptionsPage } from './OptionsPage';
import type { OptionsApi } from './options-api';
import { PreferencesSection } from './PreferencesSection';

const euConnected: Connection = {
  dataCentre: 'eu',
  connected: true,
  expiresAt: Date.UTC(2030, 0, 1, 15, 4),
  apiDomain: 'https://www.zohoapis.eu',
  orgs: [
    { orgId: '20079833178', sandbox: false },
    { orgId: '20079833999', sandbox: true },
  ],
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

const render = (ui: ComponentChild) => renderBare(ui, { wrapper: InEnglish });

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
    expect(statusTexts()).toContain('Client ID saved.');
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
    expect(statusTexts()).toContain('Client ID removed.');
  });

  it('folds the API console steps under the field they end at', async () => {
    render(<ClientIdSection api={fakeApi()} />);
    await settle();
    const details = document.querySelector('details');
    expect(details?.open).toBe(false);
    expect(details?.querySelector('summary')?.textContent).toBe('How to create the client in Zoho’s API console');
    // The last step points at the field, which comes before the steps.
    const field = screen.getByLabelText('Client ID');
    const lastStep = [...(details?.querySelectorAll('ol > li') ?? [])].at(-1);
    expect(lastStep?.textContent).toContain('Client ID field above');
    expect(field.compareDocumentPosition(details as Node) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

function statusTexts(): string[] {
  return screen.getAllByRole('status').map((status) => status.textContent ?? '');
}

describe('ClientSetupSteps', () => {
  it('shows this browser’s redirect URI, the other browser’s, and the JavaScript domain, each with Copy', async () => {
    const api = fakeApi();
    render(<ClientSetupSteps api={api} />);
    expect(screen.getByText(CHROME_REDIRECT_URI)).toBeTruthy();
    expect(screen.getByText(FIREFOX_REDIRECT_URI)).toBeTruthy();
    expect(screen.getByText('https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org')).toBeTruthy();
    expect(screen.getByText(/Client-based Applications/)).toBeTruthy();
    expect(screen.getByText(/Multi-DC/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'api-console.zoho.com' }).getAttribute('href')).toBe(
      'https://api-console.zoho.com',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Copy Redirect URI for this browser' }));
    await settle();
    expect(api.copyText).toHaveBeenCalledExactlyOnceWith(CHROME_REDIRECT_URI);
    expect(screen.getByRole('status').textContent).toBe('Copied: Redirect URI for this browser.');

    fireEvent.click(screen.getByRole('button', { name: 'Copy Redirect URI for Firefox' }));
    await settle();
    expect(api.copyText).toHaveBeenLastCalledWith(FIREFOX_REDIRECT_URI);
  });

  it('names Chrome as the other browser in Firefox, and says when copying fails', async () => {
    const api = fakeApi({ redirectUri: FIREFOX_REDIRECT_URI, copyText: vi.fn(async () => false) });
    render(<ClientSetupSteps api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Redirect URI for Chrome' }));
    await settle();
    expect(api.copyText).toHaveBeenCalledExactlyOnceWith(CHROME_REDIRECT_URI);
    expect(screen.getByRole('status').textContent).toContain('Copying failed');
  });
});

describe('ConnectionsSection', () => {
  const otherDataCentres = () => {
    const details = document.querySelector<HTMLDetailsElement>('details');
    if (!details) throw new Error('no folded data centres');
    return details;
  };
  const connectedHeadings = () => screen.queryAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);

  it('shows the signed-in data centre first with its orgs and that it renews, the others folded', async () => {
    render(<ConnectionsSection api={fakeApi()} />);
    expect(screen.getByText('Checking connections…')).toBeTruthy();
    await settle();
    expect(connectedHeadings()).toEqual(['Europe crm.zoho.eu']);
    const europe = screen.getByRole('heading', { name: 'Europe crm.zoho.eu' }).closest('li') as HTMLElement;
    expect(europe.textContent).toContain('renews automatically while you are signed in to Zoho');
    expect(europe.textContent).not.toMatch(/until|\d{1,2}:\d{2}/);
    expect(within(europe).getByText('Organization ID 20079833178')).toBeTruthy();
    expect(within(europe).getByText('Sandbox organization ID 20079833999')).toBeTruthy();
    expect(within(europe).getByRole('button', { name: 'Sign out of Europe' })).toBeTruthy();

    const folded = otherDataCentres();
    expect(folded.open).toBe(false);
    expect(folded.querySelector('summary')?.textContent).toBe('Connect another data centre');
    expect(
      within(folded)
        .getAllByRole('button', { hidden: true })
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual([
      'Sign in to United States',
      'Sign in to India',
      'Sign in to Australia',
      'Sign in to Japan',
      'Sign in to Canada',
      'Sign in to Saudi Arabia',
      'Sign in to China',
    ]);
    expect(screen.getByText(/the organization ID is the number after “org” in your CRM’s address/)).toBeTruthy();
  });

  it('says how to start when no data centre is signed in', async () => {
    const api = fakeApi({ connections: vi.fn(async () => ({ ok: true as const, value: [usDisconnected] })) });
    render(<ConnectionsSection api={api} />);
    await settle();
    expect(connectedHeadings()).toEqual([]);
    expect(screen.getByText(/Not signed in to Zoho yet/)).toBeTruthy();
    expect(otherDataCentres().querySelector('summary')?.textContent).toBe('Sign in to a data centre');
    expect(within(otherDataCentres()).getAllByRole('listitem', { hidden: true })).toHaveLength(8);
  });

  it('says a fresh sign-in has reached no org yet', async () => {
    const api = fakeApi({
      connections: vi.fn(async () => ({ ok: true as const, value: [{ ...euConnected, orgs: [] }] })),
    });
    render(<ConnectionsSection api={api} />);
    await settle();
    expect(screen.getByText('Its organization shows here once you open one of its records.')).toBeTruthy();
  });

  it('signs in from the folded list, moving the data centre up with focus on it, and signs out', async () => {
    const api = fakeApi();
    render(<ConnectionsSection api={api} />);
    await settle();
    otherDataCentres().open = true;
    const signIn = screen.getByRole('button', { name: 'Sign in to United States' });
    fireEvent.click(signIn);
    fireEvent.click(signIn);
    await settle();
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith('us');
    expect(connectedHeadings()).toEqual(['United States crm.zoho.com', 'Europe crm.zoho.eu']);
    expect(document.activeElement?.textContent).toBe('United States crm.zoho.com');
    expect(statusTexts()).toContain('Signed in to United States.');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out of Europe' }));
    await settle();
    expect(api.signOut).toHaveBeenCalledExactlyOnceWith('eu');
    expect(connectedHeadings()).toEqual(['United States crm.zoho.com']);
    expect(within(otherDataCentres()).getByRole('button', { name: 'Sign in to Europe' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Connect another data centre');
    expect(statusTexts()).toContain('Signed out of Europe.');
  });

  it('names a busy button by what it shows, and sends one sign-in however often it is clicked', async () => {
    let release: (result: Result<Connection>) => void = () => undefined;
    const api = fakeApi({
      signIn: vi.fn(() => new Promise<Result<Connection>>((resolve) => (release = resolve))),
    });
    render(<ConnectionsSection api={api} />);
    await settle();
    otherDataCentres().open = true;
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to Japan' }));
    await settle();
    const busy = screen.getByRole('button', { name: 'Signing in…' });
    expect(busy.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(busy);
    await settle();
    expect(api.signIn).toHaveBeenCalledTimes(1);
    release({ ok: true, value: { dataCentre: 'jp', connected: true, expiresAt: null, apiDomain: null } });
    await settle();
    expect(connectedHeadings()).toEqual(['Europe crm.zoho.eu', 'Japan crm.zoho.jp']);
  });

  it('explains a failed sign-in on its row', async () => {
    const failed: Result<Connection> = { ok: false, error: { code: 'NO_CLIENT_ID' } };
    const api = fakeApi({ signIn: vi.fn(async () => failed) });
    render(<ConnectionsSection api={api} />);
    await settle();
    otherDataCentres().open = true;
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to India' }));
    await settle();
    const row = screen.getByText('India').closest('li') as HTMLElement;
    const alert = within(row).getByRole('alert');
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
    render(<ConnectionsSection api={api} />);
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('Code: EXTENSION_RESTARTED');
  });
});

describe('PreferencesSection', () => {
  it('shows and saves whether the panel starts collapsed', async () => {
    const api = fakeApi({ loadStartCollapsed: vi.fn(async () => true) });
    render(<PreferencesSection api={api} />);
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
    render(<PreferencesSection api={api} />);
    await settle();
    const select = screen.getByRole('combobox', { name: 'Colours' }) as HTMLSelectElement;
    expect(select.value).toBe('dark');
    fireEvent.change(select, { target: { value: 'auto' } });
    await settle();
    expect(api.saveTheme).toHaveBeenCalledExactlyOnceWith('auto');
  });

  it('says where the panel shows: in the page by default, or in the browser’s side panel', async () => {
    const api = fakeApi();
    render(<PreferencesSection api={api} />);
    await settle();
    const select = screen.getByRole('combobox', { name: 'Where the panel shows' }) as HTMLSelectElement;
    expect(select.value).toBe('page');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /nothing is added to Zoho’s page/,
    );
    fireEvent.change(select, { target: { value: 'side-panel' } });
    await settle();
    expect(api.saveHome).toHaveBeenCalledExactlyOnceWith('side-panel');
    expect(select.value).toBe('side-panel');
  });

  it('puts the panel back at the right edge and tells the shortcut the user has', async () => {
    const api = fakeApi({ panelShortcut: vi.fn(async () => 'Ctrl+Shift+Y') });
    render(<PreferencesSection api={api} />);
    await settle();
    expect(screen.getByText(/Keyboard shortcut: Ctrl\+Shift\+Y opens the panel/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Put the panel back in its starting place' }));
    await settle();
    expect(api.resetPlacement).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe(
      'Done: it is back in its starting place from the next record you open.',
    );
  });

  it('says when no shortcut is set', async () => {
    render(<PreferencesSection api={fakeApi({ panelShortcut: vi.fn(async () => '') })} />);
    await settle();
    expect(screen.getByText(/No keyboard shortcut is set/)).toBeTruthy();
  });

  it('puts the Language select first', async () => {
    render(
      <PreferencesSection
        api={fakeApi()}
        language={
          <label>
            Language <select />
          </label>
        }
      />,
    );
    await settle();
    const section = screen.getByRole('region', { name: 'Preferences' });
    expect(section.querySelector('h2 + label')?.textContent?.trim()).toBe('Language');
    expect(screen.getAllByRole('combobox')[0]).toBe(screen.getByRole('combobox', { name: 'Language' }));
  });
});

describe('OptionsPage', () => {
  it('has nothing to set up when the build brings its client id: connections, then preferences', async () => {
    const api = fakeApi({ buildClientId: '1000.BUILD' });
    render(<OptionsPage api={api} />);
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Territory Panel for Zoho CRM' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Zoho connections',
      'Preferences',
    ]);
    expect(screen.queryByLabelText('Client ID')).toBeNull();
    expect(screen.queryByText(/API console/)).toBeNull();
    expect(api.loadClientId).not.toHaveBeenCalled();
  });

  it('starts with the client setup when the build has no client id', async () => {
    render(<OptionsPage api={fakeApi()} />);
    await settle();
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Zoho API client',
      'Zoho connections',
      'Preferences',
    ]);
  });

  it('links to the bulk page in a tab of its own', async () => {
    render(<OptionsPage api={fakeApi()} />);
    await settle();
    const link = screen.getByRole('link', { name: 'Remove territories from many records' });
    expect(link.getAttribute('href')).toBe(BULK_PAGE_URL);
    expect(link.getAttribute('target')).toBe('_blank');
  });
});

describe('OptionsPage in another language', () => {
  function renderIn(locale: 'de' | 'ja', api: OptionsApi) {
    return renderBare(
      <I18nProvider translator={translatorFor(locale)}>
        <OptionsPage api={api} />
      </I18nProvider>,
    );
  }

  it('speaks German throughout: headings, the connection, the folded data centres, the buttons’ names', async () => {
    renderIn('de', fakeApi());
    await settle();
    for (const details of document.querySelectorAll('details')) details.open = true;
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Zoho-API-Client',
      'Zoho-Verbindungen',
      'Einstellungen',
    ]);
    expect(screen.getByText(/erneuert sich automatisch, solange Sie bei Zoho angemeldet sind/)).toBeTruthy();
    expect(screen.getByText('Organisations-ID 20079833178')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vom Rechenzentrum Europa abmelden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Beim Rechenzentrum Japan anmelden' })).toBeTruthy();
    expect(screen.getByText('Weiteres Rechenzentrum verbinden')).toBeTruthy();
    expect(document.title).toBe('Territory Panel für Zoho CRM – Optionen');
  });

  it('leaves no English sentence of the options page behind', async () => {
    const values = {
      dataCentre: 'Europa',
      orgId: '1',
      what: '',
      browser: 'Firefox',
      shortcut: 'Alt+Shift+T',
      console: '',
    };
    const sentences = (locale: 'en' | 'de') =>
      Object.keys(englishOptionsCatalogue).map((key) =>
        translatorFor(locale).t(`options.${key}` as MessageKey, values),
      );
    renderIn('de', fakeApi());
    await settle();
    const shown = [
      document.body.textContent ?? '',
      ...[...document.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label')),
    ].join('\n');
    // Words both languages share (Zoho's own terms, "Client-ID") are no proof of English.
    const german = new Set(sentences('de'));
    const leftovers = sentences('en').filter(
      (sentence) => sentence.length > 3 && !german.has(sentence) && shown.includes(sentence),
    );
    expect(leftovers).toEqual([]);
    expect(shown).toContain('Bereich eingeklappt starten');
  });

  it('puts the API console link inside the translated sentence', async () => {
    renderIn('ja', fakeApi());
    await settle();
    const link = screen.getByRole('link', { name: 'api-console.zoho.com' });
    expect(link.parentElement?.textContent).toBe(
      'Zoho の API コンソール api-console.zoho.com（またはご利用のデータセンターのもの）を開き、Add Client → Client-based Applications を選択します。',
    );
  });
});

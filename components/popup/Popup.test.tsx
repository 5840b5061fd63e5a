// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { Connection, PanelStatus, Result } from '@/utils/messaging';
import { Popup, type PopupApi } from './Popup';

const dealPage: PanelStatus = {
  page: { dataCentre: 'eu', sandbox: false, orgId: '20079833178', module: 'Deals', recordId: '407625000068467001' },
};
const eu: Connection = { dataCentre: 'eu', connected: true, expiresAt: null, apiDomain: 'https://www.zohoapis.eu' };

const BULK_PAGE_URL = 'chrome-extension://dakhagbpkpjjndolhlmnckledapnlgpo/bulk.html';

function fakeApi(status: PanelStatus | null, connections: Result<Connection[]>) {
  return {
    tabStatus: vi.fn<PopupApi['tabStatus']>(async () => status),
    connections: vi.fn<PopupApi['connections']>(async () => connections),
    openOptions: vi.fn<PopupApi['openOptions']>(),
    openSidePanel: vi.fn<PopupApi['openSidePanel']>(),
    browserPanel: 'side-panel',
    bulkPageUrl: BULK_PAGE_URL,
  } satisfies PopupApi;
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

afterEach(cleanup);

describe('Popup', () => {
  it('says which record the tab shows and that its data centre is connected', async () => {
    render(<Popup api={fakeApi(dealPage, { ok: true, value: [eu] })} />);
    expect(screen.getByText('Checking this tab…')).toBeTruthy();
    await settle();
    expect(screen.getByText(/This tab shows a Zoho CRM Deal \(Europe\)/)).toBeTruthy();
    expect(screen.getByText('Signed in to Zoho CRM: Europe.')).toBeTruthy();
  });

  it('points to a record when the tab shows none', async () => {
    render(<Popup api={fakeApi(null, { ok: true, value: [] })} />);
    await settle();
    expect(screen.getByText('Open a Lead, Account, Contact or Deal in Zoho CRM to see its territories')).toBeTruthy();
    expect(
      screen.getByText('Not signed in to Zoho CRM yet. Sign in from the panel on a record page, or in the options.'),
    ).toBeTruthy();
  });

  it('says the page’s data centre still needs a sign-in', async () => {
    const us: Connection = { ...eu, dataCentre: 'us', apiDomain: 'https://www.zohoapis.com' };
    render(<Popup api={fakeApi(dealPage, { ok: true, value: [us, { ...eu, connected: false }] })} />);
    await settle();
    expect(screen.getByText(/Not signed in to Zoho CRM \(Europe\) yet/)).toBeTruthy();
  });

  it('shows why the connection state is unknown', async () => {
    render(<Popup api={fakeApi(null, { ok: false, error: { code: 'EXTENSION_RESTARTED' } })} />);
    await settle();
    expect(screen.getByText('Code: EXTENSION_RESTARTED')).toBeTruthy();
  });

  it('opens the options', async () => {
    const api = fakeApi(null, { ok: true, value: [] });
    render(<Popup api={api} />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Open options' }));
    expect(api.openOptions).toHaveBeenCalledOnce();
  });

  it('moves the panel to the browser’s side panel', async () => {
    const api = fakeApi(null, { ok: true, value: [] });
    render(<Popup api={api} />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Open in the side panel' }));
    expect(api.openSidePanel).toHaveBeenCalledOnce();
  });

  it('links to the bulk page in a tab of its own', async () => {
    render(<Popup api={fakeApi(null, { ok: true, value: [] })} />);
    await settle();
    const link = screen.getByRole('link', { name: 'Remove territories from many records' });
    expect(link.getAttribute('href')).toBe(BULK_PAGE_URL);
    expect(link.getAttribute('target')).toBe('_blank');
  });
});

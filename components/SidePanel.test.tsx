// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { RecordPage } from '@/utils/crm-page';
import type { RecordTerritories, Result, TerritoryAssignment } from '@/utils/messaging';
import type { PanelApi } from '@/utils/panel/panel-controller';
import type { ActiveTab } from '@/utils/side-panel/follow-active-tab';
import { SidePanel, type SidePanelApi } from './SidePanel';

const deal: RecordPage = { dataCentre: 'eu', sandbox: false, orgId: '1', module: 'Deals', recordId: '11' };
const account: RecordPage = { ...deal, module: 'Accounts', recordId: '22' };

const territory = (id: string, name: string): TerritoryAssignment => ({
  id,
  name,
  assigned: 'manually',
  assignedBy: null,
  assignedTime: null,
  path: [],
  manager: null,
});
const held: Record<string, TerritoryAssignment[]> = {
  '11': [territory('1', 'South')],
  '22': [territory('2', 'North')],
};

function fakeApi() {
  let follow: (tab: ActiveTab) => void = () => undefined;
  const panel = {
    territories: vi.fn(
      async (page: RecordPage): Promise<Result<RecordTerritories>> => ({
        ok: true,
        value: {
          enabled: true,
          territories: held[page.recordId] ?? [],
          scheduled: [],
          lockedForMe: false,
          editable: true,
        },
      }),
    ),
    remove: vi.fn(async () => ({ ok: true as const, value: { outcome: 'done' as const } })),
    assign: vi.fn(async () => ({ ok: true as const, value: { outcome: 'done' as const } })),
    signIn: vi.fn(async () => ({ ok: false as const, error: { code: 'NOT_SIGNED_IN' } })),
    optionsUrl: 'chrome-extension://id/options.html',
  } satisfies PanelApi;
  const api = {
    followActiveTab: vi.fn((onTab: (tab: ActiveTab) => void) => {
      follow = onTab;
      return () => undefined;
    }),
    panelApi: vi.fn((_tabId: number | undefined) => panel),
    showInPage: vi.fn(),
  } satisfies SidePanelApi;
  return {
    api,
    panel,
    show: (page: RecordPage | null, tabId = 5) => act(() => follow({ tabId, page })),
  };
}

afterEach(cleanup);

describe('SidePanel', () => {
  it('waits for the active tab, then says what to open when it shows no record', async () => {
    const { api, panel, show } = fakeApi();
    render(<SidePanel api={api} theme="light" browserPanel="side-panel" />);
    expect(screen.getByRole('status').textContent).toBe('Checking this tab…');
    await show(null);
    expect(screen.getByRole('status').textContent).toContain('Open a Lead, Account, Contact or Deal in Zoho CRM');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(panel.territories).not.toHaveBeenCalled();
  });

  it('shows the record of the active tab and changes with it, reading each once', async () => {
    const { api, panel, show } = fakeApi();
    render(<SidePanel api={api} theme="dark" browserPanel="side-panel" />);
    await show(deal, 5);
    expect(await screen.findByText('South')).toBeTruthy();
    await show(account, 6);
    expect(await screen.findByText('North')).toBeTruthy();
    expect(screen.queryByText('South')).toBeNull();
    expect(panel.territories.mock.calls.map(([page]) => page.recordId)).toEqual(['11', '22']);
    // Each tab's requests carry it, for its toolbar badge.
    expect(api.panelApi.mock.calls.map(([tabId]) => tabId)).toEqual([undefined, 5, 6]);
    expect(screen.getByRole('main', { name: 'Territories' }).getAttribute('data-theme')).toBe('dark');
  });

  it('has no collapse button (the browser closes its panel) and moves the panel back to the page', async () => {
    const { api, show } = fakeApi();
    render(<SidePanel api={api} theme="light" browserPanel="sidebar" />);
    await show(deal);
    await screen.findByText('South');
    expect(screen.queryByRole('button', { name: 'Collapse territory panel' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show the panel in the page instead' }));
    expect(api.showInPage).toHaveBeenCalledOnce();
  });
});

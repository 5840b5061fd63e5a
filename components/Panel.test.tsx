// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render } from '@/components/test-i18n';
import type { RecordPage } from '@/utils/crm-page';
import type {
  ChangeOutcome,
  Connection,
  ErrorInfo,
  RecordTerritories,
  Result,
  TerritoryAssignment,
} from '@/utils/messaging';
import type { PanelApi, PanelTiming } from '@/utils/panel/panel-controller';
import { Panel, type PanelProps } from './Panel';

const page: RecordPage = {
  dataCentre: 'eu',
  sandbox: false,
  orgId: '20079833178',
  module: 'Deals',
  recordId: '407625000068467001',
};
const otherPage: RecordPage = { ...page, recordId: '407625000068467999' };

const south: TerritoryAssignment = {
  id: '111111000000046458',
  name: 'South',
  assigned: 'manually',
  assignedBy: { id: '111111000000043376', name: 'Patricia Boyle' },
  assignedTime: '2020-03-05T12:07:28+00:00',
  path: ['Americas', 'US'],
  manager: 'Jan Berg',
};
const texas: TerritoryAssignment = {
  id: '111111000000046898',
  name: 'Texas',
  assigned: 'automatically',
  assignedBy: null,
  assignedTime: '2020-03-05T16:07:28+05:30',
  path: ['Americas', 'US'],
  manager: null,
};
const hostile: TerritoryAssignment = {
  id: '111111000000046999',
  name: '<img src=x onerror=alert(1)>',
  assigned: 'manually',
  assignedBy: { id: '111111000000043377', name: '<b>Mallory</b>' },
  assignedTime: '2021-07-01T12:00:00Z',
  path: ['<i>EMEA</i>'],
  manager: '<script>x</script>',
};
const north: TerritoryAssignment = { ...south, id: '111111000000046500', name: 'North' };

const TIMING: PanelTiming = { followUpDelays: [1_500, 3_000, 6_000], undoMs: 8_000 };
const OPTIONS_URL = 'chrome-extension://dakhagbpkpjjndolhlmnckledapnlgpo/options.html';

const listed = (...territories: TerritoryAssignment[]): Result<RecordTerritories> => ({
  ok: true,
  value: { enabled: true, territories, scheduled: [], lockedForMe: false, editable: true },
});
const failed = (code: string, status?: number): { ok: false; error: ErrorInfo } => ({
  ok: false,
  error: status === undefined ? { code } : { code, status },
});
const done: Result<ChangeOutcome> = { ok: true, value: { outcome: 'done' } };
const scheduled: Result<ChangeOutcome> = { ok: true, value: { outcome: 'scheduled', jobId: '482367546723546372' } };
const connected: Result<Connection> = {
  ok: true,
  value: { dataCentre: 'eu', connected: true, expiresAt: 1_900_000_000_000, apiDomain: 'https://www.zohoapis.eu' },
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function fakeApi() {
  return {
    territories: vi.fn<PanelApi['territories']>(async () => listed(south, texas)),
    remove: vi.fn<PanelApi['remove']>(async () => done),
    assign: vi.fn<PanelApi['assign']>(async () => done),
    signIn: vi.fn<PanelApi['signIn']>(async () => connected),
    optionsUrl: OPTIONS_URL,
  } satisfies PanelApi;
}

const saveCollapsed = vi.fn<(collapsed: boolean) => void>();

/** The panel as its hosts use it: they own whether it is collapsed. */
function Hosted(props: Omit<PanelProps, 'collapsed' | 'onCollapsedChange'> & { initialCollapsed: boolean }) {
  const { initialCollapsed, ...rest } = props;
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  return (
    <Panel
      {...rest}
      collapsed={collapsed}
      onCollapsedChange={(next) => {
        setCollapsed(next);
        saveCollapsed(next);
      }}
    />
  );
}

function show(
  api: PanelApi,
  extra: { initialCollapsed?: boolean; deferRead?: boolean; forPage?: RecordPage; onReloadPage?: () => void } = {},
) {
  const props = {
    page: extra.forPage ?? page,
    api,
    timing: TIMING,
    initialCollapsed: extra.initialCollapsed ?? false,
    deferRead: extra.deferRead,
    onReloadPage: extra.onReloadPage,
  };
  const view = render(<Hosted {...props} />);
  return {
    ...view,
    rerender: (next: { forPage?: RecordPage }) =>
      view.rerender(<Hosted {...props} page={next.forPage ?? props.page} />),
  };
}

/** Lets pending promises settle and Preact re-render, also under fake timers. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await settle();
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

/** What the eye sees of an element: its text without the words only screen readers get. */
function visibleText(element: HTMLElement): string {
  const copy = element.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('.tp-visually-hidden')) hidden.remove();
  return copy.textContent ?? '';
}

/** Matches the element whose whole text is `text`, its parts isolated in elements of their own (<bdi>). */
function shownAs(text: string) {
  return (_content: string, element: Element | null) =>
    element?.tagName === 'SPAN' && element.textContent?.trim() === text;
}

function announcements(): string {
  const region = document.querySelector('[aria-live="polite"]');
  return region?.textContent ?? '';
}

afterEach(() => {
  cleanup();
  saveCollapsed.mockReset();
  vi.useRealTimers();
});

describe('Panel states', () => {
  it('is a landmark named Territories with a heading, a Refresh and a collapse button', async () => {
    show(fakeApi());
    const panel = screen.getByRole('complementary', { name: 'Territories' });
    expect(within(panel).getByRole('heading', { name: 'Territories' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Refresh' })).toBeTruthy();
    const collapse = within(panel).getByRole('button', { name: 'Collapse territory panel' });
    expect(collapse.getAttribute('aria-expanded')).toBe('true');
    await settle();
  });

  it('says politely that it is loading while the list is on its way', async () => {
    const api = fakeApi();
    const answer = deferred<Result<RecordTerritories>>();
    api.territories.mockReturnValueOnce(answer.promise);
    show(api);
    const loading = screen.getByText('Loading territories…');
    expect(loading.getAttribute('role')).toBe('status');
    expect(api.territories).toHaveBeenCalledWith(page);

    answer.resolve(listed(south));
    await settle();
    expect(screen.queryByText('Loading territories…')).toBeNull();
    expect(screen.getByText('South')).toBeTruthy();
  });

  it('offers sign-in when signed out, signs in for the page’s data centre, then loads the list', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('NOT_SIGNED_IN'));
    show(api);
    await settle();
    expect(screen.queryByText('South')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Sign in to Zoho CRM' }));
    await settle();
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith('eu');
    expect(api.territories).toHaveBeenCalledTimes(2);
    expect(screen.getByText('South')).toBeTruthy();
  });

  it('treats an expired token on load as signed out, with the reason', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('INVALID_TOKEN', 401));
    show(api);
    await settle();
    expect(screen.getByText('Your Zoho sign-in has expired. Sign in again to continue.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in to Zoho CRM' })).toBeTruthy();
  });

  it('explains a failed sign-in and links to the options when the build lacks a client id', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('NOT_SIGNED_IN'));
    api.signIn.mockResolvedValueOnce(failed('NO_CLIENT_ID'));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to Zoho CRM' }));
    await settle();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Enter your client ID in the options');
    expect(alert.textContent).toContain('Code: NO_CLIENT_ID');
    const link = within(alert).getByRole('link', { name: 'Open options' });
    expect(link.getAttribute('href')).toBe(OPTIONS_URL);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(api.territories).toHaveBeenCalledTimes(1);
  });

  it('asks the api to open the options where it can, since a web page may not link to them', async () => {
    const api = { ...fakeApi(), openOptions: vi.fn() };
    api.territories.mockResolvedValueOnce(failed('NOT_SIGNED_IN'));
    api.signIn.mockResolvedValueOnce(failed('NO_CLIENT_ID'));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to Zoho CRM' }));
    await settle();

    const link = within(screen.getByRole('alert')).getByRole('link', { name: 'Open options' });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(api.openOptions).toHaveBeenCalledTimes(1);
  });

  it('says so when the record has no territories', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(listed());
    show(api);
    await settle();
    expect(screen.getByText('No territories on this record')).toBeTruthy();
  });

  it('says territories are off for this module when the record has no Territories field', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce({
      ok: true,
      value: { enabled: false, territories: [], scheduled: [], lockedForMe: false, editable: true },
    });
    show(api);
    await settle();
    expect(screen.getByText('Territories are not enabled for Deals in this organization.')).toBeTruthy();
  });

  it('shows a failed load with its sentence and code, and Retry loads again', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('INTERNAL_ERROR', 500));
    show(api);
    await settle();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Zoho had an internal error.');
    expect(alert.textContent).toContain('Code: INTERNAL_ERROR (HTTP 500)');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('South')).toBeTruthy();
  });

  it('offers Retry even for a load failure the user cannot fix alone', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('NO_PERMISSION', 403));
    show(api);
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('Code: NO_PERMISSION');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('reconnects from a scope error on load and then loads', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(failed('OAUTH_SCOPE_MISMATCH', 401));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await settle();
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith('eu');
    expect(screen.getByText('South')).toBeTruthy();
  });
});

describe('Panel list', () => {
  it('shows each territory with how it was assigned, and a remove button only for manual ones', async () => {
    show(fakeApi());
    await settle();

    const southRow = rowOf('South');
    expect(within(southRow).getByText(shownAs('manually · Patricia Boyle · Mar 5, 2020'))).toBeTruthy();
    expect(within(southRow).getByText(shownAs('· Americas › US · managed by Jan Berg'))).toBeTruthy();
    expect(within(southRow).getByRole('button', { name: 'Remove territory South' })).toBeTruthy();

    const texasRow = rowOf('Texas');
    expect(within(texasRow).getByText('by territory rules')).toBeTruthy();
    expect(within(texasRow).getByText('Rules').textContent).toBe('Rules — Zoho does not allow removing it');
    expect(within(texasRow).queryByRole('button')).toBeNull();
  });

  it('shows an unreadable entry by its id without a Remove button, and the other rows as usual', async () => {
    const api = fakeApi();
    const unreadable: TerritoryAssignment = {
      id: '111111000000046777',
      name: 'Territory 111111000000046777 (unreadable)',
      assigned: 'unreadable',
      assignedBy: null,
      assignedTime: null,
      path: [],
      manager: null,
    };
    api.territories.mockResolvedValueOnce(listed(unreadable, south));
    show(api);
    await settle();

    const row = rowOf('Territory 111111000000046777 (unreadable)');
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(rowOf('South')).getByRole('button', { name: 'Remove territory South' })).toBeTruthy();
  });

  it('renders hostile names as text, never as markup', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce(listed(hostile));
    const { container } = show(api);
    await settle();

    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove territory <img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(screen.getByText(shownAs('manually · <b>Mallory</b> · Jul 1, 2021'))).toBeTruthy();
    expect(screen.getByText(shownAs('· <i>EMEA</i> · managed by <script>x</script>'))).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b, i, script')).toBeNull();
  });

  it('marks rows that Zoho lists with a scheduled job', async () => {
    const api = fakeApi();
    api.territories.mockResolvedValueOnce({
      ok: true,
      value: { enabled: true, territories: [south, north], scheduled: [south.id], lockedForMe: false, editable: true },
    });
    show(api);
    await settle();
    expect(within(rowOf('South')).getByText('Scheduled')).toBeTruthy();
    expect(within(rowOf('South')).queryByRole('button')).toBeNull();
    expect(within(rowOf('North')).getByRole('button', { name: 'Remove territory North' })).toBeTruthy();
  });

  it('re-reads the list on Refresh', async () => {
    const api = fakeApi();
    show(api);
    await settle();
    api.territories.mockResolvedValueOnce(listed(north));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('South')).toBeNull();
    expect(screen.getByText('North')).toBeTruthy();
  });

  it('keeps the list when a Refresh fails, and says why', async () => {
    const api = fakeApi();
    show(api);
    await settle();
    api.territories.mockResolvedValueOnce(failed('NETWORK_ERROR'));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(screen.getByText('South')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Code: NETWORK_ERROR');
  });
});

describe('Panel removal', () => {
  it('removes with one click, shows progress at once, and a second click sends nothing', async () => {
    const api = fakeApi();
    const answer = deferred<Result<ChangeOutcome>>();
    api.remove.mockReturnValueOnce(answer.promise);
    show(api);
    await settle();

    const button = screen.getByRole('button', { name: 'Remove territory South' });
    fireEvent.click(button);
    fireEvent.click(button);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Removing territory South…' }));
    expect(api.remove).toHaveBeenCalledExactlyOnceWith(page, south.id);

    const busy = screen.getByRole('button', { name: 'Removing territory South…' });
    expect(visibleText(busy)).toBe('Removing…');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.getAttribute('aria-disabled')).toBe('true');

    answer.resolve(done);
    await settle();
    expect(screen.queryByText('South')).toBeNull();
    expect(announcements()).toBe('Territory South removed');
    expect(screen.getByRole('button', { name: 'Undo removal of South' })).toBeTruthy();
    expect(api.remove).toHaveBeenCalledTimes(1);
  });

  it('follows a scheduled removal with backoff until Zoho no longer lists the territory', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(scheduled);
    show(api);
    await settle();

    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    expect(within(rowOf('South')).getByText('Scheduled')).toBeTruthy();
    expect(announcements()).toBe('Removal of South scheduled');
    expect(api.territories).toHaveBeenCalledTimes(1);

    await advance(1_499);
    expect(api.territories).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(api.territories).toHaveBeenCalledTimes(2);
    expect(within(rowOf('South')).getByText('Scheduled')).toBeTruthy();

    api.territories.mockResolvedValueOnce(listed(texas));
    await advance(3_000);
    expect(api.territories).toHaveBeenCalledTimes(3);
    expect(screen.queryByText('South')).toBeNull();
    expect(announcements()).toBe('Territory South removed');
    expect(screen.getByRole('button', { name: 'Undo removal of South' })).toBeTruthy();

    await advance(60_000);
    expect(api.territories).toHaveBeenCalledTimes(3);
  });

  it('stops following after the last wait and says the removal is still pending', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(scheduled);
    show(api);
    await settle();

    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    await advance(1_500 + 3_000 + 6_000);
    expect(api.territories).toHaveBeenCalledTimes(4);
    expect(
      within(rowOf('South')).getByText('Zoho has not finished the removal yet. Refresh later to check.'),
    ).toBeTruthy();
    expect(announcements()).toBe('Removal of South is still pending in Zoho');

    await advance(60_000);
    expect(api.territories).toHaveBeenCalledTimes(4);
  });
});

interface ErrorCase {
  code: string;
  status?: number;
  action: string | null;
  words: string;
}

const ROW_ERRORS: ErrorCase[] = [
  { code: 'RECORD_LOCKED', status: 400, action: 'Retry', words: 'This record is locked' },
  { code: 'NOT_ALLOWED', status: 403, action: null, words: 'Territory rules assigned this territory' },
  { code: 'TERRITORY_NOT_ENABLED', status: 403, action: null, words: 'Territories are not enabled for Deals' },
  { code: 'NO_PERMISSION', status: 403, action: null, words: 'Ask your CRM administrator for permission' },
  { code: 'AUTHORIZATION_FAILED', status: 401, action: null, words: 'lacks the privilege' },
  { code: 'OAUTH_SCOPE_MISMATCH', status: 401, action: 'Reconnect', words: 'Reconnect to grant it' },
  { code: 'INVALID_TOKEN', status: 401, action: 'Sign in again', words: 'Your Zoho sign-in has expired' },
  { code: 'INVALID_DATA', status: 400, action: 'Refresh', words: 'it may already be gone' },
  { code: 'ALREADY_SCHEDULED', status: 400, action: 'Refresh', words: 'still running an earlier territory change' },
  { code: 'TOO_MANY_REQUESTS', status: 429, action: 'Retry', words: 'limiting requests' },
  { code: 'INTERNAL_ERROR', status: 500, action: 'Retry', words: 'Zoho had an internal error' },
  { code: 'NETWORK_ERROR', action: 'Retry', words: 'Zoho could not be reached' },
  { code: 'EXTENSION_RESTARTED', action: 'Refresh', words: 'Territory Panel restarted' },
];

describe('Panel removal errors', () => {
  it.each(ROW_ERRORS)('shows $code on the row with its action, after re-reading the record', async (error) => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed(error.code, error.status));
    show(api);
    await settle();

    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();

    expect(api.territories).toHaveBeenCalledTimes(2);
    const alert = within(rowOf('South')).getByRole('alert');
    expect(alert.textContent).toContain(error.words);
    expect(alert.textContent).toContain(`Code: ${error.code}`);
    const buttons = within(alert)
      .queryAllByRole('button')
      .map((button) => button.getAttribute('aria-label') ?? button.textContent);
    // An error that leaves nothing to do can only be put away.
    expect(buttons).toEqual(error.action ? [error.action] : ['Dismiss the error on South']);
    expect(screen.queryByRole('alert', { hidden: false })).toBe(alert);
  });

  it('puts away an error that leaves nothing to do, keeping the row and focus on it', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('NO_PERMISSION', 403));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    const dismiss = screen.getByRole('button', { name: 'Dismiss the error on South' });
    dismiss.focus();
    fireEvent.click(dismiss);
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove territory South' }));
  });

  it('Retry re-sends the same removal', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('RECORD_LOCKED', 400));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();

    fireEvent.click(within(rowOf('South')).getByRole('button', { name: 'Retry' }));
    await settle();
    expect(api.remove).toHaveBeenCalledTimes(2);
    expect(api.remove).toHaveBeenLastCalledWith(page, south.id);
    expect(screen.queryByText('South')).toBeNull();
    expect(announcements()).toBe('Territory South removed');
  });

  it.each([
    ['INVALID_TOKEN', 'Sign in again'],
    ['OAUTH_SCOPE_MISMATCH', 'Reconnect'],
  ])('after %s, “%s” signs in and then re-sends the removal', async (code, label) => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed(code, 401));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    expect(api.signIn).not.toHaveBeenCalled();

    fireEvent.click(within(rowOf('South')).getByRole('button', { name: label }));
    await settle();
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith('eu');
    expect(api.remove).toHaveBeenCalledTimes(2);
    expect(api.remove).toHaveBeenLastCalledWith(page, south.id);
    expect(screen.queryByText('South')).toBeNull();
  });

  it('keeps the removal when signing in again fails, so the next attempt still re-sends it', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('INVALID_TOKEN', 401));
    api.signIn.mockResolvedValueOnce(failed('SIGN_IN_CANCELLED'));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    fireEvent.click(within(rowOf('South')).getByRole('button', { name: 'Sign in again' }));
    await settle();

    const alert = within(rowOf('South')).getByRole('alert');
    expect(alert.textContent).toContain('Code: SIGN_IN_CANCELLED');
    expect(api.remove).toHaveBeenCalledTimes(1);

    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    await settle();
    expect(api.signIn).toHaveBeenCalledTimes(2);
    expect(api.remove).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('South')).toBeNull();
  });

  it('Refresh on a row error re-reads the list and clears the error', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('ALREADY_SCHEDULED', 400));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(2);

    fireEvent.click(within(rowOf('South')).getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(3);
    expect(within(rowOf('South')).queryByRole('alert')).toBeNull();
    expect(within(rowOf('South')).getByRole('button', { name: 'Remove territory South' })).toBeTruthy();
  });

  it('ends showing what Zoho holds: a territory already gone leaves with its error', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('INVALID_DATA', 400));
    show(api);
    await settle();
    api.territories.mockResolvedValueOnce(listed(texas));
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    expect(screen.queryByText('South')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Texas')).toBeTruthy();
  });

  it('shows NOT_ALLOWED inline when Zoho refuses a territory listed as manual', async () => {
    const api = fakeApi();
    api.remove.mockResolvedValueOnce(failed('NOT_ALLOWED', 403));
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    expect(within(rowOf('South')).getByRole('alert').textContent).toContain('Code: NOT_ALLOWED');
  });
});

describe('Panel undo', () => {
  async function removeSouth(api: ReturnType<typeof fakeApi>) {
    const view = show(api);
    await settle();
    api.territories.mockResolvedValue(listed(texas));
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));
    await settle();
    return view;
  }

  it('assigns the territory again, re-reads the list and announces it', async () => {
    const api = fakeApi();
    await removeSouth(api);
    const callsBefore = api.territories.mock.calls.length;
    api.territories.mockResolvedValue(listed(south, texas));

    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }));
    await settle();
    expect(api.assign).toHaveBeenCalledExactlyOnceWith(page, south.id);
    expect(api.territories.mock.calls.length).toBe(callsBefore + 1);
    expect(screen.queryByRole('button', { name: 'Undo removal of South' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove territory South' })).toBeTruthy();
    expect(announcements()).toBe('Territory South restored');
  });

  it('does not undo on the second click of a double click that removed the territory', async () => {
    const api = fakeApi();
    await removeSouth(api);
    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }), { detail: 2 });
    await settle();
    expect(api.assign).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }), { detail: 1 });
    await settle();
    expect(api.assign).toHaveBeenCalledExactlyOnceWith(page, south.id);
  });

  it('shows progress and sends one assignment however often Undo is clicked', async () => {
    const api = fakeApi();
    await removeSouth(api);
    const answer = deferred<Result<ChangeOutcome>>();
    api.assign.mockReturnValueOnce(answer.promise);

    const undo = screen.getByRole('button', { name: 'Undo removal of South' });
    fireEvent.click(undo);
    fireEvent.click(undo);
    await settle();
    const busy = screen.getByRole('button', { name: 'Undoing removal of South…' });
    expect(visibleText(busy)).toBe('Undoing…');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(busy);
    expect(api.assign).toHaveBeenCalledTimes(1);
    answer.resolve(done);
    await settle();
  });

  it('follows a scheduled assignment until the record lists the territory again', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    await removeSouth(api);
    api.assign.mockResolvedValueOnce(scheduled);

    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }));
    await settle();
    expect(screen.getByText('Restoring South — waiting for Zoho…')).toBeTruthy();
    const callsBefore = api.territories.mock.calls.length;

    await advance(1_500);
    expect(api.territories.mock.calls.length).toBe(callsBefore + 1);
    expect(screen.queryByText('South')).toBeNull();

    api.territories.mockResolvedValue(listed(south, texas));
    await advance(3_000);
    expect(screen.getByText('South')).toBeTruthy();
    expect(announcements()).toBe('Territory South restored');
    // The Undo window does not close while the assignment is under way.
    expect(screen.queryByText('Restoring South — waiting for Zoho…')).toBeNull();
  });

  it.each([
    ['DUPLICATE_DATA', 'This territory is already assigned to the record.', ['Refresh']],
    ['LIMIT_EXCEEDED', 'as many territories as Zoho allows', []],
    ['RECORD_LOCKED', 'This record is locked', ['Retry']],
  ])('explains a refused undo (%s) inline', async (code, words, actions) => {
    const api = fakeApi();
    await removeSouth(api);
    api.assign.mockResolvedValueOnce(failed(code, 400));

    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }));
    await settle();
    const item = screen.getByText('South could not be restored.').closest('li');
    if (!item) throw new Error('no undo item');
    const alert = within(item).getByRole('alert');
    expect(alert.textContent).toContain(words);
    expect(alert.textContent).toContain(`Code: ${code}`);
    expect(
      within(alert)
        .queryAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(actions);

    fireEvent.click(within(item).getByRole('button', { name: 'Dismiss South' }));
    await settle();
    expect(screen.queryByText('South could not be restored.')).toBeNull();
  });

  it('retries a refused undo with Retry', async () => {
    const api = fakeApi();
    await removeSouth(api);
    api.assign.mockResolvedValueOnce(failed('RECORD_LOCKED', 400));
    fireEvent.click(screen.getByRole('button', { name: 'Undo removal of South' }));
    await settle();

    api.territories.mockResolvedValue(listed(south, texas));
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await settle();
    expect(api.assign).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Remove territory South' })).toBeTruthy();
  });

  it('withdraws the offer after the undo window', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    await removeSouth(api);
    await advance(7_999);
    expect(screen.getByRole('button', { name: 'Undo removal of South' })).toBeTruthy();
    await advance(1);
    expect(screen.queryByRole('button', { name: 'Undo removal of South' })).toBeNull();
    expect(api.assign).not.toHaveBeenCalled();
  });

  it('keeps the offer while its button has focus', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    await removeSouth(api);
    const undo = screen.getByRole('button', { name: 'Undo removal of South' });
    fireEvent.focus(undo);
    await advance(20_000);
    expect(screen.getByRole('button', { name: 'Undo removal of South' })).toBeTruthy();
    fireEvent.blur(undo);
    await advance(8_000);
    expect(screen.queryByRole('button', { name: 'Undo removal of South' })).toBeNull();
  });

  it('withdraws the offer when the page moves to another record', async () => {
    const api = fakeApi();
    const view = await removeSouth(api);
    api.territories.mockResolvedValue(listed(north));
    view.rerender({ forPage: otherPage });
    await settle();
    expect(screen.getByText('North')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Undo removal/ })).toBeNull();
  });
});

describe('Panel keyboard focus', () => {
  it('moves focus from a removed row to its Undo button, and to the restored row’s Remove', async () => {
    const api = fakeApi();
    show(api);
    await settle();
    api.territories.mockResolvedValue(listed(texas));
    const remove = screen.getByRole('button', { name: 'Remove territory South' });
    remove.focus();
    fireEvent.click(remove);
    await settle();
    const undo = screen.getByRole('button', { name: 'Undo removal of South' });
    expect(document.activeElement).toBe(undo);

    api.territories.mockResolvedValue(listed(south, texas));
    fireEvent.click(undo);
    await settle();
    expect(screen.queryByRole('button', { name: 'Undo removal of South' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove territory South' }));
  });

  it('leaves focus alone once the user has moved it to the page', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    show(api);
    await settle();
    const outside = document.createElement('button');
    document.body.append(outside);
    const remove = screen.getByRole('button', { name: 'Remove territory South' });
    remove.focus();
    fireEvent.click(remove);
    await settle();
    outside.focus();
    // The Undo offer expires and its row goes: a render that must not pull focus back.
    await advance(9_000);
    expect(screen.queryByRole('button', { name: 'Undo removal of South' })).toBeNull();
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('takes focus to its heading on the shortcut, with no other render to follow, and Escape gives it back', async () => {
    const api = fakeApi();
    const props = { page, api, locale: 'en-GB', timing: TIMING, initialCollapsed: false };
    const view = render(<Hosted {...props} focusRequest={0} />);
    await settle();
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    view.rerender(<Hosted {...props} focusRequest={1} />);
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /^Territories/ }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    await settle();
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('keeps focus on the toggle when collapsing and expanding', async () => {
    show(fakeApi());
    await settle();
    const collapse = screen.getByRole('button', { name: 'Collapse territory panel' });
    collapse.focus();
    fireEvent.click(collapse);
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Territories.*expand the panel$/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Territories.*expand the panel$/ }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Collapse territory panel' }));
  });
});

describe('Panel navigation and collapse', () => {
  it('discards a late answer for the previous record', async () => {
    const api = fakeApi();
    const first = deferred<Result<RecordTerritories>>();
    const second = deferred<Result<RecordTerritories>>();
    api.territories.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const view = show(api);
    view.rerender({ forPage: otherPage });
    await settle();
    expect(api.territories).toHaveBeenNthCalledWith(2, otherPage);

    second.resolve(listed(north));
    await settle();
    first.resolve(listed(south));
    await settle();
    expect(screen.getByText('North')).toBeTruthy();
    expect(screen.queryByText('South')).toBeNull();
  });

  it('drops the old record’s removal answer after switching records', async () => {
    const api = fakeApi();
    const answer = deferred<Result<ChangeOutcome>>();
    api.remove.mockReturnValueOnce(answer.promise);
    const view = show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove territory South' }));

    api.territories.mockResolvedValueOnce(listed(south));
    view.rerender({ forPage: otherPage });
    await settle();
    answer.resolve(done);
    await settle();
    expect(visibleText(screen.getByRole('button', { name: 'Remove territory South' }))).toBe('Remove');
    expect(announcements()).toBe('');
  });

  it('collapses to a tab, remembers it, and expands again', async () => {
    const api = fakeApi();
    show(api);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse territory panel' }));
    await settle();
    expect(saveCollapsed).toHaveBeenLastCalledWith(true);
    const expand = screen.getByRole('button', { name: /^Territories.*expand the panel$/ });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Collapse territory panel' })).toBeNull();
    expect(screen.getByRole('complementary', { name: 'Territories' })).toBeTruthy();

    fireEvent.click(expand);
    await settle();
    expect(saveCollapsed).toHaveBeenLastCalledWith(false);
    expect(screen.getByText('South')).toBeTruthy();
    expect(api.territories).toHaveBeenCalledTimes(1);
  });

  it('reads the record while collapsed, so the tab shows the count', async () => {
    const api = fakeApi();
    show(api, { initialCollapsed: true });
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: /^Territories 2\s?, expand the panel$/ })).toBeTruthy();
  });

  it('reads nothing while collapsed where the module is known to be off, and loads on first expand', async () => {
    const api = fakeApi();
    show(api, { initialCollapsed: true, deferRead: true });
    await settle();
    expect(api.territories).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /^Territories.*expand the panel$/ }));
    await settle();
    expect(api.territories).toHaveBeenCalledTimes(1);
    expect(screen.getByText('South')).toBeTruthy();
  });
});

describe('Panel bulk removal entry', () => {
  it('opens the bulk page for this record’s org and module, reading nothing more from Zoho', async () => {
    const api = { ...fakeApi(), openBulkPage: vi.fn<NonNullable<PanelApi['openBulkPage']>>() };
    show(api, { forPage: otherPage });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Bulk removal…' }));
    expect(api.openBulkPage).toHaveBeenCalledExactlyOnceWith(otherPage);
    expect(api.territories).toHaveBeenCalledTimes(1);
  });

  it('is offered while collapsed only once expanded, and not at all without a way to open the page', async () => {
    const api = { ...fakeApi(), openBulkPage: vi.fn<NonNullable<PanelApi['openBulkPage']>>() };
    show(api, { initialCollapsed: true });
    await settle();
    expect(screen.queryByRole('button', { name: 'Bulk removal…' })).toBeNull();
    cleanup();
    show(fakeApi());
    await settle();
    expect(screen.queryByRole('button', { name: 'Bulk removal…' })).toBeNull();
  });
});

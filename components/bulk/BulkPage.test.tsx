// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInEnglish as render, translatorFor } from '@/components/test-i18n';
import { createBulkJobStore } from '@/utils/background/bulk-job-store';
import { parseCsv } from '@/utils/bulk/csv';
import { type BulkJob, createBulkJob } from '@/utils/bulk/job';
import { type BulkLink, parseBulkLink } from '@/utils/bulk/link';
import { createBulkJobManager } from '@/utils/bulk/manager';
import { previewOf } from '@/utils/bulk/plan';
import { type BulkJobSummary, encodeRows, jobSummary } from '@/utils/bulk/progress';
import { FakeOrg } from '@/utils/bulk/simulation';
import type { BulkTerritory } from '@/utils/bulk-protocol';
import type { Connection } from '@/utils/messaging';
import { memoryStorageArea } from '@/utils/zoho/memory-storage-area';
import { BulkPage } from './BulkPage';
import type { BulkApi } from './bulk-api';
import { announcement, isMoving } from './JobView';

const WORLD = '1000000000000000001';
const AMERICAS = '1000000000000000002';
const TEXAS = '1000000000000000003';
const EUROPE = '1000000000000000004';
const territories: BulkTerritory[] = [
  { id: WORLD, name: 'World', parentId: null },
  { id: AMERICAS, name: 'Americas', parentId: WORLD },
  { id: TEXAS, name: 'Texas', parentId: AMERICAS },
  { id: EUROPE, name: 'Europe', parentId: WORLD },
];
const R = ['4150868000004000001', '4150868000004000002', '4150868000004000003', '4150868000004000004'] as const;

const euConnected: Connection = {
  dataCentre: 'eu',
  connected: true,
  expiresAt: null,
  apiDomain: 'https://www.zohoapis.eu',
};

/** A backend made of the real job manager over an in-memory Zoho org. */
function backend(org: FakeOrg) {
  let next = 0;
  const manager = createBulkJobManager({
    store: createBulkJobStore(memoryStorageArea()),
    callsFor: () => ({ sendBatch: org.sendBatch, readTerritories: org.readTerritories }),
    newJobId: () => `job-${++next}`,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    random: () => 0.5,
  });
  return manager;
}

type Holdings = Record<string, { id: string; assigned: 'manually' | 'automatically' }[]>;

function holdingsOf(org: FakeOrg, recordIds: readonly string[]): Holdings {
  const holdings: Holdings = {};
  for (const id of recordIds) {
    const held = org.records.get(id);
    if (held) holdings[id] = [...held].map(([territory, assigned]) => ({ id: territory, assigned }));
  }
  return holdings;
}

function fakeApi(org: FakeOrg, overrides: Partial<BulkApi> = {}) {
  const manager = backend(org);
  const api = {
    connections: vi.fn<BulkApi['connections']>(async () => ({ ok: true, value: [euConnected] })),
    signIn: vi.fn<BulkApi['signIn']>(async (dataCentre) => ({
      ok: true,
      value: { dataCentre, connected: true, expiresAt: null, apiDomain: null },
    })),
    territories: vi.fn<BulkApi['territories']>(async () => ({ ok: true, value: territories })),
    recordsInTerritory: vi.fn<BulkApi['recordsInTerritory']>(async (_org, _module, territoryId) => ({
      ok: true,
      value: {
        recordIds: [...org.records].filter(([, held]) => held.has(territoryId)).map(([id]) => id),
        truncated: false,
      },
    })),
    preview: vi.fn<BulkApi['preview']>(async (selection) => ({
      ok: true,
      value: previewOf({
        ...selection,
        holdings: holdingsOf(org, selection.recordIds),
        names: Object.fromEntries(selection.recordIds.map((id, i) => [id, `Account ${i + 1}`])),
        batchSize: 100,
      }),
    })),
    start: vi.fn<BulkApi['start']>((request) => manager.start(request)),
    status: vi.fn<BulkApi['status']>((jobId, includeRecords) => manager.status(jobId, includeRecords)),
    jobs: vi.fn<BulkApi['jobs']>(() => manager.jobs()),
    pause: vi.fn<BulkApi['pause']>((jobId) => manager.pause(jobId)),
    resume: vi.fn<BulkApi['resume']>((jobId) => manager.resume(jobId)),
    cancel: vi.fn<BulkApi['cancel']>((jobId) => manager.cancel(jobId)),
    retryFailed: vi.fn<BulkApi['retryFailed']>((jobId) => manager.retryFailed(jobId)),
    undo: vi.fn<BulkApi['undo']>((jobId) => manager.undo(jobId)),
    download: vi.fn<BulkApi['download']>(),
  } satisfies BulkApi;
  // Overrides are mocks too; the type keeps the mock methods visible to the tests.
  return { ...api, ...overrides } as typeof api;
}

function link(hash = ''): BulkLink {
  return parseBulkLink(hash);
}

function renderPage(api: BulkApi, initial = link('#dc=eu'), onJobShown = vi.fn()) {
  render(
    <BulkPage
      api={api}
      initial={initial}
      optionsUrl="chrome-extension://x/options.html"
      onJobShown={onJobShown}
      pollMs={5}
    />,
  );
  return onJobShown;
}

function orgOf(): FakeOrg {
  const org = new FakeOrg();
  org.add(R[0], { [TEXAS]: 'manually' });
  org.add(R[1], { [TEXAS]: 'manually', [EUROPE]: 'manually' });
  org.add(R[2], { [TEXAS]: 'automatically' });
  org.add(R[3], { [EUROPE]: 'manually' });
  return org;
}

afterEach(cleanup);

describe('BulkPage', () => {
  it('sets up, previews, runs, and shows every record with a CSV to download', async () => {
    const org = orgOf();
    org.locked.add(R[1]);
    const api = fakeApi(org);
    const onJobShown = renderPage(api);

    const texas = await screen.findByRole('checkbox', { name: /^Texas/ });
    expect(texas.closest('label')?.textContent).toContain('under World › Americas');
    fireEvent.click(texas);
    expect(within(screen.getByRole('list', { name: 'Chosen territories' })).getByText('Texas')).toBeTruthy();

    fireEvent.input(screen.getByLabelText(/Record ids/), {
      target: { value: `${R[0]}\n${R[1]}, ${R[2]} nope ${R[0]}` },
    });
    expect(screen.getByText(/3 records from pasted ids \(1 repeat left out\)/)).toBeTruthy();
    expect(screen.getByText(/Not record ids, left out: nope/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('table', { name: 'Records holding each territory' });
    expect(within(table).getByRole('row', { name: /Texas/ }).textContent).toBe('Texas321');
    expect(screen.getByText(/will be sent, in/).textContent).toBe(
      '2 records will be sent, in 1 call of up to 100 records.',
    );
    expect(screen.getByText(/only by territory rules/)).toBeTruthy();
    const records = screen.getByRole('table', { name: 'Records of the run' });
    expect(
      within(records)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual([
      'RecordNameIn this run',
      `${R[0]}Account 1Sent`,
      `${R[1]}Account 2Sent`,
      `${R[2]}Account 3Skipped: assigned by territory rules`,
    ]);
    expect(api.preview).toHaveBeenCalledWith({
      dataCentre: 'eu',
      sandbox: false,
      orgId: null,
      module: 'Accounts',
      territoryIds: [TEXAS],
      recordIds: [R[0], R[1], R[2]],
    });

    fireEvent.click(screen.getByRole('button', { name: 'Start removal' }));
    await waitFor(() => expect(onJobShown).toHaveBeenCalledWith('job-1'));
    expect(api.start).toHaveBeenCalledWith(
      expect.objectContaining({
        batchSize: 100,
        concurrency: 3,
        holdings: expect.objectContaining({ [R[2]]: [{ id: TEXAS, assigned: 'automatically' }] }),
        names: { [R[0]]: 'Account 1', [R[1]]: 'Account 2', [R[2]]: 'Account 3' },
      }),
    );
    expect(org.removeCalls).toEqual([
      [
        { id: R[0], territoryIds: [TEXAS] },
        { id: R[1], territoryIds: [TEXAS] },
      ],
    ]);

    const heading = await screen.findByRole('heading', { name: 'Removal finished' });
    expect(heading).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
    expect(bar.getAttribute('aria-valuetext')).toBe('3 of 3 records');
    const outcomes = await screen.findByRole('table', { name: 'Outcome of each record' });
    expect(
      within(outcomes)
        .getAllByRole('row')
        .map((row) => row.textContent?.slice(0, 40)),
    ).toEqual([
      'RecordNameOutcomeDetails',
      `${R[0]}Account 1RemovedThe territories were removed.`.slice(0, 40),
      `${R[1]}Account 2Record lockedThis record is locked (for`.slice(0, 40),
      `${R[2]}Account 3Rule-assigned, skippedTerritory rules a`.slice(0, 40),
    ]);
    expect(within(outcomes).getByRole('link', { name: R[0] }).getAttribute('href')).toBe(
      `https://crm.zoho.eu/crm/tab/Accounts/${R[0]}`,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const [fileName, csv] = api.download.mock.calls[0] ?? [];
    expect(fileName).toBe('territory-removal-accounts-job-1.csv');
    expect(parseCsv(csv ?? '').map((row) => row.slice(0, 3))).toEqual([
      ['Record Id', 'Name', 'Outcome'],
      [R[0], 'Account 1', 'Removed'],
      [R[1], 'Account 2', 'Record locked'],
      [R[2], 'Account 3', 'Rule-assigned, skipped'],
    ]);

    org.locked.clear();
    fireEvent.click(screen.getByRole('button', { name: 'Retry the failed ones (1)' }));
    await waitFor(() => expect(onJobShown).toHaveBeenCalledWith('job-2'));
    await screen.findByRole('heading', { name: 'Removal finished' });
    const retried = await screen.findByRole('table', { name: 'Outcome of each record' });
    expect(within(retried).getAllByRole('row')).toHaveLength(2);
    expect(within(retried).getByText('Removed')).toBeTruthy();
    expect(org.holds(R[1], TEXAS)).toBe(false);
  });

  it('puts back what a run removed: its own job, outcomes and CSV, to exactly the records it removed from', async () => {
    const org = orgOf();
    org.locked.add(R[1]);
    const api = fakeApi(org);
    const started = await api.start({
      dataCentre: 'eu',
      sandbox: false,
      orgId: null,
      module: 'Accounts',
      territoryIds: [TEXAS],
      recordIds: [R[0], R[1], R[2], R[3]],
      holdings: holdingsOf(org, [R[0], R[1], R[2], R[3]]),
      names: { [R[0]]: 'Account 1', [R[1]]: 'Account 2', [R[2]]: 'Account 3', [R[3]]: 'Account 4' },
    });
    expect(started).toEqual({ ok: true, value: { jobId: 'job-1' } });
    const onJobShown = renderPage(api, link('#job=job-1'));
    await screen.findByRole('heading', { name: 'Removal finished' });
    org.locked.clear();
    // A record that lost Texas may hold one territory only now: Zoho refuses to put it back.
    org.territoryLimit = 2;
    org.records.get(R[0])?.set(EUROPE, 'manually');
    org.records.get(R[0])?.set(AMERICAS, 'manually');

    fireEvent.click(await screen.findByRole('button', { name: 'Put back what this run removed (1)' }));
    await waitFor(() => expect(onJobShown).toHaveBeenCalledWith('job-2'));
    await screen.findByRole('heading', { name: 'Undo finished' });
    expect(screen.getByText(/putting back Texas/)).toBeTruthy();
    expect(screen.getByText('Puts back what an earlier removal took')).toBeTruthy();
    expect(org.assignCalls).toEqual([[{ id: R[0], territoryIds: [TEXAS] }]]);
    let outcomes = await screen.findByRole('table', { name: 'Outcome of each record' });
    expect(within(outcomes).getAllByRole('row')[1]?.textContent).toMatch(
      new RegExp(`^${R[0]}Account 1FailedThis record already holds as many territories as Zoho allows.*LIMIT_EXCEEDED`),
    );
    expect(screen.queryByRole('button', { name: /Put back what this run removed/ })).toBeNull();

    // Room made again: retrying the failed one puts it back, and the CSV says so.
    org.records.get(R[0])?.delete(AMERICAS);
    fireEvent.click(screen.getByRole('button', { name: 'Retry the failed ones (1)' }));
    await waitFor(() => expect(onJobShown).toHaveBeenCalledWith('job-3'));
    await screen.findByRole('heading', { name: 'Undo finished' });
    outcomes = await screen.findByRole('table', { name: 'Outcome of each record' });
    expect(within(outcomes).getAllByRole('row')[1]?.textContent).toBe(
      `${R[0]}Account 1Put backThe territories were put back.`,
    );
    expect(org.holds(R[0], TEXAS)).toBe(true);
    expect(org.holds(R[1], TEXAS)).toBe(true);
    expect(org.records.get(R[2])?.get(TEXAS)).toBe('automatically');
    expect(org.holds(R[3], TEXAS)).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const [fileName, csv] = api.download.mock.calls[0] ?? [];
    expect(fileName).toBe('territory-put-back-accounts-job-3.csv');
    const earlier = await screen.findByRole('region', { name: 'Earlier runs' });
    expect(
      within(earlier)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Undo, Accounts: 1 of 1 record, finished', 'Accounts: 4 of 4 records, finished']);
    expect(parseCsv(csv ?? '').map((row) => [row[0], row[2], row[6]])).toEqual([
      ['Record Id', 'Outcome', 'Details'],
      [R[0], 'Put back', 'The territories were put back.'],
    ]);
  });

  it('opens with the selection in its address', async () => {
    const api = fakeApi(orgOf());
    renderPage(api, link(`#ids=${R[0]},${R[3]}&module=Deals&dc=eu&org=20079833178&sandbox=1&territories=${EUROPE}`));
    await screen.findByRole('checkbox', { name: /^Europe/ });
    expect((screen.getByLabelText('Module') as HTMLSelectElement).value).toBe('Deals');
    expect((screen.getByLabelText('Organization id') as HTMLInputElement).value).toBe('20079833178');
    expect((screen.getByLabelText('Sandbox organization') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(/Record ids/) as HTMLTextAreaElement).value).toBe(`${R[0]}\n${R[3]}`);
    expect((screen.getByRole('checkbox', { name: /^Europe/ }) as HTMLInputElement).checked).toBe(true);
    expect(api.territories).toHaveBeenCalledWith({ dataCentre: 'eu', sandbox: true, orgId: '20079833178' });
  });

  it('filters the territories by search, keeping the path to each match', async () => {
    renderPage(fakeApi(orgOf()));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    fireEvent.input(screen.getByLabelText('Search territories'), { target: { value: 'tex' } });
    const tree = screen.getByRole('list', { name: 'Territories' });
    expect(
      within(tree)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent?.split(',')[0]),
    ).toEqual(['World', 'Americas', 'Texas']);
    fireEvent.input(screen.getByLabelText('Search territories'), { target: { value: 'mars' } });
    expect(screen.getByText('No territory matches “mars”.')).toBeTruthy();
  });

  it('offers to sign in when the data centre is not connected', async () => {
    let connected = false;
    const api = fakeApi(orgOf(), {
      connections: vi.fn(async () => ({ ok: true as const, value: [{ ...euConnected, connected }] })),
    });
    api.signIn.mockImplementation(async (dataCentre) => {
      connected = true;
      return { ok: true, value: { ...euConnected, dataCentre } };
    });
    renderPage(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in to Europe' }));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    expect(api.signIn).toHaveBeenCalledWith('eu');
  });

  it('reads ids from a CSV file, warning about ids a spreadsheet rounded', async () => {
    renderPage(fakeApi(orgOf()));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    fireEvent.click(screen.getByRole('radio', { name: 'CSV file' }));
    const file = new File([`Account Name,Record Id\nAcme,${R[0]}\nBolt,4.15087E+18\n`], 'accounts.csv', {
      type: 'text/csv',
    });
    const input = screen.getByLabelText('CSV file with a column of record ids');
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await screen.findByText(/1 record from column “Record Id” of accounts.csv/);
    expect(screen.getByText(/1 id was rounded by a spreadsheet/)).toBeTruthy();
  });

  it('says when a CSV file has no id column', async () => {
    renderPage(fakeApi(orgOf()));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    fireEvent.click(screen.getByRole('radio', { name: 'CSV file' }));
    const file = new File(['Name,Phone\nAcme,+44\n'], 'people.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('CSV file with a column of record ids'), { target: { files: [file] } });
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/people.csv has no column of record ids/);
  });

  it('loads every record in the first chosen territory', async () => {
    const api = fakeApi(orgOf());
    renderPage(api);
    fireEvent.click(await screen.findByRole('checkbox', { name: /^Europe/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Every record in a territory' }));
    expect((screen.getByLabelText('Territory') as HTMLSelectElement).value).toBe(EUROPE);
    fireEvent.click(screen.getByRole('button', { name: 'Load records' }));
    await screen.findByText(/2 records from every Accounts record in Europe/);
    expect(api.recordsInTerritory).toHaveBeenCalledWith(
      { dataCentre: 'eu', sandbox: false, orgId: null },
      'Accounts',
      EUROPE,
    );

    fireEvent.change(screen.getByLabelText('Module'), { target: { value: 'Deals' } });
    await waitFor(() => expect(screen.queryByText(/2 records from/)).toBeNull());
    expect(screen.getByText('Give the records.')).toBeTruthy();
  });

  it('says what is missing before a preview', async () => {
    renderPage(fakeApi(orgOf()));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    expect(screen.getByText('Choose at least one territory.')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /^Texas/ }));
    expect(screen.getByText('Give the records.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Preview' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('shows why a preview failed, with a way to try again', async () => {
    const api = fakeApi(orgOf(), {
      preview: vi.fn(async () => ({ ok: false as const, error: { code: 'INTERNAL_ERROR', status: 500 } })),
    });
    renderPage(api, link(`#dc=eu&ids=${R[0]}&territories=${TEXAS}`));
    await screen.findByRole('checkbox', { name: /^Texas/ });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/internal error/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.preview).toHaveBeenCalledTimes(2));
  });
});

describe('JobView', () => {
  function summary(job: BulkJob): BulkJobSummary {
    return jobSummary(job, 1000);
  }

  function scripted(views: BulkJobSummary[], overrides: Partial<BulkApi> = {}) {
    let call = 0;
    return fakeApi(new FakeOrg(), {
      status: vi.fn<BulkApi['status']>(async (_jobId, includeRecords) => {
        const view = views[Math.min(call++, views.length - 1)] as BulkJobSummary;
        const withRecords = includeRecords === true || (includeRecords === 'atRest' && !isMoving(view));
        return { ok: true, value: withRecords ? { ...view, records: encodeRows(jobOf([], 0)) } : view };
      }),
      ...overrides,
    });
  }

  function jobOf(ids: string[], settled: number, status: BulkJob['status'] = 'running'): BulkJob {
    const job = createBulkJob({
      id: 'job-7',
      dataCentre: 'eu',
      sandbox: false,
      orgId: null,
      module: 'Leads',
      territoryIds: [TEXAS],
      recordIds: ids,
      now: 0,
    });
    for (const id of ids.slice(0, settled)) job.outcomes[id] = { kind: 'removed' };
    job.status = status;
    job.runStartedAt = 0;
    return job;
  }

  function jobWith(settled: number, status: BulkJob['status'] = 'running'): BulkJob {
    return jobOf(
      Array.from({ length: 10 }, (_, i) => String(100 + i)),
      settled,
      status,
    );
  }

  it('follows the progress bar and announces the end', async () => {
    const api = scripted([summary(jobWith(2)), summary(jobWith(6)), summary(jobWith(10, 'finished'))]);
    renderPage(api, link('#job=job-7'));
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('10'));
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Removal finished. Removed: 10.'));
    // The look that found it at rest brought the records: no read of the job more.
    expect(api.status).toHaveBeenLastCalledWith('job-7', 'atRest');
    expect(api.status).not.toHaveBeenCalledWith('job-7', true);
  });

  it('shows time left while running, and pauses and resumes', async () => {
    const running = summary(jobWith(2));
    const paused = summary(jobWith(2, 'paused'));
    const api = scripted([running], {
      pause: vi.fn(async () => ({ ok: true as const, value: paused })),
      resume: vi.fn(async () => ({ ok: true as const, value: running })),
    });
    renderPage(api, link('#job=job-7'));
    expect((await screen.findByText(/of 10 records done/)).textContent).toContain('less than a minute left');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(api.pause).toHaveBeenCalledWith('job-7'));
    api.status.mockImplementation(async () => ({ ok: true, value: paused }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(api.resume).toHaveBeenCalledWith('job-7'));
  });

  it('offers to sign in again when the run paused itself for it, then resumes', async () => {
    const job = jobWith(3, 'paused');
    job.pauseReason = { code: 'INVALID_TOKEN', status: 401 };
    const api = scripted([summary(job)], {
      resume: vi.fn(async () => ({ ok: true as const, value: summary(jobWith(3)) })),
    });
    renderPage(api, link('#job=job-7'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/sign-in has expired/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(api.resume).toHaveBeenCalledWith('job-7'));
    expect(api.signIn).toHaveBeenCalledWith('eu');
  });

  it('cancels', async () => {
    const api = scripted([summary(jobWith(1))], {
      cancel: vi.fn(async () => ({ ok: true as const, value: summary(jobWith(10, 'cancelled')) })),
    });
    renderPage(api, link('#job=job-7'));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.cancel).toHaveBeenCalledWith('job-7'));
  });

  it('offers to put back what a paused run removed, never while it runs nor for a put-back run', async () => {
    /** The job as the background hands it over, every record with it when it is at rest. */
    const serving = (job: BulkJob) =>
      vi.fn<BulkApi['status']>(async () => ({
        ok: true,
        value: { ...summary(job), ...(isMoving(summary(job)) ? {} : { records: encodeRows(job) }) },
      }));
    const paused = jobWith(4, 'paused');
    // Zoho only said a change was already running on this one: not necessarily this run's.
    paused.outcomes[paused.recordIds[3] as string] = { kind: 'scheduled', jobId: null };
    const api = fakeApi(new FakeOrg(), {
      status: serving(paused),
      undo: vi.fn(async () => ({ ok: true as const, value: { jobId: 'job-8' } })),
    });
    const onJobShown = renderPage(api, link('#job=job-7'));
    fireEvent.click(await screen.findByRole('button', { name: 'Put back what this run removed (3)' }));
    await waitFor(() => expect(onJobShown).toHaveBeenCalledWith('job-8'));
    expect(api.undo).toHaveBeenCalledWith('job-7');
    cleanup();

    renderPage(fakeApi(new FakeOrg(), { status: serving(jobWith(3)) }), link('#job=job-7'));
    await screen.findByRole('button', { name: 'Pause' });
    expect(screen.queryByRole('button', { name: /Put back/ })).toBeNull();
    cleanup();

    const undo = jobWith(3, 'finished');
    undo.direction = 'assign';
    renderPage(fakeApi(new FakeOrg(), { status: serving(undo) }), link('#job=job-7'));
    await screen.findByRole('heading', { name: 'Undo finished' });
    await screen.findByRole('button', { name: 'Download CSV' });
    expect(screen.queryByRole('button', { name: /Put back/ })).toBeNull();
  });

  it('says so when the job is unknown', async () => {
    const api = fakeApi(new FakeOrg());
    renderPage(api, link('#job=gone'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/no longer keeps this bulk run/);
    expect(alert.textContent).toMatch(/Code: JOB_NOT_FOUND/);
  });

  it('words the announcement for each state', () => {
    expect(announcement(summary(jobWith(2)), translatorFor('en'))).toBe('Removal running.');
    const paused = jobWith(2, 'paused');
    expect(announcement(summary(paused), translatorFor('en'))).toBe('Removal paused.');
    paused.pauseReason = { code: 'TOO_MANY_REQUESTS' };
    expect(announcement(summary(paused), translatorFor('en'))).toBe('Removal paused: it needs your attention.');
    const cancelled = jobWith(10, 'cancelled');
    cancelled.batches = [];
    expect(announcement(summary(cancelled), translatorFor('en'))).toBe('Removal cancelled. Removed: 10.');
    const undo = jobWith(0, 'finished');
    undo.direction = 'assign';
    for (const id of undo.recordIds) undo.outcomes[id] = { kind: 'restored' };
    expect(announcement(summary(undo), translatorFor('en'))).toBe('Undo finished. Put back: 10.');
    expect(announcement(summary(undo), translatorFor('de'))).toBe(
      'Wiederherstellen abgeschlossen. Wiederhergestellt: 10.',
    );
  });
});

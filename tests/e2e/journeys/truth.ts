// Journeys that judge the extension by what Zoho holds: answers lost after Zoho processed the
// request, answers 30 s late, a Pause or Cancel that is the message waking a stopped worker.
// The bulk runs are driven with the bulk protocol's messages from an extension page, so that the
// test decides which message reaches the stopped worker first.
import type { ControlClient } from '../../../sandbox/control-client';
import type { FaultSpec } from '../../../sandbox/faults';
import type { RequestLogEntry } from '../../../sandbox/request-log';
import { bulkAccountId, MARKUP_TERRITORY_NAME, ORGS, RECORDS, TERRITORIES } from '../../../sandbox/scenarios/default';
import type { BulkRecordRow } from '../../../utils/bulk/progress';
import { decodeRows } from '../../../utils/bulk/progress';
import type { BulkJobView, BulkRequest, BulkResponseOf } from '../../../utils/bulk-protocol';
import { REQUEST_TIMEOUT_MS } from '../../../utils/zoho/request-timing';
import type { BrowserTab } from '../harness/driver';
import { waitFor } from '../harness/wait';
import { bulkPageUrl, waitForPageText } from './bulk';
import {
  BOTH,
  CHROMIUM_ONLY,
  expect,
  expectPanelToMatchStandIn,
  type Journey,
  type JourneyContext,
  pages,
  pause,
  rowNamed,
  rows,
  settledApiCalls,
  signInFromPanel,
  waitForRows,
} from './context';

const REMOVE_PATH = '/crm/v8/Accounts/actions/remove_territories';
const ASSIGN_PATH = '/crm/v8/Accounts/actions/assign_territories';
/** Zoho processed the request: it answered 2xx, whether or not the answer reached the extension. */
const PROCESSED = new Set([200, 202, 207]);
/** The extension reads back a lost answer 20 s after the POST; a 30 s answer comes after that. */
const LATE_MS = 30_000;
/** Zoho processes the request only this long after it came, past the client's 15 s time-out. */
const SLOW_MS = 18_000;

interface ChromeRuntime {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

/** A bulk request sent from the extension page open in `tab`, as the bulk page sends it. */
function ask<R extends BulkRequest>(tab: BrowserTab, request: R): Promise<BulkResponseOf[R['type']]> {
  return tab.evaluateWith(
    (message) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(message),
    request,
  ) as Promise<BulkResponseOf[R['type']]>;
}

async function startJob(tab: BrowserTab, recordIds: string[], batchSize: number): Promise<string> {
  const started = await ask(tab, {
    type: 'bulk.start',
    dataCentre: 'eu',
    sandbox: false,
    orgId: ORGS.euMain,
    module: 'Accounts',
    territoryIds: [TERRITORIES.keyAccounts],
    recordIds,
    batchSize,
    concurrency: 3,
  });
  if (!started.ok) throw new Error(`bulk.start failed: ${started.error.code}`);
  return started.value.jobId;
}

async function status(tab: BrowserTab, jobId: string): Promise<BulkJobView> {
  const answer = await ask(tab, { type: 'bulk.status', jobId, includeRecords: true });
  if (!answer.ok) throw new Error(`bulk.status failed: ${answer.error.code}`);
  return answer.value;
}

/** The job once every record has an outcome. */
function settledJob(tab: BrowserTab, jobId: string, timeoutMs = 60_000): Promise<BulkJobView> {
  return waitFor(
    `job ${jobId} to settle every record`,
    async () => {
      const view = await status(tab, jobId);
      return view.status !== 'running' && view.progress.settled === view.progress.total ? view : null;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

async function removePosts(control: ControlClient, path = REMOVE_PATH): Promise<RequestLogEntry[]> {
  return (await control.log({ kind: 'api', path })).filter((entry) => entry.method === 'POST');
}

/** The remove (or assign) POSTs once Zoho has answered each (late answers included). */
function settledRemovePosts(control: ControlClient, path = REMOVE_PATH): Promise<RequestLogEntry[]> {
  return waitFor(
    'every POST to be answered',
    async () => {
      const posts = await removePosts(control, path);
      return posts.every((post) => post.status !== null || post.fault === 'drop') ? posts : null;
    },
    { timeoutMs: LATE_MS + 5_000, intervalMs: 250 },
  );
}

function idsIn(post: RequestLogEntry): string[] {
  const data = (post.body as { data?: { id?: unknown }[] } | null)?.data ?? [];
  return data.map((entry) => String(entry.id));
}

/**
 * Every record's outcome is what the stand-in holds, and no record was in two POSTs that Zoho
 * processed (a second POST of a record is allowed only when Zoho had not processed the first).
 */
async function expectTruth(control: ControlClient, view: BulkJobView): Promise<void> {
  const records = view.records ? decodeRows(view.records) : [];
  expect(records.length).toBe(view.progress.total);
  for (const record of records) {
    const held = (await control.record(ORGS.euMain, 'Accounts', record.id)).territories.some(
      (territory) => territory.id === TERRITORIES.keyAccounts,
    );
    expect(`${record.id} ${record.outcome?.kind} ${held ? 'held' : 'gone'}`).toBe(
      `${record.id} ${record.outcome?.kind} ${record.outcome?.kind === 'removed' ? 'gone' : 'held'}`,
    );
  }
  const processed = (await settledRemovePosts(control))
    .filter((post) => PROCESSED.has(post.status ?? 0))
    .flatMap(idsIn);
  const mine = new Set(records.map((record) => record.id));
  const sent = processed.filter((id) => mine.has(id));
  expect(sent.length).toBe(new Set(sent).size);
}

/** Signs in, opens the options page (an extension page that polls nothing) and returns how to stop the worker. */
async function signedInOnOptionsPage(context: JourneyContext): Promise<() => Promise<void>> {
  const { browser, tab } = context;
  const stop = browser.stopBackground;
  if (!stop) throw new Error('this browser cannot stop its background');
  await signInFromPanel(context, pages.alpine);
  await tab.goto(`${browser.extensionOrigin}/options.html`);
  return stop;
}

const lostPanelAnswers: Journey = {
  name: 'panel: a removal or undo whose answer is dropped after Zoho did it, processed after the time-out or 30 s late, ends as Zoho holds it, sent once',
  browsers: BOTH,
  async run(context) {
    const { tab, control } = context;
    await signInFromPanel(context, pages.alpine);

    await control.addFault({ kind: 'drop-after-processing', method: 'POST', path: 'remove_territories' });
    await control.clearLog();
    await tab.clickPanelButton('Remove territory Germany');
    await waitForRows(tab, 'Germany to go', (listed) => rowNamed(listed, 'Germany') === undefined, 40_000);
    expect((await settledApiCalls(control, 'POST')).map((post) => [post.status, post.fault])).toEqual([
      [200, 'drop-after-processing'],
    ]);
    await expectPanelToMatchStandIn(context, ORGS.euMain, 'Accounts', RECORDS.alpineAccount);

    // Its Undo, the answer dropped after Zoho assigned it again: Germany is back, one POST.
    await control.addFault({ kind: 'drop-after-processing', method: 'POST', path: 'assign_territories' });
    await control.clearLog();
    await tab.clickPanelButton('Undo removal of Germany');
    await waitForRows(tab, 'Germany back', (listed) => rowNamed(listed, 'Germany') !== undefined, 40_000);
    const undone = await settledApiCalls(control, 'POST');
    expect(undone.map((post) => [post.path, PROCESSED.has(post.status ?? 0), post.fault])).toEqual([
      [`/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/assign_territories`, true, 'drop-after-processing'],
    ]);
    await expectPanelToMatchStandIn(context, ORGS.euMain, 'Accounts', RECORDS.alpineAccount);

    // Zoho slow to process: it does so 18 s in, after the client gave up at 15 s. A read at the
    // time-out would still list Germany (and a Retry would send it again); the wait sees it gone.
    await control.addFault({ kind: 'latency', method: 'POST', path: 'remove_territories', latencyMs: SLOW_MS });
    await control.clearLog();
    await tab.clickPanelButton('Remove territory Germany');
    const shownOnTheWay = new Set<string>();
    await waitForRows(
      tab,
      'Germany to go',
      (listed) => {
        for (const row of listed) if (row.text.includes('Code:')) shownOnTheWay.add(row.text);
        return rowNamed(listed, 'Germany') === undefined;
      },
      40_000,
    );
    expect([...shownOnTheWay]).toEqual([]);
    expect((await settledApiCalls(control, 'POST')).map((post) => post.status)).toEqual([200]);
    await expectPanelToMatchStandIn(context, ORGS.euMain, 'Accounts', RECORDS.alpineAccount);

    await control.addFault({
      kind: 'latency-after-processing',
      method: 'POST',
      path: 'remove_territories',
      latencyMs: LATE_MS,
    });
    await control.clearLog();
    await tab.clickPanelButton(`Remove territory ${MARKUP_TERRITORY_NAME}`);
    await waitForRows(
      tab,
      'the markup row to go',
      (listed) => !listed.some((row) => row.id === TERRITORIES.markup),
      40_000,
    );
    expect(await rows(tab)).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining('Code:') }));
    const posts = await waitFor(
      'the late answer',
      async () => {
        const all = await settledApiCalls(control, 'POST');
        return all.length > 0 ? all : null;
      },
      { timeoutMs: 20_000 },
    );
    expect(posts.map((post) => post.status)).toEqual([200]);
    await expectPanelToMatchStandIn(context, ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
  },
};

const wakingPauseAndCancel: Journey = {
  name: 'bulk: a Pause or Cancel that is the message waking a stopped worker is never lost (20 trials)',
  browsers: CHROMIUM_ONLY,
  async run(context) {
    const { tab, control } = context;
    const stop = await signedInOnOptionsPage(context);
    // Each POST answered after 600 ms: a job that went on would send its next round well after the
    // grace given to POSTs the new worker began before the message was applied (their TLS set-up
    // may see them reach the stand-in a moment after the answer reached the test).
    await control.addFault({ kind: 'latency', method: 'POST', path: REMOVE_PATH, latencyMs: 600, times: 10_000 });
    const graceMs = 400;

    // 60 records a trial: the scenario's 1,200 bulk accounts hold 20.
    const trials = 20;
    for (let trial = 0; trial < trials; trial++) {
      const action = trial % 2 === 0 ? 'bulk.pause' : 'bulk.cancel';
      const expected = action === 'bulk.pause' ? 'paused' : 'cancelled';
      const recordIds = Array.from({ length: 60 }, (_, i) => bulkAccountId(trial * 60 + i + 1));
      const before = (await removePosts(control)).length;
      const jobId = await startJob(tab, recordIds, 5);
      await waitFor('a few batches sent', async () => (await removePosts(control)).length >= before + 4, {
        intervalMs: 20,
      });
      await stop();
      const answer = await ask(tab, { type: action, jobId });
      const answeredAt = Date.now();
      expect(answer.ok && answer.value.status, `trial ${trial}`).toBe(expected);

      await pause(1_500);
      const late = (await removePosts(control)).filter((post) => Date.parse(post.time) > answeredAt + graceMs);
      expect(late.map(idsIn), `trial ${trial}: POSTs after the ${action} was answered`).toEqual([]);
      // The status survives another stop: the resumed copy did not save over it.
      await stop();
      expect((await status(tab, jobId)).status, `trial ${trial}`).toBe(expected);
    }
  },
};

const lostBulkAnswers: Journey = {
  name: 'bulk: answers dropped after Zoho processed them, processed after the time-out or 30 s late, a cancel and a worker stop meanwhile: outcomes are what Zoho holds, none sent twice',
  browsers: CHROMIUM_ONLY,
  async run(context) {
    const { tab, control } = context;
    const stop = await signedInOnOptionsPage(context);

    /** The first remove POST: processed, then its connection dropped; the second: `second`. */
    const faults = async (second: FaultSpec) => {
      await control.clearFaults();
      await control.addFault({ kind: 'drop-after-processing', method: 'POST', path: REMOVE_PATH });
      await control.addFault({ ...second, method: 'POST', path: REMOVE_PATH });
      await control.addFault({ kind: 'latency', method: 'POST', path: REMOVE_PATH, latencyMs: 1_000, times: 10_000 });
    };
    const faultedPost = (kind: FaultSpec['kind']) =>
      waitFor(`the POST with ${kind} to be under way`, async () =>
        (await removePosts(control)).find((post) => post.fault === kind),
      );

    // Zoho processes the second POST only after the client gave up on it; the run is cancelled
    // after that. Read at once, its records would still hold the territory and end cancelled;
    // waited out, they end removed, as does the batch whose answer was dropped.
    await faults({ kind: 'latency', latencyMs: SLOW_MS });
    // 60 batches: about half are still to be sent when the cancel comes.
    const cancelledIds = Array.from({ length: 300 }, (_, i) => bulkAccountId(i + 1));
    const cancelled = await startJob(tab, cancelledIds, 5);
    const dropped = await faultedPost('drop-after-processing');
    // The one still unanswered 2 s in: the others are answered after 1 s.
    const slow = await waitFor('the slow POST to be under way', async () =>
      (await removePosts(control)).find(
        (post) => post.fault === 'latency' && post.status === null && Date.now() - Date.parse(post.time) > 2_000,
      ),
    );
    await pause(REQUEST_TIMEOUT_MS + 500 - (Date.now() - Date.parse(slow.time)));
    const cancelAnswer = await ask(tab, { type: 'bulk.cancel', jobId: cancelled });
    expect(cancelAnswer.ok && cancelAnswer.value.status).toBe('cancelled');
    const cancelledView = await settledJob(tab, cancelled);
    expect(cancelledView.status).toBe('cancelled');
    const cancelledRows = cancelledView.records ? decodeRows(cancelledView.records) : [];
    for (const id of [...idsIn(slow), ...idsIn(dropped)]) {
      expect(cancelledRows.find((record) => record.id === id)?.outcome?.kind, id).toBe('removed');
    }
    expect(cancelledView.progress.counts.cancelled).toBeGreaterThan(0);
    await expectTruth(control, cancelledView);

    // Run to the end with the worker stopped while a 30 s answer is awaited.
    await control.clearLog();
    await faults({ kind: 'latency-after-processing', latencyMs: LATE_MS });
    const finishedIds = Array.from({ length: 150 }, (_, i) => bulkAccountId(i + 401));
    const finished = await startJob(tab, finishedIds, 10);
    await faultedPost('latency-after-processing');
    await stop();
    const finishedView = await settledJob(tab, finished);
    expect(finishedView.status).toBe('finished');
    expect(finishedView.progress.counts.removed).toBe(150);
    await expectTruth(control, finishedView);
    const processed = (await settledRemovePosts(control))
      .filter((post) => PROCESSED.has(post.status ?? 0))
      .flatMap(idsIn);
    expect([...processed].sort()).toEqual([...finishedIds].sort());
  },
};

const keepsGoingWithoutAPage: Journey = {
  name: 'bulk: a job goes on to the end when the worker is stopped while no extension page is open (alarms)',
  browsers: CHROMIUM_ONLY,
  async run(context) {
    const { tab, control } = context;
    const stop = await signedInOnOptionsPage(context);
    await control.addFault({ kind: 'latency', method: 'POST', path: REMOVE_PATH, latencyMs: 500, times: 10_000 });
    const recordIds = Array.from({ length: 300 }, (_, i) => bulkAccountId(i + 1));
    const jobId = await startJob(tab, recordIds, 10);
    await waitFor('a few batches sent', async () => (await removePosts(control)).length >= 4, { intervalMs: 50 });

    // No extension page is left to send a message; only the alarm can wake the stopped worker.
    await tab.goto('about:blank');
    await stop();
    const atStop = (await removePosts(control)).length;
    await waitFor(
      'every record to lose Key Accounts',
      async () => {
        for (const id of recordIds) {
          const held = await control.record(ORGS.euMain, 'Accounts', id);
          if (held.territories.some((territory) => territory.id === TERRITORIES.keyAccounts)) return false;
        }
        return true;
      },
      { timeoutMs: 90_000, intervalMs: 2_000 },
    );
    expect((await removePosts(control)).length).toBeGreaterThan(atStop);

    await tab.goto(`${context.browser.extensionOrigin}/options.html`);
    const view = await settledJob(tab, jobId);
    expect(view.status).toBe('finished');
    await expectTruth(control, view);
  },
};

/** Whether each record holds Key Accounts, and how: 'manually', 'automatically' or 'no'. */
async function keyAccountsHeld(control: ControlClient, recordIds: readonly string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  for (let start = 0; start < recordIds.length; start += 10) {
    const states = await Promise.all(
      recordIds.slice(start, start + 10).map((id) => control.record(ORGS.euMain, 'Accounts', id)),
    );
    for (const state of states) {
      held.set(state.id, state.territories.find((t) => t.id === TERRITORIES.keyAccounts)?.assigned ?? 'no');
    }
  }
  return held;
}

const putBackARun: Journey = {
  name: 'bulk: "Put back what this run removed" assigns Key Accounts again to exactly the records the run removed it from, through a dropped answer and a worker stop, none twice',
  // Firefox's WebDriver BiDi does not open extension pages in a tab (like every bulk journey).
  browsers: CHROMIUM_ONLY,
  async run(context) {
    const { browser, tab, control } = context;
    const stop = await signedInOnOptionsPage(context);
    const bulk = Array.from({ length: 240 }, (_, i) => bulkAccountId(i + 1));
    const ruleHeld = bulk.slice(10, 15);
    const locked = bulk.slice(20, 25);
    for (const id of ruleHeld) {
      await control.setAssignment(ORGS.euMain, 'Accounts', id, TERRITORIES.keyAccounts, 'automatically');
    }
    for (const id of locked) await control.setLocked(ORGS.euMain, 'Accounts', id, true);
    // Two accounts that do not hold Key Accounts: Zoho refuses their removal as INVALID_DATA.
    const recordIds = [...bulk, RECORDS.plainAccount, RECORDS.alpineAccount];
    const before = await keyAccountsHeld(control, recordIds);

    const removal = await startJob(tab, recordIds, 10);
    const removed = await settledJob(tab, removal);
    expect(removed.progress.counts).toMatchObject({ removed: 230, 'rule-assigned': 5, locked: 5, 'not-assigned': 2 });
    const removedIds = (removed.records ? decodeRows(removed.records) : [])
      .filter((row: BulkRecordRow) => row.outcome?.kind === 'removed')
      .map((row) => row.id);
    expect(removedIds).toHaveLength(230);
    // Unlocked now: a put-back that reached them would change them.
    for (const id of locked) await control.setLocked(ORGS.euMain, 'Accounts', id, false);

    // The first assign POST is processed, then its connection dropped; the others answer after 400 ms.
    await control.clearLog();
    await control.addFault({ kind: 'drop-after-processing', method: 'POST', path: ASSIGN_PATH });
    await control.addFault({ kind: 'latency', method: 'POST', path: ASSIGN_PATH, latencyMs: 400, times: 1_000 });
    await tab.goto(bulkPageUrl(browser, { jobId: removal }));
    await waitForPageText(tab, 'Removal finished');
    await tab.clickPageButton('Put back what this run removed (230)');
    await waitFor(
      'a few assign POSTs answered',
      async () => (await removePosts(control, ASSIGN_PATH)).filter((post) => post.status !== null).length >= 6,
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    await stop();
    const atStop = (await removePosts(control, ASSIGN_PATH)).length;

    // The page's next poll wakes the worker; the dropped batch is read back once its wait is over.
    const shown = await waitForPageText(tab, 'Undo finished', 60_000);
    expect(shown).toContain('230 of 230 records done');
    expect(shown).toMatch(/Put back: 230\b/);
    const jobs = await ask(tab, { type: 'bulk.jobs' });
    const undo = jobs.ok ? jobs.value.find((job) => job.undoOf === removal) : undefined;
    expect(undo?.direction).toBe('assign');
    expect(undo?.progress.counts.restored).toBe(230);

    const after = await keyAccountsHeld(control, recordIds);
    for (const id of recordIds) {
      expect(`${id} ${after.get(id)}`).toBe(`${id} ${removedIds.includes(id) ? 'manually' : before.get(id)}`);
    }
    const posts = await settledRemovePosts(control, ASSIGN_PATH);
    expect(posts.some((post) => post.fault === 'drop-after-processing' && PROCESSED.has(post.status ?? 0))).toBe(true);
    expect(posts.length).toBeGreaterThan(atStop);
    const sent = posts.flatMap(idsIn);
    expect(sent.filter((id) => !removedIds.includes(id))).toEqual([]);
    const processed = posts.filter((post) => PROCESSED.has(post.status ?? 0)).flatMap(idsIn);
    expect(processed.length).toBe(new Set(processed).size);
    expect([...processed].sort()).toEqual([...removedIds].sort());
  },
};

export const TRUTH_JOURNEYS: Journey[] = [
  lostPanelAnswers,
  wakingPauseAndCancel,
  lostBulkAnswers,
  keepsGoingWithoutAPage,
  putBackARun,
];

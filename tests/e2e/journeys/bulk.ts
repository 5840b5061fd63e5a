// Journeys of the bulk page: runs driven like a user, checked against what the stand-in received
// and what it holds afterwards.
import type { ControlClient } from '../../../sandbox/control-client';
import type { RequestLogEntry } from '../../../sandbox/request-log';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES } from '../../../sandbox/scenarios/default';
import { type BulkLink, bulkLinkHash } from '../../../utils/bulk/link';
import type { BrowserTab, ExtensionBrowser } from '../harness/driver';
import { waitFor } from '../harness/wait';
import { CHROMIUM_ONLY, expect, type Journey, pages, signInFromPanel } from './context';

const REMOVE_PATH = '/crm/v8/Accounts/actions/remove_territories';
const ACCEPTED = new Set([200, 202, 207]);

function bulkPageUrl(browser: ExtensionBrowser, link: Partial<Omit<BulkLink, 'invalidIds'>>): string {
  return `${browser.extensionOrigin}/bulk.html${bulkLinkHash(link)}`;
}

const keyAccountsSelection = (recordIds: string[]) => ({
  recordIds,
  territoryIds: [TERRITORIES.keyAccounts],
  module: 'Accounts' as const,
  dataCentre: 'eu' as const,
  orgId: ORGS.euMain,
});

/** The page's visible text, thousands separators dropped (1,000 → 1000) whatever the locale. */
async function pageText(tab: BrowserTab): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for the user, blocks apart
  const text = await tab.evaluate(() => document.body.innerText);
  return text.replace(/\s+/g, ' ').replace(/(\d)[,.\u00a0\u202f ](?=\d{3}\b)/g, '$1');
}

async function waitForPageText(tab: BrowserTab, text: string, timeoutMs = 15_000): Promise<string> {
  let last = '';
  try {
    return await waitFor(
      `page text "${text}"`,
      async () => {
        last = await pageText(tab);
        return last.includes(text) ? last : null;
      },
      { timeoutMs, intervalMs: 200 },
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the page shows: ${last.slice(-1500)}`);
  }
}

interface OutcomeRow {
  id: string;
  outcome: string;
}

/** The rows of the outcome table, as shown. */
function readOutcomeRows(tab: BrowserTab): Promise<OutcomeRow[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('[aria-labelledby="bk-outcomes-heading"] tbody tr')].map((row) => ({
      id: row.querySelector('th')?.textContent?.trim() ?? '',
      outcome: row.querySelector('td')?.textContent?.trim() ?? '',
    })),
  );
}

/** The outcome table's filter: "All (1000)", "Removed (1000)", … */
function readOutcomeFilters(tab: BrowserTab): Promise<string[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('[aria-labelledby="bk-outcomes-heading"] select option')].map(
      (option) => option.textContent?.trim() ?? '',
    ),
  );
}

async function removePosts(control: ControlClient): Promise<RequestLogEntry[]> {
  return (await control.log({ kind: 'api', path: REMOVE_PATH })).filter((entry) => entry.method === 'POST');
}

/** The remove POSTs once every one of them has its answer. */
async function settledRemovePosts(control: ControlClient): Promise<RequestLogEntry[]> {
  return waitFor('every remove POST to be answered', async () => {
    const posts = await removePosts(control);
    return posts.every((post) => post.status !== null || post.fault === 'drop') ? posts : null;
  });
}

function idsIn(post: RequestLogEntry): string[] {
  const data = (post.body as { data?: { id?: unknown }[] } | null)?.data ?? [];
  return data.map((entry) => String(entry.id));
}

/** Records among `recordIds` that still hold `territoryId` in the stand-in, ten asked at a time. */
async function stillHolding(control: ControlClient, recordIds: string[], territoryId: string): Promise<string[]> {
  const holding: string[] = [];
  for (let start = 0; start < recordIds.length; start += 10) {
    const states = await Promise.all(
      recordIds.slice(start, start + 10).map((id) => control.record(ORGS.euMain, 'Accounts', id)),
    );
    for (const state of states) if (state.territories.some((t) => t.id === territoryId)) holding.push(state.id);
  }
  return holding;
}

export const BULK_JOURNEYS: Journey[] = [
  {
    name: 'bulk: 1,000 records lose Key Accounts through 429s, a 500 and a service-worker restart, each sent once',
    browsers: CHROMIUM_ONLY,
    async run(context) {
      const { browser, tab, control } = context;
      const stop = browser.stopBackground;
      if (!stop) throw new Error('this browser cannot stop its background');
      const recordIds = Array.from({ length: 1_000 }, (_, i) => bulkAccountId(i + 1));
      await signInFromPanel(context, pages.alpine);

      await tab.goto(bulkPageUrl(browser, keyAccountsSelection(recordIds)));
      await waitForPageText(tab, '1000 records from the selection you opened');
      await waitForPageText(tab, 'Territories to remove');
      await tab.clickPageButton('Preview', { timeoutMs: 20_000 });
      await waitForPageText(tab, '1000 records will be sent, in 10 calls');

      // Slow answers, so the restart comes with batches done, one in flight and some left.
      await control.clearLog();
      await control.addFault({ kind: 'latency', method: 'POST', path: REMOVE_PATH, latencyMs: 400, times: 100 });
      await tab.clickPageButton('Start removal');
      await waitFor(
        'three batches removed',
        async () => (await removePosts(control)).filter((post) => ACCEPTED.has(post.status ?? 0)).length >= 3,
        { timeoutMs: 20_000 },
      );
      await control.clearFaults();
      await control.addFault({ kind: 'too-many-requests', method: 'POST', path: REMOVE_PATH, times: 3 });
      await control.addFault({ kind: 'server-error', method: 'POST', path: REMOVE_PATH, times: 1 });
      await control.addFault({ kind: 'latency', method: 'POST', path: REMOVE_PATH, latencyMs: 1_000, times: 100 });
      // The new worker's read of the batch in flight comes after Zoho has processed that batch.
      await control.addFault({ kind: 'latency', method: 'GET', path: '/crm/v8/Accounts', latencyMs: 2_000, times: 20 });
      const beforeStop = await waitFor(
        'the 429s, the 500, then a batch in flight',
        async () => {
          const posts = await removePosts(control);
          const statuses = posts.map((post) => post.status);
          const faultsDone = statuses.filter((s) => s === 429).length === 3 && statuses.includes(500);
          return faultsDone && statuses.includes(null) ? posts : null;
        },
        { timeoutMs: 20_000, intervalMs: 50 },
      );
      await stop();
      const inFlight = beforeStop.filter((post) => post.status === null).flatMap(idsIn);
      expect(beforeStop.filter((post) => ACCEPTED.has(post.status ?? 0)).length).toBeLessThan(10);

      // The page's next poll wakes the worker, which picks the job up where it was.
      const shown = await waitForPageText(tab, 'Removal finished', 45_000);
      expect(shown).toContain('1000 of 1000 records done');
      expect(shown).toMatch(/Removed: 1000\b/);
      await waitFor('the outcome table', async () => (await readOutcomeRows(tab)).length > 0);
      const filters = (await readOutcomeFilters(tab)).map((f) => f.replace(/[,.\u00a0\u202f ](?=\d{3}\b)/g, ''));
      expect(filters).toEqual(['All (1000)', 'Removed (1000)']);

      const posts = await settledRemovePosts(control);
      const accepted = posts.filter((post) => ACCEPTED.has(post.status ?? 0));
      const sent = accepted.flatMap(idsIn);
      expect(sent.length).toBe(new Set(sent).size);
      expect([...sent].sort()).toEqual([...recordIds].sort());
      expect(accepted).toHaveLength(10);
      expect(posts.map((post) => post.status).filter((s) => !ACCEPTED.has(s ?? 0))).toEqual([429, 429, 429, 500]);
      expect(posts).toHaveLength(14);
      // The restarted worker read back the batch that was in flight and did not send it again.
      const readBack = (await control.log({ kind: 'api', path: '/crm/v8/Accounts' }))
        .filter((entry) => entry.method === 'GET' && entry.query.ids !== undefined)
        .flatMap((entry) => entry.query.ids?.split(',') ?? []);
      expect(inFlight.length).toBeGreaterThan(0);
      expect(readBack).toEqual(expect.arrayContaining(inFlight));

      expect(await stillHolding(control, recordIds, TERRITORIES.keyAccounts)).toEqual([]);
      const untouched = [bulkAccountId(1_001), bulkAccountId(1_200)];
      expect(await stillHolding(control, untouched, TERRITORIES.keyAccounts)).toEqual(untouched);
    },
  },
  {
    name: 'bulk: the outcome table shows each record once with what happened; Retry sends only the failed one',
    browsers: CHROMIUM_ONLY,
    async run(context) {
      const { browser, tab, control } = context;
      const [removedFirst, locked, ruleHeld, removedLast] = [1, 2, 3, 4].map(bulkAccountId) as [
        string,
        string,
        string,
        string,
      ];
      await control.setLocked(ORGS.euMain, 'Accounts', locked, true);
      await control.setAssignment(ORGS.euMain, 'Accounts', ruleHeld, TERRITORIES.keyAccounts, 'automatically');
      await signInFromPanel(context, pages.alpine);

      const recordIds = [removedFirst, locked, ruleHeld, removedLast, RECORDS.plainAccount];
      await tab.goto(bulkPageUrl(browser, keyAccountsSelection(recordIds)));
      await waitForPageText(tab, '5 records from the selection you opened');
      await waitForPageText(tab, 'Territories to remove');
      await tab.clickPageButton('Preview', { timeoutMs: 20_000 });
      await waitForPageText(tab, '3 records will be sent, in 1 call');
      await control.clearLog();
      await tab.clickPageButton('Start removal');
      await waitForPageText(tab, 'Removal finished');

      const rows = await waitFor('a row per record', async () => {
        const shown = await readOutcomeRows(tab);
        return shown.length === recordIds.length ? shown : null;
      });
      expect(rows).toEqual([
        { id: removedFirst, outcome: 'Removed' },
        { id: locked, outcome: 'Record locked' },
        { id: ruleHeld, outcome: 'Rule-assigned, skipped' },
        { id: removedLast, outcome: 'Removed' },
        { id: RECORDS.plainAccount, outcome: 'Was not assigned' },
      ]);
      const posts = await settledRemovePosts(control);
      expect(posts.map(idsIn)).toEqual([[removedFirst, locked, removedLast]]);

      await control.setLocked(ORGS.euMain, 'Accounts', locked, false);
      await control.clearLog();
      await tab.clickPageButton('Retry the failed ones (1)');
      const retried = await waitFor(
        'the retry to finish',
        async () => {
          const shown = await readOutcomeRows(tab);
          return shown.length === 1 && (await pageText(tab)).includes('Removal finished') ? shown : null;
        },
        { timeoutMs: 20_000 },
      );
      expect(retried).toEqual([{ id: locked, outcome: 'Removed' }]);
      expect((await settledRemovePosts(control)).map(idsIn)).toEqual([[locked]]);
      expect(await stillHolding(control, [removedFirst, locked, removedLast], TERRITORIES.keyAccounts)).toEqual([]);
      expect(await stillHolding(control, [ruleHeld], TERRITORIES.keyAccounts)).toEqual([ruleHeld]);
    },
  },
];

// Journeys of the bulk page: runs driven like a user, checked against what the stand-in received
// and what it holds afterwards.
import type { ControlClient } from '../../../sandbox/control-client';
import type { RequestLogEntry } from '../../../sandbox/request-log';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES } from '../../../sandbox/scenarios/default';
import { type BulkLink, bulkLinkHash } from '../../../utils/bulk/link';
import { MAX_BULK_RECORDS } from '../../../utils/bulk-protocol';
import type { BrowserTab, ExtensionBrowser } from '../harness/driver';
import { waitFor } from '../harness/wait';
import { CHROMIUM_ONLY, expect, type Journey, pages, signInFromPanel } from './context';

const REMOVE_PATH = '/crm/v8/Accounts/actions/remove_territories';
const ACCEPTED = new Set([200, 202, 207]);

export function bulkPageUrl(browser: ExtensionBrowser, link: Partial<Omit<BulkLink, 'invalidIds'>>): string {
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

export async function waitForPageText(tab: BrowserTab, text: string, timeoutMs = 15_000): Promise<string> {
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

/** What a journey uses of an extension page's `chrome` (the page's own, in its main world). */
interface ExtensionPageApis {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { getBytesInUse(keys: null): Promise<number> } };
}

interface OutcomeRow {
  id: string;
  name: string;
  outcome: string;
}

/** The rows of the outcome table in the DOM (the table renders those in view), as shown. */
function readOutcomeRows(tab: BrowserTab): Promise<OutcomeRow[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('[aria-labelledby="bk-outcomes-heading"] tbody tr:not(.bk-spacer)')].map((row) => ({
      id: row.querySelector('th')?.textContent?.trim() ?? '',
      name: row.querySelectorAll('td')[0]?.textContent?.trim() ?? '',
      outcome: row.querySelectorAll('td')[1]?.textContent?.trim() ?? '',
    })),
  );
}

/** The preview's records: id, name and what the run does with each. */
function readPreviewRows(tab: BrowserTab): Promise<string[][]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('[aria-labelledby="bk-preview-heading"] .bk-scroll tbody tr:not(.bk-spacer)')].map(
      (row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
    ),
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
      // Names come from the preview's own reads: one GET for the five records, no call more.
      const reads = (await control.log({ kind: 'api', path: '/crm/v8/Accounts' })).filter(
        (entry) => entry.method === 'GET' && entry.query.ids !== undefined,
      );
      expect(reads.map((entry) => entry.query.fields)).toEqual(['Territories,Account_Name']);
      expect(await readPreviewRows(tab)).toEqual([
        [removedFirst, 'Key Account 0001', 'Sent'],
        [locked, 'Key Account 0002', 'Sent'],
        [ruleHeld, 'Key Account 0003', 'Skipped: assigned by territory rules'],
        [removedLast, 'Key Account 0004', 'Sent'],
        [RECORDS.plainAccount, 'Plain Paper Ltd', 'Skipped: holds none of the territories'],
      ]);
      await control.clearLog();
      await tab.clickPageButton('Start removal');
      await waitForPageText(tab, 'Removal finished');

      const rows = await waitFor('a row per record', async () => {
        const shown = await readOutcomeRows(tab);
        return shown.length === recordIds.length ? shown : null;
      });
      expect(rows).toEqual([
        { id: removedFirst, name: 'Key Account 0001', outcome: 'Removed' },
        { id: locked, name: 'Key Account 0002', outcome: 'Record locked' },
        { id: ruleHeld, name: 'Key Account 0003', outcome: 'Rule-assigned, skipped' },
        { id: removedLast, name: 'Key Account 0004', outcome: 'Removed' },
        { id: RECORDS.plainAccount, name: 'Plain Paper Ltd', outcome: 'Was not assigned' },
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
      expect(retried).toEqual([{ id: locked, name: 'Key Account 0002', outcome: 'Removed' }]);
      expect((await settledRemovePosts(control)).map(idsIn)).toEqual([[locked]]);
      expect(await stillHolding(control, [removedFirst, locked, removedLast], TERRITORIES.keyAccounts)).toEqual([]);
      expect(await stillHolding(control, [ruleHeld], TERRITORIES.keyAccounts)).toEqual([ruleHeld]);
    },
  },
  {
    name: 'bulk: the most outcomes one run takes open with a few dozen rows in the DOM, scroll, filter and download as one CSV',
    browsers: CHROMIUM_ONLY,
    async run(context) {
      const { browser, tab, control } = context;
      await signInFromPanel(context, pages.alpine);
      await control.clearLog();
      // A run the preview settled entirely (every record holds Key Accounts by rule or not at
      // all), started as the page starts one: it stores MAX_BULK_RECORDS outcomes without a POST.
      const count = MAX_BULK_RECORDS;
      await tab.goto(`${browser.extensionOrigin}/popup.html`);
      const started = await tab.evaluateWith(async (length) => {
        const { runtime, storage } = (globalThis as unknown as { chrome: ExtensionPageApis }).chrome;
        const ids = Array.from({ length }, (_, i) => String(407625000090000000n + BigInt(i + 1)));
        const keyAccounts = '407625000000236061';
        const holdings: Record<string, { id: string; assigned: string }[]> = {};
        const names: Record<string, string> = {};
        ids.forEach((id, i) => {
          holdings[id] = i % 10 === 0 ? [{ id: keyAccounts, assigned: 'automatically' }] : [];
          names[id] = `Record ${String(i + 1).padStart(6, '0')}`;
        });
        const sent = performance.now();
        const answer = (await runtime.sendMessage({
          type: 'bulk.start',
          dataCentre: 'eu',
          sandbox: false,
          orgId: '20079833178',
          module: 'Accounts',
          territoryIds: [keyAccounts],
          recordIds: ids,
          holdings,
          names,
        })) as { ok: boolean; value?: { jobId: string } };
        const startMs = performance.now() - sent;
        return { jobId: answer.value?.jobId ?? null, startMs, bytes: await storage.local.getBytesInUse(null) };
      }, count);
      if (!started.jobId) throw new Error('bulk.start was refused');

      await tab.goto(bulkPageUrl(browser, { jobId: started.jobId }));
      const opened = await tab.evaluate(
        () =>
          new Promise<{ ms: number; nodes: number; rows: number }>((resolve) => {
            const look = () => {
              const rows = document.querySelectorAll(
                '[aria-labelledby="bk-outcomes-heading"] tbody tr:not(.bk-spacer)',
              );
              if (rows.length > 0) {
                resolve({ ms: performance.now(), nodes: document.querySelectorAll('*').length, rows: rows.length });
              } else requestAnimationFrame(look);
            };
            look();
          }),
      );
      expect(opened.rows).toBeLessThan(40);
      expect(opened.nodes).toBeLessThan(1_000);
      expect((await readOutcomeRows(tab))[0]).toEqual({
        id: bulkAccountId(1),
        name: 'Record 000001',
        outcome: 'Rule-assigned, skipped',
      });
      const filters = (await readOutcomeFilters(tab)).map((f) => f.replace(/[,.\u00a0\u202f ](?=\d{3}\b)/g, ''));
      expect(filters).toEqual([
        `All (${count})`,
        `Was not assigned (${count * 0.9})`,
        `Rule-assigned, skipped (${count / 10})`,
      ]);

      // Scrolled through in steps of 2,000 px a frame: each frame's time, and the rows at the middle.
      const scrolled = await tab.evaluateWith(
        (middleRow) =>
          new Promise<{ frames: number[]; middle: string[] }>((resolve) => {
            const view = document.querySelector('[aria-labelledby="bk-outcomes-heading"] .bk-scroll') as HTMLElement;
            const frames: number[] = [];
            let last = performance.now();
            let step = 0;
            const next = (now: number) => {
              frames.push(now - last);
              last = now;
              if (++step <= 120) {
                view.scrollTop += 2_000;
                requestAnimationFrame(next);
                return;
              }
              const rowHeight = view.querySelector('tbody tr:not(.bk-spacer)')?.getBoundingClientRect().height ?? 0;
              view.scrollTop = rowHeight * middleRow;
              requestAnimationFrame(() =>
                requestAnimationFrame(() =>
                  resolve({
                    frames: frames.slice(1),
                    middle: [...view.querySelectorAll('tbody tr:not(.bk-spacer) th')].map((th) => th.textContent ?? ''),
                  }),
                ),
              );
            };
            requestAnimationFrame(next);
          }),
        count / 2,
      );
      expect(scrolled.middle).toContain(bulkAccountId(count / 2 + 1));
      expect(scrolled.middle.length).toBeLessThan(40);

      const filtered = await tab.evaluate(
        () =>
          new Promise<{ ms: number; first: string }>((resolve) => {
            const select = document.querySelector(
              '[aria-labelledby="bk-outcomes-heading"] select',
            ) as HTMLSelectElement;
            const firstShown = () =>
              document.querySelector('[aria-labelledby="bk-outcomes-heading"] tbody tr:not(.bk-spacer) th')
                ?.textContent ?? '';
            const before = firstShown();
            const start = performance.now();
            select.value = 'rule-assigned';
            select.dispatchEvent(new Event('change', { bubbles: true }));
            // The first frame that shows the filtered list: it must show the list's top.
            const look = () => {
              const first = firstShown();
              if (first !== before || performance.now() - start > 5_000)
                resolve({ ms: performance.now() - start, first });
              else requestAnimationFrame(look);
            };
            requestAnimationFrame(look);
          }),
      );
      expect(filtered.first).toBe(bulkAccountId(1));
      expect((await readOutcomeRows(tab)).map((row) => row.id).slice(0, 3)).toEqual([1, 11, 21].map(bulkAccountId));

      // The download is the page's own: the CSV handed to the browser holds every record.
      await tab.evaluate(() => {
        const made = URL.createObjectURL;
        const page = window as unknown as { csvBlob?: Blob; csvStart?: number };
        page.csvStart = performance.now();
        URL.createObjectURL = (blob: Blob | MediaSource) => {
          if (blob instanceof Blob) page.csvBlob = blob;
          return made.call(URL, blob);
        };
      });
      await tab.clickPageButton('Download CSV');
      const csv = await waitFor('the CSV', () =>
        tab.evaluate(async () => {
          const page = window as unknown as { csvBlob?: Blob; csvStart?: number };
          if (!page.csvBlob) return null;
          const ms = performance.now() - (page.csvStart ?? 0);
          const text = await page.csvBlob.text();
          const lines = text.split('\r\n');
          return { ms, bytes: page.csvBlob.size, lines: lines.length - 1, second: lines[1] ?? '' };
        }),
      );
      expect(csv.lines).toBe(count + 1);
      expect(csv.second.startsWith(`${bulkAccountId(1)},Record 000001,"Rule-assigned, skipped"`)).toBe(true);
      expect((await control.log({ kind: 'api', path: REMOVE_PATH })).length).toBe(0);

      const sorted = [...scrolled.frames].sort((a, b) => a - b);
      console.info(
        `outcome table ${count}: open ${Math.round(opened.ms)} ms (page load to first row), ${opened.nodes} DOM nodes, ` +
          `${opened.rows} rows rendered; scroll frames median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, ` +
          `max ${sorted.at(-1)?.toFixed(1)} ms; filter ${Math.round(filtered.ms)} ms; ` +
          `CSV ${(csv.bytes / 1e6).toFixed(1)} MB in ${Math.round(csv.ms)} ms (click to file); ` +
          `bulk.start answered in ${Math.round(started.startMs)} ms; ` +
          `storage.local ${(started.bytes / 1e6).toFixed(2)} MB after the job was stored`,
      );
    },
  },
];

// `npm run bench:bulk -- --chromium [--size 10000] [--latency 100]`
//
// The built extension in headless Chromium (real service worker, real storage.local) removes Key
// Accounts from N records of the stand-in's `bulk` scenario, every API call slowed by `latency`
// ms, at concurrency 3, 5 and 10 (the stand-in's concurrency limit raised for 10): the preview's
// reads, then the run, driven by the bulk page's own messages from an extension page. For each it
// prints the time from the preview to the job's end, the limit (rounds of calls × latency: the
// preview's reads, 3 at once whatever the run's concurrency, and the removals) and their ratio.
// The last line is the one for concurrency 3.
import { createControlClient } from '../sandbox/control-client';
import { bulkAccountId, ORGS, TERRITORIES } from '../sandbox/scenarios/default';
import { startStandIn } from '../sandbox/server';
import { launchChromium } from '../tests/e2e/harness/chromium';
import type { BrowserTab } from '../tests/e2e/harness/driver';
import { waitFor } from '../tests/e2e/harness/wait';
import { pages, signInFromPanel } from '../tests/e2e/journeys/context';
import { PREVIEW_READ_CONCURRENCY } from '../utils/background/bulk-requests';
import { MAX_BATCH_SIZE } from '../utils/bulk/job';
import { READ_CHUNK_SIZE } from '../utils/bulk/plan';
import type { BulkRequest, BulkResponseOf } from '../utils/bulk-protocol';
import { buildForStandIn } from './build-for-stand-in';

interface ChromeRuntime {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

const ORG = { dataCentre: 'eu', sandbox: false, orgId: ORGS.euMain } as const;

function ask<R extends BulkRequest>(tab: BrowserTab, request: R): Promise<BulkResponseOf[R['type']]> {
  return tab.evaluateWith(
    (message) => (globalThis as unknown as ChromeRuntime).chrome.runtime.sendMessage(message),
    request,
  ) as Promise<BulkResponseOf[R['type']]>;
}

export interface ChromiumMeasurement {
  concurrency: number;
  seconds: number;
  limitSeconds: number;
  ratio: number;
  removed: number;
  /** of `seconds`, the preview's reads */
  previewSeconds: number;
  /** of `seconds`, from the preview's answer to `bulk.start`'s (the job checked, built and stored) */
  startSeconds: number;
}

/** Rounds of calls: the preview's reads (PREVIEW_READ_CONCURRENCY at once), then the removals (`concurrency`). */
export function limitSeconds(size: number, concurrency: number, latencyMs: number): number {
  const reads = Math.ceil(size / READ_CHUNK_SIZE);
  const removals = Math.ceil(size / MAX_BATCH_SIZE);
  return ((Math.ceil(reads / PREVIEW_READ_CONCURRENCY) + Math.ceil(removals / concurrency)) * latencyMs) / 1000;
}

export async function benchInChromium(options: {
  size: number;
  latencyMs: number;
  concurrencies: readonly number[];
  skipBuild: boolean;
}): Promise<ChromiumMeasurement[]> {
  if (!options.skipBuild) buildForStandIn(['chrome']);
  const standIn = await startStandIn({ port: 0, controlPort: 0, scenario: 'bulk' });
  const control = createControlClient(standIn.controlUrl);
  const recordIds = Array.from({ length: options.size }, (_, i) => bulkAccountId(i + 1));
  const measurements: ChromiumMeasurement[] = [];
  try {
    for (const concurrency of options.concurrencies) {
      await control.reset('bulk');
      await control.setConfig({ concurrencyLimit: Math.max(10, concurrency + 2) });
      const browser = await launchChromium(standIn.port);
      try {
        const { tab } = browser;
        await signInFromPanel({ browser, tab, control }, pages.alpine);
        await tab.goto(`${browser.extensionOrigin}/options.html`);
        await control.addFault({ kind: 'latency', host: 'zohoapis', latencyMs: options.latencyMs, times: 1_000_000 });

        // The preview and the start stay in the page, as on the bulk page: only times come back.
        const territoryIds = [TERRITORIES.keyAccounts];
        const begun = await tab.evaluateWith(
          async ({ org, territoryIds, recordIds, concurrency }) => {
            const { runtime } = (globalThis as unknown as ChromeRuntime).chrome;
            const startedAt = Date.now();
            const preview = (await runtime.sendMessage({
              type: 'bulk.preview',
              ...org,
              module: 'Accounts',
              territoryIds,
              recordIds,
            })) as BulkResponseOf['bulk.preview'];
            if (!preview.ok) return { error: `preview failed: ${preview.error.code}` };
            const previewedAt = Date.now();
            const start = (await runtime.sendMessage({
              type: 'bulk.start',
              ...org,
              module: 'Accounts',
              territoryIds,
              recordIds,
              holdings: preview.value.holdings,
              names: preview.value.names,
              concurrency,
            })) as BulkResponseOf['bulk.start'];
            if (!start.ok) return { error: `start failed: ${start.error.code}` };
            return { startedAt, previewedAt, runAt: Date.now(), jobId: start.value.jobId };
          },
          { org: ORG, territoryIds, recordIds, concurrency },
        );
        if ('error' in begun) throw new Error(begun.error);
        const { startedAt: started, previewedAt: previewed, runAt, jobId } = begun;
        const done = await waitFor(
          'the run to finish',
          async () => {
            const status = await ask(tab, { type: 'bulk.status', jobId });
            if (!status.ok) throw new Error(`status failed: ${status.error.code}`);
            return status.value.status === 'finished' ? status.value : null;
          },
          { timeoutMs: 600_000, intervalMs: 250 },
        );
        const seconds = ((done.finishedAt ?? Date.now()) - started) / 1000;
        const previewSeconds = (previewed - started) / 1000;
        const limit = limitSeconds(options.size, concurrency, options.latencyMs);
        measurements.push({
          concurrency,
          seconds,
          limitSeconds: limit,
          ratio: seconds / limit,
          removed: done.progress.counts.removed,
          previewSeconds,
          startSeconds: (runAt - previewed) / 1000,
        });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await standIn.close();
  }
  return measurements;
}

export function chromiumFigures(m: ChromiumMeasurement): string {
  return `${m.seconds.toFixed(1)} s, limit ${m.limitSeconds.toFixed(1)} s, ratio ${m.ratio.toFixed(2)}`;
}

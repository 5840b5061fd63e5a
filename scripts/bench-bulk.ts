// `npm run bench:bulk [-- --sizes 1000,10000] [-- --concurrency 3] [-- --latency 100]`
// `npm run bench:bulk -- --chromium [--skip-build]`: the built extension in Chromium instead
// (bench-bulk-chromium.ts); the rest of this header is about the run in Node.
//
// Removes Key Accounts from N records of the local Zoho stand-in, every API call slowed by
// `latency` ms, two ways at the same concurrency:
//   bulk engine      the background's own bulk code run in Node (request handler, job manager,
//                    runner, Zoho client): a preview read, then 100 records per remove call;
//   one per record   the panel's call, POST …/{id}/actions/remove_territories, once per record.
// API calls are counted from the stand-in's request log. A size the stand-in has not that many
// records for is not measured; the virtual-time simulation of the engine is printed for every size.
import { parseArgs } from 'node:util';
import type { IssuedTokenAnswer } from '../sandbox/control';
import { createControlClient } from '../sandbox/control-client';
import { DEMO_CLIENT_ID, ORGS, TERRITORIES, USERS } from '../sandbox/scenarios/default';
import { startStandIn } from '../sandbox/server';
import { ZOHO_SCOPES } from '../utils/auth/authorize';
import { createTokenStore } from '../utils/auth/token-store';
import { createBulkBackground } from '../utils/background/bulk-setup';
import { createBackgroundAuth } from '../utils/background/setup';
import { simulateBulkRun } from '../utils/bulk/bench';
import { BULK_DEFAULTS } from '../utils/bulk/job';
import type { BulkRequest, BulkResponseFor } from '../utils/bulk-protocol';
import { type CredentialSource, createZohoClient, type ZohoClient } from '../utils/zoho/client';
import { memoryStorageArea } from '../utils/zoho/memory-storage-area';
import { listRecordIdsInTerritory } from '../utils/zoho/records';
import { removeTerritory } from '../utils/zoho/territories';
import { benchInChromium, chromiumFigures } from './bench-bulk-chromium';
import { standInFetch } from './stand-in-fetch';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    concurrency: { type: 'string', default: String(BULK_DEFAULTS.concurrency) },
    latency: { type: 'string', default: '100' },
    chromium: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const concurrency = Number(values.concurrency);
const latencyMs = Number(values.latency);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(concurrency >= 1) || !(latencyMs >= 0)) {
  throw new Error('--sizes takes whole numbers, --concurrency at least 1, --latency 0 or more');
}

if (values.chromium) {
  const size = 10_000;
  const concurrencies = [3, 5, 10];
  console.log(`Built extension in headless Chromium: ${size} records, every API call +${latencyMs} ms.`);
  const measured = await benchInChromium({ size, latencyMs, concurrencies, skipBuild: values['skip-build'] });
  for (const m of measured) {
    const preview = `preview ${m.previewSeconds.toFixed(1)} s, start ${m.startSeconds.toFixed(1)} s`;
    console.log(`concurrency ${m.concurrency}, ${m.removed} removed, ${preview}: ${chromiumFigures(m)}`);
  }
  const three = measured.find((m) => m.concurrency === 3);
  if (three) console.log(`bulk chromium ${size}: ${chromiumFigures(three)}`);
  process.exit(0);
}

const ORG = { dataCentre: 'eu', sandbox: false, orgId: ORGS.euMain } as const;
const MODULE = 'Accounts';
const TERRITORY = TERRITORIES.keyAccounts;
const BULK_PAGE = { id: 'bench', url: 'chrome-extension://bench/bulk.html' };

const standIn = await startStandIn({ port: 0, controlPort: 0 });
const control = createControlClient(standIn.controlUrl);
const fetch = standInFetch(standIn.port);

function issueToken(): Promise<IssuedTokenAnswer> {
  return control.issueToken({
    dataCentre: 'eu',
    userId: USERS.anna,
    scopes: [...ZOHO_SCOPES],
    clientId: DEMO_CLIENT_ID,
  });
}

function clientWith(token: IssuedTokenAnswer): ZohoClient {
  const credentials = { accessToken: token.access_token, apiOrigin: token.api_domain };
  const source: CredentialSource = {
    current: async () => credentials,
    renew: () => Promise.reject(new Error('the benchmark token was rejected')),
    discard: async () => undefined,
  };
  return createZohoClient({ credentials: source, orgId: ORG.orgId, fetch });
}

/** Fresh scenario, a token, every API call slowed down, an empty log. */
async function prepare(scenario: string): Promise<IssuedTokenAnswer> {
  await control.reset(scenario);
  const token = await issueToken();
  await control.addFault({ kind: 'latency', host: 'zohoapis', latencyMs, times: 1_000_000 });
  return token;
}

interface Measurement {
  records: number;
  method: string;
  reads: number;
  removals: number;
  wallMs: number;
  removed: number;
  /** records still holding the territory afterwards, by the API's listing */
  stillHolding: number;
}

async function apiCalls(): Promise<{ reads: number; removals: number }> {
  const entries = await control.log({ kind: 'api' });
  return {
    reads: entries.filter((entry) => entry.method === 'GET').length,
    removals: entries.filter((entry) => entry.method === 'POST').length,
  };
}

async function stillHolding(token: IssuedTokenAnswer, recordIds: readonly string[]): Promise<number> {
  const listed = await listRecordIdsInTerritory(clientWith(token), MODULE, TERRITORY, 1_000_000);
  const asked = new Set(recordIds);
  return listed.recordIds.filter((id) => asked.has(id)).length;
}

async function runBulkEngine(scenario: string, recordIds: string[]): Promise<Measurement> {
  const token = await prepare(scenario);
  const session = memoryStorageArea();
  await createTokenStore(session).save({
    dataCentre: 'eu',
    accessToken: token.access_token,
    expiresAt: Date.now() + token.expires_in * 1000,
    apiDomain: token.api_domain,
    scopes: [...ZOHO_SCOPES],
  });
  const apis = {
    extension: { id: BULK_PAGE.id, baseUrl: 'chrome-extension://bench/' },
    identity: {
      getRedirectURL: (path?: string) => `https://bench.chromiumapp.org/${path ?? ''}`,
      launchWebAuthFlow: () => Promise.reject(new Error('no sign-in during the benchmark')),
    },
    session,
    local: memoryStorageArea(),
    buildClientId: DEMO_CLIENT_ID,
    fetch,
  };
  const bulk = createBulkBackground(apis, createBackgroundAuth(apis));
  // The handler answers each request type with its own Result; its signature joins them.
  const ask = <R extends BulkRequest>(request: R) => bulk.handle(request, BULK_PAGE) as Promise<BulkResponseFor<R>>;

  const started = performance.now();
  const preview = await ask({ type: 'bulk.preview', ...ORG, module: MODULE, territoryIds: [TERRITORY], recordIds });
  if (!preview.ok) throw new Error(`preview failed: ${preview.error.code}`);
  const start = await ask({
    type: 'bulk.start',
    ...ORG,
    module: MODULE,
    territoryIds: [TERRITORY],
    recordIds,
    holdings: preview.value.holdings,
    concurrency,
  });
  if (!start.ok) throw new Error(`start failed: ${start.error.code}`);
  await bulk.jobs.idle();
  const wallMs = performance.now() - started;

  const status = await ask({ type: 'bulk.status', jobId: start.value.jobId });
  if (!status.ok) throw new Error(`status failed: ${status.error.code}`);
  const calls = await apiCalls();
  return {
    records: recordIds.length,
    method: `bulk engine (${BULK_DEFAULTS.batchSize} a call)`,
    ...calls,
    wallMs,
    removed: status.value.progress.counts.removed,
    stillHolding: await stillHolding(token, recordIds),
  };
}

async function runOnePerRecord(scenario: string, recordIds: string[]): Promise<Measurement> {
  const token = await prepare(scenario);
  const client = clientWith(token);
  let next = 0;
  let removed = 0;
  const worker = async () => {
    for (let index = next++; index < recordIds.length; index = next++) {
      const recordId = recordIds[index] as string;
      const outcome = await removeTerritory(client, { module: MODULE, recordId }, TERRITORY).catch(() => null);
      if (outcome?.outcome === 'done') removed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const calls = await apiCalls();
  return {
    records: recordIds.length,
    method: 'one call per record',
    ...calls,
    wallMs,
    removed,
    stillHolding: await stillHolding(token, recordIds),
  };
}

/** For each scenario of the stand-in, the records holding the territory. */
async function recordsByScenario(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const scenario of (await control.scenarios()).names) {
    await control.reset(scenario);
    const listed = await listRecordIdsInTerritory(clientWith(await issueToken()), MODULE, TERRITORY, 1_000_000);
    found.set(scenario, listed.recordIds);
  }
  return found;
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

try {
  console.log(`Stand-in on 127.0.0.1:${standIn.port}; every API call +${latencyMs} ms; ${concurrency} calls at once.`);
  const available = await recordsByScenario();
  const measured: Measurement[] = [];
  const notMeasured: string[] = [];
  for (const size of sizes) {
    const scenario = [...available].find(([, ids]) => ids.length >= size);
    if (!scenario) {
      const most = Math.max(0, ...[...available.values()].map((ids) => ids.length));
      notMeasured.push(`${count(size)} records: the stand-in's scenarios hold at most ${count(most)} in Key Accounts`);
      continue;
    }
    const [name, ids] = scenario;
    const recordIds = ids.slice(0, size);
    console.log(`Measuring ${count(size)} records (scenario "${name}")…`);
    measured.push(await runBulkEngine(name, recordIds));
    measured.push(await runOnePerRecord(name, recordIds));
  }

  console.log('\nMeasured against the stand-in:');
  printTable(
    ['records', 'method', 'API calls', 'reads', 'removals', 'wall time', 'records/s', 'removed', 'still holding'],
    measured.map((m) => [
      count(m.records),
      m.method,
      count(m.reads + m.removals),
      count(m.reads),
      count(m.removals),
      seconds(m.wallMs),
      count(Math.round((m.removed * 1000) / m.wallMs)),
      count(m.removed),
      count(m.stillHolding),
    ]),
  );
  for (const line of notMeasured) console.log(`Not measured: ${line}.`);

  console.log(`\nThe engine simulated in virtual time (in-memory org, ${latencyMs} ms a call, no preview read):`);
  const simulated = await Promise.all(sizes.map((records) => simulateBulkRun({ records, latencyMs, concurrency })));
  printTable(
    ['records', 'removals', 'reads', 'duration', 'one call per record, same pace'],
    simulated.map((run) => [
      count(run.records),
      count(run.removeCalls),
      count(run.readCalls),
      seconds(run.durationMs),
      `${count(run.records)} calls, ≥ ${seconds(Math.ceil(run.records / concurrency) * latencyMs)}`,
    ]),
  );
} finally {
  await standIn.close();
}

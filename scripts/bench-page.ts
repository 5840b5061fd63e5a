// `npm run bench:page [-- --runs 7] [-- --baseline <dir with chrome-mv3>] [-- --build name=<dir> …]
//   [-- --page <part of a page's name>] [-- --skip-build]`
//
// What the extension adds to Zoho's pages, measured in headless Chromium against the local
// stand-in: the same pages opened without the extension and with the built one (and with another
// build, `--baseline`, e.g. an earlier commit's), interleaved page by page and run by run. For each
// page it prints the medians over the runs of the script time and the JS heap the extension adds
// (Chromium's own Performance.getMetrics of the page: ScriptDuration and JSHeapUsedSize after a
// garbage collection, the extension's isolated worlds included), and the bytes each build injects.
// The extension is signed in, so a record page shows its rows.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { INSTANCE_NAMES, ORGS, RECORDS } from '../sandbox/scenarios/default';
import { startStandIn } from '../sandbox/server';
import { CHROMIUM_BUILD, CHROMIUM_PATH, chromiumArgs, wrapPage } from '../tests/e2e/harness/chromium';
import { rows } from '../tests/e2e/journeys/context';
import { buildForStandIn } from './build-for-stand-in';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    baseline: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    // More builds side by side, each `name=<dir with chrome-mv3>` (e.g. an experiment).
    build: { type: 'string', multiple: true, default: [] },
    page: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number');

const EU = `https://crm.zoho.eu/crm/org${ORGS.euMain}`;
const PAGES = [
  { name: 'Home', url: `${EU}/tab/Home/begin`, record: false },
  { name: 'list view', url: `${EU}/tab/Accounts`, record: false },
  { name: 'record page', url: `${EU}/tab/Accounts/${RECORDS.alpineAccount}`, record: true },
  {
    name: 'Zoho One (record + 3 CRM Home frames)',
    url: `https://one.zoho.eu/zohoone/${INSTANCE_NAMES.euMain}/home/cxapp/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.alpineAccount}?widgets=3`,
    record: true,
  },
] as const;
/** After load: time for the loader, the injection and the panel's first paint and read to finish. */
const SETTLE_MS = 1_500;

interface Variant {
  name: string;
  dir: string | null;
  context?: BrowserContext;
  profile?: string;
}

interface Sample {
  scriptMs: number;
  heapKb: number;
}

if (!values['skip-build']) buildForStandIn(['chrome']);
const standIn = await startStandIn({ port: 0, controlPort: 0 });
const variants: Variant[] = [
  { name: 'without', dir: null },
  { name: 'this build', dir: CHROMIUM_BUILD },
  ...(values.baseline ? [{ name: 'baseline', dir: resolve(values.baseline, 'chrome-mv3') }] : []),
  ...(values.build ?? []).map((named) => {
    const [name = '', dir = ''] = named.split('=');
    if (!name || !dir) throw new Error('--build takes name=<dir>');
    return { name, dir: resolve(dir, 'chrome-mv3') };
  }),
];
const pages = PAGES.filter((page) => !values.page || page.name.includes(values.page));

async function measure(context: BrowserContext, url: string, panelRows: boolean): Promise<Sample> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  if (panelRows) await panelShown(page);
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await page.close();
  return { scriptMs: metric('ScriptDuration') * 1000, heapKb: metric('JSHeapUsedSize') / 1024 };
}

/** With an extension, its rows; without, nothing to wait for. */
async function panelShown(page: Page): Promise<void> {
  const frames = page.frames();
  for (const frame of frames) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const shown = await frame
        .evaluate(() => document.querySelector('territory-panel')?.shadowRoot?.querySelector('[data-territory-id]'))
        .then(Boolean)
        .catch(() => false);
      if (shown) return;
      if (!(await frame.evaluate(() => location.pathname.includes('/tab/Accounts/')).catch(() => false))) break;
      await page.waitForTimeout(50);
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

type Bytes = [raw: number, gzip: number];

async function injectedBytes(dir: string): Promise<{ loader: Bytes; panel: Bytes; list: Bytes }> {
  const size = async (file: string): Promise<Bytes> => {
    const bytes = await readFile(join(dir, file)).catch(() => null);
    return bytes ? [bytes.length, gzipSync(bytes, { level: 9 }).length] : [0, 0];
  };
  const sum = (a: Bytes, b: Bytes): Bytes => [a[0] + b[0], a[1] + b[1]];
  return {
    loader: await size('zoho-crm-loader.js'),
    // Builds before the loader carried their CSS in a file of its own.
    panel: sum(await size('content-scripts/zoho-crm.js'), await size('content-scripts/zoho-crm.css')),
    list: await size('content-scripts/zoho-crm-list.js'),
  };
}

try {
  for (const variant of variants) {
    variant.profile = await mkdtemp(join(tmpdir(), 'tp-bench-'));
    variant.context = await chromium.launchPersistentContext(variant.profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: chromiumArgs(variant.dir, standIn.port),
    });
    if (variant.dir) {
      // Signed in, as users are: the record page reads and lists its territories.
      const page = await variant.context.newPage();
      const tab = wrapPage(page);
      await tab.goto(PAGES[2].url);
      // The stand-in asks for consent once per user and client; a second build is let through at once.
      const consent = variant.context
        .waitForEvent('page', { timeout: 15_000 })
        .then((window) => wrapPage(window).clickPage('#accept'))
        .catch(() => undefined);
      await tab.clickPanelButton('Sign in to Zoho CRM');
      await Promise.race([consent, rows(tab)]);
      await rows(tab);
      await page.close();
    }
  }

  const samples = new Map<string, Sample[]>();
  for (let run = 0; run < runs; run++) {
    for (const page of pages) {
      // Interleaved: every variant opens the page once per run, the order turning with the run.
      const order = [...variants.slice(run % variants.length), ...variants.slice(0, run % variants.length)];
      for (const variant of order) {
        if (!variant.context) continue;
        const sample = await measure(variant.context, page.url, page.record && variant.dir !== null);
        const key = `${page.name}|${variant.name}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    }
  }

  console.log(`Medians of ${runs} interleaved runs per page; "added" is with the extension minus without.\n`);
  console.log('| page | build | script time added | ratio to the baseline | JS heap added |');
  console.log('| --- | --- | --- | --- | --- |');
  const added = (page: string, variant: string, of: (sample: Sample) => number) => {
    const base = samples.get(`${page}|without`) ?? [];
    return median((samples.get(`${page}|${variant}`) ?? []).map((s, i) => of(s) - of(base[i] ?? s)));
  };
  for (const page of pages) {
    for (const variant of variants.filter((v) => v.dir)) {
      const script = added(page.name, variant.name, (s) => s.scriptMs);
      const heap = added(page.name, variant.name, (s) => s.heapKb);
      // Both measured in this run, page by page: the ratio holds where absolute times drift.
      const ratio = values.baseline ? (script / added(page.name, 'baseline', (s) => s.scriptMs)).toFixed(2) : '—';
      console.log(`| ${page.name} | ${variant.name} | ${script.toFixed(1)} ms | ${ratio} | ${heap.toFixed(0)} KB |`);
    }
  }
  console.log('\n| build | loader on every CRM page | panel on record pages | selection bar on list views |');
  console.log('| --- | --- | --- | --- |');
  const kb = ([raw, gzip]: Bytes) =>
    raw ? `${(raw / 1024).toFixed(1)} KB / ${(gzip / 1024).toFixed(1)} KB gzip` : '—';
  for (const variant of variants) {
    if (!variant.dir) continue;
    const bytes = await injectedBytes(variant.dir);
    // Before the loader, the panel's code, selection bar included, was on every CRM page.
    console.log(
      `| ${variant.name} | ${kb(bytes.loader)} | ${kb(bytes.panel)} | ${bytes.list[0] ? kb(bytes.list) : 'in the panel'} |`,
    );
  }
} finally {
  for (const variant of variants) {
    await variant.context?.close().catch(() => undefined);
    if (variant.profile) await rm(variant.profile, { recursive: true, force: true });
  }
  await standIn.close();
}

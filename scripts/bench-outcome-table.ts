// `npm run bench:table`
//
// Renders the bulk page's outcome table (components/bulk/OutcomeTable.tsx) in happy-dom for 1,000,
// 10,000 and 100,000 records side by side, and prints for each the time to the first render, to a
// filter change and to a scroll to the middle (medians of five runs), and the table's DOM nodes. The ratios against
// 1,000 records show what the size of a job costs the table itself; the time a real page takes to
// read the job from the background and storage is measured by the e2e journey of the most outcomes one run takes.
import { Window } from 'happy-dom';

const window = new Window({ width: 1280, height: 900 });
Object.assign(globalThis, {
  window,
  document: window.document,
  requestAnimationFrame: (callback: (time: number) => void) => setTimeout(() => callback(performance.now()), 0),
  cancelAnimationFrame: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  Event: window.Event,
});

const { h, render } = await import('preact');
const { act } = await import('preact/test-utils');
const { OutcomeTable } = await import('../components/bulk/OutcomeTable');
const { WINDOWED_ROW_HEIGHT } = await import('../components/bulk/WindowedTable');
type Row = import('../utils/bulk/progress').BulkRecordRow;

function rowsOf(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(407625000090000001n + BigInt(i)),
    name: `Key Account ${String(i + 1).padStart(6, '0')}`,
    territoryIds: ['407625000000236061'],
    outcome: i % 10 === 0 ? { kind: 'error', code: 'RECORD_LOCKED' } : { kind: 'removed' },
  }));
}

async function timed(action: () => void | Promise<void>): Promise<number> {
  const start = performance.now();
  await act(action);
  return performance.now() - start;
}

const frame = () => new Promise((resolve) => setTimeout(resolve, 0));
type Result = { count: number; open: number; filter: number; scroll: number; nodes: number; rows: number };

async function measure(count: number): Promise<Result> {
  const rows = rowsOf(count);
  const host = window.document.createElement('div');
  window.document.body.appendChild(host);
  const open = await timed(() => render(h(OutcomeTable, { rows, recordUrl: () => null, locale: 'en' }), host as never));
  const nodes = host.querySelectorAll('*').length;
  const rendered = host.querySelectorAll('tbody tr:not(.bk-spacer)').length;
  const view = host.querySelector('.bk-scroll') as unknown as HTMLElement;
  const scroll = await timed(async () => {
    view.scrollTop = WINDOWED_ROW_HEIGHT * (count / 2);
    view.dispatchEvent(new window.Event('scroll') as unknown as Event);
    await frame();
  });
  const select = host.querySelector('select') as unknown as HTMLSelectElement;
  const filter = await timed(() => {
    select.value = 'attention';
    select.dispatchEvent(new window.Event('change', { bubbles: true }) as unknown as Event);
  });
  render(null, host as never);
  host.remove();
  return { count, open, filter, scroll, nodes, rows: rendered };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

await measure(1_000); // warm-up: the first render also compiles the code
const results: Result[] = [];
for (const count of [1_000, 10_000, 100_000]) {
  const runs: Result[] = [];
  for (let run = 0; run < 5; run++) runs.push(await measure(count));
  results.push({
    ...(runs[0] as Result),
    open: median(runs.map((r) => r.open)),
    filter: median(runs.map((r) => r.filter)),
    scroll: median(runs.map((r) => r.scroll)),
  });
}

const base = results[0];
for (const r of results) {
  const ratio = base ? (r.open / base.open).toFixed(1) : '1.0';
  console.log(
    `outcome table ${r.count}: first render ${r.open.toFixed(0)} ms (×${ratio} of 1000), filter ${r.filter.toFixed(0)} ms, ` +
      `scroll to the middle ${r.scroll.toFixed(0)} ms, ${r.nodes} DOM nodes, ${r.rows} rows rendered`,
  );
}
await window.happyDOM.close();

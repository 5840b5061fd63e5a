import { useId, useMemo, useState } from 'preact/hooks';
import { plural } from '@/utils/bulk/format';
import { type BulkDirection, OUTCOME_KINDS, type OutcomeKind, RETRYABLE_OUTCOMES } from '@/utils/bulk/job';
import { OUTCOME_LABELS, outcomeSentence } from '@/utils/bulk/outcomes';
import type { BulkRecordRow } from '@/utils/bulk/progress';
import { type WindowedColumn, WindowedTable } from './WindowedTable';

const COLUMNS: readonly WindowedColumn[] = [
  { label: 'Record', colClass: 'bk-col-id' },
  { label: 'Name', colClass: 'bk-col-name' },
  { label: 'Outcome', colClass: 'bk-col-outcome' },
  { label: 'Details' },
];

type Filter = 'all' | 'attention' | OutcomeKind | 'waiting';

export interface OutcomeTableProps {
  rows: readonly BulkRecordRow[];
  /** what the run did: the sentences of a put-back differ */
  direction?: BulkDirection;
  /** the record in Zoho CRM, or null when its address cannot be made */
  recordUrl: (recordId: string) => string | null;
  locale?: string;
}

function matches(row: BulkRecordRow, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'waiting') return row.outcome === null;
  if (filter === 'attention') return row.outcome !== null && RETRYABLE_OUTCOMES.includes(row.outcome.kind);
  return row.outcome?.kind === filter;
}

function countsOf(rows: readonly BulkRecordRow[]): Map<Filter, number> {
  const counts = new Map<Filter, number>();
  const add = (filter: Filter) => counts.set(filter, (counts.get(filter) ?? 0) + 1);
  for (const row of rows) {
    if (row.outcome === null) add('waiting');
    else {
      add(row.outcome.kind);
      if (RETRYABLE_OUTCOMES.includes(row.outcome.kind)) add('attention');
    }
  }
  return counts;
}

function detailsOf(row: BulkRecordRow, direction: BulkDirection): string {
  if (!row.outcome) return '';
  const code = row.outcome.kind === 'error' || row.outcome.kind === 'no-permission' ? ` Code: ${row.outcome.code}` : '';
  return `${outcomeSentence(row.outcome, direction)}${code}`;
}

/**
 * Every record and what happened to it, filterable. Only the rows in view are rendered (a window
 * over the filtered list), so 100,000 records open and scroll like 20; the CSV has them all.
 */
export function OutcomeTable({ rows, direction = 'remove', recordUrl, locale }: OutcomeTableProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const filterId = useId();
  const counts = useMemo(() => countsOf(rows), [rows]);
  const filtered = useMemo(
    () => (filter === 'all' ? rows : rows.filter((row) => matches(row, filter))),
    [rows, filter],
  );
  const options: [Filter, string][] = [
    ['all', `All (${rows.length})`],
    ...(counts.get('attention')
      ? [['attention', `Needing attention (${counts.get('attention')})`] as [Filter, string]]
      : []),
    ...OUTCOME_KINDS.filter((kind) => counts.get(kind)).map((kind): [Filter, string] => [
      kind,
      `${OUTCOME_LABELS[kind]} (${counts.get(kind)})`,
    ]),
    ...(counts.get('waiting') ? [['waiting', `Waiting (${counts.get('waiting')})`] as [Filter, string]] : []),
  ];

  return (
    <div class="bk-stack">
      <div class="bk-row">
        <label for={filterId}>Show</label>
        <select
          id={filterId}
          class="bk-input"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value as Filter)}
        >
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <span class="bk-muted">{plural(filtered.length, 'record', 'records', locale)}</span>
      </div>
      <WindowedTable
        caption="Outcome of each record"
        columns={COLUMNS}
        count={filtered.length}
        resetKey={filtered}
        renderRow={(index) => {
          const row = filtered[index] as BulkRecordRow;
          const url = recordUrl(row.id);
          const details = detailsOf(row, direction);
          return (
            <tr
              key={row.id}
              aria-rowindex={index + 2}
              class={row.outcome ? `bk-outcome-${row.outcome.kind}` : undefined}
            >
              <th scope="row" class="bk-mono">
                {url ? (
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {row.id}
                  </a>
                ) : (
                  row.id
                )}
              </th>
              <td class="bk-wrap" title={row.name ?? undefined}>
                <span>{row.name ?? ''}</span>
              </td>
              <td>{row.outcome ? OUTCOME_LABELS[row.outcome.kind] : 'Waiting'}</td>
              <td class="bk-wrap" title={details}>
                <span>{details}</span>
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}

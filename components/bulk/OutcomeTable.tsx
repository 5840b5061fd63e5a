import { useId, useMemo, useState } from 'preact/hooks';
import { plural } from '@/utils/bulk/format';
import { OUTCOME_KINDS, type OutcomeKind, RETRYABLE_OUTCOMES } from '@/utils/bulk/job';
import { OUTCOME_LABELS, outcomeSentence } from '@/utils/bulk/outcomes';
import type { BulkRecordRow } from '@/utils/bulk/progress';

/** Rows shown at first, and added by "Show more": the CSV has them all. */
export const ROWS_PER_PAGE = 200;

type Filter = 'all' | 'attention' | OutcomeKind | 'waiting';

export interface OutcomeTableProps {
  rows: readonly BulkRecordRow[];
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

/** Every record and what happened to it, filterable; failures first on request. */
export function OutcomeTable({ rows, recordUrl, locale }: OutcomeTableProps) {
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(ROWS_PER_PAGE);
  const filterId = useId();
  const counts = useMemo(() => {
    const byFilter = new Map<Filter, number>();
    for (const row of rows) {
      for (const f of ['attention', 'waiting', ...OUTCOME_KINDS] as const) {
        if (matches(row, f)) byFilter.set(f, (byFilter.get(f) ?? 0) + 1);
      }
    }
    return byFilter;
  }, [rows]);
  const filtered = useMemo(() => rows.filter((row) => matches(row, filter)), [rows, filter]);
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
          onChange={(event) => {
            setFilter(event.currentTarget.value as Filter);
            setShown(ROWS_PER_PAGE);
          }}
        >
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <table class="bk-table">
        <caption class="bk-sr-only">Outcome of each record</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Name</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {filtered.slice(0, shown).map((row) => {
            const url = recordUrl(row.id);
            return (
              <tr key={row.id} class={row.outcome ? `bk-outcome-${row.outcome.kind}` : undefined}>
                <th scope="row" class="bk-mono">
                  {url ? (
                    <a href={url} target="_blank" rel="noopener noreferrer">
                      {row.id}
                    </a>
                  ) : (
                    row.id
                  )}
                </th>
                <td>{row.name ?? ''}</td>
                <td>{row.outcome ? OUTCOME_LABELS[row.outcome.kind] : 'Waiting'}</td>
                <td>
                  {row.outcome ? outcomeSentence(row.outcome) : ''}
                  {row.outcome && (row.outcome.kind === 'error' || row.outcome.kind === 'no-permission') ? (
                    <span class="bk-code"> Code: {row.outcome.code}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {filtered.length > shown ? (
        <div class="bk-row">
          <span class="bk-muted">
            Showing {new Intl.NumberFormat(locale).format(shown)} of{' '}
            {plural(filtered.length, 'record', 'records', locale)}.
          </span>
          <button type="button" class="bk-button" onClick={() => setShown((n) => n + ROWS_PER_PAGE)}>
            Show {new Intl.NumberFormat(locale).format(Math.min(ROWS_PER_PAGE, filtered.length - shown))} more
          </button>
        </div>
      ) : null}
    </div>
  );
}

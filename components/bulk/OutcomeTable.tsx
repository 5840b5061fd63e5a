import { useId, useMemo, useState } from 'preact/hooks';
import { type BulkDirection, OUTCOME_KINDS, type OutcomeKind, RETRYABLE_OUTCOMES } from '@/utils/bulk/job';
import { outcomeLabel, outcomeSentence } from '@/utils/bulk/outcomes';
import type { BulkRecordRow } from '@/utils/bulk/progress';
import type { MessageKey } from '@/utils/i18n/catalogue';
import type { Translator } from '@/utils/i18n/translator';
import { useI18n } from '../i18n';
import { type WindowedColumn, WindowedTable } from './WindowedTable';

const COLUMNS = [
  { label: 'bulk.column.record', colClass: 'bk-col-id' },
  { label: 'bulk.column.name', colClass: 'bk-col-name' },
  { label: 'bulk.column.outcome', colClass: 'bk-col-outcome' },
  { label: 'bulk.column.details' },
] as const satisfies readonly (Omit<WindowedColumn, 'label'> & { label: MessageKey })[];

type Filter = 'all' | 'attention' | OutcomeKind | 'waiting';

export interface OutcomeTableProps {
  rows: readonly BulkRecordRow[];
  /** what the run did: the sentences of a put-back differ */
  direction?: BulkDirection;
  /** the record in Zoho CRM, or null when its address cannot be made */
  recordUrl: (recordId: string) => string | null;
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

function detailsOf(row: BulkRecordRow, translator: Translator, direction: BulkDirection): string {
  if (!row.outcome) return '';
  const sentence = outcomeSentence(row.outcome, translator, direction);
  if (row.outcome.kind !== 'error' && row.outcome.kind !== 'no-permission') return sentence;
  return `${sentence} ${translator.t('common.code', { code: row.outcome.code })}`;
}

/**
 * Every record and what happened to it, filterable. Only the rows in view are rendered (a window
 * over the filtered list), so 100,000 records open and scroll like 20; the CSV has them all.
 */
export function OutcomeTable({ rows, direction = 'remove', recordUrl }: OutcomeTableProps) {
  const translator = useI18n();
  const { t } = translator;
  const [filter, setFilter] = useState<Filter>('all');
  const filterId = useId();
  const counts = useMemo(() => countsOf(rows), [rows]);
  const filtered = useMemo(
    () => (filter === 'all' ? rows : rows.filter((row) => matches(row, filter))),
    [rows, filter],
  );
  const option = (filter: Filter, label: string, count: number): [Filter, string] => [
    filter,
    t('bulk.filterOption', { label, count: translator.number(count) }),
  ];
  const attention = counts.get('attention') ?? 0;
  const waiting = counts.get('waiting') ?? 0;
  const options: [Filter, string][] = [
    option('all', t('bulk.filterAll'), rows.length),
    ...(attention ? [option('attention', t('bulk.filterAttention'), attention)] : []),
    ...OUTCOME_KINDS.filter((kind) => counts.get(kind)).map((kind) =>
      option(kind, outcomeLabel(kind, translator), counts.get(kind) ?? 0),
    ),
    ...(waiting ? [option('waiting', t('bulk.outcome.waiting'), waiting)] : []),
  ];

  return (
    <div class="bk-stack">
      <div class="bk-row">
        <label for={filterId}>{t('bulk.filterLabel')}</label>
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
        <span class="bk-muted">{t('bulk.records', { count: filtered.length })}</span>
      </div>
      <WindowedTable
        caption={t('bulk.outcomeCaption')}
        columns={COLUMNS.map((column) => ({ ...column, label: t(column.label) }))}
        count={filtered.length}
        resetKey={filtered}
        renderRow={(index) => {
          const row = filtered[index] as BulkRecordRow;
          const url = recordUrl(row.id);
          const details = detailsOf(row, translator, direction);
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
              <td>{row.outcome ? outcomeLabel(row.outcome.kind, translator) : t('bulk.outcome.waiting')}</td>
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

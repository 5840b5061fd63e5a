import { useMemo } from 'preact/hooks';
import { type BulkPreview, planRecords } from '@/utils/bulk/plan';
import type { MessageKey } from '@/utils/i18n/catalogue';
import { useI18n } from '../i18n';
import { type WindowedColumn, WindowedTable } from './WindowedTable';

const COLUMNS = [
  { label: 'bulk.column.record', colClass: 'bk-col-id' },
  { label: 'bulk.column.name', colClass: 'bk-col-name' },
  { label: 'bulk.column.inThisRun' },
] as const satisfies readonly (Omit<WindowedColumn, 'label'> & { label: MessageKey })[];

export interface PreviewRecordsProps {
  preview: BulkPreview;
  /** the records asked about, in the order given */
  recordIds: readonly string[];
  territoryIds: readonly string[];
}

/** Each record by id and name, and what the run will do with it, as the preview's read found it. */
export function PreviewRecords({ preview, recordIds, territoryIds }: PreviewRecordsProps) {
  const { t } = useI18n();
  const plan = useMemo(
    () => planRecords(territoryIds, recordIds, preview.holdings),
    [territoryIds, recordIds, preview.holdings],
  );
  const notFound = useMemo(() => new Set(preview.notFound), [preview.notFound]);
  const fateOf = (id: string): string => {
    const settled = plan.settled[id];
    if (settled === 'not-assigned') return t('bulk.fate.holdsNone');
    if (settled === 'rule-assigned') return t('bulk.fate.ruleAssigned');
    if (notFound.has(id)) return t('bulk.fate.sentNotFound');
    return t('bulk.fate.sent');
  };
  return (
    <WindowedTable
      caption={t('bulk.previewRecordsCaption')}
      columns={COLUMNS.map((column) => ({ ...column, label: t(column.label) }))}
      count={recordIds.length}
      renderRow={(index) => {
        const id = recordIds[index] as string;
        const name = preview.names[id];
        return (
          <tr key={id} aria-rowindex={index + 2}>
            <th scope="row" class="bk-mono">
              {id}
            </th>
            <td class="bk-wrap" title={name}>
              <span>{name ?? ''}</span>
            </td>
            <td>{fateOf(id)}</td>
          </tr>
        );
      }}
    />
  );
}

import { useMemo } from 'preact/hooks';
import { type BulkPreview, planRecords } from '@/utils/bulk/plan';
import { type WindowedColumn, WindowedTable } from './WindowedTable';

const COLUMNS: readonly WindowedColumn[] = [
  { label: 'Record', colClass: 'bk-col-id' },
  { label: 'Name', colClass: 'bk-col-name' },
  { label: 'In this run' },
];

export interface PreviewRecordsProps {
  preview: BulkPreview;
  /** the records asked about, in the order given */
  recordIds: readonly string[];
  territoryIds: readonly string[];
}

/** Each record by id and name, and what the run will do with it, as the preview's read found it. */
export function PreviewRecords({ preview, recordIds, territoryIds }: PreviewRecordsProps) {
  const plan = useMemo(
    () => planRecords(territoryIds, recordIds, preview.holdings),
    [territoryIds, recordIds, preview.holdings],
  );
  const notFound = useMemo(() => new Set(preview.notFound), [preview.notFound]);
  const fateOf = (id: string): string => {
    const settled = plan.settled[id];
    if (settled === 'not-assigned') return 'Skipped: holds none of the territories';
    if (settled === 'rule-assigned') return 'Skipped: assigned by territory rules';
    if (notFound.has(id)) return 'Sent: Zoho did not return it';
    return 'Sent';
  };
  return (
    <WindowedTable
      caption="Records of the run"
      columns={COLUMNS}
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

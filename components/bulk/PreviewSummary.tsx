import type { ComponentChildren } from 'preact';
import type { BulkPreview } from '@/utils/bulk/plan';
import { callsFor } from '@/utils/bulk/plan';
import { useI18n } from '../i18n';

export interface PreviewSummaryProps {
  preview: BulkPreview;
  territoryName: (id: string) => string;
  /** records per call the run will use (the setting on this page) */
  batchSize: number;
  /** the records, each by id and name */
  children?: ComponentChildren;
}

/** What a run would do: per territory, who holds it and how; what is skipped and why; how many calls. */
export function PreviewSummary({ preview, territoryName, batchSize, children }: PreviewSummaryProps) {
  const { t, number: count } = useI18n();
  const calls = callsFor(preview.toSend, batchSize);
  return (
    <section class="bk-section" aria-labelledby="bk-preview-heading">
      <h2 id="bk-preview-heading">{t('bulk.preview')}</h2>
      <table class="bk-table">
        <caption class="bk-sr-only">{t('bulk.previewCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bulk.column.territory')}</th>
            <th scope="col">{t('bulk.column.holding')}</th>
            <th scope="col">{t('bulk.column.manual')}</th>
            <th scope="col">{t('bulk.column.byRules')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.perTerritory.map((row) => (
            <tr key={row.territoryId}>
              <th scope="row">{territoryName(row.territoryId)}</th>
              <td>{count(row.holding)}</td>
              <td>{count(row.manual)}</td>
              <td>{count(row.ruleAssigned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="bk-facts">
        <li>{t('bulk.willSend', { count: preview.toSend, calls, batchSize: count(batchSize) })}</li>
        {preview.skippedRuleAssigned > 0 ? (
          <li>{t('bulk.skippedRuleAssigned', { count: preview.skippedRuleAssigned })}</li>
        ) : null}
        {preview.holdingNone > 0 ? <li>{t('bulk.skippedHoldingNone', { count: preview.holdingNone })}</li> : null}
        {preview.notFound.length > 0 ? <li>{t('bulk.notFound', { count: preview.notFound.length })}</li> : null}
      </ul>
      {children}
    </section>
  );
}

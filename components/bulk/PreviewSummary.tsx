import type { ComponentChildren } from 'preact';
import { plural } from '@/utils/bulk/format';
import type { BulkPreview } from '@/utils/bulk/plan';
import { callsFor } from '@/utils/bulk/plan';

export interface PreviewSummaryProps {
  preview: BulkPreview;
  territoryName: (id: string) => string;
  /** records per call the run will use (the setting on this page) */
  batchSize: number;
  locale?: string;
  /** the records, each by id and name */
  children?: ComponentChildren;
}

/** What a run would do: per territory, who holds it and how; what is skipped and why; how many calls. */
export function PreviewSummary({ preview, territoryName, batchSize, locale, children }: PreviewSummaryProps) {
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const calls = callsFor(preview.toSend, batchSize);
  return (
    <section class="bk-section" aria-labelledby="bk-preview-heading">
      <h2 id="bk-preview-heading">Preview</h2>
      <table class="bk-table">
        <caption class="bk-sr-only">Records holding each territory</caption>
        <thead>
          <tr>
            <th scope="col">Territory</th>
            <th scope="col">Records holding it</th>
            <th scope="col">Assigned manually</th>
            <th scope="col">Assigned by rules (skipped)</th>
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
        <li>
          <strong>{plural(preview.toSend, 'record', 'records', locale)}</strong> will be sent, in{' '}
          <strong>{plural(calls, 'call', 'calls', locale)}</strong> of up to {count(batchSize)} records.
        </li>
        {preview.skippedRuleAssigned > 0 ? (
          <li>
            {plural(preview.skippedRuleAssigned, 'record holds', 'records hold', locale)} the territories only by
            territory rules and {preview.skippedRuleAssigned === 1 ? 'is' : 'are'} skipped: Zoho does not let anyone
            remove a rule-assigned territory. Change the territory rules instead.
          </li>
        ) : null}
        {preview.holdingNone > 0 ? (
          <li>
            {plural(preview.holdingNone, 'record holds', 'records hold', locale)} none of the territories and{' '}
            {preview.holdingNone === 1 ? 'is' : 'are'} skipped.
          </li>
        ) : null}
        {preview.notFound.length > 0 ? (
          <li>
            Zoho did not return {plural(preview.notFound.length, 'record', 'records', locale)} (deleted, or not visible
            to you). {preview.notFound.length === 1 ? 'It is' : 'They are'} sent anyway, and Zoho’s answer is shown.
          </li>
        ) : null}
      </ul>
      {children}
    </section>
  );
}

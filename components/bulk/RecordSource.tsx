import { useEffect, useId, useState } from 'preact/hooks';
import { idsFromCsv } from '@/utils/bulk/csv';
import { plural } from '@/utils/bulk/format';
import { type ParsedIds, parseIdList } from '@/utils/bulk/plan';
import { territoryTree } from '@/utils/bulk/territory-tree';
import { type BulkTerritory, MAX_BULK_RECORDS } from '@/utils/bulk-protocol';
import type { TerritoryModule } from '@/utils/crm-page';
import type { ErrorInfo } from '@/utils/messaging';
import { BulkError } from './BulkError';
import type { BulkApi, BulkOrg } from './bulk-api';

export interface RecordInput extends ParsedIds {
  /** where the ids came from, in words */
  source: string;
  /** something the user should know about the ids (rounded by a spreadsheet, cut at the limit) */
  warning: string | null;
}

type Source = 'paste' | 'csv' | 'territory';

export interface RecordSourceProps {
  api: BulkApi;
  org: BulkOrg;
  module: TerritoryModule;
  territories: readonly BulkTerritory[];
  /** the territories chosen for removal: the first is the default for "every record in" */
  chosenTerritoryIds: readonly string[];
  initialText: string;
  records: RecordInput | null;
  onChange: (records: RecordInput | null) => void;
  optionsUrl: string;
  locale?: string;
}

function fromText(text: string): RecordInput | null {
  const parsed = parseIdList(text);
  if (parsed.ids.length === 0 && parsed.invalid.length === 0) return null;
  return { ...parsed, source: 'pasted ids', warning: null };
}

/** Which records: ids pasted, a CSV file, or every record Zoho lists in a territory. */
export function RecordSource(props: RecordSourceProps) {
  const { api, org, module, territories, chosenTerritoryIds, records, onChange, optionsUrl, locale } = props;
  const [source, setSource] = useState<Source>('paste');
  const [text, setText] = useState(props.initialText);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [listTerritory, setListTerritory] = useState<string>('');
  const [listing, setListing] = useState<{ busy: boolean; error: ErrorInfo | null }>({ busy: false, error: null });
  const name = useId();
  const textId = useId();
  const fileId = useId();
  const territoryId = useId();
  const territoryOfList = listTerritory || chosenTerritoryIds[0] || '';
  const territoryName = (id: string) => territories.find((t) => t.id === id)?.name ?? id;

  // Records listed for one org and module mean nothing for another.
  useEffect(() => {
    if (source === 'territory') onChange(null);
  }, [org.dataCentre, org.sandbox, org.orgId, module]);

  const choose = (next: Source) => {
    setSource(next);
    setFileProblem(null);
    onChange(next === 'paste' ? fromText(text) : null);
  };

  const readFile = async (file: File | undefined) => {
    setFileProblem(null);
    onChange(null);
    if (!file) return;
    const result = idsFromCsv(await file.text());
    if (!result.ok) {
      setFileProblem(
        result.reason === 'empty'
          ? `${file.name} is empty.`
          : `${file.name} has no column of record ids. Name it “Record Id” or “id”, as Zoho’s export does.`,
      );
      return;
    }
    const { column, rounded } = result.value;
    onChange({
      ...result.value,
      source: `column “${column.header ?? column.index + 1}” of ${file.name}`,
      warning:
        rounded > 0
          ? `${plural(rounded, 'id was', 'ids were', locale)} rounded by a spreadsheet (like 4.15E+18) and cannot be used. Export the ids as text.`
          : null,
    });
  };

  const listRecords = async () => {
    if (!territoryOfList || listing.busy) return;
    setListing({ busy: true, error: null });
    onChange(null);
    const result = await api.recordsInTerritory(org, module, territoryOfList);
    if (!result.ok) {
      setListing({ busy: false, error: result.error });
      return;
    }
    setListing({ busy: false, error: null });
    onChange({
      ids: result.value.recordIds,
      invalid: [],
      duplicates: 0,
      source: `every ${module} record in ${territoryName(territoryOfList)}`,
      warning: result.value.truncated
        ? `Zoho lists more records in this territory; only the first ${plural(MAX_BULK_RECORDS, 'is', 'are', locale)} taken. Run again for the rest.`
        : null,
    });
  };

  return (
    <fieldset class="bk-fieldset">
      <legend>Records</legend>
      <div class="bk-row" role="radiogroup" aria-label="Where the records come from">
        {(
          [
            ['paste', 'Paste ids'],
            ['csv', 'CSV file'],
            ['territory', 'Every record in a territory'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} class="bk-check">
            <input type="radio" name={name} checked={source === value} onChange={() => choose(value)} />
            {label}
          </label>
        ))}
      </div>

      {source === 'paste' ? (
        <div class="bk-stack">
          <label for={textId}>Record ids, one a line or separated by commas</label>
          <textarea
            id={textId}
            class="bk-input bk-ids"
            rows={6}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              onChange(fromText(event.currentTarget.value));
            }}
          />
        </div>
      ) : null}

      {source === 'csv' ? (
        <div class="bk-stack">
          <label for={fileId}>CSV file with a column of record ids</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(event) => void readFile(event.currentTarget.files?.[0])}
          />
          {fileProblem ? (
            <p class="bk-problem" role="alert">
              {fileProblem}
            </p>
          ) : null}
        </div>
      ) : null}

      {source === 'territory' ? (
        <div class="bk-stack">
          <div class="bk-row">
            <label for={territoryId}>Territory</label>
            <select
              id={territoryId}
              class="bk-input"
              value={territoryOfList}
              onChange={(event) => setListTerritory(event.currentTarget.value)}
            >
              <option value="">Choose a territory</option>
              {territoryTree(territories).map(({ territory, depth }) => (
                <option key={territory.id} value={territory.id}>
                  {`${'\u00a0\u00a0'.repeat(depth)}${territory.name}`}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="bk-button"
              aria-disabled={!territoryOfList || listing.busy ? 'true' : undefined}
              aria-busy={listing.busy ? 'true' : undefined}
              onClick={listRecords}
            >
              {listing.busy ? 'Loading records…' : 'Load records'}
            </button>
          </div>
          {listing.error ? (
            <BulkError error={listing.error} module={module} optionsUrl={optionsUrl} onRetry={listRecords} />
          ) : null}
        </div>
      ) : null}

      <RecordSummary records={records} locale={locale} />
    </fieldset>
  );
}

function RecordSummary({ records, locale }: { records: RecordInput | null; locale?: string }) {
  if (!records) return null;
  const tooMany = records.ids.length > MAX_BULK_RECORDS;
  return (
    <div class="bk-summary" aria-live="polite">
      <p>
        {plural(records.ids.length, 'record', 'records', locale)} from {records.source}
        {records.duplicates > 0 ? ` (${plural(records.duplicates, 'repeat', 'repeats', locale)} left out)` : ''}.
      </p>
      {records.invalid.length > 0 ? (
        <p class="bk-problem">
          Not record ids, left out: {records.invalid.slice(0, 5).join(', ')}
          {records.invalid.length > 5 ? ` and ${formatMore(records.invalid.length - 5, locale)}` : ''}.
        </p>
      ) : null}
      {records.warning ? <p class="bk-problem">{records.warning}</p> : null}
      {tooMany ? (
        <p class="bk-problem" role="alert">
          One run takes at most {plural(MAX_BULK_RECORDS, 'record', 'records', locale)}. Split the list.
        </p>
      ) : null}
    </div>
  );
}

function formatMore(count: number, locale?: string): string {
  return plural(count, 'more', 'more', locale);
}

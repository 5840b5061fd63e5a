import { useEffect, useId, useState } from 'preact/hooks';
import { idsFromCsv } from '@/utils/bulk/csv';
import { type ParsedIds, parseIdList } from '@/utils/bulk/plan';
import { territoryTree } from '@/utils/bulk/territory-tree';
import { type BulkTerritory, MAX_BULK_RECORDS } from '@/utils/bulk-protocol';
import type { TerritoryModule } from '@/utils/crm-page';
import { moduleName } from '@/utils/i18n/names';
import type { Translator } from '@/utils/i18n/translator';
import type { ErrorInfo } from '@/utils/messaging';
import { useI18n } from '../i18n';
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
}

function fromText(text: string, { t }: Pick<Translator, 't'>): RecordInput | null {
  const parsed = parseIdList(text);
  if (parsed.ids.length === 0 && parsed.invalid.length === 0) return null;
  return { ...parsed, source: t('bulk.source.pasted'), warning: null };
}

/** Which records: ids pasted, a CSV file, or every record Zoho lists in a territory. */
export function RecordSource(props: RecordSourceProps) {
  const { api, org, module, territories, chosenTerritoryIds, records, onChange, optionsUrl } = props;
  const translator = useI18n();
  const { t } = translator;
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
    onChange(next === 'paste' ? fromText(text, translator) : null);
  };

  const readFile = async (file: File | undefined) => {
    setFileProblem(null);
    onChange(null);
    if (!file) return;
    const result = idsFromCsv(await file.text());
    if (!result.ok) {
      setFileProblem(
        result.reason === 'empty'
          ? t('bulk.file.empty', { file: file.name })
          : t('bulk.file.noIdColumn', { file: file.name }),
      );
      return;
    }
    const { column, rounded } = result.value;
    onChange({
      ...result.value,
      source: t('bulk.source.column', { column: column.header ?? String(column.index + 1), file: file.name }),
      warning: rounded > 0 ? t('bulk.file.rounded', { count: rounded }) : null,
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
      source: t('bulk.source.territory', {
        module: moduleName(translator, module),
        territory: territoryName(territoryOfList),
      }),
      warning: result.value.truncated ? t('bulk.territoryTruncated', { count: MAX_BULK_RECORDS }) : null,
    });
  };

  return (
    <fieldset class="bk-fieldset">
      <legend>{t('bulk.records.legend')}</legend>
      <div class="bk-row" role="radiogroup" aria-label={t('bulk.records.from')}>
        {(
          [
            ['paste', 'bulk.records.paste'],
            ['csv', 'bulk.records.csv'],
            ['territory', 'bulk.records.territory'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} class="bk-check">
            <input type="radio" name={name} checked={source === value} onChange={() => choose(value)} />
            {t(label)}
          </label>
        ))}
      </div>

      {source === 'paste' ? (
        <div class="bk-stack">
          <label for={textId}>{t('bulk.records.idsLabel')}</label>
          <textarea
            id={textId}
            class="bk-input bk-ids"
            rows={6}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              onChange(fromText(event.currentTarget.value, translator));
            }}
          />
        </div>
      ) : null}

      {source === 'csv' ? (
        <div class="bk-stack">
          <label for={fileId}>{t('bulk.records.fileLabel')}</label>
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
            <label for={territoryId}>{t('bulk.column.territory')}</label>
            <select
              id={territoryId}
              class="bk-input"
              value={territoryOfList}
              onChange={(event) => setListTerritory(event.currentTarget.value)}
            >
              <option value="">{t('bulk.chooseTerritory')}</option>
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
              {listing.busy ? t('bulk.loadingRecords') : t('bulk.loadRecords')}
            </button>
          </div>
          {listing.error ? (
            <BulkError error={listing.error} module={module} optionsUrl={optionsUrl} onRetry={listRecords} />
          ) : null}
        </div>
      ) : null}

      <RecordSummary records={records} />
    </fieldset>
  );
}

function RecordSummary({ records }: { records: RecordInput | null }) {
  const { t, list } = useI18n();
  if (!records) return null;
  const tooMany = records.ids.length > MAX_BULK_RECORDS;
  return (
    <div class="bk-summary" aria-live="polite">
      <p>
        {records.duplicates > 0
          ? t('bulk.recordsFromWithRepeats', {
              count: records.ids.length,
              source: records.source,
              repeats: records.duplicates,
            })
          : t('bulk.recordsFrom', { count: records.ids.length, source: records.source })}
      </p>
      {records.invalid.length > 0 ? (
        <p class="bk-problem">
          {records.invalid.length > 5
            ? t('bulk.notIdsMore', { ids: list(records.invalid.slice(0, 5)), more: records.invalid.length - 5 })
            : t('bulk.notIds', { ids: list(records.invalid) })}
        </p>
      ) : null}
      {records.warning ? <p class="bk-problem">{records.warning}</p> : null}
      {tooMany ? (
        <p class="bk-problem" role="alert">
          {t('bulk.tooMany', { count: MAX_BULK_RECORDS })}
        </p>
      ) : null}
    </div>
  );
}

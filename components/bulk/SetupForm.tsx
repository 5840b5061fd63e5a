import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { BULK_DEFAULTS, clampBatchSize, clampConcurrency, MAX_BATCH_SIZE, MAX_CONCURRENCY } from '@/utils/bulk/job';
import { type BulkPreview, isZohoId, parseIdList } from '@/utils/bulk/plan';
import { type BulkTerritory, MAX_BULK_RECORDS } from '@/utils/bulk-protocol';
import { TERRITORY_MODULES, type TerritoryModule } from '@/utils/crm-page';
import { DATA_CENTRE_IDS, type DataCentre } from '@/utils/data-centres';
import { dataCentreName, moduleName } from '@/utils/i18n/names';
import type { Connection, ErrorInfo, Result } from '@/utils/messaging';
import { useI18n } from '../i18n';
import { BulkError } from './BulkError';
import type { BulkApi, BulkOrg, BulkSelection } from './bulk-api';
import { PreviewRecords } from './PreviewRecords';
import { PreviewSummary } from './PreviewSummary';
import { type RecordInput, RecordSource } from './RecordSource';
import { TerritoryPicker } from './TerritoryPicker';

export interface SetupInitial {
  dataCentre: DataCentre | null;
  sandbox: boolean;
  orgId: string | null;
  module: TerritoryModule | null;
  territoryIds: string[];
  recordIds: string[];
}

type Loadable<T> = { status: 'loading' } | { status: 'failed'; error: ErrorInfo } | { status: 'loaded'; value: T };

function loadable<T>(result: Result<T>): Loadable<T> {
  return result.ok ? { status: 'loaded', value: result.value } : { status: 'failed', error: result.error };
}

export interface SetupFormProps {
  api: BulkApi;
  initial: SetupInitial;
  optionsUrl: string;
  onStarted: (jobId: string) => void;
}

/** Where, what and which records; then a preview; then the start. */
export function SetupForm({ api, initial, optionsUrl, onStarted }: SetupFormProps) {
  const translator = useI18n();
  const { t } = translator;
  const [connections, setConnections] = useState<Loadable<Connection[]>>({ status: 'loading' });
  const [dataCentre, setDataCentre] = useState<DataCentre | null>(initial.dataCentre);
  const [sandbox, setSandbox] = useState(initial.sandbox);
  const [orgText, setOrgText] = useState(initial.orgId ?? '');
  const [module, setModule] = useState<TerritoryModule>(initial.module ?? 'Accounts');
  const [territories, setTerritories] = useState<Loadable<BulkTerritory[]> | null>(null);
  const [territoriesAttempt, setTerritoriesAttempt] = useState(0);
  const [chosen, setChosen] = useState<string[]>(initial.territoryIds);
  const [records, setRecords] = useState<RecordInput | null>(() => {
    if (initial.recordIds.length === 0) return null;
    return { ...parseIdList(initial.recordIds.join('\n')), source: t('bulk.source.selection'), warning: null };
  });
  const [batchSize, setBatchSize] = useState<number>(BULK_DEFAULTS.batchSize);
  const [concurrency, setConcurrency] = useState<number>(BULK_DEFAULTS.concurrency);
  const [preview, setPreview] = useState<{ key: string; state: Loadable<BulkPreview> } | null>(null);
  const [start, setStart] = useState<{ busy: boolean; error: ErrorInfo | null }>({ busy: false, error: null });
  const [signingIn, setSigningIn] = useState(false);
  const ids = { dc: useId(), sandbox: useId(), org: useId(), orgHint: useId(), module: useId() };
  const batchId = useId();
  const concurrencyId = useId();

  const orgValid = orgText.trim() === '' || isZohoId(orgText.trim());
  const orgId = orgValid && orgText.trim() !== '' ? orgText.trim() : null;
  const connected =
    connections.status === 'loaded' && connections.value.some((c) => c.dataCentre === dataCentre && c.connected);
  const org: BulkOrg | null = dataCentre && orgValid ? { dataCentre, sandbox, orgId } : null;
  const orgKey = org ? `${org.dataCentre}:${org.sandbox}:${org.orgId ?? ''}` : '';

  const loadConnections = async () => {
    const result = await api.connections();
    setConnections(loadable(result));
    if (result.ok && !dataCentre) {
      setDataCentre(result.value.find((c) => c.connected)?.dataCentre ?? 'us');
    }
  };

  useEffect(() => {
    void loadConnections();
  }, []);

  // Territories of the org; `org` itself is a new object each render, `orgKey` names it.
  useEffect(() => {
    if (!org || !connected) {
      setTerritories(null);
      return;
    }
    let current = true;
    setTerritories({ status: 'loading' });
    void api.territories(org).then((result) => {
      if (current) setTerritories(loadable(result));
    });
    return () => {
      current = false;
    };
  }, [orgKey, connected, territoriesAttempt]);

  const selection: BulkSelection | null =
    org && records && chosen.length > 0 && records.ids.length > 0
      ? { ...org, module, territoryIds: chosen, recordIds: records.ids }
      : null;
  const selectionKey = useMemo(() => (selection ? JSON.stringify(selection) : ''), [orgKey, module, chosen, records]);
  const currentPreview = preview && preview.key === selectionKey ? preview.state : null;
  const tooMany = (records?.ids.length ?? 0) > MAX_BULK_RECORDS;
  const territoryList = territories?.status === 'loaded' ? territories.value : [];
  const territoryName = (id: string) => territoryList.find((t) => t.id === id)?.name ?? id;

  const signIn = async () => {
    if (!dataCentre || signingIn) return;
    setSigningIn(true);
    const result = await api.signIn(dataCentre);
    setSigningIn(false);
    if (!result.ok) {
      setConnections({ status: 'failed', error: result.error });
      return;
    }
    await loadConnections();
  };

  const runPreview = async () => {
    if (!selection || tooMany || currentPreview?.status === 'loading') return;
    const key = selectionKey;
    setPreview({ key, state: { status: 'loading' } });
    setStart({ busy: false, error: null });
    const result = await api.preview(selection);
    setPreview({ key, state: loadable(result) });
  };

  const startRun = async () => {
    if (!selection || currentPreview?.status !== 'loaded' || start.busy) return;
    setStart({ busy: true, error: null });
    const result = await api.start({
      ...selection,
      holdings: currentPreview.value.holdings,
      names: currentPreview.value.names,
      batchSize,
      concurrency,
    });
    if (!result.ok) {
      setStart({ busy: false, error: result.error });
      return;
    }
    onStarted(result.value.jobId);
  };

  const missing = !connected
    ? t('bulk.missing.connect')
    : chosen.length === 0
      ? t('bulk.missing.territory')
      : !records || records.ids.length === 0
        ? t('bulk.missing.records')
        : tooMany
          ? t('bulk.missing.tooMany')
          : null;

  return (
    <div class="bk-stack">
      <section class="bk-section" aria-labelledby="bk-where">
        <h2 id="bk-where">{t('bulk.where')}</h2>
        <div class="bk-grid">
          <label for={ids.dc}>{t('bulk.dataCentre')}</label>
          <select
            id={ids.dc}
            class="bk-input"
            value={dataCentre ?? ''}
            onChange={(event) => setDataCentre(event.currentTarget.value as DataCentre)}
          >
            {DATA_CENTRE_IDS.map((dc) => {
              const on =
                connections.status === 'loaded' && connections.value.some((c) => c.dataCentre === dc && c.connected);
              return (
                <option key={dc} value={dc}>
                  {on
                    ? t('bulk.dataCentreConnected', { dataCentre: dataCentreName(translator, dc) })
                    : dataCentreName(translator, dc)}
                </option>
              );
            })}
          </select>

          <label for={ids.org}>{t('bulk.orgId')}</label>
          <div class="bk-stack">
            <input
              id={ids.org}
              class="bk-input bk-mono"
              inputMode="numeric"
              value={orgText}
              aria-invalid={orgValid ? undefined : 'true'}
              aria-describedby={ids.orgHint}
              onChange={(event) => setOrgText(event.currentTarget.value)}
            />
            <span id={ids.orgHint} class={orgValid ? 'bk-muted' : 'bk-problem'}>
              {orgValid ? t('bulk.orgIdHint') : t('bulk.orgIdInvalid')}
            </span>
          </div>

          <span />
          <label class="bk-check">
            <input
              id={ids.sandbox}
              type="checkbox"
              checked={sandbox}
              onChange={(event) => setSandbox(event.currentTarget.checked)}
            />
            {t('bulk.sandboxOrg')}
          </label>

          <label for={ids.module}>{t('bulk.module')}</label>
          <select
            id={ids.module}
            class="bk-input"
            value={module}
            onChange={(event) => setModule(event.currentTarget.value as TerritoryModule)}
          >
            {TERRITORY_MODULES.map((m) => (
              <option key={m} value={m}>
                {moduleName(translator, m)}
              </option>
            ))}
          </select>
        </div>

        {connections.status === 'failed' ? (
          <BulkError error={connections.error} module={module} optionsUrl={optionsUrl} onRetry={loadConnections} />
        ) : null}
        {connections.status === 'loaded' && dataCentre && !connected ? (
          <div class="bk-row">
            <p>{t('bulk.notConnected', { dataCentre: dataCentreName(translator, dataCentre) })}</p>
            <button
              type="button"
              class="bk-button bk-primary"
              aria-disabled={signingIn ? 'true' : undefined}
              aria-busy={signingIn ? 'true' : undefined}
              onClick={signIn}
            >
              {signingIn
                ? t('common.signingIn')
                : t('bulk.signInTo', { dataCentre: dataCentreName(translator, dataCentre) })}
            </button>
          </div>
        ) : null}
      </section>

      {connected ? (
        <section class="bk-section" aria-labelledby="bk-what">
          <h2 id="bk-what">{t('bulk.what')}</h2>
          {territories?.status === 'loading' ? <p class="bk-muted">{t('panel.loading')}</p> : null}
          {territories?.status === 'failed' ? (
            <BulkError
              error={territories.error}
              module={module}
              optionsUrl={optionsUrl}
              onRetry={() => setTerritoriesAttempt((n) => n + 1)}
              onSignIn={signIn}
            />
          ) : null}
          {territories?.status === 'loaded' ? (
            <TerritoryPicker territories={territories.value} selected={chosen} onChange={setChosen} />
          ) : null}
          {org ? (
            <RecordSource
              api={api}
              org={org}
              module={module}
              territories={territoryList}
              chosenTerritoryIds={chosen}
              initialText={initial.recordIds.join('\n')}
              records={records}
              onChange={setRecords}
              optionsUrl={optionsUrl}
            />
          ) : null}
          <details class="bk-details">
            <summary>{t('bulk.speed')}</summary>
            <div class="bk-grid">
              <label for={batchId}>{t('bulk.batchSize')}</label>
              <input
                id={batchId}
                class="bk-input bk-number"
                type="number"
                min={1}
                max={MAX_BATCH_SIZE}
                value={batchSize}
                onChange={(event) => setBatchSize(clampBatchSize(Number(event.currentTarget.value)))}
              />
              <label for={concurrencyId}>{t('bulk.concurrency')}</label>
              <input
                id={concurrencyId}
                class="bk-input bk-number"
                type="number"
                min={1}
                max={MAX_CONCURRENCY}
                value={concurrency}
                onChange={(event) => setConcurrency(clampConcurrency(Number(event.currentTarget.value)))}
              />
            </div>
            <p class="bk-muted">{t('bulk.speedHint', { max: MAX_BATCH_SIZE })}</p>
          </details>
        </section>
      ) : null}

      {connected ? (
        <div class="bk-row">
          <button
            type="button"
            class="bk-button"
            aria-disabled={missing || currentPreview?.status === 'loading' ? 'true' : undefined}
            aria-busy={currentPreview?.status === 'loading' ? 'true' : undefined}
            onClick={runPreview}
          >
            {currentPreview?.status === 'loading' ? t('bulk.readingRecords') : t('bulk.preview')}
          </button>
          {missing ? <span class="bk-muted">{missing}</span> : null}
        </div>
      ) : null}

      {currentPreview?.status === 'failed' ? (
        <BulkError
          error={currentPreview.error}
          module={module}
          optionsUrl={optionsUrl}
          onRetry={runPreview}
          onSignIn={signIn}
        />
      ) : null}
      {currentPreview?.status === 'loaded' ? (
        <>
          <PreviewSummary preview={currentPreview.value} territoryName={territoryName} batchSize={batchSize}>
            {selection ? (
              <PreviewRecords
                preview={currentPreview.value}
                recordIds={selection.recordIds}
                territoryIds={selection.territoryIds}
              />
            ) : null}
          </PreviewSummary>
          <div class="bk-row">
            <button
              type="button"
              class="bk-button bk-primary"
              aria-disabled={start.busy || currentPreview.value.toSend === 0 ? 'true' : undefined}
              aria-busy={start.busy ? 'true' : undefined}
              onClick={() => {
                if (currentPreview.value.toSend > 0) void startRun();
              }}
            >
              {start.busy ? t('bulk.starting') : t('bulk.start')}
            </button>
            {currentPreview.value.toSend === 0 ? <span class="bk-muted">{t('bulk.nothingToSend')}</span> : null}
          </div>
          {start.error ? (
            <BulkError
              error={start.error}
              module={module}
              optionsUrl={optionsUrl}
              onRetry={startRun}
              onSignIn={signIn}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

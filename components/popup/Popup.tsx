import { useEffect, useState } from 'preact/hooks';
import { type BrowserPanel, dataCentreName, moduleRecordName } from '@/utils/i18n/names';
import type { Connection, PanelStatus, Result } from '@/utils/messaging';
import { describeError } from '@/utils/zoho-errors';
import { useI18n } from '../i18n';

/** What the popup needs from the extension; entrypoints/popup builds the real one. */
export interface PopupApi {
  /** The record page the active tab shows, as its content script reports it; null when none answers. */
  tabStatus(): Promise<PanelStatus | null>;
  connections(): Promise<Result<Connection[]>>;
  openOptions(): void;
  /** `runtime.getURL('/bulk.html')`: extension pages may link to each other */
  bulkPageUrl: string;
  /** Opens the browser's side panel with the territory panel and makes it the panel's home. */
  openSidePanel(): void;
  /** Chrome's side panel or Firefox's sidebar */
  browserPanel: BrowserPanel;
}

type Loading<T> = { loading: true } | { loading: false; value: T };

function TabStatus({ status, browserPanel }: { status: Loading<PanelStatus | null>; browserPanel: BrowserPanel }) {
  const translator = useI18n();
  const { t } = translator;
  if (status.loading) return <p class="pp-muted">{t('popup.checkingTab')}</p>;
  const page = status.value?.page;
  if (!page) return <p>{t('popup.openRecord')}</p>;
  const dataCentre = dataCentreName(translator, page.dataCentre);
  const where = page.sandbox ? t('popup.whereSandbox', { dataCentre }) : dataCentre;
  const record = moduleRecordName(translator, page.module);
  return (
    <p>{t(browserPanel === 'sidebar' ? 'popup.tabShowsSidebar' : 'popup.tabShowsSidePanel', { record, where })}</p>
  );
}

function ConnectionStatus({
  connections,
  status,
}: {
  connections: Loading<Result<Connection[]>>;
  status: Loading<PanelStatus | null>;
}) {
  const translator = useI18n();
  const { t, list } = translator;
  if (connections.loading) return <p class="pp-muted">{t('popup.checkingConnection')}</p>;
  const result = connections.value;
  if (!result.ok) {
    return (
      <p class="pp-problem">
        {t(describeError(result.error).message)}{' '}
        <span class="pp-code">{t('common.code', { code: result.error.code })}</span>
      </p>
    );
  }
  const connected = result.value.filter((connection) => connection.connected);
  const pageCentre = !status.loading ? status.value?.page.dataCentre : undefined;
  if (pageCentre && !connected.some((connection) => connection.dataCentre === pageCentre)) {
    return <p>{t('popup.notSignedInHere', { dataCentre: dataCentreName(translator, pageCentre) })}</p>;
  }
  if (connected.length === 0) {
    return <p>{t('popup.notSignedIn')}</p>;
  }
  const names = connected.map((connection) => dataCentreName(translator, connection.dataCentre));
  return <p>{t('popup.signedIn', { dataCentres: list(names) })}</p>;
}

export function Popup({ api }: { api: PopupApi }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Loading<PanelStatus | null>>({ loading: true });
  const [connections, setConnections] = useState<Loading<Result<Connection[]>>>({ loading: true });

  useEffect(() => {
    let live = true;
    api.tabStatus().then((value) => {
      if (live) setStatus({ loading: false, value });
    });
    api.connections().then((value) => {
      if (live) setConnections({ loading: false, value });
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <main class="pp">
      <h1 class="pp-title">{t('popup.title')}</h1>
      <TabStatus status={status} browserPanel={api.browserPanel} />
      <ConnectionStatus connections={connections} status={status} />
      <p>
        <a class="pp-link" href={api.bulkPageUrl} target="_blank" rel="noopener">
          {t('popup.bulkLink')}
        </a>
      </p>
      <p>
        <button type="button" class="pp-button" onClick={() => api.openSidePanel()}>
          {t(api.browserPanel === 'sidebar' ? 'popup.openSidebar' : 'popup.openSidePanel')}
        </button>
      </p>
      <button type="button" class="pp-button" onClick={() => api.openOptions()}>
        {t('common.openOptions')}
      </button>
    </main>
  );
}

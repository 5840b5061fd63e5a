import { useEffect, useState } from 'preact/hooks';
import { DATA_CENTRES } from '@/utils/data-centres';
import type { Connection, PanelStatus, Result } from '@/utils/messaging';
import { moduleSingular } from '@/utils/panel/format';
import { describeError } from '@/utils/zoho-errors';

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
  /** 'side panel' (Chrome) or 'sidebar' (Firefox) */
  sidePanelName: string;
}

type Loading<T> = { loading: true } | { loading: false; value: T };

function TabStatus({ status, sidePanelName }: { status: Loading<PanelStatus | null>; sidePanelName: string }) {
  if (status.loading) return <p class="pp-muted">Checking this tab…</p>;
  const page = status.value?.page;
  if (!page) return <p>Open a Lead, Account, Contact or Deal in Zoho CRM to see its territories</p>;
  const where = `${DATA_CENTRES[page.dataCentre].label}${page.sandbox ? ', sandbox' : ''}`;
  return (
    <p>
      This tab shows a Zoho CRM {moduleSingular(page.module)} ({where}). Its territories are in the panel at the right
      edge of the page, or in the browser's {sidePanelName} if you moved it there.
    </p>
  );
}

function ConnectionStatus({
  connections,
  status,
}: {
  connections: Loading<Result<Connection[]>>;
  status: Loading<PanelStatus | null>;
}) {
  if (connections.loading) return <p class="pp-muted">Checking your Zoho connection…</p>;
  const result = connections.value;
  if (!result.ok) {
    return (
      <p class="pp-problem">
        {describeError(result.error).text} <span class="pp-code">Code: {result.error.code}</span>
      </p>
    );
  }
  const connected = result.value.filter((connection) => connection.connected);
  const pageCentre = !status.loading ? status.value?.page.dataCentre : undefined;
  if (pageCentre && !connected.some((connection) => connection.dataCentre === pageCentre)) {
    return (
      <p>Not signed in to Zoho CRM ({DATA_CENTRES[pageCentre].label}) yet: use “Sign in to Zoho CRM” in the panel.</p>
    );
  }
  if (connected.length === 0) {
    return <p>Not signed in to Zoho CRM yet. Sign in from the panel on a record page, or in the options.</p>;
  }
  return (
    <p>Signed in to Zoho CRM: {connected.map((connection) => DATA_CENTRES[connection.dataCentre].label).join(', ')}.</p>
  );
}

export function Popup({ api }: { api: PopupApi }) {
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
      <h1 class="pp-title">Territory Panel</h1>
      <TabStatus status={status} sidePanelName={api.sidePanelName} />
      <ConnectionStatus connections={connections} status={status} />
      <p>
        <a class="pp-link" href={api.bulkPageUrl} target="_blank" rel="noopener">
          Remove territories from many records
        </a>
      </p>
      <p>
        <button type="button" class="pp-button" onClick={() => api.openSidePanel()}>
          Open in the {api.sidePanelName}
        </button>
      </p>
      <button type="button" class="pp-button" onClick={() => api.openOptions()}>
        Open options
      </button>
    </main>
  );
}

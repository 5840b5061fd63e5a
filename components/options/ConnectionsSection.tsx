import { useEffect, useState } from 'preact/hooks';
import { DATA_CENTRE_IDS, DATA_CENTRES, type DataCentre } from '@/utils/data-centres';
import type { Connection, ErrorInfo, Result } from '@/utils/messaging';
import { formatTime } from '@/utils/panel/format';
import { describeError } from '@/utils/zoho-errors';
import { useI18n } from '../i18n';
import type { OptionsApi } from './options-api';

type Loaded = { status: 'loading' } | { status: 'failed'; error: ErrorInfo } | { status: 'loaded' };

function ErrorLine({ error }: { error: ErrorInfo }) {
  const { t } = useI18n();
  return (
    <p class="op-problem" role="alert">
      {t(describeError(error).message)} <span class="op-code-inline">Code: {error.code}</span>
    </p>
  );
}

function ConnectionRow({
  dataCentre,
  connection,
  api,
  locale,
  onChange,
}: {
  dataCentre: DataCentre;
  connection: Connection | undefined;
  api: OptionsApi;
  locale: string | undefined;
  onChange: (connection: Connection) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const label = DATA_CENTRES[dataCentre].label;
  const connected = connection?.connected === true;

  const act = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result: Result<Connection> = connected ? await api.signOut(dataCentre) : await api.signIn(dataCentre);
    setBusy(false);
    if (result.ok) onChange(result.value);
    else setError(result.error);
  };

  return (
    <li class="op-connection">
      <div class="op-connection-text">
        <span class="op-connection-name">{label}</span>
        <span class="op-muted">
          {connected
            ? [
                'Connected',
                connection?.expiresAt ? `until ${formatTime(connection.expiresAt, locale)}` : null,
                connection?.apiDomain ?? null,
              ]
                .filter(Boolean)
                .join(' · ')
            : 'Not connected'}
        </span>
      </div>
      <button
        type="button"
        class={connected ? 'op-button' : 'op-button op-primary'}
        aria-label={connected ? `Sign out of ${label}` : `Sign in to ${label}`}
        aria-disabled={busy ? 'true' : undefined}
        aria-busy={busy ? 'true' : undefined}
        onClick={act}
      >
        {busy ? (connected ? 'Signing out…' : 'Signing in…') : connected ? 'Sign out' : 'Sign in'}
      </button>
      {error ? <ErrorLine error={error} /> : null}
    </li>
  );
}

/** The connection to Zoho per data centre, with Sign in / Sign out. */
export function ConnectionsSection({ api, locale }: { api: OptionsApi; locale?: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [connections, setConnections] = useState<Partial<Record<DataCentre, Connection>>>({});

  useEffect(() => {
    let live = true;
    api.connections().then((result) => {
      if (!live) return;
      if (!result.ok) {
        setLoaded({ status: 'failed', error: result.error });
        return;
      }
      setConnections(Object.fromEntries(result.value.map((connection) => [connection.dataCentre, connection])));
      setLoaded({ status: 'loaded' });
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <section class="op-section" aria-labelledby="connections-heading">
      <h2 id="connections-heading">Zoho connections</h2>
      <p>Sign in to the data centre of your Zoho CRM organization (the domain you see in the CRM’s address).</p>
      {loaded.status === 'loading' ? <p class="op-muted">Checking connections…</p> : null}
      {loaded.status === 'failed' ? <ErrorLine error={loaded.error} /> : null}
      {loaded.status === 'loaded' ? (
        <ul class="op-connections">
          {DATA_CENTRE_IDS.map((dataCentre) => (
            <ConnectionRow
              key={dataCentre}
              dataCentre={dataCentre}
              connection={connections[dataCentre]}
              api={api}
              locale={locale}
              onChange={(connection) => setConnections((all) => ({ ...all, [connection.dataCentre]: connection }))}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

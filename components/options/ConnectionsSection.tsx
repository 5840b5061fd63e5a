import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { DATA_CENTRE_IDS, DATA_CENTRES, type DataCentre } from '@/utils/data-centres';
import type { MessageKey } from '@/utils/i18n/catalogue';
import { dataCentreName } from '@/utils/i18n/names';
import type { Connection, ErrorInfo, ReachedOrg, Result } from '@/utils/messaging';
import { describeError } from '@/utils/zoho-errors';
import { useI18n } from '../i18n';
import type { OptionsApi } from './options-api';

type Loaded = { status: 'loading' } | { status: 'failed'; error: ErrorInfo } | { status: 'loaded' };

function ErrorLine({ error }: { error: ErrorInfo }) {
  const { t } = useI18n();
  return (
    <p class="op-problem" role="alert">
      {t(describeError(error).message)} <span class="op-code-inline">{t('common.code', { code: error.code })}</span>
    </p>
  );
}

/**
 * Sign in to or out of one data centre: a button named after it, and the error on its row. While
 * busy, a second click sends nothing.
 */
function ConnectionButton({
  dataCentre,
  run,
  onDone,
  words,
}: {
  dataCentre: DataCentre;
  run: (dataCentre: DataCentre) => Promise<Result<Connection>>;
  onDone: (connection: Connection) => void;
  words: { name: MessageKey; label: MessageKey; busy: MessageKey };
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const act = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await run(dataCentre);
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };
  return (
    <>
      <button
        type="button"
        class="op-button"
        // Busy, the name is what the button shows ("Signing in…"), as a busy button's name must be.
        aria-label={busy ? undefined : t(words.label, { dataCentre: dataCentreName({ t }, dataCentre) })}
        aria-disabled={busy ? 'true' : undefined}
        aria-busy={busy ? 'true' : undefined}
        onClick={act}
      >
        {t(busy ? words.busy : words.name)}
      </button>
      {error ? <ErrorLine error={error} /> : null}
    </>
  );
}

function OrgLines({ orgs }: { orgs: readonly ReachedOrg[] }) {
  const { t } = useI18n();
  if (orgs.length === 0) return <p class="op-muted">{t('options.noOrgYet')}</p>;
  return (
    <ul class="op-orgs">
      {orgs.map((org) => (
        <li key={`${org.sandbox}|${org.orgId}`}>
          {t(org.sandbox ? 'options.sandboxOrgLine' : 'options.orgLine', { orgId: org.orgId })}
        </li>
      ))}
    </ul>
  );
}

function ConnectedDataCentre({
  connection,
  api,
  onChange,
}: {
  connection: Connection;
  api: OptionsApi;
  onChange: (connection: Connection) => void;
}) {
  const { t } = useI18n();
  return (
    <li class="op-connected">
      <div class="op-connection-text">
        <h3 id={`connected-${connection.dataCentre}`} tabIndex={-1}>
          {dataCentreName({ t }, connection.dataCentre)}{' '}
          <span class="op-host">{DATA_CENTRES[connection.dataCentre].crmHost}</span>
        </h3>
        <p>{t('options.signedIn')}</p>
        <OrgLines orgs={connection.orgs ?? []} />
      </div>
      <ConnectionButton
        dataCentre={connection.dataCentre}
        run={api.signOut}
        onDone={onChange}
        words={{ name: 'options.signOut', label: 'options.signOutOf', busy: 'options.signingOut' }}
      />
    </li>
  );
}

function OtherDataCentre({
  dataCentre,
  api,
  onChange,
}: {
  dataCentre: DataCentre;
  api: OptionsApi;
  onChange: (connection: Connection) => void;
}) {
  const { t } = useI18n();
  return (
    <li class="op-connection">
      <div class="op-connection-text">
        <span class="op-connection-name">{dataCentreName({ t }, dataCentre)}</span>
        <span class="op-muted">{DATA_CENTRES[dataCentre].crmHost}</span>
      </div>
      <ConnectionButton
        dataCentre={dataCentre}
        run={api.signIn}
        onDone={onChange}
        words={{ name: 'options.signIn', label: 'options.signInTo', busy: 'common.signingIn' }}
      />
    </li>
  );
}

/**
 * The data centres the user is signed in to, first, each with the orgs reached; the others folded
 * under one disclosure. Sign in and sign out per data centre.
 */
export function ConnectionsSection({ api }: { api: OptionsApi }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [connections, setConnections] = useState<Partial<Record<DataCentre, Connection>>>({});
  const [status, setStatus] = useState('');
  /** Where focus goes once a sign-in or sign-out has moved the button it was on. */
  const [focusNext, setFocusNext] = useState<string | null>(null);

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

  // Before the next paint: a read of the page right after the change finds focus already there.
  useLayoutEffect(() => {
    if (focusNext === null) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const changed = (connection: Connection) => {
    setConnections((all) => ({ ...all, [connection.dataCentre]: connection }));
    const name = dataCentreName({ t }, connection.dataCentre);
    setStatus(t(connection.connected ? 'options.signedInTo' : 'options.signedOutOf', { dataCentre: name }));
    setFocusNext(connection.connected ? `connected-${connection.dataCentre}` : 'other-data-centres');
  };

  const connected = DATA_CENTRE_IDS.filter((dataCentre) => connections[dataCentre]?.connected === true);
  const others = DATA_CENTRE_IDS.filter((dataCentre) => !connected.includes(dataCentre));

  return (
    <section class="op-section" aria-labelledby="connections-heading">
      <h2 id="connections-heading">{t('options.connectionsHeading')}</h2>
      {loaded.status === 'loading' ? <p class="op-muted">{t('options.checkingConnections')}</p> : null}
      {loaded.status === 'failed' ? <ErrorLine error={loaded.error} /> : null}
      {loaded.status === 'loaded' ? (
        <>
          {connected.length === 0 ? (
            <p>{t('options.noConnection')}</p>
          ) : (
            <ul class="op-connections">
              {connected.map((dataCentre) => {
                const connection = connections[dataCentre];
                return connection ? (
                  <ConnectedDataCentre key={dataCentre} connection={connection} api={api} onChange={changed} />
                ) : null;
              })}
            </ul>
          )}
          {others.length > 0 ? (
            <details class="op-more">
              <summary id="other-data-centres">
                {t(connected.length === 0 ? 'options.firstDataCentre' : 'options.moreDataCentres')}
              </summary>
              <p class="op-muted">{t('options.pickDataCentre')}</p>
              <ul class="op-connections">
                {others.map((dataCentre) => (
                  <OtherDataCentre key={dataCentre} dataCentre={dataCentre} api={api} onChange={changed} />
                ))}
              </ul>
            </details>
          ) : null}
          {connected.length > 0 ? <p class="op-muted op-note">{t('options.whatZohoTells')}</p> : null}
        </>
      ) : null}
      <p class="op-status" role="status">
        {status}
      </p>
    </section>
  );
}

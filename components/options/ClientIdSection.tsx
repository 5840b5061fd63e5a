import { useEffect, useId, useState } from 'preact/hooks';
import { checkClientId } from '@/utils/panel/client-id';
import { useI18n } from '../i18n';
import { ClientSetupSteps } from './ClientSetupSteps';
import type { OptionsApi } from './options-api';

/** For builds without a client id of their own: the user's client id, and how to make one (folded). */
export function ClientIdSection({ api }: { api: OptionsApi }) {
  const { t } = useI18n();
  const inputId = useId();
  const problemId = useId();
  const [value, setValue] = useState('');
  const [malformed, setMalformed] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    api.loadClientId().then((stored) => {
      if (live && stored) setValue(stored);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkClientId(value);
    if (!checked.ok) {
      setMalformed(true);
      setStatus('');
      return;
    }
    setMalformed(false);
    try {
      await api.saveClientId(checked.clientId);
      setValue(checked.clientId ?? '');
      setStatus(t(checked.clientId ? 'options.clientSaved' : 'options.clientRemoved'));
    } catch {
      setStatus(t('options.clientSaveFailed'));
    }
  };

  return (
    <section class="op-section" aria-labelledby="client-heading">
      <h2 id="client-heading">{t('options.clientHeading')}</h2>
      <p>{t('options.clientNeeded')}</p>
      <form class="op-row" onSubmit={save} noValidate>
        <label for={inputId}>{t('options.clientIdLabel')}</label>
        <input
          id={inputId}
          class="op-input"
          type="text"
          value={value}
          spellcheck={false}
          autocomplete="off"
          placeholder="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
          aria-invalid={malformed ? 'true' : undefined}
          aria-describedby={malformed ? problemId : undefined}
          onInput={(event) => {
            setValue(event.currentTarget.value);
            setStatus('');
          }}
        />
        <button type="submit" class="op-button op-primary">
          {t('options.clientSave')}
        </button>
      </form>
      {malformed ? (
        <p id={problemId} class="op-problem">
          {t('options.clientIdMalformed')}
        </p>
      ) : null}
      <p class="op-status" role="status">
        {status}
      </p>
      <ClientSetupSteps api={api} />
    </section>
  );
}

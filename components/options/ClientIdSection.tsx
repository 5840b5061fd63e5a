import { useEffect, useId, useState } from 'preact/hooks';
import { checkClientId } from '@/utils/panel/client-id';
import { ClientSetupSteps } from './ClientSetupSteps';
import type { OptionsApi } from './options-api';
import { optionsText as text } from './options-text';

/** For builds without a client id of their own: the user's client id, and how to make one (folded). */
export function ClientIdSection({ api }: { api: OptionsApi }) {
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
      setStatus(text(checked.clientId ? 'clientSaved' : 'clientRemoved'));
    } catch {
      setStatus(text('clientSaveFailed'));
    }
  };

  return (
    <section class="op-section" aria-labelledby="client-heading">
      <h2 id="client-heading">{text('clientHeading')}</h2>
      <p>{text('clientNeeded')}</p>
      <form class="op-row" onSubmit={save} noValidate>
        <label for={inputId}>{text('clientIdLabel')}</label>
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
          {text('clientSave')}
        </button>
      </form>
      {malformed ? (
        <p id={problemId} class="op-problem">
          {text('clientIdMalformed')}
        </p>
      ) : null}
      <p class="op-status" role="status">
        {status}
      </p>
      <ClientSetupSteps api={api} />
    </section>
  );
}

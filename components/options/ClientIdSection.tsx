import { useEffect, useId, useState } from 'preact/hooks';
import { checkClientId } from '@/utils/panel/client-id';
import type { OptionsApi } from './options-api';

export function ClientIdSection({ api }: { api: OptionsApi }) {
  const inputId = useId();
  const problemId = useId();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (api.buildClientId) return;
    let live = true;
    api.loadClientId().then((stored) => {
      if (live && stored) setValue(stored);
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (api.buildClientId) {
    return (
      <section class="op-section" aria-labelledby="client-heading">
        <h2 id="client-heading">Zoho API client</h2>
        <p>
          This build comes with its own Zoho API client (<code>{api.buildClientId}</code>). There is nothing to set up:
          sign in below.
        </p>
      </section>
    );
  }

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkClientId(value);
    if (!checked.ok) {
      setProblem(checked.problem);
      setStatus('');
      return;
    }
    setProblem(null);
    try {
      await api.saveClientId(checked.clientId);
      setValue(checked.clientId ?? '');
      setStatus(checked.clientId ? 'Client ID saved.' : 'Client ID removed.');
    } catch {
      setStatus('The client ID could not be saved. Try again.');
    }
  };

  return (
    <section class="op-section" aria-labelledby="client-heading">
      <h2 id="client-heading">Zoho API client</h2>
      <p>
        This build has no Zoho API client of its own. Create one in Zoho’s API console (steps below) and enter its
        client ID here.
      </p>
      <form class="op-row" onSubmit={save} noValidate>
        <label for={inputId}>Client ID</label>
        <input
          id={inputId}
          class="op-input"
          type="text"
          value={value}
          spellcheck={false}
          autocomplete="off"
          placeholder="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={(event) => {
            setValue(event.currentTarget.value);
            setStatus('');
          }}
        />
        <button type="submit" class="op-button op-primary">
          Save
        </button>
      </form>
      {problem ? (
        <p id={problemId} class="op-problem">
          {problem}
        </p>
      ) : null}
      <p class="op-status" role="status">
        {status}
      </p>
    </section>
  );
}

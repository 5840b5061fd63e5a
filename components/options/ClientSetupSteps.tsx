import { useState } from 'preact/hooks';
import { originOf, otherRedirectUris } from '@/utils/panel/redirect-uris';
import type { OptionsApi } from './options-api';
import { optionsText as text } from './options-text';

function CopyableValue({
  label,
  value,
  api,
  onCopied,
}: {
  label: string;
  value: string;
  api: OptionsApi;
  onCopied: (message: string) => void;
}) {
  return (
    <div class="op-copyable">
      <span class="op-copy-label">{label}</span>
      <code class="op-code">{value}</code>
      <button
        type="button"
        class="op-button"
        aria-label={text('copyLabel', { what: label })}
        onClick={async () => {
          const copied = await api.copyText(value);
          onCopied(copied ? text('copied', { what: label }) : text('copyFailed'));
        }}
      >
        {text('copy')}
      </button>
    </div>
  );
}

const API_CONSOLE = 'https://api-console.zoho.com';

/** Folded: how to create a Client-based Applications client, each value with its Copy button. */
export function ClientSetupSteps({ api }: { api: OptionsApi }) {
  const [status, setStatus] = useState('');
  const others = otherRedirectUris(api.redirectUri);
  const [beforeConsole, afterConsole] = text('setupStepConsole').split('{console}');
  return (
    <details class="op-setup">
      <summary>{text('setupSummary')}</summary>
      <ol class="op-steps">
        <li>
          {beforeConsole}
          <a href={API_CONSOLE} target="_blank" rel="noopener">
            api-console.zoho.com
          </a>
          {afterConsole}
        </li>
        <li>
          {text('setupStepRedirect')}
          <CopyableValue label={text('redirectThisBrowser')} value={api.redirectUri} api={api} onCopied={setStatus} />
          {others.map((other) => (
            <CopyableValue
              key={other.uri}
              label={text('redirectOtherBrowser', { browser: other.browserName })}
              value={other.uri}
              api={api}
              onCopied={setStatus}
            />
          ))}
        </li>
        <li>
          {text('setupStepDomain')}
          <CopyableValue
            label={text('javaScriptDomain')}
            value={originOf(api.redirectUri)}
            api={api}
            onCopied={setStatus}
          />
        </li>
        <li>{text('setupStepMultiDc')}</li>
        <li>{text('setupStepClientId')}</li>
      </ol>
      <p class="op-status" role="status">
        {status}
      </p>
    </details>
  );
}

import { useState } from 'preact/hooks';
import { originOf, otherRedirectUris } from '@/utils/panel/redirect-uris';
import type { OptionsApi } from './options-api';

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

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
        aria-label={`Copy ${lowerFirst(label)}`}
        onClick={async () => {
          const copied = await api.copyText(value);
          onCopied(copied ? `Copied ${lowerFirst(label)}.` : 'Copying failed: select the text and copy it by hand.');
        }}
      >
        Copy
      </button>
    </div>
  );
}

export function RedirectUriSection({ api }: { api: OptionsApi }) {
  const [status, setStatus] = useState('');
  const others = otherRedirectUris(api.redirectUri);
  return (
    <section class="op-section" aria-labelledby="redirect-heading">
      <h2 id="redirect-heading">Set up the client in Zoho’s API console</h2>
      <ol class="op-steps">
        <li>
          Open Zoho’s API console (api-console.zoho.com, or the one of your data centre) and add a{' '}
          <strong>Client-based Applications</strong> client.
        </li>
        <li>
          Add the redirect URI below as an authorized redirect URI. To use the same client in both browsers, add both
          URIs.
        </li>
        <li>Enter the JavaScript domain below.</li>
        <li>
          In the client’s settings, enable <strong>multi-DC</strong> support if your organizations live in more than one
          data centre (or if you are not sure).
        </li>
        <li>Copy the client ID into the field above (unless this build brings its own), then sign in below.</li>
      </ol>
      <CopyableValue label="Redirect URI for this browser" value={api.redirectUri} api={api} onCopied={setStatus} />
      {others.map((other) => (
        <CopyableValue
          key={other.uri}
          label={`Redirect URI for ${other.browserName}`}
          value={other.uri}
          api={api}
          onCopied={setStatus}
        />
      ))}
      <CopyableValue label="JavaScript domain" value={originOf(api.redirectUri)} api={api} onCopied={setStatus} />
      <p class="op-status" role="status">
        {status}
      </p>
    </section>
  );
}

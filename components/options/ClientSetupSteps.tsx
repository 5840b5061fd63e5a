import { useState } from 'preact/hooks';
import { originOf, otherRedirectUris } from '@/utils/panel/redirect-uris';
import { useI18n } from '../i18n';
import type { OptionsApi } from './options-api';

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
  const { t } = useI18n();
  return (
    <div class="op-copyable">
      <span class="op-copy-label">{label}</span>
      <code class="op-code">{value}</code>
      <button
        type="button"
        class="op-button"
        aria-label={t('options.copyLabel', { what: label })}
        onClick={async () => {
          const copied = await api.copyText(value);
          onCopied(copied ? t('options.copied', { what: label }) : t('options.copyFailed'));
        }}
      >
        {t('options.copy')}
      </button>
    </div>
  );
}

const API_CONSOLE = 'https://api-console.zoho.com';
/** Where the link goes in a translated sentence: a private-use character no translation holds. */
const LINK_MARK = '\uE000';

/** Folded: how to create a Client-based Applications client, each value with its Copy button. */
export function ClientSetupSteps({ api }: { api: OptionsApi }) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const others = otherRedirectUris(api.redirectUri);
  // The sentence around the link, in whichever order the language puts them.
  const [beforeConsole, afterConsole] = t('options.setupStepConsole', { console: LINK_MARK }).split(LINK_MARK);
  return (
    <details class="op-setup">
      <summary>{t('options.setupSummary')}</summary>
      <ol class="op-steps">
        <li>
          {beforeConsole}
          <a href={API_CONSOLE} target="_blank" rel="noopener">
            api-console.zoho.com
          </a>
          {afterConsole}
        </li>
        <li>
          {t('options.setupStepRedirect')}
          <CopyableValue
            label={t('options.redirectThisBrowser')}
            value={api.redirectUri}
            api={api}
            onCopied={setStatus}
          />
          {others.map((other) => (
            <CopyableValue
              key={other.uri}
              label={t('options.redirectOtherBrowser', { browser: other.browserName })}
              value={other.uri}
              api={api}
              onCopied={setStatus}
            />
          ))}
        </li>
        <li>
          {t('options.setupStepDomain')}
          <CopyableValue
            label={t('options.javaScriptDomain')}
            value={originOf(api.redirectUri)}
            api={api}
            onCopied={setStatus}
          />
        </li>
        <li>{t('options.setupStepMultiDc')}</li>
        <li>{t('options.setupStepClientId')}</li>
      </ol>
      <p class="op-status" role="status">
        {status}
      </p>
    </details>
  );
}

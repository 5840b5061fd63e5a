import type { ComponentChildren } from 'preact';
import { ClientIdSection } from './ClientIdSection';
import { ConnectionsSection } from './ConnectionsSection';
import type { OptionsApi } from './options-api';
import { optionsText as text } from './options-text';
import { PreferencesSection } from './PreferencesSection';

/**
 * The connections first (a build with its own client id has nothing to set up), then every
 * preference. `language`: the Language select, shown first among the preferences.
 */
export function OptionsPage({ api, language }: { api: OptionsApi; language?: ComponentChildren }) {
  return (
    <main class="op-page">
      <h1>{text('title')}</h1>
      <p class="op-lead">
        {text('lead')}{' '}
        {/* The options may show inside the browser's extension settings: the bulk page gets a tab of its own. */}
        <a href={api.bulkPageUrl} target="_blank" rel="noopener">
          {text('bulkLink')}
        </a>
      </p>
      {api.buildClientId ? null : <ClientIdSection api={api} />}
      <ConnectionsSection api={api} />
      <PreferencesSection api={api} language={language} />
    </main>
  );
}

import { ClientIdSection } from './ClientIdSection';
import { ConnectionsSection } from './ConnectionsSection';
import type { OptionsApi } from './options-api';
import { PanelPreferences } from './PanelPreferences';
import { RedirectUriSection } from './RedirectUriSection';

export function OptionsPage({ api, locale }: { api: OptionsApi; locale?: string }) {
  return (
    <main class="op-page">
      <h1>Territory Panel for Zoho CRM</h1>
      <p class="op-lead">
        {/* The options may show inside the browser's extension settings: the bulk page gets a tab of its own. */}
        <a href={api.bulkPageUrl} target="_blank" rel="noopener">
          Remove territories from many records
        </a>
      </p>
      <ClientIdSection api={api} />
      <RedirectUriSection api={api} />
      <ConnectionsSection api={api} locale={locale} />
      <PanelPreferences api={api} />
    </main>
  );
}

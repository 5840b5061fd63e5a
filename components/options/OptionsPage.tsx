import { ClientIdSection } from './ClientIdSection';
import { ConnectionsSection } from './ConnectionsSection';
import type { OptionsApi } from './options-api';
import { PanelPreferences } from './PanelPreferences';
import { RedirectUriSection } from './RedirectUriSection';

export function OptionsPage({ api, locale }: { api: OptionsApi; locale?: string }) {
  return (
    <main class="op-page">
      <h1>Territory Panel for Zoho CRM</h1>
      <ClientIdSection api={api} />
      <RedirectUriSection api={api} />
      <ConnectionsSection api={api} locale={locale} />
      <PanelPreferences api={api} />
    </main>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ClientIdSection } from './ClientIdSection';
import { ConnectionsSection } from './ConnectionsSection';
import type { OptionsApi } from './options-api';
import { PreferencesSection } from './PreferencesSection';

/**
 * The connections first (a build with its own client id has nothing to set up), then every
 * preference. `language`: the Language select, shown first among the preferences.
 */
export function OptionsPage({ api, language }: { api: OptionsApi; language?: ComponentChildren }) {
  const { t } = useI18n();
  const title = t('options.pageTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main class="op-page">
      <h1>{t('extension.name')}</h1>
      <p class="op-lead">
        {t('options.lead')}{' '}
        {/* The options may show inside the browser's extension settings: the bulk page gets a tab of its own. */}
        <a href={api.bulkPageUrl} target="_blank" rel="noopener">
          {t('options.bulkLink')}
        </a>
      </p>
      {api.buildClientId ? null : <ClientIdSection api={api} />}
      <ConnectionsSection api={api} />
      <PreferencesSection api={api} language={language} />
    </main>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { recordKey } from '@/utils/crm-page';
import type { BrowserPanel } from '@/utils/i18n/names';
import type { PanelTheme } from '@/utils/panel/page-theme';
import type { PanelApi } from '@/utils/panel/panel-controller';
import type { ActiveTab } from '@/utils/side-panel/follow-active-tab';
import { useI18n } from './i18n';
import { Panel } from './Panel';

/** What the side panel needs from the extension; entrypoints/sidepanel builds the real one. */
export interface SidePanelApi {
  /**
   * Calls back with the window's active tab and the record it shows, now and whenever the user
   * switches tabs or the app moves on; returns the unsubscribe.
   */
  followActiveTab(onTab: (tab: ActiveTab) => void): () => void;
  /** The panel's requests for the record a tab shows (that tab's toolbar badge follows them). */
  panelApi(tabId: number | undefined): PanelApi;
  /** Makes the page the panel's home again and closes the side panel. */
  showInPage(): void;
}

export interface SidePanelProps {
  api: SidePanelApi;
  theme: PanelTheme;
  /** Chrome's side panel or Firefox's sidebar */
  browserPanel: BrowserPanel;
}

/** The same Panel as in the page, in the browser's side panel, for the record of the active tab. */
export function SidePanel({ api, theme, browserPanel }: SidePanelProps) {
  const { t } = useI18n();
  // undefined: the active tab has not answered yet
  const [tab, setTab] = useState<ActiveTab | undefined>(undefined);
  useEffect(() => api.followActiveTab(setTab), [api]);
  const tabId = tab?.tabId;
  const panelApi = useMemo(() => api.panelApi(tabId), [api, tabId]);
  const page = tab?.page;

  const backToPage = (
    <button
      type="button"
      class="tp-button tp-quiet tp-icon"
      data-focus-key="page-home"
      aria-label={t('sidepanel.backToPage')}
      title={t(browserPanel === 'sidebar' ? 'sidepanel.backToPageFromSidebar' : 'sidepanel.backToPageFromSidePanel')}
      onClick={() => api.showInPage()}
    >
      <span aria-hidden="true">⇤</span>
    </button>
  );

  if (!page) {
    return (
      <main class="tp-panel tp-side-empty" data-theme={theme}>
        <header class="tp-header">
          <h1 class="tp-title">{t('panel.title')}</h1>
          {backToPage}
        </header>
        <p class="tp-message" role="status">
          {tab === undefined ? t('sidepanel.checkingTab') : t('sidepanel.openRecord')}
        </p>
      </main>
    );
  }
  return (
    <Panel
      key={recordKey(page)}
      page={page}
      api={panelApi}
      collapsed={false}
      onCollapsedChange={() => undefined}
      collapsible={false}
      standalone
      theme={theme}
      headerEnd={backToPage}
    />
  );
}

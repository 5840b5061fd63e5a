import { useEffect, useState } from 'preact/hooks';
import { type RecordPage, recordKey } from '@/utils/crm-page';
import type { PanelTheme } from '@/utils/panel/page-theme';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { Panel } from './Panel';

/** What the side panel needs from the extension; entrypoints/sidepanel builds the real one. */
export interface SidePanelApi extends PanelApi {
  /**
   * Calls back with the record page the window's active tab shows (null: none), now and whenever the
   * user switches tabs or the app moves on; returns the unsubscribe.
   */
  followActiveTab(onPage: (page: RecordPage | null) => void): () => void;
  /** Makes the page the panel's home again and closes the side panel. */
  showInPage(): void;
}

export interface SidePanelProps {
  api: SidePanelApi;
  theme: PanelTheme;
  /** 'side panel' (Chrome) or 'sidebar' (Firefox) */
  sidePanelName: string;
}

/** The same Panel as in the page, in the browser's side panel, for the record of the active tab. */
export function SidePanel({ api, theme, sidePanelName }: SidePanelProps) {
  // undefined: the active tab has not answered yet
  const [page, setPage] = useState<RecordPage | null | undefined>(undefined);
  useEffect(() => api.followActiveTab(setPage), [api]);

  const backToPage = (
    <button
      type="button"
      class="tp-button tp-quiet tp-icon"
      data-focus-key="page-home"
      aria-label="Show the panel in the page instead"
      title={`Show the panel in the page instead of the ${sidePanelName}`}
      onClick={() => api.showInPage()}
    >
      <span aria-hidden="true">⇤</span>
    </button>
  );

  if (!page) {
    return (
      <main class="tp-panel tp-side-empty" data-theme={theme}>
        <header class="tp-header">
          <h1 class="tp-title">Territories</h1>
          {backToPage}
        </header>
        <p class="tp-message" role="status">
          {page === undefined
            ? 'Checking this tab…'
            : 'Open a Lead, Account, Contact or Deal in Zoho CRM to see its territories here.'}
        </p>
      </main>
    );
  }
  return (
    <Panel
      key={recordKey(page)}
      page={page}
      api={api}
      collapsed={false}
      onCollapsedChange={() => undefined}
      collapsible={false}
      theme={theme}
      headerEnd={backToPage}
    />
  );
}

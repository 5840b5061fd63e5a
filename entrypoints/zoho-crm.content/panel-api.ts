import { browser } from 'wxt/browser';
import type { ListPage } from '@/utils/crm-page';
import type { Result } from '@/utils/messaging';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { PANEL_COLLAPSED_KEY } from '@/utils/panel/preferences';
import { sendRequest } from '@/utils/send-request';

/** Asks the background to open the bulk page for this org and module, with these records selected. */
export function requestBulkPage(org: ListPage, recordIds: string[]): Promise<Result<null>> {
  return sendRequest({
    type: 'bulk.open',
    dataCentre: org.dataCentre,
    sandbox: org.sandbox,
    orgId: org.orgId,
    module: org.module,
    recordIds,
  });
}

/** Tells the background this frame no longer shows the record it showed (its toolbar badge then clears). */
export function reportPageLeft(): void {
  void sendRequest({ type: 'page.left' });
}

/** The panel's api on a real page: every request goes to the background; no token ever comes here. */
export function createPanelApi(): PanelApi {
  return {
    territories: (page) => sendRequest({ type: 'record.territories', page }),
    remove: (page, territoryId) => sendRequest({ type: 'record.removeTerritory', page, territoryId }),
    assign: (page, territoryId) => sendRequest({ type: 'record.assignTerritory', page, territoryId }),
    signIn: (dataCentre) => sendRequest({ type: 'auth.signIn', dataCentre }),
    saveCollapsed: (collapsed) => {
      browser.storage.local.set({ [PANEL_COLLAPSED_KEY]: collapsed }).catch(() => {
        // The page may outlive the extension (reload or update); the choice is then simply not kept.
      });
    },
    optionsUrl: browser.runtime.getURL('/options.html'),
    openOptions: () => {
      void sendRequest({ type: 'options.open' });
    },
    openBulkPage: (page) => {
      void requestBulkPage(page, []);
    },
  };
}

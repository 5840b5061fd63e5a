import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { PopupApi } from '@/components/popup/Popup';
import { type PanelStatus, RecordPageSchema, type TabMessage } from '@/utils/messaging';
import { PANEL_HOME_KEY } from '@/utils/panel/preferences';
import { sendRequest } from '@/utils/send-request';

const PanelStatusSchema = v.object({ page: RecordPageSchema });

async function tabStatus(): Promise<PanelStatus | null> {
  // Without the `tabs` permission the tab's URL stays unknown: its content script says what it shows.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const question: TabMessage = { type: 'panel.status' };
  try {
    const answer: unknown = await browser.tabs.sendMessage(tab.id, question);
    const parsed = v.safeParse(PanelStatusSchema, answer);
    return parsed.success ? parsed.output : null;
  } catch {
    // No content script in this tab (not a Zoho CRM page), or none of its frames shows a record.
    return null;
  }
}

export function createPopupApi(): PopupApi {
  return {
    tabStatus,
    connections: () => sendRequest({ type: 'auth.connections' }),
    bulkPageUrl: browser.runtime.getURL('/bulk.html'),
    sidePanelName: import.meta.env.FIREFOX ? 'sidebar' : 'side panel',
    openSidePanel: () => {
      // Both browsers open their panel only while the click is being handled: nothing awaited first.
      const apis = browser as {
        sidePanel?: { open(options: { windowId: number }): Promise<void> };
        sidebarAction?: { open(): Promise<void> };
        windows: { WINDOW_ID_CURRENT: number };
      };
      const opening = apis.sidePanel
        ? apis.sidePanel.open({ windowId: apis.windows.WINDOW_ID_CURRENT })
        : apis.sidebarAction?.open();
      void Promise.resolve(opening)
        .then(() => browser.storage.local.set({ [PANEL_HOME_KEY]: 'side-panel' }))
        .then(
          () => window.close(),
          () => undefined,
        );
    },
    openOptions: () => {
      browser.runtime.openOptionsPage().then(
        () => window.close(),
        () => undefined,
      );
    },
  };
}

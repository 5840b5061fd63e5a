import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { PopupApi } from '@/components/popup/Popup';
import { openSidePanel, sidePanelApisOf } from '@/utils/background/side-panel';
import { type PanelStatus, RecordPageSchema, type TabMessage } from '@/utils/messaging';
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
    browserPanel: import.meta.env.FIREFOX ? 'sidebar' : 'side-panel',
    openSidePanel: () => {
      const apis = { ...sidePanelApisOf(browser), local: browser.storage.local };
      void openSidePanel(apis, { windowId: browser.windows.WINDOW_ID_CURRENT }).then((opened) => {
        if (opened.ok) window.close();
      });
    },
    openOptions: () => {
      browser.runtime.openOptionsPage().then(
        () => window.close(),
        () => undefined,
      );
    },
  };
}

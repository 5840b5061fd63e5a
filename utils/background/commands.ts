// Keyboard shortcuts (manifest `commands`). The command names the tab it was pressed in, so no
// `tabs` permission is needed to reach that tab's content scripts.
import type { TabMessage } from '../messaging';

export const FOCUS_PANEL_COMMAND = 'focus-panel';

interface TabMessenger {
  sendMessage(tabId: number, message: TabMessage): Promise<unknown>;
}

export function commandHandler(tabs: TabMessenger) {
  return (command: string, tab?: { id?: number }): void => {
    if (command !== FOCUS_PANEL_COMMAND || tab?.id === undefined) return;
    // A tab without our content script (not a Zoho record) has nobody to answer: nothing to do.
    tabs.sendMessage(tab.id, { type: 'panel.focus' }).catch(() => {});
  };
}

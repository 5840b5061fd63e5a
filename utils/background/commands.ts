// Keyboard shortcuts (manifest `commands`). The command names the tab it was pressed in, so no
// `tabs` permission is needed to reach that tab's content scripts.
import type { TabMessage } from '../messaging';
import type { SidePanelHome } from './side-panel';

export const FOCUS_PANEL_COMMAND = 'focus-panel';

interface TabMessenger {
  sendMessage(tabId: number, message: TabMessage): Promise<unknown>;
}

export function commandHandler(tabs: TabMessenger, sidePanel?: Pick<SidePanelHome, 'current' | 'open'>) {
  return (command: string, tab?: { id?: number }): void => {
    if (command !== FOCUS_PANEL_COMMAND || tab?.id === undefined) return;
    // A shortcut is the user's own action, so the side panel may open from it (nothing awaited before).
    if (sidePanel?.current() === 'side-panel') {
      void sidePanel.open(tab.id);
      return;
    }
    // A tab without our content script (not a Zoho record) has nobody to answer: nothing to do.
    tabs.sendMessage(tab.id, { type: 'panel.focus' }).catch(() => {});
  };
}

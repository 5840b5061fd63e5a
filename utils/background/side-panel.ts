// The panel's second home: Chrome's side panel (`sidePanel`, MV3) or Firefox's sidebar
// (`sidebarAction`). Both open only in answer to a user's action, and the browser forgets that
// action at the first await: so the open call comes before anything else.
import type { Result } from '../messaging';
import { PANEL_HOME_KEY, type PanelHome, readPanelHome } from '../panel/preferences';
import type { StorageArea } from '../zoho/storage-area';

export interface SidePanelApis {
  /** chrome.sidePanel: opens the panel of a window, or of the window a tab is in */
  sidePanel?: { open(options: SidePanelTarget): Promise<void> };
  /** browser.sidebarAction: opens the sidebar of the window the user acted in */
  sidebarAction?: { open(): Promise<void> };
  local: StorageArea;
  /** browser.storage.onChanged: keeps the remembered home current when the options page changes it */
  onStorageChanged?: {
    addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
  };
}

/** A tab (its window's panel, from a page's click) or a window (from an extension page's click). */
export type SidePanelTarget = { tabId: number } | { windowId: number };

/**
 * Opens the side panel and keeps it as the panel's home. Call it from the user's action, nothing
 * awaited before: the open call itself comes first.
 */
export async function openSidePanel(
  apis: Pick<SidePanelApis, 'sidePanel' | 'sidebarAction' | 'local'>,
  target: SidePanelTarget,
): Promise<Result<null>> {
  try {
    await (apis.sidePanel
      ? apis.sidePanel.open(target)
      : apis.sidebarAction
        ? apis.sidebarAction.open()
        : Promise.reject(new Error('This browser has no side panel for extensions.')));
  } catch (error) {
    // Firefox opens its sidebar only from a handler of the user's own input, which a message
    // from a page is not (sidebarAction.open, MDN); the toolbar popup's button is one.
    return {
      ok: false,
      error: { code: 'SIDE_PANEL_NOT_OPENED', message: error instanceof Error ? error.message : String(error) },
    };
  }
  await apis.local.set({ [PANEL_HOME_KEY]: 'side-panel' });
  return { ok: true, value: null };
}

export interface SidePanelHome {
  /** Opens the side panel for this tab's window and makes it the panel's home. */
  open(tabId: number): Promise<Result<null>>;
  /** The panel's home as last read; 'page' until storage has answered. */
  current(): PanelHome;
}

export function createSidePanelHome(apis: SidePanelApis): SidePanelHome {
  let home: PanelHome = 'page';
  apis.local.get(PANEL_HOME_KEY).then(
    (stored) => {
      home = readPanelHome(stored[PANEL_HOME_KEY]);
    },
    () => undefined,
  );
  apis.onStorageChanged?.addListener((changes, area) => {
    if (area === 'local' && PANEL_HOME_KEY in changes) home = readPanelHome(changes[PANEL_HOME_KEY]?.newValue);
  });

  return {
    current: () => home,
    async open(tabId) {
      const opened = await openSidePanel(apis, { tabId });
      if (opened.ok) home = 'side-panel';
      return opened;
    },
  };
}

/** The side panel API this browser has, from `browser`: Chrome's sidePanel or Firefox's sidebarAction. */
export function sidePanelApisOf(browser: object): Omit<SidePanelApis, 'local'> {
  const apis = browser as Partial<Pick<SidePanelApis, 'sidePanel' | 'sidebarAction'>> & {
    storage?: { onChanged?: SidePanelApis['onStorageChanged'] };
  };
  return { sidePanel: apis.sidePanel, sidebarAction: apis.sidebarAction, onStorageChanged: apis.storage?.onChanged };
}

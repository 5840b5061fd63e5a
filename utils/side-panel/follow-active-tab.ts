// The side panel shows the record of its window's active tab. Tabs are known by id only (no `tabs`
// permission): the content script of a tab says which record it shows, when asked and whenever the
// app moves to another record.
import type { RecordPage } from '../crm-page';

type Listener<A extends unknown[]> = { addListener(listener: (...args: A) => void): void } & {
  removeListener(listener: (...args: A) => void): void;
};

export interface TabEvents {
  /** The side panel's window, and its own tab where it was opened as one (in a side panel: none). */
  currentWindow(): Promise<{ windowId: number | undefined; ownTabId: number | undefined }>;
  activeTab(windowId: number): Promise<number | undefined>;
  onActivated: Listener<[{ tabId: number; windowId: number }]>;
  /** A load in the tab (it may have left Zoho, where no content script reports). */
  onUpdated: Listener<[number, { status?: string }, unknown]>;
  /** Content scripts' `page.shown` / `page.left` reports reach every extension page. */
  onMessage: Listener<[unknown, { tab?: { id?: number } }, unknown]>;
  recordOfTab(tabId: number): Promise<RecordPage | null>;
  parsePage(value: unknown): RecordPage | null;
}

export interface ActiveTab {
  /** undefined until the window's active tab is known */
  tabId: number | undefined;
  /** the record it shows, or null */
  page: RecordPage | null;
}

/** Calls `onTab` with the active tab and its record now and on every change; returns the unsubscribe. */
export function followActiveTab(events: TabEvents, onTab: (tab: ActiveTab) => void): () => void {
  let stopped = false;
  let windowId: number | undefined;
  let ownTabId: number | undefined;
  let activeTabId: number | undefined;
  /** Bumped by every change: an answer to an older question is stale. */
  let generation = 0;

  const show = (page: RecordPage | null) => {
    if (!stopped) onTab({ tabId: activeTabId, page });
  };

  const ask = async (tabId: number | undefined) => {
    const asked = ++generation;
    const page = tabId === undefined ? null : await events.recordOfTab(tabId);
    if (asked === generation) show(page);
  };

  const onActivated = (info: { tabId: number; windowId: number }) => {
    // Opened as a tab itself, the panel follows the other tabs of its window.
    if (info.windowId !== windowId || info.tabId === ownTabId) return;
    activeTabId = info.tabId;
    void ask(activeTabId);
  };

  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (tabId === activeTabId && change.status === 'complete') void ask(tabId);
  };

  const onMessage = (message: unknown, sender: { tab?: { id?: number } }) => {
    if (activeTabId === undefined || sender.tab?.id !== activeTabId) return;
    if (typeof message !== 'object' || message === null) return;
    const { type, page } = message as { type?: unknown; page?: unknown };
    if (type === 'page.shown') {
      const shown = events.parsePage(page);
      if (!shown) return;
      generation += 1;
      show(shown);
    } else if (type === 'page.left') {
      // Another frame of the tab (Zoho One) may still show a record.
      void ask(activeTabId);
    }
  };

  events.onActivated.addListener(onActivated);
  events.onUpdated.addListener(onUpdated);
  events.onMessage.addListener(onMessage);

  void (async () => {
    ({ windowId, ownTabId } = await events.currentWindow());
    if (windowId === undefined) return show(null);
    const active = await events.activeTab(windowId);
    // A change that arrived meanwhile wins.
    if (activeTabId === undefined) activeTabId = active === ownTabId ? undefined : active;
    await ask(activeTabId);
  })();

  return () => {
    stopped = true;
    events.onActivated.removeListener(onActivated);
    events.onUpdated.removeListener(onUpdated);
    events.onMessage.removeListener(onMessage);
  };
}

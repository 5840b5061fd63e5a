import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { SidePanelApi } from '@/components/SidePanel';
import type { RecordPage } from '@/utils/crm-page';
import type { Locale } from '@/utils/i18n/locales';
import { type PanelStatus, RecordPageSchema, type TabMessage } from '@/utils/messaging';
import { PANEL_THEME_KEY, type PanelTheme, readThemePreference } from '@/utils/panel/page-theme';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { PANEL_HOME_KEY } from '@/utils/panel/preferences';
import { sendRequest } from '@/utils/send-request';
import { followActiveTab, type TabEvents } from '@/utils/side-panel/follow-active-tab';

const PanelStatusSchema = v.object({ page: RecordPageSchema });

/** Which record a tab shows, as its content script says; null where none answers (not a Zoho record). */
async function recordOfTab(tabId: number): Promise<RecordPage | null> {
  const question: TabMessage = { type: 'panel.status' };
  try {
    const parsed = v.safeParse(PanelStatusSchema, (await browser.tabs.sendMessage(tabId, question)) as PanelStatus);
    return parsed.success ? parsed.output.page : null;
  } catch {
    return null;
  }
}

function tabEvents(): TabEvents {
  return {
    // Without the `tabs` permission tabs come without URLs; ids are all this needs.
    currentWindow: async () => {
      const [own, window] = await Promise.all([browser.tabs.getCurrent(), browser.windows.getCurrent()]);
      return { windowId: window.id, ownTabId: own?.id };
    },
    activeTab: async (windowId) => (await browser.tabs.query({ active: true, windowId }))[0]?.id,
    onActivated: browser.tabs.onActivated,
    onUpdated: browser.tabs.onUpdated,
    onMessage: browser.runtime.onMessage,
    recordOfTab,
    parsePage: (value) => {
      const parsed = v.safeParse(RecordPageSchema, value);
      return parsed.success ? parsed.output : null;
    },
  };
}

function panelApi(tabId: number | undefined, locale: Locale): PanelApi {
  return {
    territories: (page) => sendRequest({ type: 'record.territories', page, tabId, locale }),
    remove: (page, territoryId) => sendRequest({ type: 'record.removeTerritory', page, territoryId, tabId }),
    assign: (page, territoryId) => sendRequest({ type: 'record.assignTerritory', page, territoryId, tabId }),
    signIn: (dataCentre) => sendRequest({ type: 'auth.signIn', dataCentre }),
    optionsUrl: browser.runtime.getURL('/options.html'),
    openBulkPage: (page) => {
      void sendRequest({
        type: 'bulk.open',
        dataCentre: page.dataCentre,
        sandbox: page.sandbox,
        orgId: page.orgId,
        module: page.module,
        recordIds: [],
      });
    },
  };
}

/** `locale`: the side panel's language, which Zoho's assignment dates are written in */
export function createSidePanelApi(locale: Locale): SidePanelApi {
  return {
    panelApi: (tabId) => panelApi(tabId, locale),
    followActiveTab: (onTab) => followActiveTab(tabEvents(), onTab),
    showInPage: () => {
      const saved = browser.storage.local.set({ [PANEL_HOME_KEY]: 'page' });
      // Firefox closes its sidebar only from the user's own input, before anything is awaited;
      // Chrome's side panel closes with its page.
      const sidebar = (browser as { sidebarAction?: { close(): Promise<void> } }).sidebarAction;
      if (sidebar) void sidebar.close().catch(() => undefined);
      else void saved.then(() => window.close());
    },
  };
}

/**
 * Opened as the browser's side panel or sidebar (not as a tab), by whatever means (the browser's own
 * side panel menu included), this is where the panel lives now: the page lets go of it.
 */
export async function claimPanelHome(): Promise<void> {
  if ((await browser.tabs.getCurrent()) === undefined)
    await browser.storage.local.set({ [PANEL_HOME_KEY]: 'side-panel' });
}

/** The browser's own scheme unless the user forced one: there is no CRM page behind a side panel. */
export async function sidePanelTheme(): Promise<PanelTheme> {
  const preference = readThemePreference((await browser.storage.local.get(PANEL_THEME_KEY))[PANEL_THEME_KEY]);
  if (preference !== 'auto') return preference;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

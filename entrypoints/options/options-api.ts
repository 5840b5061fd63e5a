import { browser } from 'wxt/browser';
import type { OptionsApi } from '@/components/options/options-api';
import { FOCUS_PANEL_COMMAND } from '@/utils/background/commands';
import { buildClientId } from '@/utils/panel/client-id';
import { PANEL_THEME_KEY, readThemePreference } from '@/utils/panel/page-theme';
import { PANEL_PLACEMENT_KEY } from '@/utils/panel/placement';
import {
  CLIENT_ID_KEY,
  isCollapsed,
  PANEL_COLLAPSED_KEY,
  PANEL_HOME_KEY,
  readPanelHome,
} from '@/utils/panel/preferences';
import { sendRequest } from '@/utils/send-request';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function createOptionsApi(): OptionsApi {
  return {
    buildClientId: buildClientId(import.meta.env.WXT_ZOHO_CLIENT_ID),
    loadClientId: async () => {
      const stored = (await browser.storage.local.get(CLIENT_ID_KEY))[CLIENT_ID_KEY];
      return typeof stored === 'string' ? stored : null;
    },
    saveClientId: (clientId) =>
      clientId === null
        ? browser.storage.local.remove(CLIENT_ID_KEY)
        : browser.storage.local.set({ [CLIENT_ID_KEY]: clientId }),
    redirectUri: browser.identity.getRedirectURL('zoho'),
    connections: () => sendRequest({ type: 'auth.connections' }),
    signIn: (dataCentre) => sendRequest({ type: 'auth.signIn', dataCentre }),
    signOut: (dataCentre) => sendRequest({ type: 'auth.signOut', dataCentre }),
    loadStartCollapsed: async () => isCollapsed(await browser.storage.local.get(PANEL_COLLAPSED_KEY)),
    saveStartCollapsed: (collapsed) => browser.storage.local.set({ [PANEL_COLLAPSED_KEY]: collapsed }),
    loadTheme: async () => readThemePreference((await browser.storage.local.get(PANEL_THEME_KEY))[PANEL_THEME_KEY]),
    saveTheme: (theme) => browser.storage.local.set({ [PANEL_THEME_KEY]: theme }),
    loadHome: async () => readPanelHome((await browser.storage.local.get(PANEL_HOME_KEY))[PANEL_HOME_KEY]),
    saveHome: (home) => browser.storage.local.set({ [PANEL_HOME_KEY]: home }),
    resetPlacement: () => browser.storage.local.remove(PANEL_PLACEMENT_KEY),
    panelShortcut: async () => {
      try {
        const commands = await browser.commands.getAll();
        return commands.find((command) => command.name === FOCUS_PANEL_COMMAND)?.shortcut ?? '';
      } catch {
        return null;
      }
    },
    copyText,
    bulkPageUrl: browser.runtime.getURL('/bulk.html'),
  };
}

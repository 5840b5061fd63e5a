import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { toolbarButtonOf } from '@/utils/background/badge';
import { createBulkBackground, listenForMessages } from '@/utils/background/bulk-setup';
import { commandHandler } from '@/utils/background/commands';
import { scriptInjectionApisOf } from '@/utils/background/inject-page-code';
import { type BackgroundApis, createBackground, createBackgroundAuth } from '@/utils/background/setup';
import { createSidePanelHome, sidePanelApisOf } from '@/utils/background/side-panel';

declare global {
  interface ImportMetaEnv {
    readonly WXT_ZOHO_CLIENT_ID?: string;
  }
}

export default defineBackground(() => {
  const apis: BackgroundApis = {
    extension: { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') },
    identity: browser.identity,
    session: browser.storage.session,
    local: browser.storage.local,
    buildClientId: import.meta.env.WXT_ZOHO_CLIENT_ID,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    tabs: browser.tabs,
    toolbarButton: toolbarButtonOf(browser),
    bulkPageUrl: browser.runtime.getURL('/bulk.html'),
    scripts: scriptInjectionApisOf(browser),
  };
  const auth = createBackgroundAuth(apis);
  const bulk = createBulkBackground({ ...apis, alarms: browser.alarms }, auth);
  const sidePanel = createSidePanelHome({ ...sidePanelApisOf(browser), local: apis.local });
  listenForMessages(browser.runtime.onMessage, createBackground(apis, auth, bulk.territories, sidePanel), bulk.handle);
  browser.commands.onCommand.addListener(commandHandler(browser.tabs, sidePanel));
  // A job that was running when the worker (or the browser) stopped goes on where it was. The
  // onStartup listener makes Chromium start the worker with the browser, not at the next message.
  void bulk.jobs.resumeInterrupted();
  browser.runtime.onStartup.addListener(() => void bulk.jobs.resumeInterrupted());
});

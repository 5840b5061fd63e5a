import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground, listenForRequests } from '@/utils/background/setup';

declare global {
  interface ImportMetaEnv {
    readonly WXT_ZOHO_CLIENT_ID?: string;
  }
}

export default defineBackground(() => {
  const handle = createBackground({
    extension: { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') },
    identity: browser.identity,
    session: browser.storage.session,
    local: browser.storage.local,
    buildClientId: import.meta.env.WXT_ZOHO_CLIENT_ID,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  });
  listenForRequests(browser.runtime.onMessage, handle);
});

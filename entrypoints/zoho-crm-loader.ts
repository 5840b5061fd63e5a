// The one script every Zoho CRM page and frame gets (listed in the manifest by wxt.config.ts): it
// reads the URL and follows in-app navigation, and only on a record or a list view of the four
// modules asks the background to inject the panel's or the selection bar's code (page-code.ts). No
// framework, no polyfill, no WXT context: a page with nothing to do pays for this file alone.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isZohoFramed, thisFrame } from '@/utils/frame-ancestry';
import { runLoader } from '@/utils/loader/page-code';
import type { Request } from '@/utils/messaging';

declare const chrome: { runtime: { sendMessage(message: Request): unknown } };

const POLL_MS = 1_000;

export default defineUnlistedScript(() => {
  // A foreign site framing the CRM gets nothing (utils/frame-ancestry.ts).
  if (!isZohoFramed(thisFrame())) return;
  runLoader({
    href: () => location.href,
    watchNavigation: (onChange) => {
      // The Navigation API where there is one (Chromium); elsewhere a look at the URL once a second,
      // as WXT's own location watcher does.
      const navigation = (globalThis as { navigation?: EventTarget }).navigation;
      if (navigation) {
        // After history.pushState too, and with the new URL in place.
        navigation.addEventListener('currententrychange', onChange);
        return () => navigation.removeEventListener('currententrychange', onChange);
      }
      let last = location.href;
      const timer = setInterval(() => {
        if (location.href === last) return;
        last = location.href;
        onChange();
      }, POLL_MS);
      return () => clearInterval(timer);
    },
    load: (code) => {
      try {
        Promise.resolve(chrome.runtime.sendMessage({ type: 'content.load', code })).catch(() => undefined);
      } catch {
        // The extension was reloaded under this page: nothing to load until the page reloads.
      }
    },
  });
});

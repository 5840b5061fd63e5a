import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ignoreForgedStarts } from '@/utils/content-lifecycle';
import { isSameRecordPage, parseListPage, parseRecordPage } from '@/utils/crm-page';
import { isZohoFramed, thisFrame } from '@/utils/frame-ancestry';
import type { Translator } from '@/utils/i18n/translator';
import { CRM_PAGE_MATCHES } from '@/utils/manifest-matches';
import { isTabMessage, type PanelStatus } from '@/utils/messaging';
import { reportPageLeft, reportPageShown, requestBulkPage, requestPageTranslator } from './panel-api';
import { createPanelHost } from './panel-host';
import { createSelectionHost } from './selection-host';

export default defineContentScript({
  matches: CRM_PAGE_MATCHES,
  // Zoho One and CRM Plus show the CRM inside frames (zoho-crm.md §6).
  allFrames: true,
  runAt: 'document_idle',
  // The styles travel inside the script (shadow-ui.ts): no fetch before the first paint, and no
  // web-accessible file a page could probe for.
  cssInjectionMode: 'manual',
  // Not in the manifest: the loader (zoho-crm-loader.ts) has it injected where there is work to do.
  registration: 'runtime',
  main(ctx) {
    ignoreForgedStarts(ctx);
    if (!isZohoFramed(thisFrame())) return;
    // Asked for once, when the panel or the selection bar first shows.
    let words: Promise<Translator> | null = null;
    const translation = () => {
      words ??= requestPageTranslator();
      return words;
    };
    const host = createPanelHost(ctx, translation);
    const selection = createSelectionHost(ctx, { openBulkPage: requestBulkPage }, translation);
    const follow = (url: string) => {
      const record = parseRecordPage(url);
      // Before the panel reads the next record, so that a read of this one answered late is ignored.
      const sameRecord = record !== null && host.page !== null && isSameRecordPage(record, host.page);
      if (host.page && !sameRecord) reportPageLeft();
      if (record && !sameRecord) reportPageShown(record);
      host.show(record);
      selection.show(parseListPage(url));
    };
    follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => follow(newUrl.href));

    // The popup asks which record this tab shows, the shortcut asks for the panel; only a frame
    // that shows a record acts or answers.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (status: PanelStatus) => void) => {
      const page = host.page;
      if (!isTabMessage(message) || !page) return undefined;
      if (message.type === 'panel.focus') {
        host.focus();
        return undefined;
      }
      sendResponse({ page });
      return true as const;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});

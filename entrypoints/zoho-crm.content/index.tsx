import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ignoreForgedStarts } from '@/utils/content-lifecycle';
import { isSameRecordPage, parseRecordPage } from '@/utils/crm-page';
import { isZohoFramed, thisFrame } from '@/utils/frame-ancestry';
import { PAGE_CODE_SCRIPT } from '@/utils/manifest-matches';
import { isTabMessage, type PanelStatus } from '@/utils/messaging';
import { pageTranslation, reportPageLeft, reportPageShown } from '@/utils/page-api';
import { createPanelHost } from './panel-host';

export default defineContentScript({
  ...PAGE_CODE_SCRIPT,
  main(ctx) {
    ignoreForgedStarts(ctx);
    if (!isZohoFramed(thisFrame())) return;
    const host = createPanelHost(ctx, pageTranslation());
    const follow = (url: string) => {
      const record = parseRecordPage(url);
      // Before the panel reads the next record, so that a read of this one answered late is ignored.
      const sameRecord = record !== null && host.page !== null && isSameRecordPage(record, host.page);
      if (host.page && !sameRecord) reportPageLeft();
      if (record && !sameRecord) reportPageShown(record);
      host.show(record);
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

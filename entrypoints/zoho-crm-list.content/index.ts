import { defineContentScript } from 'wxt/utils/define-content-script';
import { ignoreForgedStarts } from '@/utils/content-lifecycle';
import { parseListPage } from '@/utils/crm-page';
import { isZohoFramed, thisFrame } from '@/utils/frame-ancestry';
import { PAGE_CODE_SCRIPT } from '@/utils/manifest-matches';
import { pageTranslation, requestBulkPage } from '@/utils/page-api';
import { createSelectionHost } from './selection-host';

export default defineContentScript({
  ...PAGE_CODE_SCRIPT,
  main(ctx) {
    ignoreForgedStarts(ctx);
    if (!isZohoFramed(thisFrame())) return;
    // A list view without a selection asks for nothing.
    const selection = createSelectionHost(ctx, { openBulkPage: requestBulkPage }, pageTranslation());
    selection.show(parseListPage(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => selection.show(parseListPage(newUrl.href)));
  },
});

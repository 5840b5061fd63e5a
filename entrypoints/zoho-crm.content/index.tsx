import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_PAGE_MATCHES } from '@/utils/manifest-matches';

export default defineContentScript({
  matches: CRM_PAGE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main() {},
});

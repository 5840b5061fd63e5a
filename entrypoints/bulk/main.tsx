import '@/components/page-theme.css';
import './style.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { BulkPage } from '@/components/bulk/BulkPage';
import { bulkLinkHash, parseBulkLink } from '@/utils/bulk/link';
import { createBulkPageApi } from './bulk-api';

const app = document.getElementById('app');
if (app) {
  render(
    <BulkPage
      api={createBulkPageApi()}
      initial={parseBulkLink(location.hash)}
      optionsUrl={browser.runtime.getURL('/options.html')}
      onJobShown={(jobId) => history.replaceState(null, '', jobId ? bulkLinkHash({ jobId }) : location.pathname)}
    />,
    app,
  );
}

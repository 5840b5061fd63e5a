import '@/components/page-theme.css';
import './style.css';
import { browser } from 'wxt/browser';
import { BulkPage } from '@/components/bulk/BulkPage';
import { renderTranslated } from '@/components/render-translated';
import { readHandoff } from '@/utils/bulk/handoff';
import { type BulkLink, bulkLinkHash, parseBulkLink } from '@/utils/bulk/link';
import { createBulkPageApi } from './bulk-api';

/** The address's selection, with the records of a hand-over filled in. */
async function initialSelection(): Promise<BulkLink> {
  const link = parseBulkLink(location.hash);
  if (!link.selection) return link;
  const handed = await readHandoff({ storage: browser.storage.session }, link.selection);
  return handed ? { ...link, ...handed } : link;
}

const app = document.getElementById('app');
if (app)
  void initialSelection().then((initial) =>
    renderTranslated(
      app,
      () => (
        <BulkPage
          api={createBulkPageApi()}
          initial={initial}
          optionsUrl={browser.runtime.getURL('/options.html')}
          onJobShown={(jobId) => history.replaceState(null, '', jobId ? bulkLinkHash({ jobId }) : location.pathname)}
        />
      ),
      ({ t }) => `${t('extension.name')} — ${t('bulk.title')}`,
    ),
  );

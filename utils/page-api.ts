import { browser } from 'wxt/browser';
import type { ListPage, RecordPage } from '@/utils/crm-page';
import type { Locale } from '@/utils/i18n/locales';
import { createTranslator, type Translator } from '@/utils/i18n/translator';
import type { Result } from '@/utils/messaging';
import type { PanelApi } from '@/utils/panel/panel-controller';
import { sendRequest } from '@/utils/send-request';

/** Asks the background to open the bulk page for this org and module, with these records selected. */
export function requestBulkPage(org: ListPage, recordIds: string[]): Promise<Result<null>> {
  return sendRequest({
    type: 'bulk.open',
    dataCentre: org.dataCentre,
    sandbox: org.sandbox,
    orgId: org.orgId,
    module: org.module,
    recordIds,
  });
}

/** Tells the background and the side panel which record this frame now shows. */
export function reportPageShown(page: RecordPage): void {
  void sendRequest({ type: 'page.shown', page });
}

/** Moves the panel to the browser's side panel: sent on the user's click, which the browser requires. */
export function requestSidePanel(): Promise<Result<null>> {
  return sendRequest({ type: 'sidePanel.open' });
}

/** Tells the background this frame no longer shows the record it showed (its toolbar badge then clears). */
export function reportPageLeft(): void {
  void sendRequest({ type: 'page.left' });
}

/**
 * The page's words: one language, chosen by the background from the user's choice, this page's
 * `lang` and the browser's languages. Asked for once, when the panel or the bar first shows.
 */
export function pageTranslation(): () => Promise<Translator> {
  let words: Promise<Translator> | null = null;
  return () => {
    words ??= (async () => {
      const answer = await sendRequest({
        type: 'i18n.catalogue',
        pageLang: document.documentElement.lang || undefined,
      });
      if (!answer.ok) throw new Error(`No catalogue: ${answer.error.code}`);
      return createTranslator(answer.value.locale, answer.value.messages);
    })();
    return words;
  };
}

/** The panel's api on a real page: every request goes to the background; no token ever comes here. */
export function createPanelApi(locale: Locale): PanelApi {
  return {
    territories: (page) => sendRequest({ type: 'record.territories', page, locale }),
    remove: (page, territoryId) => sendRequest({ type: 'record.removeTerritory', page, territoryId }),
    assign: (page, territoryId) => sendRequest({ type: 'record.assignTerritory', page, territoryId }),
    signIn: (dataCentre) => sendRequest({ type: 'auth.signIn', dataCentre }),
    optionsUrl: browser.runtime.getURL('/options.html'),
    openOptions: () => {
      void sendRequest({ type: 'options.open' });
    },
    openBulkPage: (page) => {
      void requestBulkPage(page, []);
    },
  };
}

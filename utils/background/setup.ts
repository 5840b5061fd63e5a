// Builds the background from browser APIs; the entrypoint only passes `browser` in.
import { clientIdSource } from '../auth/client-id';
import { createReachedOrgs } from '../auth/reached-orgs';
import { revokeToken } from '../auth/revoke';
import { type AuthSession, createAuthSession, type IdentityApi } from '../auth/session';
import { createTokenStore } from '../auth/token-store';
import type { SenderInfo } from '../sender';
import { createZohoClient } from '../zoho/client';
import { createChangeLog } from '../zoho/jobs';
import type { StorageArea } from '../zoho/storage-area';
import { createTerritoryCache, type TerritoryCache } from '../zoho/territory-cache';
import { type BadgeApi, createTabBadges, type TabRemovals } from './badge';
import { createRequestHandler, parseRequest, type RequestHandler, type Response } from './handle-request';
import { createPageCodeInjector, type ScriptInjectionApis } from './inject-page-code';
import { openBulkPage, type TabOpener } from './open-bulk-page';
import { createPageCatalogues, workerLanguages } from './page-catalogue';
import { createRecordRequests } from './record-requests';
import { createSidePanelHome, type SidePanelHome } from './side-panel';

export interface BackgroundApis {
  extension: { id: string; baseUrl: string };
  identity: IdentityApi;
  /** storage.session: tokens and pending changes; never readable by content scripts. */
  session: StorageArea;
  /** storage.local: the client id from the options page, territory definitions, bulk jobs. */
  local: StorageArea;
  /** The client id baked into the build, if any. */
  buildClientId: string | undefined;
  fetch?: typeof globalThis.fetch;
  openOptionsPage(): Promise<void>;
  tabs: TabOpener & TabRemovals;
  /** browser.action (MV3) or browser.browserAction (MV2): its badge counts the record's territories. */
  toolbarButton: BadgeApi;
  /** browser.runtime.getURL('/bulk.html') */
  bulkPageUrl: string;
  /** chrome.scripting (MV3) or browser.tabs.executeScript (MV2): the panel's code, on demand */
  scripts?: ScriptInjectionApis;
  /** the browser's languages, most wanted first (the worker's navigator.languages when left out) */
  browserLanguages?: () => readonly string[];
}

/** The one auth session of a worker: the panel's requests and bulk jobs share its renewals. */
export function createBackgroundAuth(
  apis: Pick<BackgroundApis, 'identity' | 'session' | 'local' | 'buildClientId' | 'fetch'>,
): AuthSession {
  return createAuthSession({
    identity: apis.identity,
    tokens: createTokenStore(apis.session),
    clientId: clientIdSource(apis.buildClientId, apis.local),
    revoke: (dataCentre, accessToken) => revokeToken(dataCentre, accessToken, apis.fetch),
    orgs: createReachedOrgs(apis.session),
  });
}

/** `territories`: the bulk side's cache, so that both share one load of an org's definitions. */
export function createBackground(
  apis: BackgroundApis,
  auth = createBackgroundAuth(apis),
  territories: TerritoryCache = createTerritoryCache({ storage: apis.local }),
  sidePanel: SidePanelHome = createSidePanelHome({ local: apis.local }),
): RequestHandler {
  const records = createRecordRequests({
    clientFor: (page) =>
      createZohoClient({ credentials: auth.credentialsFor(page), orgId: page.orgId, fetch: apis.fetch }),
    changes: createChangeLog(apis.session),
    territories,
    orgReached: (page) => auth.orgReached(page),
  });
  const badges = createTabBadges(apis.toolbarButton);
  apis.tabs.onRemoved.addListener(badges.forgetTab);
  return badges.around(
    createRequestHandler({
      extension: apis.extension,
      auth,
      records,
      openOptionsPage: apis.openOptionsPage,
      openBulkPage: (request) => openBulkPage(request, apis.tabs, apis.bulkPageUrl, { storage: apis.session }),
      sidePanel,
      injectPageCode: createPageCodeInjector(apis.scripts ?? {}),
      pageCatalogue: createPageCatalogues({
        local: apis.local,
        browserLanguages: apis.browserLanguages ?? workerLanguages,
      }),
    }),
  );
}

type MessageListener = (message: unknown, sender: SenderInfo, sendResponse: (response: Response) => void) => boolean;

/** Answers valid requests through sendResponse (a Promise-returning listener loses its answer in fakeBrowser). */
export function listenForRequests(onMessage: { addListener(listener: MessageListener): void }, handle: RequestHandler) {
  onMessage.addListener((message, sender, sendResponse) => {
    const request = parseRequest(message);
    if (!request) return false;
    void handle(request, sender).then(sendResponse);
    return true;
  });
}

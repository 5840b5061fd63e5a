// Who may ask the background for what. Pure: the extension's id and base URL are passed in.
import type { RecordPage } from './crm-page';
import { dataCentreOfCrmHost, isZohoEmbedderOrigin } from './data-centres';
import { isPageRequest, type Request } from './messaging';

/** The fields of `runtime.MessageSender` that decide. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  /** 0 for a tab's top frame. */
  frameId?: number;
  /** Chrome: the sending document */
  documentId?: string;
}

export interface ExtensionIdentity {
  /** `browser.runtime.id` */
  id: string;
  /** `browser.runtime.getURL('/')`, e.g. `chrome-extension://<id>/` or `moz-extension://<uuid>/` */
  baseUrl: string;
}

export type SenderKind = 'extension-page' | 'content-script' | 'other';

export function senderKind(sender: SenderInfo, extension: ExtensionIdentity): SenderKind {
  if (sender.id !== extension.id || typeof sender.url !== 'string') return 'other';
  if (sender.url.startsWith(extension.baseUrl)) return 'extension-page';
  // Content scripts run only in web pages, which reach the background with a tab.
  if (sender.tab != null && sender.url.startsWith('https://') && !isInForeignPage(sender)) return 'content-script';
  return 'other';
}

// A frame inside a page that is not Zoho's (clickjacking): the content script does not start there
// (frame-ancestry.ts); where the browser tells the tab's top URL, the background refuses it too.
function isInForeignPage(sender: SenderInfo): boolean {
  if (sender.frameId === undefined || sender.frameId === 0) return false;
  const topUrl = (sender.tab as { url?: unknown }).url;
  if (typeof topUrl !== 'string' || topUrl === '') return false;
  try {
    return !isZohoEmbedderOrigin(new URL(topUrl).origin);
  } catch {
    return true;
  }
}

export function isAllowedSender(request: Request, sender: SenderInfo, extension: ExtensionIdentity): boolean {
  const kind = senderKind(sender, extension);
  if (isPageRequest(request)) {
    // The side panel acts for the record its window's active tab reported: it is our own page, and
    // web pages cannot message the extension at all (no externally_connectable).
    if (kind === 'extension-page') return isSidePanel(sender, extension);
    // A page speaks for its own tab only: the browser names that.
    return kind === 'content-script' && request.tabId === undefined && isFrameOfOrg(sender.url, request.page);
  }
  switch (request.type) {
    case 'auth.signIn':
      return kind === 'extension-page' || (kind === 'content-script' && isCrmPageOf(sender.url, request.dataCentre));
    case 'options.open':
    case 'i18n.catalogue':
      return kind === 'extension-page' || (kind === 'content-script' && crmFrameOf(sender.url) !== null);
    case 'page.left':
    case 'sidePanel.open':
    case 'content.load':
      return kind === 'content-script' && crmFrameOf(sender.url) !== null;
    case 'page.shown':
      return kind === 'content-script' && isFrameOfOrg(sender.url, request.page);
    case 'bulk.open':
      return kind === 'extension-page' || (kind === 'content-script' && isFrameOfOrg(sender.url, request));
    case 'auth.signOut':
    case 'auth.connections':
      return kind === 'extension-page';
  }
}

/** The side panel's page (entrypoints/sidepanel), in a side panel, a sidebar or a tab. */
export const SIDE_PANEL_PAGE = 'sidepanel.html';

function isSidePanel(sender: SenderInfo, extension: ExtensionIdentity): boolean {
  const path = sender.url?.slice(extension.baseUrl.length).split(/[?#]/)[0];
  return path === SIDE_PANEL_PAGE;
}

// Chromium keeps `sender.url` at the URL the document loaded with: after Zoho's history.pushState
// navigation it still names the first record (or the list). What the browser vouches for is the
// frame's CRM host (data centre, sandbox) and the org the document was opened in, so that is what
// must match; the record within that org follows the page, as the panel itself does.
function isFrameOfOrg(url: string | undefined, org: Pick<RecordPage, 'dataCentre' | 'sandbox' | 'orgId'>): boolean {
  const frame = crmFrameOf(url);
  if (!frame || frame.host.dataCentre !== org.dataCentre || frame.host.sandbox !== org.sandbox) return false;
  // A document opened at an address without an org (`/crm/tab/…`, an instance name) is vouched for
  // no org at all: it may act only without one, which Zoho answers for the token's default org.
  return frame.orgId === org.orgId;
}

/**
 * Why a page-bound request naming an org is refused although it comes from a CRM frame of its data
 * centre: the document was opened at an address that names no org (`ORG_NOT_IN_ADDRESS`).
 */
export function isOrgUnnamedByFrame(request: Request, sender: SenderInfo): boolean {
  const org = isPageRequest(request) ? request.page : request.type === 'bulk.open' ? request : null;
  if (!org?.orgId) return false;
  const frame = crmFrameOf(sender.url);
  return (
    frame !== null &&
    frame.orgId === null &&
    frame.host.dataCentre === org.dataCentre &&
    frame.host.sandbox === org.sandbox
  );
}

function crmFrameOf(url: string | undefined) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) return null;
    const host = dataCentreOfCrmHost(parsed.hostname);
    if (!host) return null;
    const orgId = /^\/crm\/org(\d+)(?:\/|$)/.exec(parsed.pathname)?.[1] ?? null;
    return { host, orgId };
  } catch {
    return null;
  }
}

function isCrmPageOf(url: string | undefined, dataCentre: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
    return dataCentreOfCrmHost(parsed.hostname)?.dataCentre === dataCentre;
  } catch {
    return false;
  }
}

// The typed protocol between the content script / extension pages and the background.
// Requests are validated by the background with these schemas; no message ever carries a token.

import type { Messages } from '@lingui/core';
import * as v from 'valibot';
import { type RecordPage, TERRITORY_MODULES } from './crm-page';
import { DATA_CENTRE_IDS, type DataCentre } from './data-centres';
import { LOCALES, type Locale } from './i18n/locales';
import { PAGE_CODES } from './loader/page-code';

const ZohoId = v.pipe(v.string(), v.regex(/^\d{1,30}$/));

/**
 * Ids a list selection hands to the bulk page, in the page's address: 25,000 ids keep it near
 * 500 KB, well inside Chromium's 2 MB limit on a URL. A bulk job takes more (MAX_BULK_RECORDS).
 */
export const MAX_BULK_LINK_RECORDS = 25_000;

export const RecordPageSchema = v.strictObject({
  dataCentre: v.picklist(DATA_CENTRE_IDS),
  sandbox: v.boolean(),
  orgId: v.nullable(ZohoId),
  module: v.picklist(TERRITORY_MODULES),
  recordId: ZohoId,
});

/** The tab whose record the side panel acts for: its toolbar badge follows. Side panel only. */
const SidePanelTab = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)));

const BulkOpenRequestSchema = v.strictObject({
  type: v.literal('bulk.open'),
  dataCentre: v.picklist(DATA_CENTRE_IDS),
  sandbox: v.boolean(),
  orgId: v.nullable(ZohoId),
  module: v.picklist(TERRITORY_MODULES),
  recordIds: v.pipe(v.array(ZohoId), v.maxLength(MAX_BULK_LINK_RECORDS)),
});

/** A selection for the bulk page (`bulk.open` without its type): at most what one bulk job takes. */
export const BulkSelectionSchema = v.omit(BulkOpenRequestSchema, ['type']);

export type BulkSelection = v.InferOutput<typeof BulkSelectionSchema>;

export const RequestSchema = v.variant('type', [
  /**
   * Read the record's territories (one GET; the org's territory definitions are read too, at most
   * once per 12 hours). From the content script of that very page.
   */
  v.strictObject({
    type: v.literal('record.territories'),
    page: RecordPageSchema,
    tabId: SidePanelTab,
    /** the panel's language: Zoho's assignment dates come back formatted in it */
    locale: v.optional(v.picklist(LOCALES)),
  }),
  /** Remove one manually assigned territory. From the content script of that very page. */
  v.strictObject({
    type: v.literal('record.removeTerritory'),
    page: RecordPageSchema,
    territoryId: ZohoId,
    tabId: SidePanelTab,
  }),
  /** Assign a territory again (undo). From the content script of that very page. */
  v.strictObject({
    type: v.literal('record.assignTerritory'),
    page: RecordPageSchema,
    territoryId: ZohoId,
    tabId: SidePanelTab,
  }),
  /**
   * The frame no longer shows the record it showed (the app moved on): its tab's toolbar badge stops
   * counting that record's territories. From a content script of a CRM frame.
   */
  v.strictObject({ type: v.literal('page.left') }),
  /**
   * The frame now shows this record (first load or in-app navigation). The side panel, an extension
   * page, hears it too and follows the active tab with it. From a content script of that very page.
   */
  v.strictObject({ type: v.literal('page.shown'), page: RecordPageSchema }),
  /**
   * Move the panel to the browser's side panel (Chrome) or sidebar (Firefox) of the sender's window
   * and keep that as the panel's home. From a content script of a CRM frame, on a click.
   */
  v.strictObject({ type: v.literal('sidePanel.open') }),
  /**
   * Inject this page code (utils/loader/page-code.ts) into the sender's frame: the loader on every
   * CRM page asks for the panel on records, for the selection bar on list views. From a content
   * script of a CRM frame.
   */
  v.strictObject({ type: v.literal('content.load'), code: v.picklist(PAGE_CODES) }),
  /** Interactive sign-in for a data centre. From a CRM page of that data centre or an extension page. */
  v.strictObject({ type: v.literal('auth.signIn'), dataCentre: v.picklist(DATA_CENTRE_IDS) }),
  /** Forget and revoke the token of a data centre. Extension pages only. */
  v.strictObject({ type: v.literal('auth.signOut'), dataCentre: v.picklist(DATA_CENTRE_IDS) }),
  /** Connection state of every data centre. Extension pages only. */
  v.strictObject({ type: v.literal('auth.connections') }),
  /**
   * The panel's words in one language: the user's choice, else the Zoho page's `lang` (sent here),
   * else the browser's. From a content script of a CRM frame or an extension page.
   */
  v.strictObject({ type: v.literal('i18n.catalogue'), pageLang: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  /** Open the options page: a content script cannot, and a link to it from a web page is blocked. */
  v.strictObject({ type: v.literal('options.open') }),
  /**
   * Open the bulk page with this org, module and records filled in (none: an empty selection).
   * From a CRM page of that data centre and org, or an extension page; links from a web page to
   * an extension page are blocked.
   */
  BulkOpenRequestSchema,
]);

export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/** An error as the background reports it; `describeError` (zoho-errors.ts) turns it into words. */
export interface ErrorInfo {
  /** A Zoho code (`RECORD_LOCKED`, …) or one of ours (`NOT_SIGNED_IN`, `NETWORK_ERROR`, …). */
  code: string;
  /** HTTP status, when there was an HTTP answer. */
  status?: number;
  /** Zoho's own message, shown as a detail for admins and support. */
  message?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface TerritoryAssignment {
  id: string;
  name: string;
  /**
   * `automatically` = by territory rules (system-assigned); Zoho refuses to remove those.
   * `unreadable` = Zoho's entry did not have the documented shape: shown by its id, never offered for removal.
   */
  assigned: 'manually' | 'automatically' | 'unreadable';
  /** Zoho's spec allows a null id here; only the name is shown */
  assignedBy: { id: string | null; name: string } | null;
  /** ISO 8601 as Zoho sends it, e.g. 2020-03-05T16:07:28+05:30 */
  assignedTime: string | null;
  /**
   * The date part, formatted by the background ("5 Mar 2024"): a first Intl formatter costs a fresh
   * content-script world tens of milliseconds, the long-lived background nothing. Absent: format here.
   */
  assignedDate?: string | null;
  /** names of the territory's ancestors, root first, from the cached territory definitions, e.g. ['EMEA', 'DACH']; [] when unknown or top level */
  path: string[];
  /** the territory's manager's name from the definitions, or null */
  manager: string | null;
}

export interface RecordTerritories {
  /** false when the record has no Territories field: territory management is off for this module/org. */
  enabled: boolean;
  territories: TerritoryAssignment[];
  /** Territory ids with a removal or assignment job that Zoho has scheduled and not yet finished. */
  scheduled: string[];
  /** Zoho's `$locked_for_me` on the record: an approval/review lock keeps this user from changing it */
  lockedForMe: boolean;
  /** Zoho's `$editable` on the record: false when this user may not edit it (read-only profile) */
  editable: boolean;
}

export type ChangeOutcome = { outcome: 'done' } | { outcome: 'scheduled'; jobId: string };

/** An org a sign-in has reached: its id is all Zoho tells without the users/org scopes. */
export interface ReachedOrg {
  /** the zgid, as in the CRM's address (`/crm/org<zgid>/…`) */
  orgId: string;
  sandbox: boolean;
}

export interface Connection {
  dataCentre: DataCentre;
  connected: boolean;
  /** epoch ms */
  expiresAt: number | null;
  apiDomain: string | null;
  /** The orgs whose records this sign-in has read, oldest first; absent or [] when none yet. */
  orgs?: ReachedOrg[];
}

/** One language's compiled messages for Zoho's record page (utils/i18n/catalogue.ts, PAGE_NAMESPACES). */
export interface PageCatalogue {
  locale: Locale;
  messages: Messages;
}

export interface ResponseOf {
  'record.territories': Result<RecordTerritories>;
  'record.removeTerritory': Result<ChangeOutcome>;
  'record.assignTerritory': Result<ChangeOutcome>;
  'page.left': Result<null>;
  'page.shown': Result<null>;
  'sidePanel.open': Result<null>;
  'content.load': Result<null>;
  'auth.signIn': Result<Connection>;
  'auth.signOut': Result<Connection>;
  'auth.connections': Result<Connection[]>;
  'i18n.catalogue': Result<PageCatalogue>;
  'options.open': Result<null>;
  'bulk.open': Result<null>;
}

export type ResponseFor<R extends Request> = ResponseOf[R['type']];

/**
 * Requests that act on one record page: from a content script on that page, or from the side panel
 * (an extension page) showing it.
 */
export function isPageRequest(
  request: Request,
): request is Exclude<Extract<Request, { page: RecordPage }>, { type: 'page.shown' }> {
  return 'page' in request && request.type !== 'page.shown';
}

/**
 * Messages to the content scripts of a tab: the popup asks which record it shows (`panel.status`);
 * the keyboard shortcut opens the panel and moves focus to it (`panel.focus`).
 */
export const TabMessageSchema = v.strictObject({ type: v.picklist(['panel.status', 'panel.focus']) });
export type TabMessage = v.InferOutput<typeof TabMessageSchema>;

/** `TabMessageSchema` by hand: the content script then ships without the schema library. */
export function isTabMessage(message: unknown): message is TabMessage {
  if (typeof message !== 'object' || message === null || Object.keys(message).length !== 1) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'panel.status' || type === 'panel.focus';
}
export interface PanelStatus {
  page: RecordPage;
}

// The typed protocol between the content script / extension pages and the background.
// Requests are validated by the background with these schemas; no message ever carries a token.
import * as v from 'valibot';
import { type RecordPage, TERRITORY_MODULES } from './crm-page';
import { DATA_CENTRE_IDS, type DataCentre } from './data-centres';

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

export const RequestSchema = v.variant('type', [
  /**
   * Read the record's territories (one GET; the org's territory definitions are read too, at most
   * once per 12 hours). From the content script of that very page.
   */
  v.strictObject({ type: v.literal('record.territories'), page: RecordPageSchema }),
  /** Remove one manually assigned territory. From the content script of that very page. */
  v.strictObject({ type: v.literal('record.removeTerritory'), page: RecordPageSchema, territoryId: ZohoId }),
  /** Assign a territory again (undo). From the content script of that very page. */
  v.strictObject({ type: v.literal('record.assignTerritory'), page: RecordPageSchema, territoryId: ZohoId }),
  /**
   * The frame no longer shows the record it showed (the app moved on): its tab's toolbar badge stops
   * counting that record's territories. From a content script of a CRM frame.
   */
  v.strictObject({ type: v.literal('page.left') }),
  /** Interactive sign-in for a data centre. From a CRM page of that data centre or an extension page. */
  v.strictObject({ type: v.literal('auth.signIn'), dataCentre: v.picklist(DATA_CENTRE_IDS) }),
  /** Forget and revoke the token of a data centre. Extension pages only. */
  v.strictObject({ type: v.literal('auth.signOut'), dataCentre: v.picklist(DATA_CENTRE_IDS) }),
  /** Connection state of every data centre. Extension pages only. */
  v.strictObject({ type: v.literal('auth.connections') }),
  /** Open the options page: a content script cannot, and a link to it from a web page is blocked. */
  v.strictObject({ type: v.literal('options.open') }),
  /**
   * Open the bulk page with this org, module and records filled in (none: an empty selection).
   * From a CRM page of that data centre and org, or an extension page; links from a web page to
   * an extension page are blocked.
   */
  v.strictObject({
    type: v.literal('bulk.open'),
    dataCentre: v.picklist(DATA_CENTRE_IDS),
    sandbox: v.boolean(),
    orgId: v.nullable(ZohoId),
    module: v.picklist(TERRITORY_MODULES),
    recordIds: v.pipe(v.array(ZohoId), v.maxLength(MAX_BULK_LINK_RECORDS)),
  }),
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
  /** `automatically` = by territory rules (system-assigned); Zoho refuses to remove those. */
  assigned: 'manually' | 'automatically';
  assignedBy: { id: string; name: string } | null;
  /** ISO 8601 as Zoho sends it, e.g. 2020-03-05T16:07:28+05:30 */
  assignedTime: string | null;
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

export interface Connection {
  dataCentre: DataCentre;
  connected: boolean;
  /** epoch ms */
  expiresAt: number | null;
  apiDomain: string | null;
}

export interface ResponseOf {
  'record.territories': Result<RecordTerritories>;
  'record.removeTerritory': Result<ChangeOutcome>;
  'record.assignTerritory': Result<ChangeOutcome>;
  'page.left': Result<null>;
  'auth.signIn': Result<Connection>;
  'auth.signOut': Result<Connection>;
  'auth.connections': Result<Connection[]>;
  'options.open': Result<null>;
  'bulk.open': Result<null>;
}

export type ResponseFor<R extends Request> = ResponseOf[R['type']];

/** Requests whose subject is one record page: the sender must be a content script on that page. */
export function isPageRequest(request: Request): request is Extract<Request, { page: RecordPage }> {
  return 'page' in request;
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

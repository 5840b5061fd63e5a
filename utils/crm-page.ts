// Which Zoho CRM record, if any, a URL shows. Pure: no browser, WXT or DOM imports, so the
// content script, the background, the stand-in and the tests all share it.
import { type DataCentre, dataCentreOfCrmHost } from './data-centres';

export type { DataCentre } from './data-centres';
export type TerritoryModule = 'Leads' | 'Accounts' | 'Contacts' | 'Deals';

export interface RecordPage {
  dataCentre: DataCentre;
  /** crmsandbox.* host */
  sandbox: boolean;
  /** the digits of an `org<digits>` segment, else null */
  orgId: string | null;
  /** API name: the `Potentials` tab is `Deals` */
  module: TerritoryModule;
  recordId: string;
}

// Web UI tab name → API module name. Deals are still `Potentials` in Zoho's URLs (zoho-crm.md §6).
const MODULE_OF_TAB: Readonly<Record<string, TerritoryModule>> = {
  Leads: 'Leads',
  Accounts: 'Accounts',
  Contacts: 'Contacts',
  Potentials: 'Deals',
};

export const TERRITORY_MODULES: readonly TerritoryModule[] = ['Leads', 'Accounts', 'Contacts', 'Deals'];

export function tabOfModule(module: TerritoryModule): string {
  return module === 'Deals' ? 'Potentials' : module;
}

/** A list view of one module in one org: where records can be selected for a bulk removal. */
export type ListPage = Omit<RecordPage, 'recordId'>;

// /crm/[org<digits> | <instance name>]/tab/<Tab>/<record id>[/]  a record
// /crm/[org<digits> | <instance name>]/tab/<Tab>[/custom-view/<id>/list][/]  a list view (zoho-crm.md §6)
// An instance name is a portal name such as `acme`; it can never be `tab` itself. Sheet and kanban
// views are left out: they show no row checkboxes to select records with.
const TAB_PATH =
  /^\/crm\/(?:(?<segment>[A-Za-z0-9][A-Za-z0-9_-]{0,99})\/)?tab\/(?<tab>[A-Za-z]+)(?:\/(?<id>\d{1,30})|\/custom-view\/\d{1,30}\/list)?\/?$/;

/** The module's page an https URL on a Zoho CRM web UI host shows, with the record's id on a record page. */
function tabPage(url: string): { page: ListPage; recordId: string | undefined } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) return null;
  const host = dataCentreOfCrmHost(parsed.hostname);
  const match = host ? TAB_PATH.exec(parsed.pathname) : null;
  const tab = match?.groups?.tab;
  const segment = match?.groups?.segment;
  if (!host || !tab || segment?.toLowerCase() === 'tab') return null;
  const module = Object.hasOwn(MODULE_OF_TAB, tab) ? MODULE_OF_TAB[tab] : undefined;
  if (!module) return null;
  const orgId = segment ? (/^org(\d+)$/.exec(segment)?.[1] ?? null) : null;
  return { page: { dataCentre: host.dataCentre, sandbox: host.sandbox, orgId, module }, recordId: match?.groups?.id };
}

/** Whether a URL shows a record or a list view of the four modules, from one parse (the loader asks on every move). */
export function crmPageKind(url: string): 'record' | 'list' | null {
  const shown = tabPage(url);
  if (!shown) return null;
  return shown.recordId ? 'record' : 'list';
}

export function parseRecordPage(url: string): RecordPage | null {
  const shown = tabPage(url);
  return shown?.recordId ? { ...shown.page, recordId: shown.recordId } : null;
}

export function parseListPage(url: string): ListPage | null {
  const shown = tabPage(url);
  return shown && !shown.recordId ? shown.page : null;
}

export function isSameListPage(a: ListPage, b: ListPage): boolean {
  return a.dataCentre === b.dataCentre && a.sandbox === b.sandbox && a.orgId === b.orgId && a.module === b.module;
}

/** Same record, same org, same data centre: what the background requires of a sender. */
export function isSameRecordPage(a: RecordPage, b: RecordPage): boolean {
  return (
    a.dataCentre === b.dataCentre &&
    a.sandbox === b.sandbox &&
    a.orgId === b.orgId &&
    a.module === b.module &&
    a.recordId === b.recordId
  );
}

/** A stable key for one record in one org, e.g. for caches and de-duplication. */
export function recordKey(page: RecordPage): string {
  return [page.dataCentre, page.sandbox ? 'sandbox' : 'live', page.orgId ?? '-', page.module, page.recordId].join(':');
}

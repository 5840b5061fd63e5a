// The one table of Zoho data centres. Read by the URL parser, the manifest (wxt.config.ts),
// the auth flow, the API client and the local stand-in: adding a data centre is one row.
// Source: ../shared/reference/zoho-crm.md §5. Canada is zohocloud.ca for web and accounts
// but zohoapis.ca for the API; crm.zoho.ca is not a Zoho CRM host.

export type DataCentre = 'us' | 'eu' | 'in' | 'au' | 'jp' | 'ca' | 'sa' | 'cn';

export interface DataCentreHosts {
  readonly id: DataCentre;
  readonly label: string;
  readonly crmHost: string;
  readonly crmSandboxHost: string;
  readonly accountsHost: string;
  readonly apiHost: string;
  readonly apiSandboxHost: string;
  /** Zoho One shell that embeds the CRM in a frame (not a CRM host itself). */
  readonly oneHost: string;
  /** CRM Plus shell that embeds the CRM in a frame (not a CRM host itself). */
  readonly crmPlusHost: string;
}

function row(id: DataCentre, label: string, webDomain: string, apiTld: string): DataCentreHosts {
  return {
    id,
    label,
    crmHost: `crm.${webDomain}`,
    crmSandboxHost: `crmsandbox.${webDomain}`,
    accountsHost: `accounts.${webDomain}`,
    apiHost: `www.zohoapis.${apiTld}`,
    apiSandboxHost: `sandbox.zohoapis.${apiTld}`,
    oneHost: `one.${webDomain}`,
    crmPlusHost: `crmplus.${webDomain}`,
  };
}

export const DATA_CENTRES: Readonly<Record<DataCentre, DataCentreHosts>> = {
  us: row('us', 'United States', 'zoho.com', 'com'),
  eu: row('eu', 'Europe', 'zoho.eu', 'eu'),
  in: row('in', 'India', 'zoho.in', 'in'),
  au: row('au', 'Australia', 'zoho.com.au', 'com.au'),
  jp: row('jp', 'Japan', 'zoho.jp', 'jp'),
  ca: row('ca', 'Canada', 'zohocloud.ca', 'ca'),
  sa: row('sa', 'Saudi Arabia', 'zoho.sa', 'sa'),
  cn: row('cn', 'China', 'zoho.com.cn', 'com.cn'),
};

export const DATA_CENTRE_IDS = Object.keys(DATA_CENTRES) as DataCentre[];

export function isDataCentre(value: unknown): value is DataCentre {
  return typeof value === 'string' && Object.hasOwn(DATA_CENTRES, value);
}

/** The data centre whose CRM web UI (or its sandbox) is served from `host`, case-insensitive. */
export function dataCentreOfCrmHost(host: string): { dataCentre: DataCentre; sandbox: boolean } | null {
  const h = host.toLowerCase();
  for (const dc of DATA_CENTRE_IDS) {
    if (DATA_CENTRES[dc].crmHost === h) return { dataCentre: dc, sandbox: false };
    if (DATA_CENTRES[dc].crmSandboxHost === h) return { dataCentre: dc, sandbox: true };
  }
  return null;
}

/**
 * Whether a page at `origin` may frame the CRM with our panel in it: a CRM host, or the Zoho One or
 * CRM Plus shell, of any data centre. `origin` as `location.ancestorOrigins` gives it.
 */
export function isZohoEmbedderOrigin(origin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || parsed.origin !== origin.toLowerCase()) return false;
  const host = parsed.hostname;
  return DATA_CENTRE_IDS.some((dc) => {
    const h = DATA_CENTRES[dc];
    return host === h.crmHost || host === h.crmSandboxHost || host === h.oneHost || host === h.crmPlusHost;
  });
}

/** The API origin for a data centre, `https://host` with no trailing slash. */
export function apiOrigin(dc: DataCentre, sandbox: boolean): string {
  const hosts = DATA_CENTRES[dc];
  return `https://${sandbox ? hosts.apiSandboxHost : hosts.apiHost}`;
}

export function accountsOrigin(dc: DataCentre): string {
  return `https://${DATA_CENTRES[dc].accountsHost}`;
}

/** Every host name a Zoho stand-in must answer for (used by tests and the demo). */
export function allZohoHosts(): string[] {
  return DATA_CENTRE_IDS.flatMap((dc) => {
    const h = DATA_CENTRES[dc];
    return [h.crmHost, h.crmSandboxHost, h.accountsHost, h.apiHost, h.apiSandboxHost, h.oneHost];
  });
}

// Which Zoho service a request's Host name belongs to, read from the one data-centre table.
import { DATA_CENTRE_IDS, DATA_CENTRES, type DataCentre } from '../utils/data-centres';

export type HostRole = 'crm' | 'one' | 'accounts' | 'api' | 'foreign';

/** A site that is not Zoho's: it frames CRM pages as a clickjacking site would. */
export const FOREIGN_HOST = 'partner-portal.example';

export interface ZohoHost {
  role: HostRole;
  dataCentre: DataCentre;
  /** crmsandbox.* or sandbox.zohoapis.* */
  sandbox: boolean;
}

const HOSTS: ReadonlyMap<string, ZohoHost> = new Map([
  // Its data centre means nothing; the foreign site is served only to frame the EU CRM.
  [FOREIGN_HOST, { role: 'foreign', dataCentre: 'eu', sandbox: false }],
  ...DATA_CENTRE_IDS.flatMap((dataCentre): [string, ZohoHost][] => {
    const h = DATA_CENTRES[dataCentre];
    return [
      [h.crmHost, { role: 'crm', dataCentre, sandbox: false }],
      [h.crmSandboxHost, { role: 'crm', dataCentre, sandbox: true }],
      [h.oneHost, { role: 'one', dataCentre, sandbox: false }],
      [h.accountsHost, { role: 'accounts', dataCentre, sandbox: false }],
      [h.apiHost, { role: 'api', dataCentre, sandbox: false }],
      [h.apiSandboxHost, { role: 'api', dataCentre, sandbox: true }],
    ];
  }),
]);

/** Every host name the stand-in answers for: Zoho's, and the foreign site. */
export function standInHosts(): string[] {
  return [...HOSTS.keys()];
}

/** `hostname` without a port, any case. */
export function classifyHost(hostname: string): ZohoHost | null {
  return HOSTS.get(hostname.toLowerCase().replace(/\.$/, '')) ?? null;
}

export function apiDomainOf(dataCentre: DataCentre): string {
  return `https://${DATA_CENTRES[dataCentre].apiHost}`;
}

export function crmHostOf(dataCentre: DataCentre, sandbox: boolean): string {
  return sandbox ? DATA_CENTRES[dataCentre].crmSandboxHost : DATA_CENTRES[dataCentre].crmHost;
}

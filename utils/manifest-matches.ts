// Match patterns and host permissions, generated from the data-centre table.
import { DATA_CENTRE_IDS, DATA_CENTRES } from './data-centres';

const hosts = DATA_CENTRE_IDS.map((dc) => DATA_CENTRES[dc]);

/** CRM web UI hosts (live and sandbox) of every data centre: where the content script runs. */
export const CRM_PAGE_MATCHES = hosts.flatMap((h) => [`https://${h.crmHost}/*`, `https://${h.crmSandboxHost}/*`]);

/** Accounts servers and API domains: the only hosts the background talks to. */
export const API_HOST_PERMISSIONS = hosts.flatMap((h) => [
  `https://${h.accountsHost}/*`,
  `https://${h.apiHost}/*`,
  `https://${h.apiSandboxHost}/*`,
]);

/**
 * How the panel's and the selection bar's code are declared: not in the manifest, injected by the
 * background where the loader asks (utils/loader/page-code.ts), into every CRM frame (Zoho One and
 * CRM Plus show the CRM inside frames, zoho-crm.md §6). Their styles travel inside the script
 * (components/shadow-ui.ts): no fetch before the first paint, no web-accessible file to probe for.
 */
export const PAGE_CODE_SCRIPT = {
  matches: CRM_PAGE_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  registration: 'runtime',
} as const;

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

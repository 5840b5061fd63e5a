// The bulk page's address carries a selection, so the panel (or a bookmark) can open it with one:
// bulk.html#ids=1,2,3&module=Accounts&dc=eu&org=20079833178&sandbox=1&territories=4,5&job=<id>
// The panel hands its selections over by token instead (`#selection=<token>`, see handoff.ts).
import { TERRITORY_MODULES, type TerritoryModule, tabOfModule } from '../crm-page';
import { DATA_CENTRES, type DataCentre, isDataCentre } from '../data-centres';
import { HANDOFF_TOKEN } from './handoff';
import { collectIds, isZohoId } from './plan';

export interface BulkLink {
  recordIds: string[];
  /** tokens in `ids` that were not record ids */
  invalidIds: number;
  territoryIds: string[];
  module: TerritoryModule | null;
  dataCentre: DataCentre | null;
  sandbox: boolean;
  orgId: string | null;
  /** a job to follow */
  jobId: string | null;
  /** the token of a selection handed over through storage (handoff.ts) */
  selection: string | null;
}

const JOB_ID = /^[A-Za-z0-9-]{1,64}$/;

function list(value: string | null): string[] {
  return value ? value.split(',') : [];
}

export function parseBulkLink(hash: string): BulkLink {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const ids = collectIds(list(params.get('ids')));
  const module = params.get('module');
  const dataCentre = params.get('dc');
  const orgId = params.get('org');
  const jobId = params.get('job');
  const selection = params.get('selection');
  return {
    recordIds: ids.ids,
    invalidIds: ids.invalid.length,
    territoryIds: collectIds(list(params.get('territories'))).ids,
    module: TERRITORY_MODULES.find((m) => m === module) ?? null,
    dataCentre: isDataCentre(dataCentre) ? dataCentre : null,
    sandbox: params.get('sandbox') === '1',
    orgId: orgId && isZohoId(orgId) ? orgId : null,
    jobId: jobId && JOB_ID.test(jobId) ? jobId : null,
    selection: selection && HANDOFF_TOKEN.test(selection) ? selection : null,
  };
}

/** The hash (with `#`) for a selection; only what is given is written. */
export function bulkLinkHash(link: Partial<Omit<BulkLink, 'invalidIds'>>): string {
  const params = new URLSearchParams();
  if (link.recordIds?.length) params.set('ids', link.recordIds.join(','));
  if (link.territoryIds?.length) params.set('territories', link.territoryIds.join(','));
  if (link.module) params.set('module', link.module);
  if (link.dataCentre) params.set('dc', link.dataCentre);
  if (link.sandbox) params.set('sandbox', '1');
  if (link.orgId) params.set('org', link.orgId);
  if (link.jobId) params.set('job', link.jobId);
  if (link.selection) params.set('selection', link.selection);
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `#${query}` : '';
}

/** The record in the Zoho CRM web UI (zoho-crm.md §6): Deals live under the `Potentials` tab. */
export function crmRecordUrl(
  org: { dataCentre: DataCentre; sandbox: boolean; orgId: string | null },
  module: TerritoryModule,
  recordId: string,
): string {
  const hosts = DATA_CENTRES[org.dataCentre];
  const host = org.sandbox ? hosts.crmSandboxHost : hosts.crmHost;
  const segment = org.orgId ? `org${org.orgId}/` : '';
  return `https://${host}/crm/${segment}tab/${tabOfModule(module)}/${recordId}`;
}

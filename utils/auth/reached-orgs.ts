// The orgs a data centre's sign-in has reached: what the options page can say about a connection.
// Zoho names the user only to ZohoCRM.users.READ and the org only to ZohoCRM.org.READ, scopes the
// extension does not ask for (zoho-crm.md §3); the org id (zgid) of each record page read is known.
// Kept in storage.session beside the token, and forgotten with it.
import * as v from 'valibot';
import type { DataCentre } from '../data-centres';
import type { ReachedOrg } from '../messaging';
import type { StorageArea } from '../zoho/storage-area';

/** A user rarely works in more orgs than this; older entries make room for newer. */
export const MAX_REACHED_ORGS = 10;

const ReachedOrgsSchema = v.array(v.object({ orgId: v.string(), sandbox: v.boolean() }));

const storageKey = (dataCentre: DataCentre) => `orgs:${dataCentre}`;
const noteKey = (dataCentre: DataCentre, org: ReachedOrg) => `${dataCentre}|${org.sandbox}|${org.orgId}`;

export interface ReachedOrgs {
  /** Costs a storage read the first time per org in a worker's life, a write only for an org not yet listed. */
  note(dataCentre: DataCentre, org: ReachedOrg): Promise<void>;
  list(dataCentre: DataCentre): Promise<ReachedOrg[]>;
  forget(dataCentre: DataCentre): Promise<void>;
}

export function createReachedOrgs(area: StorageArea): ReachedOrgs {
  const noted = new Set<string>();
  /** Notes one after another: two orgs noted at once must not overwrite each other's list. */
  let queue: Promise<void> = Promise.resolve();

  async function list(dataCentre: DataCentre): Promise<ReachedOrg[]> {
    const parsed = v.safeParse(ReachedOrgsSchema, (await area.get(storageKey(dataCentre)))[storageKey(dataCentre)]);
    return parsed.success ? parsed.output : [];
  }

  return {
    list,
    async note(dataCentre, org) {
      const key = noteKey(dataCentre, org);
      if (noted.has(key)) return;
      noted.add(key);
      const step = queue.then(async () => {
        const orgs = await list(dataCentre);
        if (orgs.some((known) => known.orgId === org.orgId && known.sandbox === org.sandbox)) return;
        const kept = [...orgs, { orgId: org.orgId, sandbox: org.sandbox }].slice(-MAX_REACHED_ORGS);
        await area.set({ [storageKey(dataCentre)]: kept });
      });
      queue = step.catch(() => undefined);
      return step;
    },
    async forget(dataCentre) {
      for (const key of noted) if (key.startsWith(`${dataCentre}|`)) noted.delete(key);
      await area.remove(storageKey(dataCentre));
    },
  };
}

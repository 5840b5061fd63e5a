// Territory definitions of an org, kept in storage.local for a while: they change rarely, and every
// call costs the org API credits (zoho-crm.md §7).
import * as v from 'valibot';
import type { BulkTerritory } from '../bulk-protocol';
import type { DataCentre } from '../data-centres';
import type { ZohoClient } from './client';
import type { StorageArea } from './storage-area';
import { listTerritories } from './territories';

export const TERRITORY_CACHE_TTL_MS = 12 * 60 * 60 * 1000;
export const TERRITORIES_PER_PAGE = 200;

/** An org as the API reaches it: data centre, production or sandbox, and the zgid (null: the token's default). */
export interface OrgTarget {
  dataCentre: DataCentre;
  sandbox: boolean;
  orgId: string | null;
}

/** A territory definition as kept: what the bulk page lists, and the manager the panel shows. */
export interface CachedTerritory extends BulkTerritory {
  /** `manager.name`; null when the territory has no manager */
  managerName: string | null;
}

/** Every page of `settings/territories`, each territory with its parent (`reporting_to`) and manager. */
export async function listAllTerritories(client: ZohoClient): Promise<CachedTerritory[]> {
  const territories: CachedTerritory[] = [];
  for (let page = 1; ; page++) {
    const answer = await listTerritories(client, page, TERRITORIES_PER_PAGE);
    for (const territory of answer.territories) {
      territories.push({
        id: territory.id,
        name: territory.name,
        parentId: territory.reporting_to?.id ?? null,
        managerName: territory.manager?.name ?? null,
      });
    }
    if (!answer.moreRecords || answer.territories.length === 0) return territories;
  }
}

export function territoryCacheKey(org: OrgTarget): string {
  return `territories:${org.dataCentre}:${org.sandbox ? 'sandbox' : 'production'}:${org.orgId ?? 'default'}`;
}

// Entries stored before managers were kept lack `managerName`: they fail here and are loaded again.
const CacheEntrySchema = v.object({
  savedAt: v.number(),
  territories: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      parentId: v.nullable(v.string()),
      managerName: v.nullable(v.string()),
    }),
  ),
});

export interface TerritoryCache {
  /** The org's definitions from storage while fresh, else from `load` (then stored). */
  get(org: OrgTarget, load: () => Promise<CachedTerritory[]>): Promise<CachedTerritory[]>;
}

export function createTerritoryCache(options: {
  storage: StorageArea;
  ttlMs?: number;
  now?: () => number;
}): TerritoryCache {
  const ttlMs = options.ttlMs ?? TERRITORY_CACHE_TTL_MS;
  const now = options.now ?? Date.now;
  const loading = new Map<string, Promise<CachedTerritory[]>>();

  async function fresh(key: string): Promise<CachedTerritory[] | null> {
    const stored = v.safeParse(CacheEntrySchema, (await options.storage.get(key))[key]);
    if (!stored.success) return null;
    const age = now() - stored.output.savedAt;
    return age >= 0 && age < ttlMs ? stored.output.territories : null;
  }

  return {
    async get(org, load) {
      const key = territoryCacheKey(org);
      const cached = await fresh(key);
      if (cached) return cached;
      const underWay = loading.get(key);
      if (underWay) return underWay;
      const loaded = (async () => {
        const territories = await load();
        await options.storage.set({ [key]: { savedAt: now(), territories } });
        return territories;
      })().finally(() => loading.delete(key));
      loading.set(key, loaded);
      return loaded;
    },
  };
}

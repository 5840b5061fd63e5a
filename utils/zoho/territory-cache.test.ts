import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ZohoClient } from './client';
import {
  type CachedTerritory,
  createTerritoryCache,
  listAllTerritories,
  type OrgTarget,
  TERRITORY_CACHE_TTL_MS,
  territoryCacheKey,
} from './territory-cache';

const EU: OrgTarget = { dataCentre: 'eu', sandbox: false, orgId: '20079833178' };
const HOUR = 60 * 60 * 1000;

function territory(n: number, parent: number | null): Record<string, unknown> {
  const ref = (id: number) => ({ id: String(1000 + id), name: `T${id}` });
  const manager = n % 2 === 0 ? null : { id: '77', name: `Manager ${n}` };
  return { id: String(1000 + n), name: `T${n}`, reporting_to: parent === null ? null : ref(parent), manager };
}

describe('listAllTerritories', () => {
  it('reads every page of 200 and keeps each parent and manager', async () => {
    const pages: string[] = [];
    const all = Array.from({ length: 450 }, (_, i) => territory(i, i === 0 ? null : 0));
    const client: ZohoClient = {
      async read(path, query = {}) {
        expect(path).toBe('/settings/territories');
        pages.push(`${query.page}/${query.per_page}`);
        const page = Number(query.page);
        const slice = all.slice((page - 1) * 200, page * 200);
        return {
          status: 200,
          body: {
            territories: slice,
            info: { per_page: 200, count: slice.length, page, more_records: page * 200 < 450 },
          },
        };
      },
      write: () => Promise.reject(new Error('no writes here')),
    };
    const listed = await listAllTerritories(client);
    expect(pages).toEqual(['1/200', '2/200', '3/200']);
    expect(listed).toHaveLength(450);
    expect(listed[0]).toEqual({ id: '1000', name: 'T0', parentId: null, managerName: null });
    expect(listed[449]).toEqual({ id: '1449', name: 'T449', parentId: '1000', managerName: 'Manager 449' });
  });
});

describe('createTerritoryCache', () => {
  let clock = 0;
  let loads = 0;
  const definitions: CachedTerritory[] = [{ id: '1', name: 'Europe', parentId: null, managerName: 'Anna' }];
  const load = async () => {
    loads++;
    return definitions.map((t) => ({ ...t, name: `${t.name} ${loads}` }));
  };

  beforeEach(() => {
    fakeBrowser.reset();
    clock = 1_000_000;
    loads = 0;
  });

  const cache = () => createTerritoryCache({ storage: fakeBrowser.storage.local, now: () => clock });

  it('loads once, then answers from storage.local until the TTL has passed', async () => {
    expect(await cache().get(EU, load)).toEqual([{ id: '1', name: 'Europe 1', parentId: null, managerName: 'Anna' }]);
    clock += TERRITORY_CACHE_TTL_MS - 1;
    // a new cache: a restarted worker reads what the last one stored
    expect(await cache().get(EU, load)).toEqual([{ id: '1', name: 'Europe 1', parentId: null, managerName: 'Anna' }]);
    expect(loads).toBe(1);
    clock += 1;
    expect(await cache().get(EU, load)).toEqual([{ id: '1', name: 'Europe 2', parentId: null, managerName: 'Anna' }]);
    expect(loads).toBe(2);
    expect(TERRITORY_CACHE_TTL_MS).toBe(12 * HOUR);
  });

  it('keeps each data centre, sandbox and org apart', async () => {
    const store = cache();
    await store.get(EU, load);
    await store.get({ ...EU, sandbox: true }, load);
    await store.get({ ...EU, orgId: null }, load);
    await store.get({ ...EU, dataCentre: 'us' }, load);
    await store.get(EU, load);
    expect(loads).toBe(4);
    expect(territoryCacheKey(EU)).toBe('territories:eu:production:20079833178');
    expect(territoryCacheKey({ dataCentre: 'us', sandbox: true, orgId: null })).toBe('territories:us:sandbox:default');
  });

  it('a failed load is not kept; concurrent asks share one load', async () => {
    const store = cache();
    await expect(store.get(EU, () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    const [a, b] = await Promise.all([store.get(EU, load), store.get(EU, load)]);
    expect(a).toEqual(b);
    expect(loads).toBe(1);
  });

  it('a damaged entry or one from the future is loaded again', async () => {
    const key = territoryCacheKey(EU);
    await fakeBrowser.storage.local.set({ [key]: { savedAt: clock, territories: 'nonsense' } });
    await cache().get(EU, load);
    await fakeBrowser.storage.local.set({ [key]: { savedAt: clock + HOUR, territories: definitions } });
    await cache().get(EU, load);
    expect(loads).toBe(2);
  });

  it('an entry stored before managers were kept is loaded again, then kept with them', async () => {
    const key = territoryCacheKey(EU);
    await fakeBrowser.storage.local.set({
      [key]: { savedAt: clock, territories: [{ id: '1', name: 'Europe', parentId: null }] },
    });
    expect(await cache().get(EU, load)).toEqual([{ id: '1', name: 'Europe 1', parentId: null, managerName: 'Anna' }]);
    expect(await cache().get(EU, load)).toEqual([{ id: '1', name: 'Europe 1', parentId: null, managerName: 'Anna' }]);
    expect(loads).toBe(1);
  });
});

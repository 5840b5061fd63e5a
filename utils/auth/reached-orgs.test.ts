import { describe, expect, it } from 'vitest';
import { memoryStorageArea } from '../zoho/memory-storage-area';
import { createReachedOrgs, MAX_REACHED_ORGS } from './reached-orgs';

function countingArea() {
  const area = memoryStorageArea();
  const counts = { get: 0, set: 0 };
  return {
    area: {
      ...area,
      get: (keys: string | string[]) => {
        counts.get++;
        return area.get(keys);
      },
      set: (items: Record<string, unknown>) => {
        counts.set++;
        return area.set(items);
      },
    },
    data: area.data,
    counts,
  };
}

describe('reached orgs', () => {
  it('lists each org of a data centre once, production and sandbox apart', async () => {
    const { area } = countingArea();
    const orgs = createReachedOrgs(area);
    await orgs.note('eu', { orgId: '20079833178', sandbox: false });
    await orgs.note('eu', { orgId: '20079833178', sandbox: true });
    await orgs.note('eu', { orgId: '20079833178', sandbox: false });
    await orgs.note('us', { orgId: '5551', sandbox: false });
    expect(await orgs.list('eu')).toEqual([
      { orgId: '20079833178', sandbox: false },
      { orgId: '20079833178', sandbox: true },
    ]);
    expect(await orgs.list('us')).toEqual([{ orgId: '5551', sandbox: false }]);
    expect(await orgs.list('jp')).toEqual([]);
  });

  it('reads storage once per org in a worker’s life and writes only for a new org', async () => {
    const { area, counts } = countingArea();
    const orgs = createReachedOrgs(area);
    for (let i = 0; i < 5; i++) await orgs.note('eu', { orgId: '1', sandbox: false });
    expect(counts).toEqual({ get: 1, set: 1 });
    // A new worker: one read finds it listed, no write.
    const restarted = createReachedOrgs(area);
    await restarted.note('eu', { orgId: '1', sandbox: false });
    expect(counts).toEqual({ get: 2, set: 1 });
  });

  it('keeps both of two orgs noted at the same moment', async () => {
    const { area } = countingArea();
    const orgs = createReachedOrgs(area);
    await Promise.all([
      orgs.note('eu', { orgId: '1', sandbox: false }),
      orgs.note('eu', { orgId: '2', sandbox: false }),
    ]);
    expect((await orgs.list('eu')).map((org) => org.orgId)).toEqual(['1', '2']);
  });

  it('keeps the latest orgs only', async () => {
    const orgs = createReachedOrgs(memoryStorageArea());
    for (let i = 1; i <= MAX_REACHED_ORGS + 2; i++) await orgs.note('eu', { orgId: String(i), sandbox: false });
    const listed = (await orgs.list('eu')).map((org) => org.orgId);
    expect(listed).toHaveLength(MAX_REACHED_ORGS);
    expect(listed[0]).toBe('3');
  });

  it('forgets a data centre’s orgs, and notes them again afterwards', async () => {
    const { area, data } = countingArea();
    const orgs = createReachedOrgs(area);
    await orgs.note('eu', { orgId: '1', sandbox: false });
    await orgs.note('us', { orgId: '2', sandbox: false });
    await orgs.forget('eu');
    expect(await orgs.list('eu')).toEqual([]);
    expect(data.has('orgs:us')).toBe(true);
    await orgs.note('eu', { orgId: '1', sandbox: false });
    expect(await orgs.list('eu')).toEqual([{ orgId: '1', sandbox: false }]);
  });

  it('reads a damaged entry as none', async () => {
    const { area, data } = countingArea();
    data.set('orgs:eu', [{ orgId: 1 }]);
    expect(await createReachedOrgs(area).list('eu')).toEqual([]);
  });
});

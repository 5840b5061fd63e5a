import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createChangeLog, JOB_MEMORY_MS, pendingJobs, type ScheduledJob } from './jobs';
import type { RecordTerritoryList } from './territories';

const KEY = 'eu:live:20079833178:Deals:4150868000004318009';
const NOW = 1_700_000_000_000;

const listOf = (...ids: string[]): RecordTerritoryList => ({
  enabled: true,
  territories: ids.map((id) => ({ id, name: id, assigned: 'manually', assignedBy: null, assignedTime: null })),
});
const job = (territoryId: string, kind: 'remove' | 'assign', since = NOW): ScheduledJob => ({
  recordKey: KEY,
  territoryId,
  jobId: `job-${territoryId}`,
  kind,
  since,
});

beforeEach(() => fakeBrowser.reset());

describe('pendingJobs', () => {
  it('keeps a removal while the record still lists the territory, an assignment while it does not', () => {
    const jobs = [job('1', 'remove'), job('2', 'remove'), job('3', 'assign'), job('4', 'assign')];
    expect(pendingJobs(jobs, listOf('1', '4'), NOW).map((j) => j.territoryId)).toEqual(['1', '3']);
  });

  it('forgets jobs older than the memory span', () => {
    const jobs = [job('1', 'remove', NOW - JOB_MEMORY_MS), job('2', 'remove', NOW - JOB_MEMORY_MS + 1)];
    expect(pendingJobs(jobs, listOf('1', '2'), NOW).map((j) => j.territoryId)).toEqual(['2']);
  });
});

describe('createChangeLog', () => {
  it('reports scheduled jobs until the record reflects them, in storage.session', async () => {
    const log = createChangeLog(fakeBrowser.storage.session);
    await log.recordJob(job('1', 'remove'));
    await log.recordJob(job('2', 'assign'));
    expect(await log.reconcileJobs(KEY, listOf('1'), NOW + 1000)).toEqual(['1', '2']);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([`changes:${KEY}`]);
    expect(await log.reconcileJobs(KEY, listOf('2'), NOW + 2000)).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('survives a new instance (a restarted worker) and keeps records apart', async () => {
    await createChangeLog(fakeBrowser.storage.session).recordJob(job('1', 'remove'));
    const restarted = createChangeLog(fakeBrowser.storage.session);
    expect(await restarted.reconcileJobs(KEY, listOf('1'), NOW)).toEqual(['1']);
    expect(await restarted.reconcileJobs('eu:live:-:Leads:1', listOf('1'), NOW)).toEqual([]);
  });

  it('loses no update when changes are written at once', async () => {
    const log = createChangeLog(fakeBrowser.storage.session);
    await Promise.all([
      log.recordJob(job('1', 'remove')),
      log.recordJob(job('2', 'remove')),
      log.markInFlight(KEY, { territoryId: '3', kind: 'remove', since: NOW }),
    ]);
    expect(await log.reconcileJobs(KEY, listOf('1', '2'), NOW)).toEqual(['1', '2']);
    expect(await log.findInFlight(KEY, { territoryId: '3', kind: 'remove' })).toEqual({
      territoryId: '3',
      kind: 'remove',
      since: NOW,
    });
  });

  it('marks and clears in-flight changes by kind and territory', async () => {
    const log = createChangeLog(fakeBrowser.storage.session);
    await log.markInFlight(KEY, { territoryId: '1', kind: 'remove', since: NOW });
    await log.markInFlight(KEY, { territoryId: '1', kind: 'assign', since: NOW });
    await log.clearInFlight(KEY, { territoryId: '1', kind: 'remove' });
    expect(await log.findInFlight(KEY, { territoryId: '1', kind: 'remove' })).toBeUndefined();
    expect(await log.findInFlight(KEY, { territoryId: '1', kind: 'assign' })).toBeDefined();
  });

  it('clears in-flight markers except those still awaited', async () => {
    const log = createChangeLog(fakeBrowser.storage.session);
    await log.markInFlight(KEY, { territoryId: '1', kind: 'remove', since: NOW });
    await log.markInFlight(KEY, { territoryId: '2', kind: 'remove', since: NOW });
    await log.clearInFlightExcept(KEY, (change) => change.territoryId === '2');
    expect(await log.findInFlight(KEY, { territoryId: '1', kind: 'remove' })).toBeUndefined();
    expect(await log.findInFlight(KEY, { territoryId: '2', kind: 'remove' })).toBeDefined();
  });

  it('replaces a job for the same change and ignores garbage in storage', async () => {
    await fakeBrowser.storage.session.set({ [`changes:${KEY}`]: { jobs: 'nonsense' } });
    const log = createChangeLog(fakeBrowser.storage.session);
    expect(await log.reconcileJobs(KEY, listOf('1'), NOW)).toEqual([]);
    await log.recordJob(job('1', 'remove', NOW));
    await log.recordJob({ ...job('1', 'remove', NOW + 10), jobId: 'newer' });
    const stored = (await fakeBrowser.storage.session.get(`changes:${KEY}`))[`changes:${KEY}`];
    expect(stored).toEqual({ jobs: [{ ...job('1', 'remove', NOW + 10), jobId: 'newer' }], inFlight: [] });
  });
});

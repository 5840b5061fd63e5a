// The record requests of the panel: read a record's territories, remove or assign one. Adds what
// a single Zoho call cannot: joining identical concurrent changes, remembering scheduled jobs,
// never re-sending a POST whose answer was lost (or that a dead service worker did not see) before
// Zoho can no longer be working on it, and each territory's place in the hierarchy from the org's
// cached definitions.
import { territoryTree } from '../bulk/territory-tree';
import { type RecordPage, recordKey } from '../crm-page';
import type { Locale } from '../i18n/locales';
import type { ChangeOutcome, RecordTerritories, Result, TerritoryAssignment } from '../messaging';
import { formatAssignedDate } from '../panel/format';
import type { ZohoClient } from '../zoho/client';
import { errorInfoOf } from '../zoho/errors';
import type { ChangeLog } from '../zoho/jobs';
import { LOST_ANSWER_WAIT_MS, STABLE_READ_GAP_MS } from '../zoho/request-timing';
import {
  type ChangeKind,
  changeTerritory,
  getRecordTerritories,
  isLostAnswer,
  isReflected,
  type RecordTerritoryList,
} from '../zoho/territories';
import {
  type CachedTerritory,
  listAllTerritories,
  type TerritoryCache,
  territoryCacheKey,
} from '../zoho/territory-cache';

export interface RecordRequestDeps {
  clientFor(page: RecordPage): ZohoClient;
  changes: ChangeLog;
  /** The orgs' territory definitions, shared with the bulk page: paths and managers of the rows. */
  territories: TerritoryCache;
  /** A record of this page's org was read: the options page names the org under its connection. */
  orgReached?(page: RecordPage): Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** default DEFINITIONS_WAIT_MS */
  definitionsWaitMs?: number;
}

/** A record read waits this long for definitions not yet cached, then answers without paths. */
export const DEFINITIONS_WAIT_MS = 4_000;
/** After the definitions of an org could not be read, record reads go without them this long. */
export const DEFINITIONS_RETRY_PAUSE_MS = 5 * 60_000;

type TerritoryPlace = Pick<TerritoryAssignment, 'path' | 'manager'>;

/** Each definition's ancestors (as the bulk page's tree shows them) and manager, by territory id. */
export function territoryPlaces(definitions: readonly CachedTerritory[]): Map<string, TerritoryPlace> {
  const managers = new Map(definitions.map((territory) => [territory.id, territory.managerName]));
  return new Map(
    territoryTree(definitions).map(({ territory, ancestors }) => [
      territory.id,
      { path: ancestors, manager: managers.get(territory.id) ?? null },
    ]),
  );
}

/** What `run` resolves to, or `fallback` once `ms` have passed first. */
function resultWithin<T>(run: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([run, late]).finally(() => clearTimeout(timer));
}

export interface RecordRequests {
  /** `locale`: the language the assignment dates are written in (the browser's when left out) */
  territories(page: RecordPage, locale?: Locale): Promise<Result<RecordTerritories>>;
  change(kind: ChangeKind, page: RecordPage, territoryId: string): Promise<Result<ChangeOutcome>>;
}

const changeKey = (kind: ChangeKind, key: string, territoryId: string) => `${kind}|${key}|${territoryId}`;

/** Reads of a record after a lost POST before what it holds is taken as it is. */
const MAX_STABLE_READS = 4;

function sameTerritories(a: RecordTerritoryList, b: RecordTerritoryList): boolean {
  const ids = (list: RecordTerritoryList) =>
    list.territories
      .map((territory) => territory.id)
      .sort()
      .join();
  return ids(a) === ids(b);
}

export function createRecordRequests(deps: RecordRequestDeps): RecordRequests {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const definitionsWaitMs = deps.definitionsWaitMs ?? DEFINITIONS_WAIT_MS;
  /** POSTs this worker is waiting for, by change key. */
  const changesUnderWay = new Map<string, Promise<Result<ChangeOutcome>>>();
  /** When loading an org's definitions last failed, by territory cache key. */
  const definitionsFailedAt = new Map<string, number>();

  /**
   * Paths and managers from the definitions, read at most once per org per cache TTL. They only
   * add to the rows: a failure (no settings scope, network, …) or a slow first load leaves the
   * rows without them and never fails the record read; a slow load still fills the cache.
   */
  async function placesFor(page: RecordPage, client: ZohoClient): Promise<Map<string, TerritoryPlace>> {
    const orgKey = territoryCacheKey(page);
    const failedAt = definitionsFailedAt.get(orgKey);
    if (failedAt !== undefined && now() - failedAt < DEFINITIONS_RETRY_PAUSE_MS) return new Map();
    const places = deps.territories
      .get(page, () => listAllTerritories(client))
      .then(
        (definitions) => {
          definitionsFailedAt.delete(orgKey);
          return territoryPlaces(definitions);
        },
        () => {
          definitionsFailedAt.set(orgKey, now());
          return new Map<string, TerritoryPlace>();
        },
      );
    return resultWithin(places, definitionsWaitMs, new Map());
  }

  /**
   * What the record holds once Zoho can no longer be working on a POST sent at `since`: read
   * only after the request time-out plus a margin, then until two reads agree.
   */
  async function settledList(client: ZohoClient, page: RecordPage, since: number): Promise<RecordTerritoryList> {
    const wait = since + LOST_ANSWER_WAIT_MS - now();
    if (wait > 0) await sleep(wait);
    let list = await getRecordTerritories(client, page);
    for (let reads = 1; reads < MAX_STABLE_READS; reads++) {
      await sleep(STABLE_READ_GAP_MS);
      const again = await getRecordTerritories(client, page);
      if (sameTerritories(list, again)) return again;
      list = again;
    }
    return list;
  }

  async function sendChange(kind: ChangeKind, page: RecordPage, territoryId: string): Promise<ChangeOutcome> {
    const key = recordKey(page);
    const client = deps.clientFor(page);
    const marker = { kind, territoryId };
    const earlier = await deps.changes.findInFlight(key, marker);
    if (earlier) {
      // An earlier worker sent this POST and died before the answer: look before sending again.
      if (isReflected(kind, [territoryId], await settledList(client, page, earlier.since))) {
        await deps.changes.clearInFlight(key, marker);
        return { outcome: 'done' };
      }
    }
    const since = now();
    await deps.changes.markInFlight(key, { ...marker, since });
    try {
      const outcome = await changeTerritory(client, kind, page, territoryId);
      if (outcome.outcome === 'scheduled') {
        await deps.changes.recordJob({ recordKey: key, territoryId, jobId: outcome.jobId, kind, since: now() });
      }
      return outcome;
    } catch (error) {
      if (!isLostAnswer(error)) throw error;
      // Zoho may still be working on it: a Retry now could do it twice.
      const list = await settledList(client, page, since).catch(() => null);
      if (list && isReflected(kind, [territoryId], list)) return { outcome: 'done' };
      throw error;
    } finally {
      await deps.changes.clearInFlight(key, marker);
    }
  }

  return {
    async territories(page, locale) {
      const key = recordKey(page);
      try {
        // Markers left by a worker that died mid-POST: once Zoho can no longer be working on it,
        // this read shows what Zoho holds. A younger one stays, so a repeat of it waits first.
        await deps.changes.clearInFlightExcept(
          key,
          (change) =>
            changesUnderWay.has(changeKey(change.kind, key, change.territoryId)) ||
            now() - change.since < LOST_ANSWER_WAIT_MS,
        );
        const client = deps.clientFor(page);
        const read = await getRecordTerritories(client, page);
        // Not awaited: the answer does not wait for the options page's bookkeeping.
        void deps.orgReached?.(page).catch(() => undefined);
        const scheduled = await deps.changes.reconcileJobs(key, read, now());
        const places = read.territories.length > 0 ? await placesFor(page, client) : new Map<string, TerritoryPlace>();
        const territories = read.territories.map((territory) => ({
          ...territory,
          assignedDate: formatAssignedDate(territory.assignedTime, locale),
          ...(places.get(territory.id) ?? { path: [], manager: null }),
        }));
        return {
          ok: true,
          value: {
            enabled: read.enabled,
            territories,
            scheduled,
            lockedForMe: read.lockedForMe,
            editable: read.editable,
          },
        };
      } catch (error) {
        return { ok: false, error: errorInfoOf(error) };
      }
    },

    change(kind, page, territoryId) {
      const key = changeKey(kind, recordKey(page), territoryId);
      const underWay = changesUnderWay.get(key);
      if (underWay) return underWay;
      const change = sendChange(kind, page, territoryId)
        .then((value): Result<ChangeOutcome> => ({ ok: true, value }))
        .catch((error: unknown): Result<ChangeOutcome> => ({ ok: false, error: errorInfoOf(error) }))
        .finally(() => changesUnderWay.delete(key));
      changesUnderWay.set(key, change);
      return change;
    },
  };
}

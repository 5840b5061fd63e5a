// The record requests of the panel: read a record's territories, remove or assign one. Adds what
// a single Zoho call cannot: joining identical concurrent changes, remembering scheduled jobs, and
// never re-sending a POST whose answer a dead service worker did not see.
import { type RecordPage, recordKey } from '../crm-page';
import type { ChangeOutcome, RecordTerritories, Result } from '../messaging';
import type { ZohoClient } from '../zoho/client';
import { errorInfoOf } from '../zoho/errors';
import type { ChangeLog } from '../zoho/jobs';
import { type ChangeKind, changeTerritory, getRecordTerritories, isReflected } from '../zoho/territories';

export interface RecordRequestDeps {
  clientFor(page: RecordPage): ZohoClient;
  changes: ChangeLog;
  now?: () => number;
}

export interface RecordRequests {
  territories(page: RecordPage): Promise<Result<RecordTerritories>>;
  change(kind: ChangeKind, page: RecordPage, territoryId: string): Promise<Result<ChangeOutcome>>;
}

const changeKey = (kind: ChangeKind, key: string, territoryId: string) => `${kind}|${key}|${territoryId}`;

export function createRecordRequests(deps: RecordRequestDeps): RecordRequests {
  const now = deps.now ?? Date.now;
  /** POSTs this worker is waiting for, by change key. */
  const changesUnderWay = new Map<string, Promise<Result<ChangeOutcome>>>();

  async function sendChange(kind: ChangeKind, page: RecordPage, territoryId: string): Promise<ChangeOutcome> {
    const key = recordKey(page);
    const client = deps.clientFor(page);
    const marker = { kind, territoryId };
    if (await deps.changes.findInFlight(key, marker)) {
      // An earlier worker sent this POST and died before the answer: look before sending again.
      const list = await getRecordTerritories(client, page);
      if (isReflected(kind, [territoryId], list)) {
        await deps.changes.clearInFlight(key, marker);
        return { outcome: 'done' };
      }
    }
    await deps.changes.markInFlight(key, { ...marker, since: now() });
    try {
      const outcome = await changeTerritory(client, kind, page, territoryId);
      if (outcome.outcome === 'scheduled') {
        await deps.changes.recordJob({ recordKey: key, territoryId, jobId: outcome.jobId, kind, since: now() });
      }
      return outcome;
    } finally {
      await deps.changes.clearInFlight(key, marker);
    }
  }

  return {
    async territories(page) {
      const key = recordKey(page);
      try {
        // Markers left by a worker that died mid-POST: this read shows what Zoho holds now.
        await deps.changes.clearInFlightExcept(key, (change) =>
          changesUnderWay.has(changeKey(change.kind, key, change.territoryId)),
        );
        const list = await getRecordTerritories(deps.clientFor(page), page);
        const scheduled = await deps.changes.reconcileJobs(key, list, now());
        return { ok: true, value: { enabled: list.enabled, territories: list.territories, scheduled } };
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

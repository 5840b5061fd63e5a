// What Zoho checks, record by record, when territories are removed from or assigned to records
// (remove-territories-of-records.txt; zoho-crm.md §1 and §3), and the change itself: immediate,
// or a scheduled job when the territory's parent is offloaded.
import type { TerritoryModule } from '../utils/crm-page';
import type { OrgMembership, ScenarioOrg, ScenarioRecord, ScenarioTerritory, ScenarioUser } from './scenarios/types';
import { type StandInState, zohoTime } from './state';
import { type Outcome, zoho } from './zoho-responses';

export type TerritoryAction = 'remove' | 'assign';

export interface TerritoryChangeContext {
  state: StandInState;
  org: ScenarioOrg;
  module: TerritoryModule;
  user: ScenarioUser;
  membership: OrgMembership;
}

/** Most territories a record may hold: a Deal one, the other modules ten (zoho-crm.md §3). */
export function territoryLimitOf(module: TerritoryModule): number {
  return module === 'Deals' ? 1 : 10;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface ValidEntry {
  record: ScenarioRecord;
  territories: ScenarioTerritory[];
}

function validateEntry(
  ctx: TerritoryChangeContext,
  action: TerritoryAction,
  entry: unknown,
  index: number,
  urlRecordId: string | undefined,
): ValidEntry | Outcome {
  const path = `$.data[${index}]`;
  if (!isObject(entry)) return zoho.invalidRecordId(path, '');
  const givenId = entry.id;
  if (givenId !== undefined && typeof givenId !== 'string') return zoho.invalidRecordId(`${path}.id`, String(givenId));
  const recordId = givenId ?? urlRecordId;
  if (!recordId) return zoho.mandatoryMissing('id', `${path}.id`, 'One of the expected parameter is missing');
  if (urlRecordId !== undefined && recordId !== urlRecordId) return zoho.invalidRecordId(`${path}.id`, recordId);

  const record = ctx.state.findRecord(ctx.org.zgid, ctx.module, recordId);
  if (!record) return zoho.invalidRecordId(`${path}.id`, recordId);

  const requested = entry.Territories;
  if (!Array.isArray(requested) || requested.length === 0) {
    return zoho.mandatoryMissing('Territories', `${path}.Territories`);
  }
  if (record.locked) return zoho.recordLocked(record.id);
  const job = ctx.state.runningJob(record.id);
  if (job) return zoho.alreadyScheduled(record.id, job.jobId);

  const territories: ScenarioTerritory[] = [];
  for (const [position, item] of requested.entries()) {
    const idPath = `${path}.Territories[${position}].id`;
    const territoryId = isObject(item) ? item.id : undefined;
    if (typeof territoryId !== 'string' || territoryId.length === 0) return zoho.mandatoryMissing('id', idPath);
    const territory = ctx.state.findTerritory(ctx.org.zgid, territoryId);
    const assignment = record.territories.find((a) => a.territoryId === territoryId);
    if (action === 'remove') {
      if (!territory || !assignment) return zoho.invalidTerritoryId(idPath, territoryId);
      if (assignment.assigned === 'automatically') return zoho.systemAssigned(idPath, territoryId);
    } else {
      if (!territory) return zoho.invalidTerritoryId(idPath, territoryId);
      if (assignment || territories.some((t) => t.id === territoryId))
        return zoho.duplicateTerritory(idPath, territoryId);
    }
    territories.push(territory);
  }

  if (action === 'assign') {
    const limit = territoryLimitOf(ctx.module);
    if (record.territories.length + territories.length > limit) {
      return zoho.territoryLimit(`${path}.Territories`, limit);
    }
  }
  return { record, territories };
}

function applyChange(
  ctx: TerritoryChangeContext,
  action: TerritoryAction,
  record: ScenarioRecord,
  territoryIds: readonly string[],
  at: number,
): void {
  if (action === 'remove') {
    record.territories = record.territories.filter((a) => !territoryIds.includes(a.territoryId));
    return;
  }
  for (const territoryId of territoryIds) {
    if (record.territories.some((a) => a.territoryId === territoryId)) continue;
    record.territories.push({
      territoryId,
      assigned: 'manually',
      assignedById: ctx.user.id,
      assignedTime: zohoTime(at),
    });
  }
}

function parentIsOffloaded(state: StandInState, territory: ScenarioTerritory): boolean {
  return territory.parentId !== null && state.territories.get(territory.parentId)?.offloaded === true;
}

/**
 * The result of each `data[]` entry, in order. `urlRecordId` is the id of the one-record URL
 * (entries may then leave `id` out). Entries are checked and applied one after another.
 */
export function changeTerritories(
  ctx: TerritoryChangeContext,
  action: TerritoryAction,
  entries: readonly unknown[],
  urlRecordId?: string,
): Outcome[] {
  return entries.map((entry, index) => {
    const valid = validateEntry(ctx, action, entry, index, urlRecordId);
    if (!('record' in valid)) return valid;
    const { record, territories } = valid;
    const territoryIds = territories.map((t) => t.id);
    const now = Date.now();
    if (territories.some((t) => parentIsOffloaded(ctx.state, t))) {
      const source = action === 'remove' ? 'manual_territory_removal' : 'manual_territory_assignment';
      const job = ctx.state.scheduleJob(record, source, territoryIds, ctx.user.id, () =>
        applyChange(ctx, action, record, territoryIds, now),
      );
      return action === 'remove'
        ? zoho.removalScheduled(record.id, job.jobId)
        : zoho.assignmentScheduled(record.id, job.jobId);
    }
    applyChange(ctx, action, record, territoryIds, now);
    return action === 'remove' ? zoho.removed(record.id) : zoho.assigned(record.id);
  });
}

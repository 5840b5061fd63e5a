// The JSON shapes of Zoho's v8 answers (zoho-crm.md §2–3): records with `Territories`,
// territory definitions with `reporting_to`, and the org.
import type { OrgMembership, ScenarioOrg, ScenarioRecord, ScenarioTerritory, ScenarioUser } from './scenarios/types';
import { type StandInState, zohoTime } from './state';

export interface UserRef {
  name: string;
  id: string;
}

export interface RecordTerritoryJson {
  Name: string;
  id: string;
  $assigned_by: UserRef | null;
  $assigned_time: string;
  $assigned: 'manually' | 'automatically';
}

export type RecordJson = { id: string } & Record<string, unknown>;

function userRef(state: StandInState, userId: string | null): UserRef | null {
  if (userId === null) return null;
  const user = state.users.get(userId);
  return user ? { name: user.fullName, id: user.id } : null;
}

function ownerJson(state: StandInState, userId: string): { name: string; id: string; email: string } | null {
  const user = state.users.get(userId);
  return user ? { name: user.fullName, id: user.id, email: user.email } : null;
}

export function recordTerritoriesJson(state: StandInState, record: ScenarioRecord): RecordTerritoryJson[] {
  return record.territories.map((assignment) => ({
    Name: state.territories.get(assignment.territoryId)?.name ?? '',
    id: assignment.territoryId,
    $assigned_by: userRef(state, assignment.assignedById),
    $assigned_time: assignment.assignedTime,
    $assigned: assignment.assigned,
  }));
}

/** Who reads: the org of the request and the user's membership in it. */
export interface RecordReader {
  org: ScenarioOrg;
  membership: OrgMembership;
}

/**
 * A record as GET returns it. `fields` (from `?fields=`) trims the answer to `id` plus those
 * fields; `Territories` appears only when territories are enabled for the org and module.
 * `$locked_for_me` and `$editable` are about the reader, as in captures of real v8 answers.
 */
export function recordJson(
  state: StandInState,
  reader: RecordReader,
  record: ScenarioRecord,
  fields: readonly string[] | null,
): RecordJson {
  const { org, membership } = reader;
  const full: RecordJson = {
    id: record.id,
    Owner: ownerJson(state, record.ownerId),
    ...record.fields,
    Created_Time: record.createdTime,
    Modified_Time: record.createdTime,
    Created_By: userRef(state, record.ownerId),
    Locked__s: record.locked,
    // A locked record refuses every user's territory changes here, so it is locked for each reader.
    $locked_for_me: record.locked,
    $editable: state.mayUpdateRecords(membership),
  };
  if (state.territoriesEnabled(org, record.module)) full.Territories = recordTerritoriesJson(state, record);
  if (fields === null) return full;
  const trimmed: RecordJson = { id: record.id };
  for (const field of fields) {
    if (Object.hasOwn(full, field)) trimmed[field] = full[field];
  }
  return trimmed;
}

export function territoryJson(state: StandInState, territory: ScenarioTerritory): Record<string, unknown> {
  const parent = territory.parentId ? state.territories.get(territory.parentId) : undefined;
  const created = zohoTime(Date.UTC(2023, 0, 10, 9, 0, 0));
  return {
    id: territory.id,
    name: territory.name,
    api_name: territory.apiName,
    description: territory.description,
    manager: userRef(state, territory.managerId),
    reporting_to: parent ? { name: parent.name, id: parent.id } : null,
    permission_type: territory.permissionType,
    created_time: created,
    modified_time: created,
    created_by: userRef(state, territory.managerId),
    modified_by: userRef(state, territory.managerId),
    account_rule_criteria: null,
    deal_rule_criteria: null,
  };
}

export function orgJson(state: StandInState, org: ScenarioOrg): Record<string, unknown> {
  const admin = state
    .orgMembers(org.zgid)
    .find((user) => user.memberships.some((m) => m.orgId === org.zgid && m.profile === 'Administrator'));
  return {
    id: org.zgid,
    zgid: org.zgid,
    company_name: org.companyName,
    domain_name: org.instanceName,
    primary_email: admin?.email ?? null,
    country_code: org.countryCode,
    currency: org.currency,
    time_zone: org.timeZone,
    type: org.sandbox ? 'sandbox' : 'production',
    license_details: {
      paid: org.edition !== 'Free',
      paid_type: org.edition.toLowerCase(),
      users_license_purchased: 50,
    },
  };
}

/** A user as the Users API lists them (the keys of Zoho's v8 `users` answer the stand-in models). */
export function userJson(user: ScenarioUser, org: ScenarioOrg): Record<string, unknown> {
  const [firstName = '', ...rest] = user.fullName.split(' ');
  const membership = user.memberships.find((m) => m.orgId === org.zgid);
  return {
    id: user.id,
    full_name: user.fullName,
    first_name: firstName,
    last_name: rest.join(' '),
    email: user.email,
    status: 'active',
    confirm: true,
    profile: membership ? { name: membership.profile } : null,
    time_zone: org.timeZone,
    country_locale: 'en_GB',
  };
}

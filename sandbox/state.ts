// The stand-in's in-memory world: the scenario's data plus everything that changes while it runs
// (tokens, accounts sessions and grants, territory jobs, rate-limit counters, faults, the log).
// `reset` rebuilds all of it, so a test can start from a known state.
import { randomBytes } from 'node:crypto';
import { DATA_CENTRE_IDS, type DataCentre } from '../utils/data-centres';
import { FaultBook } from './faults';
import { RequestLog } from './request-log';
import { buildScenario, DEFAULT_SCENARIO_NAME } from './scenarios/index';
import {
  CRM_MODULES,
  type CrmModule,
  type Edition,
  type OrgMembership,
  type ScenarioClient,
  type ScenarioCustomView,
  type ScenarioOrg,
  type ScenarioRecord,
  type ScenarioTerritory,
  type ScenarioUser,
  type TerritoryAssignment,
} from './scenarios/types';

export interface StandInConfig {
  /** how long a scheduled territory job runs before the record changes */
  jobDelayMs: number;
  /** most `data[]` entries accepted on a many-record territory URL */
  recordsPerCallLimit: number;
  /** in-flight API requests per org; null = Zoho's limit for the org's edition */
  concurrencyLimit: number | null;
  /** API calls per org since the last reset; null = Zoho's 24-hour credits for the edition */
  creditLimit: number | null;
  /** `expires_in` of new access tokens */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_CONFIG: Readonly<StandInConfig> = {
  jobDelayMs: 3000,
  recordsPerCallLimit: 100,
  concurrencyLimit: null,
  creditLimit: null,
  tokenLifetimeSeconds: 3600,
};

export interface IssuedToken {
  accessToken: string;
  dataCentre: DataCentre;
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

export type JobSource = 'manual_territory_removal' | 'manual_territory_assignment';

export interface TerritoryJob {
  jobId: string;
  orgId: string;
  module: CrmModule;
  recordId: string;
  source: JobSource;
  territoryIds: string[];
  actingUserId: string;
  requestedAt: number;
  finishesAt: number;
}

export type SilentRenewalFailure = 'client_not_granted' | 'prompt_required';

export interface AccountsSession {
  /** the Zoho user signed in at this data centre's accounts server; null = signed out */
  signedInUserId: string | null;
  /** when set, every silent renewal at this data centre fails with this error */
  silentRenewalFailure: SilentRenewalFailure | null;
  /** when set, only these of the requested scopes are granted (an admin's restriction); null = no limit */
  scopeLimit: string[] | null;
}

/** A record as the control interface reports it. */
export interface RecordState {
  id: string;
  orgId: string;
  module: CrmModule;
  name: string;
  locked: boolean;
  territories: {
    id: string;
    name: string;
    assigned: TerritoryAssignment['assigned'];
    assignedById: string | null;
    assignedTime: string;
  }[];
  pendingJob: { jobId: string; source: JobSource; territoryIds: string[]; finishesAt: string } | null;
}

const CONCURRENCY_BY_EDITION: Readonly<Record<Edition, number>> = {
  Free: 5,
  Standard: 10,
  Professional: 15,
  Enterprise: 20,
  Ultimate: 25,
};

const CREDITS_PER_USER_BY_EDITION: Readonly<Record<Edition, number>> = {
  Free: 0,
  Standard: 250,
  Professional: 500,
  Enterprise: 1000,
  Ultimate: 2000,
};

const NAME_FIELD: Readonly<Record<CrmModule, string>> = {
  Leads: 'Full_Name',
  Accounts: 'Account_Name',
  Contacts: 'Full_Name',
  Deals: 'Deal_Name',
  Cases: 'Subject',
  CustomModule1: 'Name',
};

export function nameFieldOf(module: CrmModule): string {
  return NAME_FIELD[module];
}

export function recordName(record: ScenarioRecord): string {
  const value = record.fields[NAME_FIELD[record.module]];
  return value === null || value === undefined ? '' : String(value);
}

/** API module names compare case-insensitively (`accounts` = `Accounts`). */
export function resolveModule(name: string): CrmModule | null {
  const lower = name.toLowerCase();
  return CRM_MODULES.find((module) => module.toLowerCase() === lower) ?? null;
}

/** Zoho's timestamp form, e.g. `2025-01-31T09:30:00+00:00`. */
export function zohoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export class StandInState {
  scenarioName = DEFAULT_SCENARIO_NAME;
  /** grows with every reset: anything handed out before a reset (e.g. a consent ticket) is void */
  generation = 0;
  config: StandInConfig = { ...DEFAULT_CONFIG };
  readonly faults = new FaultBook();
  readonly log = new RequestLog();

  orgs = new Map<string, ScenarioOrg>();
  users = new Map<string, ScenarioUser>();
  territories = new Map<string, ScenarioTerritory>();
  /** by record id (ids are unique across orgs) */
  records = new Map<string, ScenarioRecord>();
  clients = new Map<string, ScenarioClient>();
  customViews = new Map<string, ScenarioCustomView>();

  private tokens = new Map<string, IssuedToken>();
  private accounts = new Map<DataCentre, AccountsSession>();
  /** `dc|user|client` → scopes the user granted for the session (lower case) */
  private grants = new Map<string, Set<string>>();
  /** running territory jobs by record id */
  private jobs = new Map<string, TerritoryJob>();
  private jobTimers = new Set<ReturnType<typeof setTimeout>>();
  private inFlight = new Map<string, number>();
  private creditsUsed = new Map<string, number>();
  private idCounter = 0;

  constructor(scenarioName: string = DEFAULT_SCENARIO_NAME) {
    this.reset(scenarioName);
  }

  /** Back to a fresh copy of the scenario (default: the current one) with default settings. */
  reset(scenarioName: string = this.scenarioName): void {
    const scenario = buildScenario(scenarioName);
    this.dispose();
    this.generation += 1;
    this.scenarioName = scenarioName;
    this.config = { ...DEFAULT_CONFIG };
    this.faults.clear();
    this.log.clear();
    this.orgs = new Map(scenario.orgs.map((org) => [org.zgid, org]));
    this.users = new Map(scenario.users.map((user) => [user.id, user]));
    this.territories = new Map(scenario.territories.map((territory) => [territory.id, territory]));
    this.records = new Map(scenario.records.map((record) => [record.id, record]));
    this.clients = new Map(scenario.clients.map((client) => [client.clientId, client]));
    this.customViews = new Map(scenario.customViews.map((view) => [view.id, view]));
    this.tokens = new Map();
    this.grants = new Map();
    this.jobs = new Map();
    this.inFlight = new Map();
    this.creditsUsed = new Map();
    this.accounts = new Map(
      DATA_CENTRE_IDS.map((dc) => [
        dc,
        { signedInUserId: this.firstAdminOf(dc)?.id ?? null, silentRenewalFailure: null, scopeLimit: null },
      ]),
    );
  }

  /** Stops pending job timers (jobs are forgotten). */
  dispose(): void {
    for (const timer of this.jobTimers) clearTimeout(timer);
    this.jobTimers.clear();
    this.jobs.clear();
  }

  /** A fresh Zoho-looking decimal id. */
  newId(prefix = '900000'): string {
    this.idCounter += 1;
    return `${prefix}${String(Date.now()).slice(-6)}${String(this.idCounter).padStart(6, '0')}`;
  }

  // ---- users and orgs ----

  private firstAdminOf(dc: DataCentre): ScenarioUser | undefined {
    return [...this.users.values()].find(
      (user) => user.dataCentre === dc && user.memberships[0]?.profile === 'Administrator',
    );
  }

  usersOf(dc: DataCentre): ScenarioUser[] {
    return [...this.users.values()].filter((user) => user.dataCentre === dc);
  }

  /** The user's memberships in orgs of this data centre and kind (production or sandbox), default first. */
  membershipsOn(
    user: ScenarioUser,
    dc: DataCentre,
    sandbox: boolean,
  ): { org: ScenarioOrg; membership: OrgMembership }[] {
    return user.memberships.flatMap((membership) => {
      const org = this.orgs.get(membership.orgId);
      return org && org.dataCentre === dc && org.sandbox === sandbox ? [{ org, membership }] : [];
    });
  }

  orgMembers(orgId: string): ScenarioUser[] {
    return [...this.users.values()].filter((user) => user.memberships.some((m) => m.orgId === orgId));
  }

  findOrgByInstanceName(name: string, dc: DataCentre, sandbox: boolean): ScenarioOrg | undefined {
    const lower = name.toLowerCase();
    return [...this.orgs.values()].find(
      (org) => org.instanceName.toLowerCase() === lower && org.dataCentre === dc && org.sandbox === sandbox,
    );
  }

  // ---- records and territories ----

  findRecord(orgId: string, module: CrmModule, id: string): ScenarioRecord | undefined {
    const record = this.records.get(id);
    return record && record.orgId === orgId && record.module === module ? record : undefined;
  }

  recordsOf(orgId: string, module: CrmModule): ScenarioRecord[] {
    return [...this.records.values()].filter((record) => record.orgId === orgId && record.module === module);
  }

  territoriesOf(orgId: string): ScenarioTerritory[] {
    return [...this.territories.values()].filter((territory) => territory.orgId === orgId);
  }

  findTerritory(orgId: string, id: string): ScenarioTerritory | undefined {
    const territory = this.territories.get(id);
    return territory && territory.orgId === orgId ? territory : undefined;
  }

  /** The territory and all territories reporting to it, at any depth. */
  territoryWithDescendants(territoryId: string): Set<string> {
    const found = new Set([territoryId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const territory of this.territories.values()) {
        if (territory.parentId && found.has(territory.parentId) && !found.has(territory.id)) {
          found.add(territory.id);
          grew = true;
        }
      }
    }
    return found;
  }

  territoriesEnabled(org: ScenarioOrg, module: CrmModule): boolean {
    return (org.territoryModules as readonly CrmModule[]).includes(module);
  }

  /** Whether the user's profile in that org may update records: decides NO_PERMISSION and `$editable`. */
  mayUpdateRecords(membership: OrgMembership): boolean {
    return membership.canUpdateRecords;
  }

  setLocked(record: ScenarioRecord, locked: boolean): void {
    record.locked = locked;
  }

  /**
   * Changes how the record holds one of its territories, as if territory rules had run: a rule
   * assignment has no assigning user; a manual one made from it is credited to the record owner.
   * False when the record does not hold the territory.
   */
  setAssignment(record: ScenarioRecord, territoryId: string, assigned: TerritoryAssignment['assigned']): boolean {
    const index = record.territories.findIndex((a) => a.territoryId === territoryId);
    const current = record.territories[index];
    if (!current) return false;
    if (current.assigned === assigned) return true;
    record.territories[index] = {
      territoryId,
      assigned,
      assignedById: assigned === 'automatically' ? null : record.ownerId,
      assignedTime: zohoTime(Date.now()),
    };
    return true;
  }

  recordState(record: ScenarioRecord): RecordState {
    const job = this.jobs.get(record.id);
    return {
      id: record.id,
      orgId: record.orgId,
      module: record.module,
      name: recordName(record),
      locked: record.locked,
      territories: record.territories.map((assignment) => ({
        id: assignment.territoryId,
        name: this.territories.get(assignment.territoryId)?.name ?? '',
        assigned: assignment.assigned,
        assignedById: assignment.assignedById,
        assignedTime: assignment.assignedTime,
      })),
      pendingJob: job
        ? {
            jobId: job.jobId,
            source: job.source,
            territoryIds: [...job.territoryIds],
            finishesAt: new Date(job.finishesAt).toISOString(),
          }
        : null,
    };
  }

  // ---- territory jobs ----

  runningJob(recordId: string): TerritoryJob | undefined {
    return this.jobs.get(recordId);
  }

  /** Starts a job that applies the change after `config.jobDelayMs`; until then the record is unchanged. */
  scheduleJob(
    record: ScenarioRecord,
    source: JobSource,
    territoryIds: string[],
    actingUserId: string,
    apply: () => void,
  ): TerritoryJob {
    const now = Date.now();
    const job: TerritoryJob = {
      jobId: this.newId('555'),
      orgId: record.orgId,
      module: record.module,
      recordId: record.id,
      source,
      territoryIds,
      actingUserId,
      requestedAt: now,
      finishesAt: now + this.config.jobDelayMs,
    };
    this.jobs.set(record.id, job);
    const timer = setTimeout(() => {
      this.jobTimers.delete(timer);
      if (this.jobs.get(record.id) !== job) return;
      this.jobs.delete(record.id);
      apply();
    }, this.config.jobDelayMs);
    timer.unref?.();
    this.jobTimers.add(timer);
    return job;
  }

  // ---- tokens ----

  issueToken(grant: { dataCentre: DataCentre; userId: string; clientId: string; scopes: string[] }): IssuedToken {
    const now = Date.now();
    const token: IssuedToken = {
      accessToken: `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`,
      dataCentre: grant.dataCentre,
      userId: grant.userId,
      clientId: grant.clientId,
      scopes: [...grant.scopes],
      issuedAt: now,
      expiresAt: now + this.config.tokenLifetimeSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** A token that is known, not revoked and not expired. */
  liveToken(accessToken: string): IssuedToken | undefined {
    const token = this.tokens.get(accessToken);
    return token && !token.revoked && token.expiresAt > Date.now() ? token : undefined;
  }

  revokeToken(accessToken: string): boolean {
    const token = this.tokens.get(accessToken);
    if (!token) return false;
    token.revoked = true;
    return true;
  }

  /** Makes every live token (of one data centre, or all) expired now; returns how many. */
  expireTokens(dataCentre?: DataCentre): number {
    const now = Date.now();
    let count = 0;
    for (const token of this.tokens.values()) {
      if ((dataCentre === undefined || token.dataCentre === dataCentre) && token.expiresAt > now) {
        token.expiresAt = now;
        count += 1;
      }
    }
    return count;
  }

  // ---- accounts sessions and grants ----

  accountsSession(dc: DataCentre): AccountsSession {
    let session = this.accounts.get(dc);
    if (!session) {
      session = { signedInUserId: null, silentRenewalFailure: null, scopeLimit: null };
      this.accounts.set(dc, session);
    }
    return session;
  }

  private grantKey(dc: DataCentre, userId: string, clientId: string): string {
    return `${dc}|${userId}|${clientId}`;
  }

  recordGrant(dc: DataCentre, userId: string, clientId: string, scopes: readonly string[]): void {
    const key = this.grantKey(dc, userId, clientId);
    const granted = this.grants.get(key) ?? new Set<string>();
    for (const scope of scopes) granted.add(scope.toLowerCase());
    this.grants.set(key, granted);
  }

  /** Drops from the session grant every scope not in `allowed` (case-insensitive). */
  narrowGrant(dc: DataCentre, userId: string, clientId: string, allowed: readonly string[]): void {
    const granted = this.grants.get(this.grantKey(dc, userId, clientId));
    if (!granted) return;
    const keep = new Set(allowed.map((scope) => scope.toLowerCase()));
    for (const scope of [...granted]) if (!keep.has(scope)) granted.delete(scope);
  }

  /** Scopes granted for the session, or null if the user never granted this client. */
  grantedScopes(dc: DataCentre, userId: string, clientId: string): string[] | null {
    const granted = this.grants.get(this.grantKey(dc, userId, clientId));
    return granted ? [...granted] : null;
  }

  clearGrants(dc?: DataCentre): void {
    if (dc === undefined) {
      this.grants.clear();
      return;
    }
    for (const key of [...this.grants.keys()]) if (key.startsWith(`${dc}|`)) this.grants.delete(key);
  }

  // ---- rate limits ----

  concurrencyLimitOf(org: ScenarioOrg): number {
    return this.config.concurrencyLimit ?? CONCURRENCY_BY_EDITION[org.edition];
  }

  creditLimitOf(org: ScenarioOrg): number {
    if (this.config.creditLimit !== null) return this.config.creditLimit;
    if (org.edition === 'Free') return 5000;
    return 50_000 + CREDITS_PER_USER_BY_EDITION[org.edition] * this.orgMembers(org.zgid).length;
  }

  inFlightOf(orgId: string): number {
    return this.inFlight.get(orgId) ?? 0;
  }

  enterRequest(orgId: string): void {
    this.inFlight.set(orgId, this.inFlightOf(orgId) + 1);
  }

  leaveRequest(orgId: string): void {
    this.inFlight.set(orgId, Math.max(0, this.inFlightOf(orgId) - 1));
  }

  creditsUsedBy(orgId: string): number {
    return this.creditsUsed.get(orgId) ?? 0;
  }

  spendCredit(orgId: string): void {
    this.creditsUsed.set(orgId, this.creditsUsedBy(orgId) + 1);
  }
}

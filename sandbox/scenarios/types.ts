// The shape of a stand-in scenario: plain data, built fresh by a function so state can be reset.
import type { TerritoryModule } from '../../utils/crm-page';
import type { DataCentre } from '../../utils/data-centres';

/** API module names the stand-in knows; only the TerritoryModule ones can carry territories. */
export type CrmModule = TerritoryModule | 'Cases' | 'CustomModule1';

export const CRM_MODULES: readonly CrmModule[] = ['Leads', 'Accounts', 'Contacts', 'Deals', 'Cases', 'CustomModule1'];

/** The modules' names as the CRM shows them. */
export const MODULE_LABELS: Readonly<Record<CrmModule, { plural: string; singular: string }>> = {
  Leads: { plural: 'Leads', singular: 'Lead' },
  Accounts: { plural: 'Accounts', singular: 'Account' },
  Contacts: { plural: 'Contacts', singular: 'Contact' },
  Deals: { plural: 'Deals', singular: 'Deal' },
  Cases: { plural: 'Cases', singular: 'Case' },
  CustomModule1: { plural: 'Events Planning', singular: 'Event Plan' },
};

export type Edition = 'Free' | 'Standard' | 'Professional' | 'Enterprise' | 'Ultimate';

export interface ScenarioOrg {
  /** the org id that record page URLs carry as `/crm/org<zgid>/` and requests as `X-CRM-ORG` */
  zgid: string;
  companyName: string;
  dataCentre: DataCentre;
  /** a sandbox org: served on crmsandbox.* and sandbox.zohoapis.* only */
  sandbox: boolean;
  /** the portal name of `/crm/<instanceName>/tab/…` links */
  instanceName: string;
  edition: Edition;
  /** modules whose records carry territories in this org (Leads only when Zoho support enabled it) */
  territoryModules: TerritoryModule[];
  countryCode: string;
  currency: string;
  timeZone: string;
}

export interface OrgMembership {
  orgId: string;
  profile: string;
  /** the profile may edit records (else NO_PERMISSION on updates) */
  canUpdateRecords: boolean;
  /** the profile holds the territory privilege (else AUTHORIZATION_FAILED on territory changes) */
  canManageTerritories: boolean;
}

export interface ScenarioUser {
  id: string;
  fullName: string;
  email: string;
  /** the Zoho accounts server that knows this user; tokens come only from there */
  dataCentre: DataCentre;
  /** first membership (of the host's kind, production or sandbox) = the default org */
  memberships: OrgMembership[];
}

export type PermissionType = 'read_only' | 'read_write_delete';

export interface ScenarioTerritory {
  id: string;
  orgId: string;
  name: string;
  apiName: string;
  description: string | null;
  managerId: string | null;
  /** `reporting_to` in Zoho's answers */
  parentId: string | null;
  permissionType: PermissionType;
  /** changes to the records of this territory's children are scheduled as jobs (HTTP 202 SCHEDULED) */
  offloaded: boolean;
}

export type AssignedHow = 'manually' | 'automatically';

export interface TerritoryAssignment {
  territoryId: string;
  assigned: AssignedHow;
  /** null for rule (system) assignments */
  assignedById: string | null;
  assignedTime: string;
}

export type FieldValue = string | number | boolean | null;

export interface ScenarioRecord {
  id: string;
  orgId: string;
  module: CrmModule;
  ownerId: string;
  createdTime: string;
  fields: Record<string, FieldValue>;
  territories: TerritoryAssignment[];
  locked: boolean;
}

export interface ScenarioClient {
  clientId: string;
  clientName: string;
  redirectUris: string[];
  /** data centres whose accounts servers accept this client (Zoho's multi-DC client setting) */
  dataCentres: DataCentre[];
}

export interface ScenarioCustomView {
  id: string;
  orgId: string;
  module: CrmModule;
  name: string;
  /** list only the records of this territory (manually or automatically assigned) */
  territoryId: string | null;
}

export interface Scenario {
  name: string;
  orgs: ScenarioOrg[];
  users: ScenarioUser[];
  territories: ScenarioTerritory[];
  records: ScenarioRecord[];
  clients: ScenarioClient[];
  customViews: ScenarioCustomView[];
}

// The default scenario: the orgs, users, territories and records every end-to-end test and the
// demo start from. Ids are exported by name so tests never repeat a magic number.
import type { CrmModule, FieldValue, Scenario, ScenarioRecord, ScenarioTerritory, TerritoryAssignment } from './types';

export const DEMO_CLIENT_ID = '1000.TERRITORYPANELDEMO';
export const CHROME_REDIRECT_URI = 'https://dakhagbpkpjjndolhlmnckledapnlgpo.chromiumapp.org/zoho';
export const FIREFOX_REDIRECT_URI = 'https://8e73620821b10efa5b7879aac7ccc2975a62891e.extensions.allizom.org/zoho';

export const ORGS = {
  /** EU production org, Leads territories enabled */
  euMain: '20079833178',
  /** a second EU production org; `USERS.anna` belongs to both */
  euLabs: '20079900042',
  /** EU sandbox org (crmsandbox.zoho.eu, sandbox.zohoapis.eu) */
  euSandbox: '20080011122',
  /** US production org, Leads territories NOT enabled */
  us: '698877001',
} as const;

export const INSTANCE_NAMES = {
  euMain: 'northwind',
  euLabs: 'northwindlabs',
  euSandbox: 'northwindsandbox',
  us: 'acme',
} as const;

export const USERS = {
  /** EU administrator in euMain (default), euLabs and euSandbox; first EU admin = signed in by default */
  anna: '407625000000043376',
  /** EU read-only profile in euMain: may read, may not update (NO_PERMISSION) */
  ben: '407625000000043401',
  /** EU standard profile in euMain without the territory privilege (AUTHORIZATION_FAILED) */
  clara: '407625000000043415',
  /** EU administrator of euLabs only */
  dmitri: '407625000000043429',
  /** US administrator */
  grace: '698877000000031001',
} as const;

export const TERRITORIES = {
  europe: '407625000000236001',
  dach: '407625000000236011',
  germany: '407625000000236012',
  austria: '407625000000236013',
  switzerland: '407625000000236014',
  nordics: '407625000000236021',
  sweden: '407625000000236022',
  norway: '407625000000236023',
  /** offloaded: changes to its children's records are scheduled */
  benelux: '407625000000236031',
  /** child of the offloaded Benelux */
  netherlands: '407625000000236032',
  /** child of the offloaded Benelux */
  belgium: '407625000000236033',
  iberia: '407625000000236041',
  spain: '407625000000236042',
  portugal: '407625000000236043',
  /** named `<img src=x onerror=alert(1)>` */
  markup: '407625000000236051',
  /** holds every bulk account */
  keyAccounts: '407625000000236061',
  labsWest: '200799000000120001',
  labsEast: '200799000000120002',
  sandboxRegion: '200800000000310001',
  northAmerica: '698877000000054001',
  eastCoast: '698877000000054002',
  westCoast: '698877000000054003',
  texas: '698877000000054004',
} as const;

export const MARKUP_TERRITORY_NAME = '<img src=x onerror=alert(1)>';

export const RECORDS = {
  /** Germany (manual), DACH (rule), the markup territory (manual) */
  alpineAccount: '407625000068467001',
  /** locked; Sweden (manual) */
  lockedAccount: '407625000068467002',
  /** Netherlands (manual, offloaded parent), Spain (manual) */
  delftAccount: '407625000068467003',
  /** no territories */
  plainAccount: '407625000068467004',
  /** ten manual territories: one more is LIMIT_EXCEEDED */
  everywhereAccount: '407625000068467005',
  /** Austria (manual), Nordics (rule) */
  contact: '407625000068468001',
  /** Germany (manual): a deal holds at most one territory */
  deal: '407625000068469001',
  /** no territory */
  emptyDeal: '407625000068469002',
  /** Germany (manual); Leads territories are enabled in euMain */
  lead: '407625000068470001',
  /** Cases carry no territories */
  caseRecord: '407625000068471001',
  /** a custom module without territories */
  customRecord: '407625000068472001',
  /** euLabs: Labs West (manual) */
  labsAccount: '200799000012000001',
  /** euSandbox: Sandbox Region (manual) */
  sandboxAccount: '200800000031000001',
  /** us: East Coast (manual), Texas (rule) */
  usAccount: '698877000045000001',
  /** us: Leads territories are not enabled there */
  usLead: '698877000045100001',
} as const;

export const CUSTOM_VIEWS = {
  euAllAccounts: '407625000000091001',
  /** every account of the Key Accounts territory */
  euKeyAccounts: '407625000000091002',
  euAllContacts: '407625000000091003',
  euAllDeals: '407625000000091004',
  euAllLeads: '407625000000091005',
} as const;

const BULK_ACCOUNT_ID_BASE = 407625000090000000n;

/** Id of the n-th (1-based) generated account of the Key Accounts territory in euMain. */
export function bulkAccountId(n: number): string {
  return (BULK_ACCOUNT_ID_BASE + BigInt(n)).toString();
}

export interface DefaultScenarioOptions {
  /** generated accounts in the Key Accounts territory (default 1,200) */
  bulkAccountCount?: number;
  name?: string;
}

const ASSIGNED_TIME = '2024-03-05T16:07:28+01:00';
const CREATED_TIME = '2024-02-12T09:30:00+01:00';

function manual(territoryId: string, by: string): TerritoryAssignment {
  return { territoryId, assigned: 'manually', assignedById: by, assignedTime: ASSIGNED_TIME };
}

function byRule(territoryId: string): TerritoryAssignment {
  return { territoryId, assigned: 'automatically', assignedById: null, assignedTime: ASSIGNED_TIME };
}

function record(
  id: string,
  orgId: string,
  module: CrmModule,
  ownerId: string,
  fields: Record<string, FieldValue>,
  territories: TerritoryAssignment[] = [],
  locked = false,
): ScenarioRecord {
  return { id, orgId, module, ownerId, createdTime: CREATED_TIME, fields, territories, locked };
}

function territory(
  id: string,
  orgId: string,
  name: string,
  parentId: string | null,
  managerId: string | null,
  offloaded = false,
): ScenarioTerritory {
  return {
    id,
    orgId,
    name,
    apiName: name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || `Territory_${id.slice(-4)}`,
    description: null,
    managerId,
    parentId,
    permissionType: 'read_write_delete',
    offloaded,
  };
}

function person(first: string, last: string): Record<string, FieldValue> {
  return { First_Name: first, Last_Name: last, Full_Name: `${first} ${last}` };
}

function bulkAccounts(count: number): ScenarioRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const label = String(n).padStart(4, '0');
    return record(
      bulkAccountId(n),
      ORGS.euMain,
      'Accounts',
      USERS.anna,
      { Account_Name: `Key Account ${label}`, Phone: `+49 30 5550${label}`, Billing_City: 'Berlin' },
      [manual(TERRITORIES.keyAccounts, USERS.anna)],
    );
  });
}

export function buildDefaultScenario(options: DefaultScenarioOptions = {}): Scenario {
  const T = TERRITORIES;
  const R = RECORDS;
  const { anna, grace, dmitri } = USERS;
  const admin = { profile: 'Administrator', canUpdateRecords: true, canManageTerritories: true };

  return {
    name: options.name ?? 'default',
    orgs: [
      {
        zgid: ORGS.euMain,
        companyName: 'Northwind Europe',
        dataCentre: 'eu',
        sandbox: false,
        instanceName: INSTANCE_NAMES.euMain,
        edition: 'Enterprise',
        territoryModules: ['Leads', 'Accounts', 'Contacts', 'Deals'],
        countryCode: 'DE',
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
      },
      {
        zgid: ORGS.euLabs,
        companyName: 'Northwind Labs',
        dataCentre: 'eu',
        sandbox: false,
        instanceName: INSTANCE_NAMES.euLabs,
        edition: 'Professional',
        territoryModules: ['Accounts', 'Contacts', 'Deals'],
        countryCode: 'NL',
        currency: 'EUR',
        timeZone: 'Europe/Amsterdam',
      },
      {
        zgid: ORGS.euSandbox,
        companyName: 'Northwind Europe (Sandbox)',
        dataCentre: 'eu',
        sandbox: true,
        instanceName: INSTANCE_NAMES.euSandbox,
        edition: 'Enterprise',
        territoryModules: ['Accounts', 'Contacts', 'Deals'],
        countryCode: 'DE',
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
      },
      {
        zgid: ORGS.us,
        companyName: 'Acme Inc.',
        dataCentre: 'us',
        sandbox: false,
        instanceName: INSTANCE_NAMES.us,
        edition: 'Enterprise',
        territoryModules: ['Accounts', 'Contacts', 'Deals'],
        countryCode: 'US',
        currency: 'USD',
        timeZone: 'America/New_York',
      },
    ],
    users: [
      {
        id: anna,
        fullName: 'Anna Schmidt',
        email: 'anna.schmidt@northwind.example',
        dataCentre: 'eu',
        memberships: [
          { orgId: ORGS.euMain, ...admin },
          { orgId: ORGS.euLabs, ...admin },
          { orgId: ORGS.euSandbox, ...admin },
        ],
      },
      {
        id: USERS.ben,
        fullName: 'Ben Okafor',
        email: 'ben.okafor@northwind.example',
        dataCentre: 'eu',
        memberships: [
          { orgId: ORGS.euMain, profile: 'Read Only', canUpdateRecords: false, canManageTerritories: false },
        ],
      },
      {
        id: USERS.clara,
        fullName: 'Clara Jensen',
        email: 'clara.jensen@northwind.example',
        dataCentre: 'eu',
        memberships: [{ orgId: ORGS.euMain, profile: 'Standard', canUpdateRecords: true, canManageTerritories: false }],
      },
      {
        id: dmitri,
        fullName: 'Dmitri Volkov',
        email: 'dmitri.volkov@northwind-labs.example',
        dataCentre: 'eu',
        memberships: [{ orgId: ORGS.euLabs, ...admin }],
      },
      {
        id: grace,
        fullName: 'Grace Miller',
        email: 'grace.miller@acme.example',
        dataCentre: 'us',
        memberships: [{ orgId: ORGS.us, ...admin }],
      },
    ],
    territories: [
      territory(T.europe, ORGS.euMain, 'Europe', null, anna),
      territory(T.dach, ORGS.euMain, 'DACH', T.europe, anna),
      territory(T.germany, ORGS.euMain, 'Germany', T.dach, anna),
      territory(T.austria, ORGS.euMain, 'Austria', T.dach, null),
      territory(T.switzerland, ORGS.euMain, 'Switzerland', T.dach, null),
      territory(T.nordics, ORGS.euMain, 'Nordics', T.europe, anna),
      territory(T.sweden, ORGS.euMain, 'Sweden', T.nordics, null),
      territory(T.norway, ORGS.euMain, 'Norway', T.nordics, null),
      territory(T.benelux, ORGS.euMain, 'Benelux', T.europe, anna, true),
      territory(T.netherlands, ORGS.euMain, 'Netherlands', T.benelux, null),
      territory(T.belgium, ORGS.euMain, 'Belgium', T.benelux, null),
      territory(T.iberia, ORGS.euMain, 'Iberia', T.europe, null),
      territory(T.spain, ORGS.euMain, 'Spain', T.iberia, USERS.clara),
      territory(T.portugal, ORGS.euMain, 'Portugal', T.iberia, null),
      territory(T.markup, ORGS.euMain, MARKUP_TERRITORY_NAME, T.europe, null),
      territory(T.keyAccounts, ORGS.euMain, 'Key Accounts', T.europe, anna),
      territory(T.labsWest, ORGS.euLabs, 'Labs West', null, dmitri),
      territory(T.labsEast, ORGS.euLabs, 'Labs East', null, dmitri),
      territory(T.sandboxRegion, ORGS.euSandbox, 'Sandbox Region', null, anna),
      territory(T.northAmerica, ORGS.us, 'North America', null, grace),
      territory(T.eastCoast, ORGS.us, 'East Coast', T.northAmerica, grace),
      territory(T.westCoast, ORGS.us, 'West Coast', T.northAmerica, null),
      territory(T.texas, ORGS.us, 'Texas', T.northAmerica, null),
    ],
    records: [
      record(
        R.alpineAccount,
        ORGS.euMain,
        'Accounts',
        anna,
        {
          Account_Name: 'Alpine Tools GmbH',
          Phone: '+49 89 5550101',
          Website: 'alpine-tools.example',
          Billing_City: 'Munich',
        },
        [manual(T.germany, anna), byRule(T.dach), manual(T.markup, anna)],
      ),
      record(
        R.lockedAccount,
        ORGS.euMain,
        'Accounts',
        anna,
        { Account_Name: 'Fjord Logistics AB', Phone: '+46 8 5550102', Billing_City: 'Stockholm' },
        [manual(T.sweden, anna)],
        true,
      ),
      record(
        R.delftAccount,
        ORGS.euMain,
        'Accounts',
        anna,
        { Account_Name: 'Delft Ceramics BV', Phone: '+31 15 5550103', Billing_City: 'Delft' },
        [manual(T.netherlands, anna), manual(T.spain, anna)],
      ),
      record(R.plainAccount, ORGS.euMain, 'Accounts', USERS.clara, {
        Account_Name: 'Plain Paper Ltd',
        Phone: '+44 20 5550104',
        Billing_City: 'London',
      }),
      record(
        R.everywhereAccount,
        ORGS.euMain,
        'Accounts',
        anna,
        { Account_Name: 'Everywhere Holdings SE', Phone: '+352 5550105', Billing_City: 'Luxembourg' },
        [T.europe, T.dach, T.germany, T.austria, T.switzerland, T.nordics, T.sweden, T.norway, T.iberia, T.spain].map(
          (id) => manual(id, anna),
        ),
      ),
      record(
        R.contact,
        ORGS.euMain,
        'Contacts',
        anna,
        { ...person('Lena', 'Huber'), Email: 'lena.huber@alpine-tools.example', Phone: '+43 1 5550201' },
        [manual(T.austria, anna), byRule(T.nordics)],
      ),
      record(
        R.deal,
        ORGS.euMain,
        'Deals',
        anna,
        {
          Deal_Name: 'Alpine Tools – 40 seats',
          Stage: 'Negotiation/Review',
          Amount: 48000,
          Closing_Date: '2025-06-30',
        },
        [manual(T.germany, anna)],
      ),
      record(R.emptyDeal, ORGS.euMain, 'Deals', anna, {
        Deal_Name: 'Plain Paper – pilot',
        Stage: 'Qualification',
        Amount: 5000,
        Closing_Date: '2025-09-30',
      }),
      record(
        R.lead,
        ORGS.euMain,
        'Leads',
        anna,
        { ...person('Jonas', 'Becker'), Company: 'Becker Maschinenbau', Email: 'jonas@becker.example' },
        [manual(T.germany, anna)],
      ),
      record(R.caseRecord, ORGS.euMain, 'Cases', anna, {
        Subject: 'Invoice address wrong',
        Status: 'Open',
        Priority: 'High',
      }),
      record(R.customRecord, ORGS.euMain, 'CustomModule1', anna, { Name: 'Trade fair Hanover 2025' }),
      record(
        R.labsAccount,
        ORGS.euLabs,
        'Accounts',
        dmitri,
        { Account_Name: 'Labs Prototype BV', Phone: '+31 20 5550301', Billing_City: 'Amsterdam' },
        [manual(T.labsWest, dmitri)],
      ),
      record(
        R.sandboxAccount,
        ORGS.euSandbox,
        'Accounts',
        anna,
        { Account_Name: 'Sandbox Test Account', Phone: '+49 30 5550401', Billing_City: 'Berlin' },
        [manual(T.sandboxRegion, anna)],
      ),
      record(
        R.usAccount,
        ORGS.us,
        'Accounts',
        grace,
        { Account_Name: 'Lone Star Robotics', Phone: '+1 512 555 0501', Billing_City: 'Austin' },
        [manual(T.eastCoast, grace), byRule(T.texas)],
      ),
      record(R.usLead, ORGS.us, 'Leads', grace, {
        ...person('Maya', 'Lopez'),
        Company: 'Lopez Farms',
        Email: 'maya@lopez.example',
      }),
      ...bulkAccounts(options.bulkAccountCount ?? 1200),
    ],
    clients: [
      {
        clientId: DEMO_CLIENT_ID,
        clientName: 'Territory Panel',
        redirectUris: [CHROME_REDIRECT_URI, FIREFOX_REDIRECT_URI],
        dataCentres: ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'cn'],
      },
    ],
    customViews: [
      {
        id: CUSTOM_VIEWS.euAllAccounts,
        orgId: ORGS.euMain,
        module: 'Accounts',
        name: 'All Accounts',
        territoryId: null,
      },
      {
        id: CUSTOM_VIEWS.euKeyAccounts,
        orgId: ORGS.euMain,
        module: 'Accounts',
        name: 'Key Accounts territory',
        territoryId: T.keyAccounts,
      },
      {
        id: CUSTOM_VIEWS.euAllContacts,
        orgId: ORGS.euMain,
        module: 'Contacts',
        name: 'All Contacts',
        territoryId: null,
      },
      { id: CUSTOM_VIEWS.euAllDeals, orgId: ORGS.euMain, module: 'Deals', name: 'All Deals', territoryId: null },
      { id: CUSTOM_VIEWS.euAllLeads, orgId: ORGS.euMain, module: 'Leads', name: 'All Leads', territoryId: null },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import {
  isSameListPage,
  isSameRecordPage,
  type ListPage,
  parseListPage,
  parseRecordPage,
  type RecordPage,
  recordKey,
} from './crm-page';

const EU_ORG = '20079833178';
const ID = '407625000068467001';

type Expected = Partial<RecordPage> & Pick<RecordPage, 'dataCentre' | 'module' | 'recordId'>;

const RECORD_PAGES: [string, Expected][] = [
  // every data centre, live and sandbox
  [
    `https://crm.zoho.com/crm/org${EU_ORG}/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: EU_ORG },
  ],
  [
    `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Leads/${ID}`,
    { dataCentre: 'eu', module: 'Leads', recordId: ID, orgId: EU_ORG },
  ],
  [
    `https://crm.zoho.in/crm/org1/tab/Accounts/${ID}`,
    { dataCentre: 'in', module: 'Accounts', recordId: ID, orgId: '1' },
  ],
  [
    `https://crm.zoho.com.au/crm/org5/tab/Contacts/${ID}`,
    { dataCentre: 'au', module: 'Contacts', recordId: ID, orgId: '5' },
  ],
  [
    `https://crm.zoho.jp/crm/org5/tab/Potentials/${ID}`,
    { dataCentre: 'jp', module: 'Deals', recordId: ID, orgId: '5' },
  ],
  [
    `https://crm.zohocloud.ca/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'ca', module: 'Leads', recordId: ID, orgId: '5' },
  ],
  [`https://crm.zoho.sa/crm/org5/tab/Leads/${ID}`, { dataCentre: 'sa', module: 'Leads', recordId: ID, orgId: '5' }],
  [`https://crm.zoho.com.cn/crm/org5/tab/Leads/${ID}`, { dataCentre: 'cn', module: 'Leads', recordId: ID, orgId: '5' }],
  [
    `https://crmsandbox.zoho.com/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.eu/crm/org5/tab/Accounts/${ID}`,
    { dataCentre: 'eu', module: 'Accounts', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.in/crm/org5/tab/Contacts/${ID}`,
    { dataCentre: 'in', module: 'Contacts', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.com.au/crm/org5/tab/Potentials/${ID}`,
    { dataCentre: 'au', module: 'Deals', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.jp/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'jp', module: 'Leads', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zohocloud.ca/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'ca', module: 'Leads', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.sa/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'sa', module: 'Leads', recordId: ID, sandbox: true, orgId: '5' },
  ],
  [
    `https://crmsandbox.zoho.com.cn/crm/org5/tab/Leads/${ID}`,
    { dataCentre: 'cn', module: 'Leads', recordId: ID, sandbox: true, orgId: '5' },
  ],
  // org segment forms
  [`https://crm.zoho.com/crm/acme/tab/Leads/${ID}`, { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null }],
  [
    `https://crmsandbox.zoho.com/crm/acme-sandbox/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null, sandbox: true },
  ],
  [`https://crm.zoho.com/crm/acme_2/tab/Leads/${ID}`, { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null }],
  [`https://crm.zoho.com/crm/tab/Leads/${ID}`, { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null }],
  [
    `https://crm.zoho.com/crm/organic/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null },
  ],
  [
    `https://crm.zoho.com/crm/org123abc/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: null },
  ],
  // the Potentials tab is the Deals module
  [
    `https://crm.zoho.com/crm/org9/tab/Potentials/${ID}`,
    { dataCentre: 'us', module: 'Deals', recordId: ID, orgId: '9' },
  ],
  // host case, trailing slash, query, fragment
  [
    `https://CRM.ZOHO.EU/crm/org${EU_ORG}/tab/Leads/${ID}`,
    { dataCentre: 'eu', module: 'Leads', recordId: ID, orgId: EU_ORG },
  ],
  [`https://Crm.Zoho.Com.Au/crm/org5/tab/Leads/${ID}`, { dataCentre: 'au', module: 'Leads', recordId: ID, orgId: '5' }],
  [`https://crm.zoho.com/crm/org9/tab/Leads/${ID}/`, { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: '9' }],
  [
    `https://crm.zoho.com/crm/org9/tab/Leads/${ID}?sub_module=Notes`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: '9' },
  ],
  [
    `https://crm.zoho.com/crm/org9/tab/Leads/${ID}#timeline`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: '9' },
  ],
  [
    `https://crm.zoho.com/crm/org9/tab/Leads/${ID}/?a=1#b`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: '9' },
  ],
  [
    `https://crm.zoho.com:443/crm/org9/tab/Leads/${ID}`,
    { dataCentre: 'us', module: 'Leads', recordId: ID, orgId: '9' },
  ],
  // short and long decimal ids
  ['https://crm.zoho.com/crm/org9/tab/Leads/1', { dataCentre: 'us', module: 'Leads', recordId: '1', orgId: '9' }],
  [
    'https://crm.zoho.com/crm/org9/tab/Leads/4150868000004522032',
    { dataCentre: 'us', module: 'Leads', recordId: '4150868000004522032', orgId: '9' },
  ],
];

const NOT_RECORD_PAGES: string[] = [
  // lists, custom views, create and edit forms
  `https://crm.zoho.com/crm/org9/tab/Leads`,
  `https://crm.zoho.com/crm/org9/tab/Leads/`,
  `https://crm.zoho.com/crm/org9/tab/Leads/custom-view/${ID}/list`,
  `https://crm.zoho.com/crm/org9/tab/Leads/custom-view/${ID}/sheet`,
  `https://crm.zoho.com/crm/org9/tab/Potentials/custom-view/${ID}/kanban`,
  'https://crm.zoho.com/crm/org9/tab/Leads/create?layoutId=1',
  `https://crm.zoho.com/crm/org9/tab/Leads/${ID}/edit?layoutId=1`,
  `https://crm.zoho.com/crm/org9/tab/Leads/${ID}/edit`,
  'https://crm.zoho.com/crm/org9/tab/Home/begin',
  'https://crm.zoho.com/crm/org9/',
  'https://crm.zoho.com/',
  // other modules
  `https://crm.zoho.com/crm/org9/tab/Cases/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/CustomModule1/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/Deals/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/leads/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/Quotes/${ID}`,
  // ids that are not decimal
  'https://crm.zoho.com/crm/org9/tab/Leads/abc',
  'https://crm.zoho.com/crm/org9/tab/Leads/12a34',
  'https://crm.zoho.com/crm/org9/tab/Leads/-5',
  'https://crm.zoho.com/crm/org9/tab/Leads/1e5',
  // other Zoho apps and hosts
  `https://one.zoho.com/zohoone/acme/home/cxapp/crm/org9/tab/Potentials/${ID}`,
  `https://desk.zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://accounts.zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://www.zohoapis.com/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.ca/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.uk/crm/org9/tab/Leads/${ID}`,
  `https://zoho.com/crm/org9/tab/Leads/${ID}`,
  // look-alikes
  `https://crm.zoho.com.evil.example/crm/org9/tab/Leads/${ID}`,
  `https://evilcrm.zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.com.au.evil.example/crm/org9/tab/Leads/${ID}`,
  `https://crm-zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.co/crm/org9/tab/Leads/${ID}`,
  `https://xn--crm-zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.com@evil.example/crm/org9/tab/Leads/${ID}`,
  `https://user:pass@crm.zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://evil.example/https://crm.zoho.com/crm/org9/tab/Leads/${ID}`,
  // wrong scheme or port
  `http://crm.zoho.com/crm/org9/tab/Leads/${ID}`,
  `ftp://crm.zoho.com/crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.com:8443/crm/org9/tab/Leads/${ID}`,
  // path shapes that are not a record view
  `https://crm.zoho.com/crm/org9/org10/tab/Leads/${ID}`,
  `https://crm.zoho.com/crm/tab/tab/Leads/${ID}`,
  `https://crm.zoho.com/org9/tab/Leads/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/Leads/${ID}/${ID}`,
  `https://crm.zoho.com//crm/org9/tab/Leads/${ID}`,
  `https://crm.zoho.com/crm/org9/tab/Leads/${ID}%2Fedit`,
  `https://crm.zoho.com/crm/org9/tab/Leads/${'1'.repeat(31)}`,
  // garbage
  '',
  'not a url',
  'javascript:alert(1)',
  `data:text/html,https://crm.zoho.com/crm/org9/tab/Leads/${ID}`,
  'about:blank',
];

describe('parseRecordPage', () => {
  it('has a table of at least 60 URLs', () => {
    expect(RECORD_PAGES.length + NOT_RECORD_PAGES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(RECORD_PAGES)('reads %s', (url, expected) => {
    const page = parseRecordPage(url);
    expect(page).toEqual({ sandbox: false, orgId: null, ...expected });
  });

  it.each(NOT_RECORD_PAGES.map((url) => [url]))('ignores %j', (url) => {
    expect(parseRecordPage(url)).toBeNull();
  });

  it('reads the org id only from an org<digits> segment', () => {
    expect(parseRecordPage(`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Leads/${ID}`)?.orgId).toBe(EU_ORG);
    expect(parseRecordPage(`https://crm.zoho.eu/crm/acme/tab/Leads/${ID}`)?.orgId).toBeNull();
    expect(parseRecordPage(`https://crm.zoho.eu/crm/tab/Leads/${ID}`)?.orgId).toBeNull();
  });
});

describe('isSameRecordPage and recordKey', () => {
  const a = parseRecordPage(`https://crm.zoho.eu/crm/org1/tab/Leads/${ID}`) as RecordPage;
  it('treats query, fragment and host case as the same record', () => {
    const b = parseRecordPage(`https://CRM.zoho.eu/crm/org1/tab/Leads/${ID}/?x=1#y`) as RecordPage;
    expect(isSameRecordPage(a, b)).toBe(true);
    expect(recordKey(a)).toBe(recordKey(b));
  });
  it('tells apart orgs, sandboxes, modules and data centres', () => {
    for (const other of [
      `https://crm.zoho.eu/crm/org2/tab/Leads/${ID}`,
      `https://crmsandbox.zoho.eu/crm/org1/tab/Leads/${ID}`,
      `https://crm.zoho.eu/crm/org1/tab/Contacts/${ID}`,
      `https://crm.zoho.com/crm/org1/tab/Leads/${ID}`,
      `https://crm.zoho.eu/crm/org1/tab/Leads/1${ID}`,
    ]) {
      const b = parseRecordPage(other) as RecordPage;
      expect(isSameRecordPage(a, b)).toBe(false);
      expect(recordKey(a)).not.toBe(recordKey(b));
    }
  });
});

type ExpectedList = Partial<ListPage> & Pick<ListPage, 'dataCentre' | 'module'>;

const LIST_PAGES: [string, ExpectedList][] = [
  // the default list of each module
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Leads`, { dataCentre: 'eu', module: 'Leads', orgId: EU_ORG }],
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts`, { dataCentre: 'eu', module: 'Accounts', orgId: EU_ORG }],
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Contacts`, { dataCentre: 'eu', module: 'Contacts', orgId: EU_ORG }],
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Potentials`, { dataCentre: 'eu', module: 'Deals', orgId: EU_ORG }],
  // trailing slash, pages, fragments
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/`, { dataCentre: 'eu', module: 'Accounts', orgId: EU_ORG }],
  [`https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts?page=3`, { dataCentre: 'eu', module: 'Accounts', orgId: EU_ORG }],
  [
    `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/?page=2#top`,
    { dataCentre: 'eu', module: 'Accounts', orgId: EU_ORG },
  ],
  // custom views
  [
    `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/custom-view/4076250000000087501/list`,
    { dataCentre: 'eu', module: 'Accounts', orgId: EU_ORG },
  ],
  [
    `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Potentials/custom-view/1/list/?page=2`,
    { dataCentre: 'eu', module: 'Deals', orgId: EU_ORG },
  ],
  // other data centres, sandboxes, instance names, no org segment
  ['https://crm.zoho.com/crm/org5/tab/Leads', { dataCentre: 'us', module: 'Leads', orgId: '5' }],
  ['https://crm.zohocloud.ca/crm/org5/tab/Contacts', { dataCentre: 'ca', module: 'Contacts', orgId: '5' }],
  ['https://crm.zoho.com.au/crm/org5/tab/Potentials', { dataCentre: 'au', module: 'Deals', orgId: '5' }],
  ['https://crm.zoho.com.cn/crm/org5/tab/Accounts', { dataCentre: 'cn', module: 'Accounts', orgId: '5' }],
  ['https://crmsandbox.zoho.eu/crm/org5/tab/Leads', { dataCentre: 'eu', module: 'Leads', orgId: '5', sandbox: true }],
  ['https://crmsandbox.zoho.in/crm/acme/tab/Accounts', { dataCentre: 'in', module: 'Accounts', sandbox: true }],
  ['https://crm.zoho.eu/crm/northwind/tab/Contacts', { dataCentre: 'eu', module: 'Contacts' }],
  ['https://crm.zoho.eu/crm/tab/Leads', { dataCentre: 'eu', module: 'Leads' }],
  ['https://CRM.Zoho.EU/crm/org5/tab/Leads', { dataCentre: 'eu', module: 'Leads', orgId: '5' }],
];

const NOT_LIST_PAGES: string[] = [
  // records, forms and other views
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/${ID}`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/${ID}/edit`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/create`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/create?layoutId=1`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/custom-view/1/kanban`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/custom-view/1/sheet`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/custom-view/x/list`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Accounts/custom-view/1`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Home/begin`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Home`,
  `https://crm.zoho.eu/crm/org${EU_ORG}`,
  // modules without territories, or API names instead of tab names
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Cases`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/CustomModule1`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Deals`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/leads`,
  'https://crm.zoho.eu/crm/tab/tab/Leads',
  // look-alike hosts, other schemes and ports, credentials, other places
  `https://crm.zoho.eu.evil.example/crm/org${EU_ORG}/tab/Leads`,
  `https://evil.example/crm/org${EU_ORG}/tab/Leads`,
  `https://crm.zoho.ca/crm/org${EU_ORG}/tab/Leads`,
  `https://one.zoho.eu/zohoone/acme/home/cxapp/crm/org${EU_ORG}/tab/Leads`,
  `http://crm.zoho.eu/crm/org${EU_ORG}/tab/Leads`,
  `https://crm.zoho.eu:8443/crm/org${EU_ORG}/tab/Leads`,
  `https://user:pw@crm.zoho.eu/crm/org${EU_ORG}/tab/Leads`,
  `https://crm.zoho.eu/tab/Leads`,
  `https://crm.zoho.eu/crm/org${EU_ORG}/tab/Leads/extra/list`,
  '',
  'not a url',
];

describe('parseListPage', () => {
  it('has a table of at least 25 URLs', () => {
    expect(LIST_PAGES.length + NOT_LIST_PAGES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(LIST_PAGES)('reads %s', (url, expected) => {
    expect(parseListPage(url)).toEqual({ sandbox: false, orgId: null, ...expected });
  });

  it.each(NOT_LIST_PAGES.map((url) => [url]))('ignores %j', (url) => {
    expect(parseListPage(url)).toBeNull();
  });

  it('never takes a record page for a list, nor a list for a record page', () => {
    for (const [url] of LIST_PAGES) expect(parseRecordPage(url)).toBeNull();
    for (const [url] of RECORD_PAGES) expect(parseListPage(url)).toBeNull();
  });

  it('tells lists of other orgs, sandboxes, modules and data centres apart', () => {
    const a = parseListPage(`https://crm.zoho.eu/crm/org1/tab/Leads`) as ListPage;
    expect(
      isSameListPage(a, parseListPage('https://crm.zoho.eu/crm/org1/tab/Leads/custom-view/9/list?page=2') as ListPage),
    ).toBe(true);
    for (const other of [
      'https://crm.zoho.eu/crm/org2/tab/Leads',
      'https://crmsandbox.zoho.eu/crm/org1/tab/Leads',
      'https://crm.zoho.eu/crm/org1/tab/Contacts',
      'https://crm.zoho.com/crm/org1/tab/Leads',
    ]) {
      expect(isSameListPage(a, parseListPage(other) as ListPage)).toBe(false);
    }
  });
});

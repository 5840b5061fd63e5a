import { describe, expect, it } from 'vitest';
import { isSameRecordPage, parseRecordPage, type RecordPage, recordKey } from './crm-page';

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

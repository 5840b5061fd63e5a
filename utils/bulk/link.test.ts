import { describe, expect, it } from 'vitest';
import { parseRecordPage } from '../crm-page';
import { bulkLinkHash, crmRecordUrl, parseBulkLink } from './link';

describe('parseBulkLink', () => {
  it('reads a selection from the hash', () => {
    expect(parseBulkLink('#ids=11,22,x,11&module=Accounts&dc=eu&org=20079833178&sandbox=1&territories=7,8')).toEqual({
      recordIds: ['11', '22'],
      invalidIds: 1,
      territoryIds: ['7', '8'],
      module: 'Accounts',
      dataCentre: 'eu',
      sandbox: true,
      orgId: '20079833178',
      jobId: null,
      selection: null,
    });
  });

  it('ignores what it does not know', () => {
    expect(parseBulkLink('#module=Cases&dc=uk&org=acme&job=../x&selection=../token')).toEqual({
      recordIds: [],
      invalidIds: 0,
      territoryIds: [],
      module: null,
      dataCentre: null,
      sandbox: false,
      orgId: null,
      jobId: null,
      selection: null,
    });
    expect(parseBulkLink('').recordIds).toEqual([]);
  });

  it('round-trips what bulkLinkHash writes', () => {
    const hash = bulkLinkHash({ recordIds: ['1', '2'], module: 'Deals', dataCentre: 'ca', jobId: 'abc-1' });
    expect(hash).toBe('#ids=1,2&module=Deals&dc=ca&job=abc-1');
    expect(parseBulkLink(hash)).toMatchObject({
      recordIds: ['1', '2'],
      module: 'Deals',
      dataCentre: 'ca',
      jobId: 'abc-1',
    });
    expect(bulkLinkHash({})).toBe('');
  });

  it('reads a hand-over token', () => {
    const selection = '9b2f4c1e-3d5a-4e6f-8a7b-0c1d2e3f4a5b';
    expect(bulkLinkHash({ selection, module: 'Deals' })).toBe(`#module=Deals&selection=${selection}`);
    expect(parseBulkLink(`#module=Deals&selection=${selection}`)).toMatchObject({ selection, recordIds: [] });
  });
});

describe('crmRecordUrl', () => {
  it('is the record page parseRecordPage reads back', () => {
    const org = { dataCentre: 'eu', sandbox: false, orgId: '20079833178' } as const;
    const url = crmRecordUrl(org, 'Deals', '407625000068467001');
    expect(url).toBe('https://crm.zoho.eu/crm/org20079833178/tab/Potentials/407625000068467001');
    expect(parseRecordPage(url)).toEqual({ ...org, module: 'Deals', recordId: '407625000068467001' });
    expect(crmRecordUrl({ dataCentre: 'ca', sandbox: true, orgId: null }, 'Leads', '1')).toBe(
      'https://crmsandbox.zohocloud.ca/crm/tab/Leads/1',
    );
  });
});

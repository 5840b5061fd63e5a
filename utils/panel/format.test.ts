import { describe, expect, it } from 'vitest';
import type { TerritoryAssignment } from '../messaging';
import { describeAssignment, describePlace, errorSentence, formatAssignedDate, moduleSingular } from './format';

const manual: TerritoryAssignment = {
  id: '1',
  name: 'South',
  assigned: 'manually',
  assignedBy: { id: '2', name: 'Patricia Boyle' },
  assignedTime: '2020-03-05T12:07:28+00:00',
  path: [],
  manager: null,
};

describe('describeAssignment', () => {
  it('names the user and the date in the given locale', () => {
    expect(describeAssignment(manual, 'en-GB')).toBe('manually · Patricia Boyle · 5 Mar 2020');
    expect(describeAssignment(manual, 'en-US')).toBe('manually · Patricia Boyle · Mar 5, 2020');
    expect(describeAssignment(manual, 'de-DE')).toBe('manually · Patricia Boyle · 05.03.2020');
  });

  it('takes the date the background formatted when there is one', () => {
    expect(describeAssignment({ ...manual, assignedDate: '5 March 2020' }, 'de-DE')).toBe(
      'manually · Patricia Boyle · 5 March 2020',
    );
    expect(describeAssignment({ ...manual, assignedDate: null }, 'en-GB')).toBe('manually · Patricia Boyle');
  });

  it('leaves out what Zoho did not send', () => {
    expect(describeAssignment({ ...manual, assignedBy: null }, 'en-GB')).toBe('manually · 5 Mar 2020');
    expect(describeAssignment({ ...manual, assignedTime: null }, 'en-GB')).toBe('manually · Patricia Boyle');
    expect(describeAssignment({ ...manual, assignedTime: 'yesterday' }, 'en-GB')).toBe('manually · Patricia Boyle');
  });

  it('says territory rules for system-assigned territories', () => {
    expect(describeAssignment({ ...manual, assigned: 'automatically', assignedBy: null }, 'en-GB')).toBe(
      'by territory rules',
    );
  });
});

describe('describePlace', () => {
  it('gives the ancestors root first and the manager', () => {
    expect(describePlace({ ...manual, path: ['EMEA', 'DACH'], manager: 'Jan Berg' })).toBe(
      'EMEA › DACH · managed by Jan Berg',
    );
    expect(describePlace({ ...manual, path: ['EMEA'] })).toBe('EMEA');
    expect(describePlace({ ...manual, manager: ' Jan Berg ' })).toBe('managed by Jan Berg');
  });

  it('is empty when the definitions say nothing', () => {
    expect(describePlace(manual)).toBe('');
    expect(describePlace({ ...manual, manager: '  ' })).toBe('');
  });
});

describe('formatAssignedDate', () => {
  it('reads Zoho offsets', () => {
    expect(formatAssignedDate('2020-03-05T12:07:28+05:30', 'en-GB')).toBe('5 Mar 2020');
    expect(formatAssignedDate(null)).toBeNull();
  });
});

describe('errorSentence', () => {
  it('names the module of the page for TERRITORY_NOT_ENABLED', () => {
    expect(errorSentence({ code: 'TERRITORY_NOT_ENABLED' }, 'Accounts')).toContain('not enabled for Accounts');
  });

  it('uses the catalogue otherwise', () => {
    expect(errorSentence({ code: 'RECORD_LOCKED' }, 'Deals')).toMatch(/^This record is locked/);
  });
});

describe('moduleSingular', () => {
  it('names one record of each module', () => {
    expect(['Leads', 'Accounts', 'Contacts', 'Deals'].map((m) => moduleSingular(m as 'Leads'))).toEqual([
      'Lead',
      'Account',
      'Contact',
      'Deal',
    ]);
  });
});

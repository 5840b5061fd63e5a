import { describe, expect, it } from 'vitest';
import type { TerritoryAssignment } from '../messaging';
import { describeAssignment, errorSentence, formatAssignedDate, moduleSingular } from './format';

const manual: TerritoryAssignment = {
  id: '1',
  name: 'South',
  assigned: 'manually',
  assignedBy: { id: '2', name: 'Patricia Boyle' },
  assignedTime: '2020-03-05T12:07:28+00:00',
  path: ['Europe'],
  manager: null,
};

describe('describeAssignment', () => {
  it('names the user and the date in the given locale', () => {
    expect(describeAssignment(manual, 'en-GB')).toBe('Manually by Patricia Boyle · 5 Mar 2020');
    expect(describeAssignment(manual, 'en-US')).toBe('Manually by Patricia Boyle · Mar 5, 2020');
    expect(describeAssignment(manual, 'de-DE')).toBe('Manually by Patricia Boyle · 05.03.2020');
  });

  it('leaves out what Zoho did not send', () => {
    expect(describeAssignment({ ...manual, assignedBy: null }, 'en-GB')).toBe('Manually · 5 Mar 2020');
    expect(describeAssignment({ ...manual, assignedTime: null }, 'en-GB')).toBe('Manually by Patricia Boyle');
    expect(describeAssignment({ ...manual, assignedTime: 'yesterday' }, 'en-GB')).toBe('Manually by Patricia Boyle');
  });

  it('says territory rules for system-assigned territories', () => {
    expect(describeAssignment({ ...manual, assigned: 'automatically', assignedBy: null }, 'en-GB')).toBe(
      'By territory rules',
    );
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

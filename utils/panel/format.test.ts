import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import type { TerritoryAssignment } from '../messaging';
import { describeAssignment, describePlace, errorSentence, formatAssignedDate } from './format';

const en = translatorFor('en');
const de = translatorFor('de');

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
  it('names the user and the date in the reader’s language', () => {
    expect(describeAssignment(manual, en)).toBe('manually · Patricia Boyle · Mar 5, 2020');
    expect(describeAssignment(manual, de)).toBe('manuell · Patricia Boyle · 05.03.2020');
  });

  it('takes the date the background formatted when there is one', () => {
    expect(describeAssignment({ ...manual, assignedDate: '5 March 2020' }, en)).toBe(
      'manually · Patricia Boyle · 5 March 2020',
    );
    expect(describeAssignment({ ...manual, assignedDate: null }, en)).toBe('manually · Patricia Boyle');
  });

  it('leaves out what Zoho did not send', () => {
    expect(describeAssignment({ ...manual, assignedBy: null }, en)).toBe('manually · Mar 5, 2020');
    expect(describeAssignment({ ...manual, assignedTime: null }, en)).toBe('manually · Patricia Boyle');
    expect(describeAssignment({ ...manual, assignedTime: 'yesterday' }, en)).toBe('manually · Patricia Boyle');
  });

  it('says territory rules for system-assigned territories', () => {
    expect(describeAssignment({ ...manual, assigned: 'automatically', assignedBy: null }, en)).toBe(
      'by territory rules',
    );
    expect(describeAssignment({ ...manual, assigned: 'automatically', assignedBy: null }, de)).toBe(
      'durch Gebietsregeln',
    );
  });
});

describe('describePlace', () => {
  it('gives the ancestors root first and the manager', () => {
    expect(describePlace({ ...manual, path: ['EMEA', 'DACH'], manager: 'Jan Berg' }, en)).toBe(
      'EMEA › DACH · managed by Jan Berg',
    );
    expect(describePlace({ ...manual, path: ['EMEA'] }, en)).toBe('EMEA');
    expect(describePlace({ ...manual, manager: ' Jan Berg ' }, en)).toBe('managed by Jan Berg');
  });

  it('is empty when the definitions say nothing', () => {
    expect(describePlace(manual, en)).toBe('');
    expect(describePlace({ ...manual, manager: '  ' }, en)).toBe('');
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
    expect(errorSentence({ code: 'TERRITORY_NOT_ENABLED' }, 'Accounts', en)).toContain('not enabled for Accounts');
    expect(errorSentence({ code: 'TERRITORY_NOT_ENABLED' }, 'Deals', de)).toContain('Deals');
  });

  it('uses the catalogue otherwise', () => {
    expect(errorSentence({ code: 'RECORD_LOCKED' }, 'Deals', en)).toMatch(/^This record is locked/);
    expect(errorSentence({ code: 'SOMETHING_NEW', status: 500 }, 'Deals', en)).toMatch(/^Zoho had an internal error/);
  });
});

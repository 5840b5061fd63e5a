import { describe, expect, it } from 'vitest';
import { buildClientId, checkClientId } from './client-id';

describe('checkClientId', () => {
  it('accepts and trims a Zoho client id', () => {
    expect(checkClientId('  1000.ABCDEF123456GHIJ  ')).toEqual({ ok: true, clientId: '1000.ABCDEF123456GHIJ' });
  });

  it('treats an empty field as forgetting the id', () => {
    expect(checkClientId('   ')).toEqual({ ok: true, clientId: null });
  });

  it.each(['1000.', '1000.ABC DEF', '2000.ABC', 'ABC', '1000.ABC-DEF', '1000.ABC.DEF', 'x1000.ABC'])(
    'refuses %j',
    (input) => {
      const checked = checkClientId(input);
      expect(checked.ok).toBe(false);
    },
  );
});

describe('buildClientId', () => {
  it('is the trimmed string, or empty for a build without one', () => {
    expect(buildClientId(' 1000.ABC ')).toBe('1000.ABC');
    expect(buildClientId(undefined)).toBe('');
    expect(buildClientId('')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from './intl-cache';

describe('dateTimeFormat', () => {
  it('builds one formatter per locale and style, and formats as Intl does', () => {
    const first = dateTimeFormat('en-GB', { dateStyle: 'medium' });
    expect(dateTimeFormat('en-GB', { dateStyle: 'medium' })).toBe(first);
    expect(dateTimeFormat('de-DE', { dateStyle: 'medium' })).not.toBe(first);
    expect(dateTimeFormat('en-GB', { timeStyle: 'short' })).not.toBe(first);
    expect(first.format(new Date('2024-03-05T12:00:00Z'))).toBe('5 Mar 2024');
  });
});

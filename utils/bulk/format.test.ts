import { describe, expect, it } from 'vitest';
import { formatTimeLeft, plural } from './format';

describe('format', () => {
  it('words counts', () => {
    expect(plural(1, 'record', 'records', 'en')).toBe('1 record');
    expect(plural(12000, 'record', 'records', 'en')).toBe('12,000 records');
  });

  it('words the time left', () => {
    expect(formatTimeLeft(20_000)).toBe('less than a minute');
    expect(formatTimeLeft(60_000)).toBe('about 1 minute');
    expect(formatTimeLeft(25 * 60_000)).toBe('about 25 minutes');
    expect(formatTimeLeft(120 * 60_000)).toBe('about 2 h');
    expect(formatTimeLeft(80 * 60_000)).toBe('about 1 h 20 min');
  });
});

import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import { timeLeft } from './format';

describe('timeLeft', () => {
  it('words the time left in the reader’s language', () => {
    const en = translatorFor('en');
    expect(timeLeft(20_000, en)).toBe('less than a minute left');
    expect(timeLeft(60_000, en)).toBe('about 1 minute left');
    expect(timeLeft(25 * 60_000, en)).toBe('about 25 minutes left');
    expect(timeLeft(120 * 60_000, en)).toBe('about 2 h left');
    expect(timeLeft(80 * 60_000, en)).toBe('about 1 h 20 min left');
    expect(timeLeft(25 * 60_000, translatorFor('de'))).toBe('noch etwa 25 Minuten');
  });
});

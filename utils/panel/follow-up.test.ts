import { describe, expect, it } from 'vitest';
import { backoffDelays, FOLLOW_UP_BACKOFF } from './follow-up';

describe('backoffDelays', () => {
  it('doubles from 1.5 s, caps each wait at 20 s and stops within about two minutes', () => {
    const delays = backoffDelays();
    expect(delays.slice(0, 6)).toEqual([1_500, 3_000, 6_000, 12_000, 20_000, 20_000]);
    expect(Math.max(...delays)).toBe(FOLLOW_UP_BACKOFF.cap);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThanOrEqual(120_000);
    expect(total + FOLLOW_UP_BACKOFF.cap).toBeGreaterThan(120_000);
  });

  it('follows other settings', () => {
    expect(backoffDelays({ first: 100, factor: 3, cap: 500, total: 1_500 })).toEqual([100, 300, 500, 500]);
    expect(backoffDelays({ first: 1_000, factor: 2, cap: 1_000, total: 999 })).toEqual([]);
  });
});

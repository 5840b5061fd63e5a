import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

const base = { count: 100_000, rowHeight: 40, viewportHeight: 480, overscan: 8 };

describe('rowWindow', () => {
  it('renders the rows in view and a few below at the top', () => {
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 21, before: 0, after: (100_000 - 21) * 40 });
  });

  it('keeps the total height whatever the scroll position', () => {
    for (const scrollTop of [0, 39, 40, 123_456, 3_999_520, 4_000_000, 9_999_999]) {
      const { start, end, before, after } = rowWindow({ ...base, scrollTop });
      expect(before + (end - start) * 40 + after).toBe(4_000_000);
      expect(end - start).toBeLessThanOrEqual(13 + 16);
    }
  });

  it('starts at the row under the top edge, minus the overscan', () => {
    expect(rowWindow({ ...base, scrollTop: 40 * 1000 + 10 })).toMatchObject({ start: 992, end: 1021 });
  });

  it('ends at the last row when scrolled to the bottom', () => {
    const bottom = rowWindow({ ...base, scrollTop: 4_000_000 - 480 });
    expect(bottom.end).toBe(100_000);
    expect(bottom.after).toBe(0);
  });

  it('is empty for no rows, and whole for a few', () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 500 })).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(rowWindow({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, before: 0, after: 0 });
  });
});

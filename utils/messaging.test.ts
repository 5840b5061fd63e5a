import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isTabMessage, TabMessageSchema } from './messaging';

describe('isTabMessage', () => {
  it.each([
    [{ type: 'panel.status' }],
    [{ type: 'panel.status', extra: 1 }],
    [{ type: 'panel.other' }],
    [{}],
    [null],
    ['panel.status'],
    [[]],
    [{ type: ['panel.status'] }],
  ])('agrees with TabMessageSchema on %j', (message) => {
    expect(isTabMessage(message)).toBe(v.is(TabMessageSchema, message));
  });

  it('accepts exactly the popup question', () => {
    expect(isTabMessage({ type: 'panel.status' })).toBe(true);
  });
});

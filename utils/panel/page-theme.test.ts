import { describe, expect, it } from 'vitest';
import { luminance, parseRgb, readThemePreference, themeOfBackgrounds } from './page-theme';

describe('themeOfBackgrounds', () => {
  it('follows the innermost opaque background of the page', () => {
    expect(themeOfBackgrounds(['rgb(241, 243, 246)'])).toBe('light');
    expect(themeOfBackgrounds(['rgb(18, 22, 28)'])).toBe('dark');
    expect(themeOfBackgrounds(['rgba(0, 0, 0, 0)', 'rgb(18, 22, 28)'])).toBe('dark');
    expect(themeOfBackgrounds(['rgb(18 22 28 / 100%)'])).toBe('dark');
  });

  it('is light when the page says nothing', () => {
    expect(themeOfBackgrounds([])).toBe('light');
    expect(themeOfBackgrounds(['transparent', 'rgba(0, 0, 0, 0)'])).toBe('light');
  });
});

describe('parseRgb and luminance', () => {
  it('reads computed colours and ranks them', () => {
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('rgba(1, 2, 3, 0.2)')).toBeNull();
    expect(parseRgb('red')).toBeNull();
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
  });
});

describe('readThemePreference', () => {
  it('keeps light and dark, anything else follows the page', () => {
    expect(readThemePreference('dark')).toBe('dark');
    expect(readThemePreference('light')).toBe('light');
    expect(readThemePreference('night')).toBe('auto');
    expect(readThemePreference(undefined)).toBe('auto');
  });
});

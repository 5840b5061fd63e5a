// Light or dark as the CRM page itself is, not as the operating system is: Zoho has its own
// night mode, and a dark panel on a light Zoho page (or the reverse) is what users notice first.

/** storage.local key: 'auto' (follow the page), 'light' or 'dark'. */
export const PANEL_THEME_KEY = 'panel:theme';
export type PanelTheme = 'light' | 'dark';
export type ThemePreference = 'auto' | PanelTheme;

export function readThemePreference(stored: unknown): ThemePreference {
  return stored === 'light' || stored === 'dark' ? stored : 'auto';
}

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` as getComputedStyle gives it; null for transparent or unreadable. */
export function parseRgb(colour: string): [number, number, number] | null {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)$/.exec(colour.trim());
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : Number.parseFloat(match[4]) / (match[4].endsWith('%') ? 100 : 1);
  if (alpha < 0.5) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The theme of a page whose backgrounds, innermost first, are these computed colours. */
export function themeOfBackgrounds(colours: readonly string[]): PanelTheme {
  for (const colour of colours) {
    const rgb = parseRgb(colour);
    if (rgb) return luminance(rgb) < 0.2 ? 'dark' : 'light';
  }
  return 'light';
}

export function pageTheme(doc: Document, preference: ThemePreference): PanelTheme {
  if (preference !== 'auto') return preference;
  const colours = [doc.body, doc.documentElement]
    .filter((element): element is HTMLElement => element !== null)
    .map((element) => getComputedStyle(element).backgroundColor);
  return themeOfBackgrounds(colours);
}

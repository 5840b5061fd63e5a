// Where the in-page panel sits: the edge it is docked to, how far down and how tall. The page is
// narrowed by the panel's width on that edge, so Zoho's own controls move beside it instead of
// under it; fixed parts of the page (top bar, chat bar) are kept clear vertically.
import type { TextDirection } from '../i18n/locales';

export type PanelEdge = 'left' | 'right';

export interface PanelPlacement {
  edge: PanelEdge;
  /** px from the top of the free band; 0 is right below the page's fixed top bar */
  offset: number;
  /** px the user dragged it to; null: as tall as its content, up to the free band */
  height: number | null;
}

/** The vertical band no fixed page element occupies in the panel's column, px from the viewport top. */
export interface FreeBand {
  top: number;
  bottom: number;
}

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** storage.local key of the placement (one per browser profile: the user's). */
export const PANEL_PLACEMENT_KEY = 'panel:placement';

export const PANEL_WIDTH = 340;
/** The collapsed tab; the issue of record: at most 32 px. */
export const TAB_WIDTH = 28;
export const MIN_PANEL_HEIGHT = 160;
/** Below this window width the panel starts collapsed, leaving Zoho the room. */
export const NARROW_WINDOW = 1100;
const GAP = 8;

export const DEFAULT_PLACEMENT: PanelPlacement = { edge: 'right', offset: 0, height: null };

/** Where the panel starts: at the end edge of the reading direction (the left one for Arabic). */
export function defaultPlacement(dir: TextDirection): PanelPlacement {
  return dir === 'rtl' ? { ...DEFAULT_PLACEMENT, edge: 'left' } : DEFAULT_PLACEMENT;
}

function finiteAtLeast(value: unknown, min: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.round(value) : null;
}

/** A stored placement, or the default for anything unreadable (it is page-reachable storage's neighbour, not trusted). */
export function readPlacement(stored: unknown, dir: TextDirection = 'ltr'): PanelPlacement {
  const fallback = defaultPlacement(dir);
  if (typeof stored !== 'object' || stored === null) return fallback;
  const value = stored as Record<string, unknown>;
  return {
    edge: value.edge === 'left' || value.edge === 'right' ? value.edge : fallback.edge,
    offset: finiteAtLeast(value.offset, 0) ?? 0,
    height: finiteAtLeast(value.height, MIN_PANEL_HEIGHT),
  };
}

/**
 * The free band of a column from the fixed boxes found in it: boxes starting in the upper half push
 * the top down (a top bar), the others pull the bottom up (a chat bar). A box taller than half the
 * viewport is a page shell, not a control strip, and is left out.
 */
export function freeBandOf(boxes: readonly Box[], viewportHeight: number): FreeBand {
  let top = 0;
  let bottom = viewportHeight;
  for (const box of boxes) {
    if (box.bottom - box.top > viewportHeight / 2 || box.bottom <= 0 || box.top >= viewportHeight) continue;
    if (box.top < viewportHeight / 2) top = Math.max(top, box.bottom);
    else bottom = Math.min(bottom, box.top);
  }
  return { top: top + GAP, bottom: Math.max(top + GAP, bottom - GAP) };
}

/** How far apart the rows of the panel's column are looked at where nothing fixed was met. */
export const SCAN_STEP = 32;

/**
 * The fixed boxes of a column `height` px tall that decide its free band (freeBandOf), found with
 * `boxesAt(y)`, the fixed boxes met on row y. Rows are looked at from each edge towards the middle,
 * SCAN_STEP apart. A box met is stepped past at once: what it covers cannot move the band further
 * (only how far down the boxes at the top reach counts, and how far up those at the bottom), and
 * the row right beyond it is looked at next, so a top bar, a strip stacked under it and a chat bar cost a row
 * each. Page shells (taller than half the column) are not stepped past, as freeBandOf ignores them.
 */
export function scanColumn(height: number, boxesAt: (y: number) => readonly Box[]): Box[] {
  const found = new Set<Box>();
  const half = height / 2;
  const strip = (box: Box) => box.bottom - box.top <= half;
  for (let y = 1; y < half; ) {
    const boxes = boxesAt(y);
    for (const box of boxes) found.add(box);
    const past = boxes.filter(strip).map((box) => Math.ceil(box.bottom));
    y = past.length ? Math.max(y + 1, ...past) : y + SCAN_STEP;
  }
  for (let y = height - 1; y >= half; ) {
    const boxes = boxesAt(y);
    for (const box of boxes) found.add(box);
    // A box reaching up into the upper half pushes the band's top down; it is not stepped past.
    const past = boxes.filter((box) => strip(box) && box.top >= half).map((box) => Math.ceil(box.top) - 1);
    y = past.length ? Math.min(y - 1, ...past) : y - SCAN_STEP;
  }
  return [...found];
}

export function sameBand(a: FreeBand, b: FreeBand): boolean {
  return a.top === b.top && a.bottom === b.bottom;
}

/** The panel's top and its greatest height inside the band; the offset gives way before the height does. */
export function frameOf(
  placement: PanelPlacement,
  band: FreeBand,
): { top: number; maxHeight: number; height: number | null } {
  const room = Math.max(0, band.bottom - band.top);
  const wanted = Math.min(placement.height ?? MIN_PANEL_HEIGHT, room);
  const offset = Math.max(0, Math.min(placement.offset, room - wanted));
  const top = band.top + offset;
  const maxHeight = band.bottom - top;
  return { top, maxHeight, height: placement.height === null ? null : Math.min(placement.height, maxHeight) };
}

/** The edge a drag ends on: the nearer one to where the pointer was let go. */
export function edgeAt(x: number, viewportWidth: number): PanelEdge {
  return x < viewportWidth / 2 ? 'left' : 'right';
}

/** The page's horizontal room the panel takes: its width open, the tab's collapsed. */
export function reservedWidth(collapsed: boolean): number {
  return collapsed ? TAB_WIDTH : PANEL_WIDTH;
}

/** A panel moved by `dy` px (drag or arrow key), kept inside the band. */
export function moved(placement: PanelPlacement, dy: number, band: FreeBand): PanelPlacement {
  const room = Math.max(0, band.bottom - band.top);
  const height = Math.min(placement.height ?? MIN_PANEL_HEIGHT, room);
  return { ...placement, offset: Math.max(0, Math.min(room - height, placement.offset + dy)) };
}

/** A panel made `dy` px taller or shorter, at least MIN_PANEL_HEIGHT and within the band. */
export function resized(placement: PanelPlacement, currentHeight: number, dy: number, band: FreeBand): PanelPlacement {
  const { top } = frameOf(placement, band);
  const height = Math.max(MIN_PANEL_HEIGHT, Math.min(band.bottom - top, Math.round(currentHeight + dy)));
  return { ...placement, height };
}

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLACEMENT,
  edgeAt,
  frameOf,
  freeBandOf,
  MIN_PANEL_HEIGHT,
  moved,
  readPlacement,
  reservedWidth,
  resized,
  SCAN_STEP,
  sameBand,
  scanColumn,
  TAB_WIDTH,
} from './placement';

const box = (top: number, bottom: number) => ({ top, bottom, left: 1000, right: 1366 });

describe('readPlacement', () => {
  it('starts at the right edge, and at the left one for a right-to-left language, until the user moves it', () => {
    expect(readPlacement(undefined).edge).toBe('right');
    expect(readPlacement(undefined, 'rtl').edge).toBe('left');
    expect(readPlacement({ offset: 10 }, 'rtl')).toEqual({ edge: 'left', offset: 10, height: null });
    expect(readPlacement({ edge: 'right', offset: 0 }, 'rtl').edge).toBe('right');
  });

  it('reads what was stored', () => {
    expect(readPlacement({ edge: 'left', offset: 40, height: 300 })).toEqual({ edge: 'left', offset: 40, height: 300 });
  });

  it('falls back field by field on anything else', () => {
    expect(readPlacement(undefined)).toEqual(DEFAULT_PLACEMENT);
    expect(readPlacement('left')).toEqual(DEFAULT_PLACEMENT);
    expect(readPlacement({ edge: 'top', offset: -5, height: 20 })).toEqual(DEFAULT_PLACEMENT);
    expect(readPlacement({ edge: 'left', offset: Number.NaN, height: Number.POSITIVE_INFINITY })).toEqual({
      edge: 'left',
      offset: 0,
      height: null,
    });
  });
});

describe('freeBandOf', () => {
  it('keeps clear of a fixed top bar and a chat bar at the bottom', () => {
    expect(freeBandOf([box(0, 48), box(730, 768)], 768)).toEqual({ top: 56, bottom: 722 });
  });

  it('takes the lowest of several strips at the top', () => {
    expect(freeBandOf([box(0, 48), box(48, 100)], 768)).toEqual({ top: 108, bottom: 760 });
  });

  it('leaves out page shells taller than half the viewport and boxes off screen', () => {
    expect(freeBandOf([box(0, 768), box(-60, 0), box(800, 900)], 768)).toEqual({ top: 8, bottom: 760 });
  });

  it('never gives a band that ends above its start', () => {
    const band = freeBandOf([box(0, 380), box(383, 768 - 1)], 768);
    expect(band.bottom).toBeGreaterThanOrEqual(band.top);
  });
});

describe('scanColumn', () => {
  /** The boxes as hit testing meets them, and the rows it was asked about. */
  function page(boxes: ReturnType<typeof box>[]) {
    const rows: number[] = [];
    const boxesAt = (y: number) => {
      rows.push(y);
      return boxes.filter((candidate) => candidate.top <= y && y < candidate.bottom);
    };
    return { boxesAt, rows };
  }

  it('finds a top bar, a strip stacked under it and a chat bar, a row each, and gives the band all rows would', () => {
    const boxes = [box(0, 48), box(48, 80), box(730, 768)];
    const { boxesAt, rows } = page(boxes);
    const found = scanColumn(768, boxesAt);
    expect(found).toEqual(expect.arrayContaining(boxes));
    expect(freeBandOf(found, 768)).toEqual(freeBandOf(boxes, 768));
    expect(rows.slice(0, 3)).toEqual([1, 48, 80]);
    expect(rows).toContain(767);
    expect(rows).toContain(729);
    // Far fewer rows than one every 16 px (48 for this column).
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(768 / SCAN_STEP) + 2);
  });

  it('meets a box floating in either half once it is at least a step tall', () => {
    for (const floating of [box(200, 200 + SCAN_STEP), box(520, 520 + SCAN_STEP), box(370, 420)]) {
      const boxes = [box(0, 48), floating];
      const found = scanColumn(768, page(boxes).boxesAt);
      expect(found).toContain(floating);
      expect(freeBandOf(found, 768)).toEqual(freeBandOf(boxes, 768));
    }
  });

  it('ignores what lies under a box already met, as it cannot move the band', () => {
    const tall = box(0, 300);
    const under = box(100, 140);
    const { boxesAt, rows } = page([tall, under]);
    expect(freeBandOf(scanColumn(768, boxesAt), 768)).toEqual(freeBandOf([tall, under], 768));
    expect(rows.some((y) => y > 1 && y < 300)).toBe(false);
  });

  it('looks on past a page shell, which does not count, and past a box that reaches into the upper half', () => {
    const shell = box(0, 768);
    const chat = box(730, 768);
    const found = scanColumn(768, page([shell, chat]).boxesAt);
    expect(freeBandOf(found, 768)).toEqual({ top: 8, bottom: 722 });
    const crossing = box(300, 600);
    const low = box(640, 700);
    expect(freeBandOf(scanColumn(768, page([crossing, low]).boxesAt), 768)).toEqual(freeBandOf([crossing, low], 768));
  });

  it('asks about every row of an empty column once, SCAN_STEP apart', () => {
    const { boxesAt, rows } = page([]);
    expect(scanColumn(768, boxesAt)).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
    expect(rows.length).toBe(Math.ceil(384 / SCAN_STEP) * 2);
  });
});

describe('sameBand', () => {
  it('compares where the band starts and ends', () => {
    expect(sameBand({ top: 56, bottom: 722 }, { top: 56, bottom: 722 })).toBe(true);
    expect(sameBand({ top: 56, bottom: 722 }, { top: 56, bottom: 700 })).toBe(false);
  });
});

describe('frameOf', () => {
  const band = { top: 56, bottom: 722 };

  it('starts at the top of the band, as tall as its content up to the band', () => {
    expect(frameOf(DEFAULT_PLACEMENT, band)).toEqual({ top: 56, maxHeight: 666, height: null });
  });

  it('keeps a moved and resized panel inside the band', () => {
    expect(frameOf({ edge: 'right', offset: 100, height: 300 }, band)).toEqual({
      top: 156,
      maxHeight: 566,
      height: 300,
    });
    // In a smaller window the offset gives way first, then the height.
    expect(frameOf({ edge: 'right', offset: 500, height: 300 }, band)).toEqual({
      top: 422,
      maxHeight: 300,
      height: 300,
    });
    expect(frameOf({ edge: 'right', offset: 500, height: 900 }, band)).toEqual({
      top: 56,
      maxHeight: 666,
      height: 666,
    });
  });
});

describe('moving and resizing', () => {
  const band = { top: 56, bottom: 722 };

  it('drops on the nearer edge', () => {
    expect(edgeAt(100, 1366)).toBe('left');
    expect(edgeAt(1000, 1366)).toBe('right');
  });

  it('moves up and down within the band', () => {
    expect(moved(DEFAULT_PLACEMENT, -50, band).offset).toBe(0);
    expect(moved(DEFAULT_PLACEMENT, 48, band).offset).toBe(48);
    expect(moved({ ...DEFAULT_PLACEMENT, height: 400 }, 10_000, band).offset).toBe(266);
  });

  it('resizes between the least height and the band', () => {
    expect(resized(DEFAULT_PLACEMENT, 300, 24, band).height).toBe(324);
    expect(resized(DEFAULT_PLACEMENT, 300, -1000, band).height).toBe(MIN_PANEL_HEIGHT);
    expect(resized(DEFAULT_PLACEMENT, 300, 10_000, band).height).toBe(666);
  });

  it('takes a slim strip of the page when collapsed', () => {
    expect(reservedWidth(true)).toBe(TAB_WIDTH);
    expect(TAB_WIDTH).toBeLessThanOrEqual(32);
    expect(reservedWidth(false)).toBe(340);
  });
});

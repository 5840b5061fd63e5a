// Windowing for long tables: only the rows in view (and a few either side) are in the DOM; two
// spacer rows keep the scroll height of the whole list. Every row has the same height.

export interface RowWindow {
  /** first row rendered */
  start: number;
  /** one past the last row rendered */
  end: number;
  /** height of the rows above `start` and below `end`, in px */
  before: number;
  after: number;
}

export interface RowWindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** rows rendered beyond each edge of the view */
  overscan: number;
}

export function rowWindow({ count, rowHeight, scrollTop, viewportHeight, overscan }: RowWindowInput): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return {
    start,
    end: Math.max(start, end),
    before: start * rowHeight,
    after: (count - Math.max(start, end)) * rowHeight,
  };
}

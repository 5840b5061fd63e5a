import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { useRowWindow } from './use-row-window';

/** Every row is this tall (CSS `.bk-vtable tbody tr`), so that the window can be computed. */
export const WINDOWED_ROW_HEIGHT = 52;
/** The scrolling view's height (CSS `.bk-scroll`) before it is laid out. */
const VIEW_HEIGHT = 480;

export interface WindowedColumn {
  label: string;
  /** a `<col>` class giving the column its width; the last column takes the rest */
  colClass?: string;
}

export interface WindowedTableProps {
  caption: string;
  columns: readonly WindowedColumn[];
  count: number;
  /** the row at `index`; give it `aria-rowindex={index + 2}` (the header row is 1) */
  renderRow: (index: number) => ComponentChildren;
  /** a change scrolls back to the top (a new filter) */
  resetKey?: unknown;
}

/** Stands for the rows out of view: empty, hidden from assistive technology (`aria-rowindex` counts them). */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: the row holds one empty cell, nothing that takes focus
    <tr class="bk-spacer" aria-hidden="true" style={{ height: `${height}px` }}>
      <td colSpan={columns} />
    </tr>
  );
}

/**
 * A table of many rows in a scrolling view that renders only the rows in view (and a few either
 * side): 100,000 rows open and scroll like 20.
 */
export function WindowedTable({ caption, columns, count, renderRow, resetKey }: WindowedTableProps) {
  const { t } = useI18n();
  const { ref, onScroll, window } = useRowWindow({
    count,
    rowHeight: WINDOWED_ROW_HEIGHT,
    fallbackHeight: VIEW_HEIGHT,
    resetKey,
  });
  const rows: ComponentChildren[] = [];
  for (let index = window.start; index < window.end; index++) rows.push(renderRow(index));
  return (
    <section
      ref={ref}
      class="bk-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling view is scrolled with the keyboard once focused
      tabIndex={0}
      aria-label={t('bulk.scrollable', { caption })}
      onScroll={onScroll}
    >
      <table class="bk-table bk-vtable" aria-rowcount={count + 1}>
        <caption class="bk-sr-only">{caption}</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.label} class={column.colClass} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {window.before > 0 ? <SpacerRow height={window.before} columns={columns.length} /> : null}
          {rows}
          {window.after > 0 ? <SpacerRow height={window.after} columns={columns.length} /> : null}
        </tbody>
      </table>
    </section>
  );
}

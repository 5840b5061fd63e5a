// The window of rows in view of a scrolling element (utils/row-window.ts).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { rowWindow } from '@/utils/row-window';

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** the view's height before it has been laid out (and where nothing is laid out, as in tests) */
  fallbackHeight: number;
  overscan?: number;
  /** a change of this value scrolls the view back to the top (a new filter) */
  resetKey?: unknown;
}

/** The window of a scrolling element: attach `ref` and `onScroll` to it. */
export function useRowWindow({ count, rowHeight, fallbackHeight, overscan = 8, resetKey }: RowWindowOptions) {
  const ref = useRef<HTMLElement>(null);
  const [view, setView] = useState({ scrollTop: 0, height: fallbackHeight });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const height = element.clientHeight || fallbackHeight;
    setView((previous) =>
      previous.scrollTop === element.scrollTop && previous.height === height
        ? previous
        : { scrollTop: element.scrollTop, height },
    );
  }, [fallbackHeight]);

  // One state change per frame however many scroll events the browser sends.
  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      measure();
    });
  }, [measure]);

  useEffect(() => {
    const element = ref.current;
    if (element) element.scrollTop = 0;
    measure();
  }, [resetKey, measure]);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const window = rowWindow({ count, rowHeight, scrollTop: view.scrollTop, viewportHeight: view.height, overscan });
  return { ref, onScroll, window };
}

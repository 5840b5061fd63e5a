// The window of rows in view of a scrolling element (utils/row-window.ts).
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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

interface View {
  scrollTop: number;
  height: number;
  /** the resetKey the scroll position belongs to */
  key: unknown;
}

/** The window of a scrolling element: attach `ref` and `onScroll` to it. */
export function useRowWindow({ count, rowHeight, fallbackHeight, overscan = 8, resetKey }: RowWindowOptions) {
  const ref = useRef<HTMLElement>(null);
  const key = useRef(resetKey);
  key.current = resetKey;
  const [view, setView] = useState<View>({ scrollTop: 0, height: fallbackHeight, key: resetKey });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const next = { scrollTop: element.scrollTop, height: element.clientHeight || fallbackHeight, key: key.current };
    setView((previous) =>
      previous.scrollTop === next.scrollTop && previous.height === next.height && previous.key === next.key
        ? previous
        : next,
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

  // Before the new rows are painted: a new filter starts at the top, never at the old offset.
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
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

  // Rendered for a new key before its layout effect ran: the top, as the view is about to be.
  const scrollTop = view.key === resetKey ? view.scrollTop : 0;
  const window = rowWindow({ count, rowHeight, scrollTop, viewportHeight: view.height, overscan });
  return { ref, onScroll, window };
}

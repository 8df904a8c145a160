import { useCallback, useEffect, useRef, useState } from 'react';
import type { UIEvent } from 'react';

/** The slice of a long list worth rendering, and the space the rows outside it would take. */
export interface RowWindow {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  const start = Math.min(count, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const end = Math.min(
    count,
    Math.max(start, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan),
  );
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/** Before the container is measured (and in jsdom, which has no layout), assume this many pixels. */
const UNMEASURED_HEIGHT_PX = 800;

/**
 * Windowing for a scrolling list of fixed-height rows: only the rows in view (plus `overscan` on each side)
 * are rendered, so a 500-row watchlist costs the DOM, style and layout work of a few dozen rows whatever
 * the tick rate. Re-renders only when the window moves by a row. Give `setContainer` as the scrolling
 * element's `ref` and `onScroll` as its scroll handler; `reveal` scrolls a row into view.
 */
export function useRowWindow(
  count: number,
  rowHeight: number,
  overscan = 8,
): {
  setContainer: (element: HTMLElement | null) => void;
  onScroll: (event: UIEvent<HTMLElement>) => void;
  /**
   * Scrolls the container the least that shows row `index` whole below `headerPx` of sticky header (nothing
   * while it is in view, or before the container has a layout).
   */
  reveal: (index: number, headerPx?: number) => void;
} & RowWindow {
  const [container, setContainerState] = useState<HTMLElement | null>(null);
  // The same element, for `reveal` to scroll.
  const scroller = useRef<HTMLElement | null>(null);
  const setContainer = useCallback((element: HTMLElement | null) => {
    scroller.current = element;
    setContainerState(element);
  }, []);
  // The element measured: a new container (another list shown) starts at its top until it is measured.
  const [view, setView] = useState<{ element: HTMLElement | null; top: number; height: number }>({
    element: null,
    top: 0,
    height: UNMEASURED_HEIGHT_PX,
  });

  const measure = useCallback(
    (element: HTMLElement) => {
      const top = Math.floor(element.scrollTop / rowHeight) * rowHeight;
      const height = element.clientHeight || UNMEASURED_HEIGHT_PX;
      setView((before) =>
        before.element === element && before.top === top && before.height === height
          ? before
          : { element, top, height },
      );
    },
    [rowHeight],
  );

  useEffect(() => {
    if (!container || typeof ResizeObserver === 'undefined') {
      return undefined;
    }
    const observer = new ResizeObserver(() => measure(container));
    observer.observe(container);
    return () => observer.disconnect();
  }, [container, measure]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => measure(event.currentTarget),
    [measure],
  );

  const reveal = useCallback(
    (index: number, headerPx = 0) => {
      const element = scroller.current;
      if (!element || element.clientHeight === 0) {
        return;
      }
      const top = index * rowHeight;
      const bottom = headerPx + top + rowHeight;
      if (top < element.scrollTop) {
        element.scrollTop = top;
      } else if (bottom > element.scrollTop + element.clientHeight) {
        element.scrollTop = bottom - element.clientHeight;
      } else {
        return;
      }
      measure(element);
    },
    [rowHeight, measure],
  );

  return {
    setContainer,
    onScroll,
    reveal,
    ...rowWindow(
      view.element === container ? view.top : 0,
      view.height,
      count,
      rowHeight,
      overscan,
    ),
  };
}

// The room the docked panel takes in Zoho's page: the page is narrowed by a margin on the root
// element, so its flow — the sticky record header with its buttons at the right included — ends
// beside the panel. Fixed page parts (the top bar, the chat bar) ignore that margin, so the panel
// keeps clear of them vertically: they are found by sampling its column with elementsFromPoint.
import { type Box, type FreeBand, freeBandOf, type PanelEdge, scanColumn } from './placement';

export interface PageRoom {
  reserve(edge: PanelEdge, width: number): void;
  release(): void;
  /** The free band of the column, looked at now. Reads layout only: call it before writing any. */
  measure(edge: PanelEdge, width: number): FreeBand;
  /** The band last measured for this column, or measured now if there is none. */
  band(edge: PanelEdge, width: number): FreeBand;
  onChange(listener: () => void): () => void;
}

/** Widgets such as Zoho's chat bar arrive after the page: look again once they may have. */
const LATE_LOOK_MS = 2_000;

function fixedAncestor(element: Element, seen: Map<Element, Element | null>): Element | null {
  const chain: Element[] = [];
  let found: Element | null = null;
  for (let node: Element | null = element; node && node !== document.documentElement; node = node.parentElement) {
    if (seen.has(node)) {
      found = seen.get(node) ?? null;
      break;
    }
    chain.push(node);
    if (getComputedStyle(node).position === 'fixed') {
      found = node;
      break;
    }
  }
  for (const node of chain) seen.set(node, found);
  return found;
}

/** The viewport without scroll bars; where a document has no layout (tests), the window's size. */
function viewportOf(doc: Document): { width: number; height: number } {
  const root = doc.documentElement;
  return {
    width: root.clientWidth || (doc.defaultView?.innerWidth ?? 0),
    height: root.clientHeight || (doc.defaultView?.innerHeight ?? 0),
  };
}

/** Boxes of the page's fixed elements that reach into the column [left, right) of the viewport. */
export function fixedBoxesIn(doc: Document, left: number, right: number, isOurs: (element: Element) => boolean): Box[] {
  // Documents without layout (happy-dom in unit tests) have no hit testing: nothing to keep clear of.
  if (typeof doc.elementsFromPoint !== 'function') return [];
  const { height } = viewportOf(doc);
  const seen = new Map<Element, Element | null>();
  const boxes = new Map<Element, Box>();
  const xs = [left + 4, (left + right) / 2, right - 4];
  return scanColumn(height, (y) => {
    const met = new Set<Box>();
    for (const x of xs) {
      for (const element of doc.elementsFromPoint(x, y)) {
        if (isOurs(element)) continue;
        const fixed = fixedAncestor(element, seen);
        if (!fixed) continue;
        let box = boxes.get(fixed);
        if (!box) {
          const rect = fixed.getBoundingClientRect();
          box = { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
          boxes.set(fixed, box);
        }
        met.add(box);
      }
    }
    return [...met];
  });
}

export function createPageRoom(doc: Document, isOurs: (element: Element) => boolean): PageRoom {
  const root = doc.documentElement;
  let saved: { left: [string, string]; right: [string, string] } | null = null;

  const save = (side: 'left' | 'right'): [string, string] => [
    root.style.getPropertyValue(`margin-${side}`),
    root.style.getPropertyPriority(`margin-${side}`),
  ];
  const put = (side: 'left' | 'right', [value, priority]: [string, string]) => {
    if (value) root.style.setProperty(`margin-${side}`, value, priority);
    else root.style.removeProperty(`margin-${side}`);
  };

  let last: { edge: PanelEdge; width: number; band: FreeBand } | null = null;

  const measure = (edge: PanelEdge, width: number): FreeBand => {
    const viewport = viewportOf(doc);
    const [left, right] = edge === 'left' ? [0, width] : [viewport.width - width, viewport.width];
    const band = freeBandOf(fixedBoxesIn(doc, left, right, isOurs), viewport.height);
    last = { edge, width, band };
    return band;
  };

  return {
    reserve(edge, width) {
      saved ??= { left: save('left'), right: save('right') };
      const other = edge === 'left' ? 'right' : 'left';
      put(other, saved[other]);
      // Zoho's styles must not win over the room the user gave the panel.
      root.style.setProperty(`margin-${edge}`, `${width}px`, 'important');
    },
    release() {
      if (!saved) return;
      put('left', saved.left);
      put('right', saved.right);
      saved = null;
    },
    measure,
    band(edge, width) {
      return last?.edge === edge && last.width === width ? last.band : measure(edge, width);
    },
    onChange(listener) {
      const view = doc.defaultView;
      if (!view) return () => {};
      let frame = 0;
      const onResize = () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(listener);
      };
      view.addEventListener('resize', onResize);
      const late = setTimeout(listener, LATE_LOOK_MS);
      return () => {
        view.removeEventListener('resize', onResize);
        cancelAnimationFrame(frame);
        clearTimeout(late);
      };
    },
  };
}

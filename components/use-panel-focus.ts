import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

// Keeps keyboard users in place while the panel's controls come and go: a removed row's button
// becomes its Undo, an expired Undo gives way to the next row, a collapse hides the button used.
// Controls name themselves with `data-focus-key` ("remove:<id>", "undo:<id>", "heading", …).
//
// Chromium fires `focusout` with `relatedTarget = null` when the focused element is removed, and
// Firefox fires nothing (nor `focusin` for a click inside our shadow root), so loss is detected
// both on that event (the target is then disconnected) and after every render: the element that
// had focus at the last look is now gone or hidden. Focus the user moved to the page is left alone.

function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode();
  return root instanceof Document || root instanceof ShadowRoot ? root.activeElement : null;
}

function isShown(element: Element): boolean {
  return element.isConnected && element.getClientRects().length > 0;
}

function byKey(aside: HTMLElement, key: string): HTMLElement | null {
  for (const element of aside.querySelectorAll<HTMLElement>('[data-focus-key]')) {
    if (element.dataset.focusKey === key && isShown(element)) return element;
  }
  return null;
}

/** The first control of the row the lost element was in, else of the row after it. */
function nearRow(aside: HTMLElement, rowId: string | null, rowIndex: number): HTMLElement | null {
  const rows = [...aside.querySelectorAll<HTMLElement>('[data-row-id]')];
  const same = rowId ? rows.find((row) => row.dataset.rowId === rowId) : undefined;
  const candidates = same ? [same] : rows.slice(Math.max(0, rowIndex)).concat(rows.slice(0, rowIndex).reverse());
  for (const row of candidates) {
    const control = [...row.querySelectorAll<HTMLElement>('[data-focus-key]')].find(isShown);
    if (control) return control;
  }
  return null;
}

export interface PanelFocus {
  /** After the action just taken, focus goes to this control once it appears (if focus was in the panel). */
  expect(key: string): void;
  /** The keyboard shortcut: remember where focus was in the page, and take it now (to the expected control). */
  enterFromOutside(): void;
  /** Escape: give focus back to where it was before the panel took it. */
  leave(): void;
}

export function usePanelFocus(asideRef: RefObject<HTMLElement | null>, collapsed: boolean): PanelFocus {
  const inside = useRef(false);
  const forced = useRef(false);
  const expected = useRef<string | null>(null);
  const lost = useRef<{ rowId: string | null; rowIndex: number }>({ rowId: null, rowIndex: 0 });
  const returnTo = useRef<HTMLElement | null>(null);
  const focusedAtLastLook = useRef<Element | null>(null);

  const restore = () => {
    const aside = asideRef.current;
    if (!aside) return;
    const active = activeElementOf(aside);
    const activeInside = active !== null && aside.contains(active) && isShown(active);
    const wanted = expected.current ? byKey(aside, expected.current) : null;
    const before = focusedAtLastLook.current;
    focusedAtLastLook.current = activeInside ? active : null;
    if (activeInside) {
      if (active === wanted) expected.current = null;
      return;
    }
    const taken = before !== null && !isShown(before);
    if (!taken && !inside.current && !forced.current) return;
    const fallback = collapsed
      ? byKey(aside, 'expand')
      : (nearRow(aside, lost.current.rowId, lost.current.rowIndex) ?? byKey(aside, 'heading'));
    const target = wanted ?? fallback;
    if (!target) return;
    if (target === wanted) expected.current = null;
    forced.current = false;
    target.focus();
    focusedAtLastLook.current = target;
  };

  useEffect(() => {
    const aside = asideRef.current;
    if (!aside) return;
    const onFocusIn = (event: FocusEvent) => {
      inside.current = true;
      if (event.target instanceof Element) focusedAtLastLook.current = event.target;
      const from = event.relatedTarget;
      if (from instanceof HTMLElement && !aside.contains(from)) returnTo.current = from;
    };
    const onFocusOut = (event: FocusEvent) => {
      const to = event.relatedTarget;
      if (to instanceof Node && aside.contains(to)) return;
      const from = event.target instanceof HTMLElement ? event.target : null;
      const row = from?.closest<HTMLElement>('[data-row-id]') ?? null;
      const rows = [...aside.querySelectorAll('[data-row-id]')];
      const place = { rowId: row?.dataset.rowId ?? null, rowIndex: row ? rows.indexOf(row) : 0 };
      if (to !== null) {
        inside.current = false;
        expected.current = null;
        focusedAtLastLook.current = null;
        return;
      }
      setTimeout(() => {
        if (from && !from.isConnected) {
          lost.current = place;
          restore();
        } else if (!aside.contains(activeElementOf(aside))) {
          // Focus went to the page or another window, not away with a removed control.
          inside.current = false;
          focusedAtLastLook.current = null;
        }
      }, 0);
    };
    // `focus` does not bubble but is seen in the capture phase, also where `focusin` is not sent.
    aside.addEventListener('focusin', onFocusIn);
    aside.addEventListener('focus', onFocusIn, true);
    aside.addEventListener('focusout', onFocusOut);
    aside.addEventListener('blur', onFocusOut, true);
    return () => {
      aside.removeEventListener('focusin', onFocusIn);
      aside.removeEventListener('focus', onFocusIn, true);
      aside.removeEventListener('focusout', onFocusOut);
      aside.removeEventListener('blur', onFocusOut, true);
    };
  });

  useEffect(() => restore());

  return {
    expect(key) {
      expected.current = key;
    },
    enterFromOutside() {
      const root = asideRef.current?.getRootNode();
      const host = root instanceof ShadowRoot ? root.host : null;
      // The document's active element is our host while focus is already inside the panel.
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== host) returnTo.current = active;
      forced.current = true;
      // At once: no render may follow (the panel is open already and nothing else changed).
      restore();
    },
    leave() {
      const target = returnTo.current;
      inside.current = false;
      focusedAtLastLook.current = null;
      expected.current = null;
      returnTo.current = null;
      if (target?.isConnected && target !== document.body) {
        target.focus();
        return;
      }
      const aside = asideRef.current;
      const active = aside ? activeElementOf(aside) : null;
      if (active instanceof HTMLElement && aside?.contains(active)) active.blur();
    },
  };
}

// What the panel and the selection bar share as shadow-root UIs in Zoho's pages.
import type { Translator } from '@/utils/i18n/translator';
import styles from './style.css?inline';

/** The panel's and the selection bar's styles, given to each shadow root as text. */
export const SHADOW_UI_CSS = styles;

// Above Zoho's own layers (its dialogs use z-indexes in the thousands) without reaching the maximum.
export const OVERLAY_Z_INDEX = 2_147_483_000;

// The page's scripts can reach an open shadow root and call .click() on our buttons; events they
// synthesise are untrusted, so they are stopped before any of our handlers can act on them.
const GUARDED_EVENTS = ['click', 'dblclick', 'keydown', 'keyup', 'keypress', 'submit', 'input', 'change'];

export function refuseSyntheticInput(root: ShadowRoot): void {
  for (const type of GUARDED_EVENTS) {
    root.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
  }
}

/**
 * The shadow root speaks the panel's language, whatever the page around it speaks: `lang` for
 * screen readers and fonts, `dir` so that Arabic lays the panel out right to left.
 */
export function speak(container: HTMLElement, translator: Pick<Translator, 'locale' | 'dir'>): void {
  // The outermost element of the shadow root: everything the UI renders sits inside it.
  let top = container;
  while (top.parentElement) top = top.parentElement;
  top.lang = translator.locale;
  top.dir = translator.dir;
}

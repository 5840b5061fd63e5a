// What the panel and the selection bar share as shadow-root UIs in Zoho's pages.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Translator } from '@/utils/i18n/translator';
import styles from './panel.css?inline';

// Above Zoho's own layers (its dialogs use z-indexes in the thousands) without reaching the maximum.
const OVERLAY_Z_INDEX = 2_147_483_000;

// The page's scripts can reach an open shadow root and call .click() on our buttons; events they
// synthesise are untrusted, so they are stopped before any of our handlers can act on them.
const GUARDED_EVENTS = ['click', 'dblclick', 'keydown', 'keyup', 'keypress', 'submit', 'input', 'change'];

function refuseSyntheticInput(root: ShadowRoot): void {
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
  container.lang = translator.locale;
  container.dir = translator.dir;
}

export interface ShadowUi {
  /** The element in Zoho's page that carries the shadow root. */
  readonly shadowHost: HTMLElement;
  /** Where the UI is rendered, inside the shadow root. */
  readonly uiContainer: HTMLElement;
  mount(): void;
  remove(): void;
}

export interface ShadowUiOptions {
  /** The host's tag: a custom element name, which no page style aimed at standard tags reaches. */
  name: string;
  /** The corner of the page the container sits in; the panel and the bar place themselves from it. */
  alignment: 'top-right' | 'bottom-right';
  onMount(container: HTMLElement): void;
  onRemove(container: HTMLElement): void;
}

/** The panel's and the selection bar's styles, given to each shadow root as text in one <style>;
 * nothing of the page's styles reaches in through the host. */
const SHADOW_ROOT_CSS = `:host { all: initial !important; }\n${styles}`;

// Keys typed in our controls are not the page's: Zoho's keyboard shortcuts do not see them.
const PAGE_KEY_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * A shadow-root UI appended to Zoho's <body> on mount and taken away on remove or when the
 * extension's context ends. What WXT's createShadowRootUi made of our options, without its
 * general machinery (auto-mount, anchors, fetched CSS), which each page's fresh world paid for.
 */
export function createShadowUi(ctx: Pick<ContentScriptContext, 'onInvalidated'>, options: ShadowUiOptions): ShadowUi {
  const host = document.createElement(options.name);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = SHADOW_ROOT_CSS;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of PAGE_KEY_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  refuseSyntheticInput(shadow);
  Object.assign(host.style, {
    zIndex: String(OVERLAY_Z_INDEX),
    overflow: 'visible',
    position: 'relative',
    width: '0',
    height: '0',
    display: 'block',
  });
  container.style.position = 'absolute';
  container.style.right = '0';
  if (options.alignment === 'top-right') container.style.top = '0';
  else container.style.bottom = '0';

  let mounted = false;
  const remove = () => {
    if (!mounted) return;
    mounted = false;
    options.onRemove(container);
    host.remove();
    container.replaceChildren();
  };
  ctx.onInvalidated(remove);
  return {
    shadowHost: host,
    uiContainer: container,
    mount() {
      if (mounted) return;
      mounted = true;
      document.body.append(host);
      options.onMount(container);
    },
    remove,
  };
}

import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { I18nProvider } from '@/components/i18n';
import { SelectionBar } from '@/components/SelectionBar';
import { createShadowUi, type ShadowUi, speak } from '@/components/shadow-ui';
import { isSameListPage, type ListPage } from '@/utils/crm-page';
import type { Translator } from '@/utils/i18n/translator';
import { isSameSelection, type ListSelection, NO_SELECTION, readListSelection } from '@/utils/list-selection';
import type { Result } from '@/utils/messaging';
import { PANEL_THEME_KEY, type PanelTheme, pageTheme, readThemePreference } from '@/utils/panel/page-theme';

export interface SelectionHostApi {
  openBulkPage(page: ListPage, recordIds: string[]): Promise<Result<null>>;
}

export interface SelectionHost {
  /** The list view this frame shows, or null. */
  readonly page: ListPage | null;
  /** Follow the selection of this list view, or stop following (null). */
  show(page: ListPage | null): void;
}

const LISTEN_OPTIONS = { capture: true } as const;

/**
 * Shows a bar with the list view's selected records. On a list view it costs one `change` listener
 * on the document; elsewhere nothing at all. The bar is created when the first row is selected.
 */
export function createSelectionHost(
  ctx: ContentScriptContext,
  api: SelectionHostApi,
  translation: () => Promise<Translator>,
): SelectionHost {
  let current: ListPage | null = null;
  let selection: ListSelection = NO_SELECTION;
  let listening = false;
  let readPending = false;
  let mounted = false;
  let ui: Promise<ShadowUi> | null = null;
  let theme: PanelTheme = 'light';
  let translator: Translator | null = null;

  const renderBar = (container: HTMLElement) => {
    const page = current;
    if (!page || !translator) return;
    render(
      <I18nProvider translator={translator}>
        <SelectionBar
          selection={selection}
          theme={theme}
          openBulkPage={(recordIds) => api.openBulkPage(page, recordIds)}
        />
      </I18nProvider>,
      container,
    );
  };

  const createUi = async () => {
    const [words, stored] = await Promise.all([
      translation(),
      browser.storage.local.get(PANEL_THEME_KEY).catch(() => ({}) as Record<string, unknown>),
    ]);
    translator = words;
    theme = pageTheme(document, readThemePreference(stored[PANEL_THEME_KEY]));
    const created = createShadowUi(ctx, {
      name: 'territory-selection',
      alignment: 'bottom-right',
      onMount: renderBar,
      onRemove: (container) => render(null, container),
    });
    speak(created.uiContainer, words);
    return created;
  };

  const wanted = () => current !== null && (selection.recordIds.length > 0 || selection.unreadable > 0);

  const sync = async () => {
    if (!wanted() && !mounted) return;
    ui ??= createUi();
    const instance = await ui;
    if (ctx.isInvalid) return;
    if (wanted() && !mounted) {
      instance.mount();
      mounted = true;
    } else if (wanted()) {
      renderBar(instance.uiContainer);
    } else if (mounted) {
      instance.remove();
      mounted = false;
    }
  };

  const update = (next: ListSelection) => {
    if (isSameSelection(next, selection)) return;
    selection = next;
    sync().catch((error: unknown) => {
      console.warn('Territory Panel could not show the selection bar', error);
    });
  };

  // Read once the event has finished: the page's own handlers (a select-all box ticks every row)
  // run after this capture-phase listener.
  const scheduleRead = () => {
    if (readPending) return;
    readPending = true;
    ctx.setTimeout(() => {
      readPending = false;
      if (current) update(readListSelection(document));
    }, 0);
  };

  const onChange = (event: Event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') scheduleRead();
  };

  return {
    get page() {
      return current;
    },
    show(page) {
      if (!page) {
        if (listening) document.removeEventListener('change', onChange, LISTEN_OPTIONS);
        listening = false;
        current = null;
        update(NO_SELECTION);
        return;
      }
      const samePage = current !== null && isSameListPage(page, current);
      current = page;
      if (!listening) {
        ctx.addEventListener(document, 'change', onChange, LISTEN_OPTIONS);
        listening = true;
      }
      if (!samePage) update(NO_SELECTION);
      // Another page of the list, another view or module: the rows, and so the selection, may have changed.
      scheduleRead();
    },
  };
}

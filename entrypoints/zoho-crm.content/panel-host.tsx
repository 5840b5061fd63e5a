import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { I18nProvider } from '@/components/i18n';
import { PanelDock } from '@/components/PanelDock';
import { createShadowUi, type ShadowUi, speak } from '@/components/shadow-ui';
import { isSameRecordPage, type RecordPage } from '@/utils/crm-page';
import type { TextDirection } from '@/utils/i18n/locales';
import type { BrowserPanel } from '@/utils/i18n/names';
import type { Translator } from '@/utils/i18n/translator';
import { createPanelApi, requestSidePanel } from '@/utils/page-api';
import { createPageRoom, type PageRoom } from '@/utils/panel/page-room';
import {
  PANEL_THEME_KEY,
  type PanelTheme,
  pageTheme,
  readThemePreference,
  type ThemePreference,
} from '@/utils/panel/page-theme';
import type { PanelApi } from '@/utils/panel/panel-controller';
import {
  DEFAULT_PLACEMENT,
  NARROW_WINDOW,
  PANEL_PLACEMENT_KEY,
  type PanelPlacement,
  readPlacement,
  reservedWidth,
} from '@/utils/panel/placement';
import {
  isCollapsed,
  isModuleOff,
  moduleOffKey,
  PANEL_COLLAPSED_KEY,
  PANEL_HOME_KEY,
  type PanelHome,
  readPanelHome,
} from '@/utils/panel/preferences';

export interface PanelHost {
  /** The record page this frame shows, or null. */
  readonly page: RecordPage | null;
  /** Show the panel for this page, switch it to another record, or take it away (null). */
  show(page: RecordPage | null): void;
  /** The keyboard shortcut: open the panel and put focus on it. */
  focus(): void;
}

interface Preferences {
  collapsed: boolean;
  placement: PanelPlacement;
  theme: ThemePreference;
  home: PanelHome;
}

/** The stored preferences; the placement's default edge depends on the reading direction. */
async function readPreferences(direction: Promise<TextDirection>): Promise<Preferences> {
  const [stored, dir] = await Promise.all([
    browser.storage.local.get([PANEL_COLLAPSED_KEY, PANEL_PLACEMENT_KEY, PANEL_THEME_KEY, PANEL_HOME_KEY]),
    direction,
  ]);
  return {
    collapsed: isCollapsed(stored),
    placement: readPlacement(stored[PANEL_PLACEMENT_KEY], dir),
    theme: readThemePreference(stored[PANEL_THEME_KEY]),
    home: readPanelHome(stored[PANEL_HOME_KEY]),
  };
}

/** What the browser calls its panel for extensions. */
const BROWSER_PANEL: BrowserPanel = import.meta.env.FIREFOX ? 'sidebar' : 'side-panel';

function keep(values: Record<string, unknown>): void {
  browser.storage.local.set(values).catch(() => {
    // The page may outlive the extension (reload or update); the choice is then simply not kept.
  });
}

/** Mounts the panel in a shadow root; nothing is created, read or fetched until a record page appears. */
export function createPanelHost(ctx: ContentScriptContext, translation: () => Promise<Translator>): PanelHost {
  let current: RecordPage | null = null;
  let mounted = false;
  let preferences: Preferences = { collapsed: false, placement: DEFAULT_PLACEMENT, theme: 'auto', home: 'page' };
  let moduleOff = false;
  let focusRequest = 0;
  let ui: Promise<ShadowUi> | null = null;
  let api: PanelApi | null = null;
  let room: PageRoom | null = null;
  let theme: PanelTheme = 'light';
  let translator: Translator | null = null;

  // A narrow window keeps its room for Zoho until the user opens the panel.
  const startsCollapsed = () => preferences.collapsed || moduleOff || window.innerWidth < NARROW_WINDOW;

  const renderPanel = (container: HTMLElement) => {
    if (!current || !api || !room || !translator) return;
    const startCollapsed = startsCollapsed();
    render(
      <I18nProvider translator={translator}>
        <PanelDock
          key={`${current.dataCentre}|${current.orgId}|${current.module}|${current.recordId}`}
          page={current}
          api={api}
          room={room}
          initialPlacement={preferences.placement}
          initialCollapsed={startCollapsed}
          deferRead={moduleOff}
          theme={theme}
          focusRequest={focusRequest}
          savePlacement={(placement) => {
            preferences = { ...preferences, placement };
            keep({ [PANEL_PLACEMENT_KEY]: placement });
          }}
          saveCollapsed={(collapsed) => {
            preferences = { ...preferences, collapsed };
            keep({ [PANEL_COLLAPSED_KEY]: collapsed });
          }}
          onReloadPage={() => location.reload()}
          browserPanel={BROWSER_PANEL}
          moveToSidePanel={requestSidePanel}
        />
      </I18nProvider>,
      container,
    );
  };

  const createUi = async () => {
    const wording = translation();
    const [words, stored] = await Promise.all([wording, readPreferences(wording.then(({ dir }) => dir))]);
    translator = words;
    const realApi = createPanelApi(words.locale);
    api = {
      ...realApi,
      noteEnabled: (page, enabled) => {
        if (page.module !== 'Leads') return;
        moduleOff = !enabled;
        keep({ [moduleOffKey(page)]: !enabled });
      },
    };
    preferences = stored;
    // The panel moves between the page and the browser's side panel from here, the side panel or
    // the options page: every frame follows the stored choice.
    const onStorageChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(PANEL_HOME_KEY in changes)) return;
      preferences = { ...preferences, home: readPanelHome(changes[PANEL_HOME_KEY]?.newValue) };
      sync().catch(report);
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorageChanged));
    const created = createShadowUi(ctx, {
      name: 'territory-panel',
      alignment: 'top-right',
      onMount: renderPanel,
      onRemove: (container) => render(null, container),
    });
    speak(created.uiContainer, words);
    const pageRoom = createPageRoom(
      document,
      (element) => element === created.shadowHost || created.shadowHost.contains(element),
    );
    room = pageRoom;
    // An extension reload or update leaves the page: it gets all of its width back.
    ctx.onInvalidated(() => pageRoom.release());
    return created;
  };

  const sync = async () => {
    ui ??= createUi();
    const instance = await ui;
    if (ctx.isInvalid) return;
    if (current?.module === 'Leads') {
      moduleOff = isModuleOff(await browser.storage.local.get(moduleOffKey(current)), current);
    } else {
      moduleOff = false;
    }
    // In side-panel mode nothing is mounted in the page.
    const shown = current !== null && preferences.home === 'page';
    // Read before anything of ours is added or rendered, while the page's styles and layout are
    // computed already: reading them then costs no style or layout pass of our making.
    if (shown) theme = pageTheme(document, preferences.theme);
    if (shown && !mounted) {
      room?.measure(preferences.placement.edge, reservedWidth(startsCollapsed()));
      instance.mount();
      mounted = true;
    } else if (shown && mounted) {
      renderPanel(instance.uiContainer);
    } else if (!shown && mounted) {
      // Unmounting the dock gives the page its room back.
      instance.remove();
      mounted = false;
    }
  };

  const report = (error: unknown) => {
    console.warn('Territory Panel could not show its panel', error);
  };

  return {
    get page() {
      return current;
    },
    show(page) {
      if (page === current || (page && current && isSameRecordPage(page, current))) return;
      current = page;
      if (!page && !ui) return;
      sync().catch(report);
    },
    focus() {
      if (!current || !ui) return;
      focusRequest += 1;
      void ui.then((instance) => renderPanel(instance.uiContainer)).catch(report);
    },
  };
}

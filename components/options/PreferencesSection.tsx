import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { MessageKey } from '@/utils/i18n/catalogue';
import type { Translator } from '@/utils/i18n/translator';
import type { ThemePreference } from '@/utils/panel/page-theme';
import type { PanelHome } from '@/utils/panel/preferences';
import { useI18n } from '../i18n';
import type { OptionsApi } from './options-api';

const THEMES: readonly (readonly [ThemePreference, MessageKey])[] = [
  ['auto', 'options.coloursAuto'],
  ['light', 'options.coloursLight'],
  ['dark', 'options.coloursDark'],
];

// Chrome calls it the side panel, Firefox the sidebar.
const SIDE_PANEL_HOME: MessageKey = import.meta.env.FIREFOX ? 'options.homeSidebar' : 'options.homeSidePanel';
const SIDE_PANEL_HINT: MessageKey = import.meta.env.FIREFOX ? 'options.homeHintSidebar' : 'options.homeHintSidePanel';

const HOMES: readonly (readonly [PanelHome, MessageKey])[] = [
  ['page', 'options.homePage'],
  ['side-panel', SIDE_PANEL_HOME],
];

interface Loaded {
  home: PanelHome;
  collapsed: boolean;
  theme: ThemePreference;
  shortcut: string | null;
}

/** A labelled select of one preference, its hint read with it. */
function Choice<T extends string>(props: {
  label: string;
  hint?: string;
  choices: readonly (readonly [T, MessageKey])[];
  value: T;
  disabled: boolean;
  onChange(value: T): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const hintId = useId();
  return (
    <div class="op-preference">
      <div class="op-field">
        <label for={id}>{props.label}</label>
        <select
          id={id}
          value={props.value}
          disabled={props.disabled}
          aria-describedby={props.hint ? hintId : undefined}
          onChange={(event) => props.onChange(event.currentTarget.value as T)}
        >
          {props.choices.map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
      </div>
      {props.hint ? (
        <p id={hintId} class="op-muted">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

function shortcutSentence(t: Translator['t'], shortcut: string | null | undefined): string {
  // null: the browser cannot tell; the manifest's default is then the best guess.
  if (shortcut === '') return t('options.shortcutNone');
  return t('options.shortcutSet', { shortcut: shortcut ?? 'Alt+Shift+T' });
}

/** Every preference in one place; `language` is the Language select, first. */
export function PreferencesSection({ api, language }: { api: OptionsApi; language?: ComponentChildren }) {
  const { t } = useI18n();
  const checkboxId = useId();
  const collapsedHintId = useId();
  const placementHintId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [placementReset, setPlacementReset] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([api.loadHome(), api.loadStartCollapsed(), api.loadTheme(), api.panelShortcut()]).then(
      ([home, collapsed, theme, shortcut]) => {
        if (live) setLoaded({ home, collapsed, theme, shortcut });
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <section class="op-section" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t('options.preferencesHeading')}</h2>
      {language}
      <Choice
        label={t('options.panelHome')}
        hint={t(SIDE_PANEL_HINT)}
        choices={HOMES}
        value={loaded?.home ?? 'page'}
        disabled={loaded === null}
        onChange={(home) => {
          setLoaded((current) => (current ? { ...current, home } : current));
          void api.saveHome(home);
        }}
      />
      <div class="op-preference">
        <div class="op-check">
          <input
            id={checkboxId}
            type="checkbox"
            checked={loaded?.collapsed === true}
            disabled={loaded === null}
            aria-describedby={collapsedHintId}
            onChange={(event) => {
              const collapsed = event.currentTarget.checked;
              setLoaded((current) => (current ? { ...current, collapsed } : current));
              void api.saveStartCollapsed(collapsed);
            }}
          />
          <label for={checkboxId}>{t('options.startCollapsed')}</label>
        </div>
        <p id={collapsedHintId} class="op-muted">
          {t('options.startCollapsedHint')}
        </p>
      </div>
      <Choice
        label={t('options.colours')}
        choices={THEMES}
        value={loaded?.theme ?? 'auto'}
        disabled={loaded === null}
        onChange={(theme) => {
          setLoaded((current) => (current ? { ...current, theme } : current));
          void api.saveTheme(theme);
        }}
      />
      <div class="op-preference">
        <p>
          <button
            type="button"
            class="op-button"
            aria-describedby={placementHintId}
            onClick={() => {
              void api.resetPlacement().then(() => setPlacementReset(true));
            }}
          >
            {t('options.placementReset')}
          </button>{' '}
          <span role="status">{placementReset ? t('options.placementDone') : ''}</span>
        </p>
        <p id={placementHintId} class="op-muted">
          {t('options.placementHint')}
        </p>
      </div>
      <p>
        {shortcutSentence(t, loaded?.shortcut)} {t('options.shortcutChange')}
      </p>
    </section>
  );
}

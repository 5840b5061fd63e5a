import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { ThemePreference } from '@/utils/panel/page-theme';
import type { PanelHome } from '@/utils/panel/preferences';
import type { OptionsApi } from './options-api';
import { type OptionsTextKey, optionsText as text } from './options-text';

const THEMES: readonly (readonly [ThemePreference, OptionsTextKey])[] = [
  ['auto', 'coloursAuto'],
  ['light', 'coloursLight'],
  ['dark', 'coloursDark'],
];

// Chrome calls it the side panel, Firefox the sidebar.
const SIDE_PANEL_HOME: OptionsTextKey = import.meta.env.FIREFOX ? 'homeSidebar' : 'homeSidePanel';
const SIDE_PANEL_HINT: OptionsTextKey = import.meta.env.FIREFOX ? 'homeHintSidebar' : 'homeHintSidePanel';

const HOMES: readonly (readonly [PanelHome, OptionsTextKey])[] = [
  ['page', 'homePage'],
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
  choices: readonly (readonly [T, OptionsTextKey])[];
  value: T;
  disabled: boolean;
  onChange(value: T): void;
}) {
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
              {text(label)}
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

function shortcutSentence(shortcut: string | null | undefined): string {
  // null: the browser cannot tell; the manifest's default is then the best guess.
  if (shortcut === '') return text('shortcutNone');
  return text('shortcutSet', { shortcut: shortcut ?? 'Alt+Shift+T' });
}

/** Every preference in one place; `language` is the Language select, first. */
export function PreferencesSection({ api, language }: { api: OptionsApi; language?: ComponentChildren }) {
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
      <h2 id="preferences-heading">{text('preferencesHeading')}</h2>
      {language}
      <Choice
        label={text('panelHome')}
        hint={text(SIDE_PANEL_HINT)}
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
          <label for={checkboxId}>{text('startCollapsed')}</label>
        </div>
        <p id={collapsedHintId} class="op-muted">
          {text('startCollapsedHint')}
        </p>
      </div>
      <Choice
        label={text('colours')}
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
            {text('placementReset')}
          </button>{' '}
          <span role="status">{placementReset ? text('placementDone') : ''}</span>
        </p>
        <p id={placementHintId} class="op-muted">
          {text('placementHint')}
        </p>
      </div>
      <p>
        {shortcutSentence(loaded?.shortcut)} {text('shortcutChange')}
      </p>
    </section>
  );
}

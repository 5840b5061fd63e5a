import { useEffect, useId, useState } from 'preact/hooks';
import type { ThemePreference } from '@/utils/panel/page-theme';
import type { PanelHome } from '@/utils/panel/preferences';
import type { OptionsApi } from './options-api';

const THEMES: readonly (readonly [ThemePreference, string])[] = [
  ['auto', 'As the Zoho page is'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

const SIDE_PANEL_NAME = import.meta.env.FIREFOX ? 'sidebar' : 'side panel';

const HOMES: readonly (readonly [PanelHome, string])[] = [
  ['page', 'In the Zoho page, beside the record'],
  ['side-panel', `In the browser’s ${SIDE_PANEL_NAME}`],
];

interface Loaded {
  home: PanelHome;
  collapsed: boolean;
  theme: ThemePreference;
  shortcut: string | null;
}

/** A labelled select of one preference. */
function Choice<T extends string>(props: {
  label: string;
  choices: readonly (readonly [T, string])[];
  value: T;
  disabled: boolean;
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <div class="op-field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.choices.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PanelPreferences({ api }: { api: OptionsApi }) {
  const checkboxId = useId();
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
    <section class="op-section" aria-labelledby="panel-heading">
      <h2 id="panel-heading">Panel</h2>
      <Choice
        label="Where the panel shows"
        choices={HOMES}
        value={loaded?.home ?? 'page'}
        disabled={loaded === null}
        onChange={(home) => {
          setLoaded((current) => (current ? { ...current, home } : current));
          void api.saveHome(home);
        }}
      />
      <p class="op-muted">
        In the {SIDE_PANEL_NAME}, the panel shows the record of the active tab and nothing is added to Zoho’s page. Open
        it from the toolbar button (Territory Panel → Open in the {SIDE_PANEL_NAME}) or from the panel’s ⇥ button.
      </p>
      <div class="op-check">
        <input
          id={checkboxId}
          type="checkbox"
          checked={loaded?.collapsed === true}
          disabled={loaded === null}
          onChange={(event) => {
            const collapsed = event.currentTarget.checked;
            setLoaded((current) => (current ? { ...current, collapsed } : current));
            void api.saveStartCollapsed(collapsed);
          }}
        />
        <label for={checkboxId}>Start with the panel collapsed</label>
      </div>
      <p class="op-muted">
        Collapsed, the panel is a slim tab with the record’s territory count. Collapsing or expanding it on a record
        page changes this setting too. In windows narrower than 1100 px it always starts collapsed.
      </p>
      <Choice
        label="Colours"
        choices={THEMES}
        value={loaded?.theme ?? 'auto'}
        disabled={loaded === null}
        onChange={(theme) => {
          setLoaded((current) => (current ? { ...current, theme } : current));
          void api.saveTheme(theme);
        }}
      />
      <p class="op-muted">
        Drag the panel by its grip (⠿) to the left or right edge and up or down, and by its lower edge to change its
        height; with the keyboard, focus the grip or the lower edge and use the arrow keys. It stays where you left it.
      </p>
      <p>
        <button
          type="button"
          class="op-button"
          onClick={() => {
            void api.resetPlacement().then(() => setPlacementReset(true));
          }}
        >
          Put the panel back at the right edge
        </button>{' '}
        <span role="status">
          {placementReset ? 'Done: it is back on the right from the next record you open.' : ''}
        </span>
      </p>
      <p>
        {loaded?.shortcut
          ? `Keyboard shortcut: ${loaded.shortcut} opens the panel and moves focus to it; Escape closes it and returns focus.`
          : loaded?.shortcut === ''
            ? 'No keyboard shortcut is set for opening the panel.'
            : 'Keyboard shortcut: Alt+Shift+T opens the panel and moves focus to it; Escape closes it and returns focus.'}{' '}
        Change it in your browser’s extension shortcut settings (Chrome: chrome://extensions/shortcuts; Firefox: Add-ons
        and themes → ⚙ → Manage Extension Shortcuts).
      </p>
    </section>
  );
}

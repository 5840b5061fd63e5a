import { useEffect, useId, useState } from 'preact/hooks';
import type { OptionsApi } from './options-api';

export function PanelPreferences({ api }: { api: OptionsApi }) {
  const checkboxId = useId();
  const [collapsed, setCollapsed] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    api.loadStartCollapsed().then((stored) => {
      if (live) setCollapsed(stored);
    });
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <section class="op-section" aria-labelledby="panel-heading">
      <h2 id="panel-heading">Panel</h2>
      <div class="op-check">
        <input
          id={checkboxId}
          type="checkbox"
          checked={collapsed === true}
          disabled={collapsed === null}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            setCollapsed(next);
            void api.saveStartCollapsed(next);
          }}
        />
        <label for={checkboxId}>Start with the panel collapsed</label>
      </div>
      <p class="op-muted">
        A collapsed panel reads nothing from Zoho until you open it. Collapsing or expanding it on a record page changes
        this setting too.
      </p>
    </section>
  );
}

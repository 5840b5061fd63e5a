import { useId, useMemo, useState } from 'preact/hooks';
import { filterTerritoryTree, territoryTree } from '@/utils/bulk/territory-tree';
import type { BulkTerritory } from '@/utils/bulk-protocol';
import { useI18n } from '../i18n';

export interface TerritoryPickerProps {
  territories: readonly BulkTerritory[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}

/** Territories to remove: a searchable list that shows the hierarchy, one checkbox each. */
export function TerritoryPicker({ territories, selected, onChange }: TerritoryPickerProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const tree = useMemo(() => territoryTree(territories), [territories]);
  const shown = useMemo(() => filterTerritoryTree(tree, query), [tree, query]);
  const names = useMemo(() => new Map(territories.map((t) => [t.id, t.name])), [territories]);
  const chosen = new Set(selected);

  const toggle = (id: string, on: boolean) => {
    onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  };

  return (
    <fieldset class="bk-fieldset">
      <legend>{t('bulk.territoriesToRemove')}</legend>
      <div class="bk-row">
        <label for={searchId}>{t('bulk.searchTerritories')}</label>
        <input
          id={searchId}
          class="bk-input"
          type="search"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      {selected.length > 0 ? (
        <ul class="bk-chips" aria-label={t('bulk.chosenTerritories')}>
          {selected.map((id) => (
            <li key={id} class="bk-chip">
              {names.get(id) ?? id}
              <button
                type="button"
                class="bk-chip-remove"
                aria-label={t('bulk.doNotRemove', { name: names.get(id) ?? id })}
                onClick={() => toggle(id, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="bk-muted">{t('bulk.noneChosen')}</p>
      )}
      {shown.length === 0 ? (
        <p class="bk-muted">{t('bulk.noMatch', { query: query.trim() })}</p>
      ) : (
        <ul class="bk-tree" aria-label={t('panel.title')}>
          {shown.map(({ territory, depth, ancestors }) => (
            <li key={territory.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }}>
              <label class="bk-check">
                <input
                  type="checkbox"
                  checked={chosen.has(territory.id)}
                  onChange={(event) => toggle(territory.id, event.currentTarget.checked)}
                />
                {territory.name}
                {ancestors.length > 0 ? (
                  <span class="bk-sr-only">{t('bulk.under', { path: ancestors.join(' › ') })}</span>
                ) : null}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

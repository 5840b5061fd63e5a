import { useRef, useState } from 'preact/hooks';
import type { ListSelection } from '@/utils/list-selection';
import type { ErrorInfo, Result } from '@/utils/messaging';
import type { PanelTheme } from '@/utils/panel/page-theme';

export interface SelectionBarProps {
  selection: ListSelection;
  /** as the CRM page is (or as the user chose) */
  theme?: PanelTheme;
  /** Opens the bulk page with these records (none: an empty selection, org and module filled in). */
  openBulkPage(recordIds: string[]): Promise<Result<null>>;
}

function records(count: number): string {
  return count === 1 ? '1 selected record' : `${count} selected records`;
}

/** A bar at the foot of a Zoho list view, clear of its chat bar: the selected records, one step from the bulk page. */
export function SelectionBar({ selection, theme, openBulkPage }: SelectionBarProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const opening = useRef(false);
  const count = selection.recordIds.length;

  const open = async (recordIds: string[]) => {
    // One click, one tab: a second click while the first is under way does nothing.
    if (opening.current) return;
    opening.current = true;
    setBusy(true);
    setFailure(null);
    const result = await openBulkPage(recordIds);
    opening.current = false;
    setBusy(false);
    if (!result.ok) setFailure(result.error);
  };

  if (count === 0 && selection.unreadable === 0) return null;
  return (
    <section class="tp-selection" data-theme={theme} aria-label="Territory Panel">
      {count > 0 ? (
        <>
          <button
            type="button"
            class="tp-button tp-primary"
            aria-disabled={busy ? 'true' : undefined}
            aria-busy={busy ? 'true' : undefined}
            onClick={() => void open(selection.recordIds)}
          >
            Remove territories from {records(count)}
          </button>
          {selection.unreadable > 0 ? (
            <p class="tp-note">
              {selection.unreadable === 1 ? '1 more selected row' : `${selection.unreadable} more selected rows`} could
              not be read. Add {selection.unreadable === 1 ? 'its record id' : 'their record ids'} on the bulk page.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p class="tp-message">
            Territory Panel cannot read the selection on this page. Open the bulk page and paste the record ids.
          </p>
          <button
            type="button"
            class="tp-button"
            aria-disabled={busy ? 'true' : undefined}
            aria-busy={busy ? 'true' : undefined}
            onClick={() => void open([])}
          >
            Open the bulk page
          </button>
        </>
      )}
      {failure ? (
        <div class="tp-error" role="alert">
          <p>Territory Panel could not open the bulk page. Reload this page and try again.</p>
          <p class="tp-error-code">Code: {failure.code}</p>
        </div>
      ) : null}
    </section>
  );
}

import { useRef, useState } from 'preact/hooks';
import type { ListSelection } from '@/utils/list-selection';
import type { ErrorInfo, Result } from '@/utils/messaging';
import type { PanelTheme } from '@/utils/panel/page-theme';
import { useI18n } from './i18n';

export interface SelectionBarProps {
  selection: ListSelection;
  /** as the CRM page is (or as the user chose) */
  theme?: PanelTheme;
  /** Opens the bulk page with these records (none: an empty selection, org and module filled in). */
  openBulkPage(recordIds: string[]): Promise<Result<null>>;
}

/** A bar at the foot of a Zoho list view, clear of its chat bar: the selected records, one step from the bulk page. */
export function SelectionBar({ selection, theme, openBulkPage }: SelectionBarProps) {
  const { t } = useI18n();
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
    <section class="tp-selection" data-theme={theme} aria-label={t('selection.landmark')}>
      {count > 0 ? (
        <>
          <button
            type="button"
            class="tp-button tp-primary"
            aria-disabled={busy ? 'true' : undefined}
            aria-busy={busy ? 'true' : undefined}
            onClick={() => void open(selection.recordIds)}
          >
            {t('selection.removeFrom', { count })}
          </button>
          {selection.unreadable > 0 ? (
            <p class="tp-note">{t('selection.unreadable', { count: selection.unreadable })}</p>
          ) : null}
        </>
      ) : (
        <>
          <p class="tp-message">{t('selection.cannotRead')}</p>
          <button
            type="button"
            class="tp-button"
            aria-disabled={busy ? 'true' : undefined}
            aria-busy={busy ? 'true' : undefined}
            onClick={() => void open([])}
          >
            {t('selection.openBulkPage')}
          </button>
        </>
      )}
      {failure ? (
        <div class="tp-error" role="alert">
          <p>{t('selection.openFailed')}</p>
          <p class="tp-error-code">{t('common.code', { code: failure.code })}</p>
        </div>
      ) : null}
    </section>
  );
}

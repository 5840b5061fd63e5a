import type { TerritoryModule } from '@/utils/crm-page';
import type { MessageKey } from '@/utils/i18n/catalogue';
import type { UndoOffer } from '@/utils/panel/panel-state';
import { describeError } from '@/utils/zoho-errors';
import { ErrorNotice } from './ErrorNotice';
import { useI18n } from './i18n';

export interface UndoItemProps {
  offer: UndoOffer;
  module: TerritoryModule;
  optionsUrl: string;
  onUndo: (territoryId: string) => void;
  onErrorAction: (territoryId: string) => void;
  onDismiss: (territoryId: string) => void;
  onHold: (territoryId: string) => void;
  onRelease: (territoryId: string) => void;
}

const STATUS_TEXT = {
  offered: 'panel.undoRemoved',
  assigning: 'panel.undoRestoring',
  'signing-in': 'panel.undoRestoring',
  confirming: 'panel.undoConfirming',
  pending: 'panel.undoPending',
  failed: 'panel.undoFailed',
} as const satisfies Record<UndoOffer['status'], MessageKey>;

/** The Undo button's words, shown and spoken: the spoken name starts with the shown word (axe). */
function undoButton(offer: UndoOffer): { shown: MessageKey; spoken: MessageKey } {
  switch (offer.status) {
    case 'signing-in':
      return { shown: 'common.signingIn', spoken: 'panel.signingInToUndo' };
    case 'offered':
    case 'failed':
      return { shown: 'panel.undo', spoken: 'panel.undoNamed' };
    default:
      return { shown: 'panel.undoing', spoken: 'panel.undoingNamed' };
  }
}

/** A removed territory in the place its row had: Undo, or how restoring it went. */
export function UndoItem({
  offer,
  module,
  optionsUrl,
  onUndo,
  onErrorAction,
  onDismiss,
  onHold,
  onRelease,
}: UndoItemProps) {
  const { t } = useI18n();
  const id = offer.territory.id;
  const busy = offer.status === 'assigning' || offer.status === 'signing-in' || offer.status === 'confirming';
  const name = offer.territory.name;
  const button = undoButton(offer);
  return (
    <li class="tp-row tp-undo" data-undo-territory-id={id} data-row-id={id}>
      <div class="tp-row-line">
        <p class="tp-undo-text">{t(STATUS_TEXT[offer.status], { name })}</p>
        <div class="tp-row-action">
          {offer.status === 'offered' || busy ? (
            <button
              type="button"
              class="tp-button"
              data-undo-button=""
              data-focus-key={`undo:${id}`}
              aria-label={t(button.spoken, { name })}
              aria-disabled={busy ? 'true' : undefined}
              aria-busy={busy ? 'true' : undefined}
              onClick={(event) => {
                // Undo appears where the removed row's button was: the second click of a double
                // click on Remove lands here and must not put the territory straight back.
                if (event.detail > 1) return;
                onUndo(id);
              }}
              onFocus={() => onHold(id)}
              onBlur={() => onRelease(id)}
            >
              {t(button.shown)}
            </button>
          ) : null}
          {offer.status === 'failed' || offer.status === 'pending' ? (
            <button
              type="button"
              class="tp-button tp-quiet"
              data-focus-key={`dismiss:${id}`}
              aria-label={t('panel.dismissNamed', { name })}
              onClick={() => onDismiss(id)}
            >
              {t('common.dismiss')}
            </button>
          ) : null}
        </div>
      </div>
      {offer.status === 'failed' && offer.error ? (
        <ErrorNotice
          error={offer.error}
          module={module}
          actions={[describeError(offer.error).action]}
          optionsUrl={optionsUrl}
          onAction={() => onErrorAction(id)}
        />
      ) : null}
    </li>
  );
}

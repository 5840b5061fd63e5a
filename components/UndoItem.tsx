import type { TerritoryModule } from '@/utils/crm-page';
import type { UndoOffer } from '@/utils/panel/panel-state';
import { describeError } from '@/utils/zoho-errors';
import { ErrorNotice } from './ErrorNotice';

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

function statusText(offer: UndoOffer): string {
  const name = offer.territory.name;
  switch (offer.status) {
    case 'offered':
      return `${name} removed`;
    case 'assigning':
    case 'signing-in':
      return `Restoring ${name}…`;
    case 'confirming':
      return `Restoring ${name} — waiting for Zoho…`;
    case 'pending':
      return `Zoho has not finished restoring ${name} yet. Refresh later to check.`;
    case 'failed':
      return `${name} could not be restored.`;
  }
}

function undoWord(offer: UndoOffer): string {
  if (offer.status === 'signing-in') return 'Signing in';
  return offer.status === 'offered' || offer.status === 'failed' ? 'Undo' : 'Undoing';
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
  const id = offer.territory.id;
  const busy = offer.status === 'assigning' || offer.status === 'signing-in' || offer.status === 'confirming';
  const name = offer.territory.name;
  return (
    <li class="tp-row tp-undo" data-undo-territory-id={id} data-row-id={id}>
      <div class="tp-row-line">
        <p class="tp-undo-text">{statusText(offer)}</p>
        <div class="tp-row-action">
          {offer.status === 'offered' || busy ? (
            <button
              type="button"
              class="tp-button"
              data-undo-button=""
              data-focus-key={`undo:${id}`}
              aria-label={busy ? `${undoWord(offer)} removal of ${name}…` : `${undoWord(offer)} removal of ${name}`}
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
              {busy ? `${undoWord(offer)}…` : undoWord(offer)}
            </button>
          ) : null}
          {offer.status === 'failed' || offer.status === 'pending' ? (
            <button
              type="button"
              class="tp-button tp-quiet"
              data-focus-key={`dismiss:${id}`}
              aria-label={`Dismiss ${name}`}
              onClick={() => onDismiss(id)}
            >
              Dismiss
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

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
      return `${name} removed.`;
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
  return (
    <li class="tp-undo" data-territory-id={id}>
      <p class="tp-undo-text">{statusText(offer)}</p>
      {offer.status === 'offered' || busy ? (
        <button
          type="button"
          class="tp-button"
          data-undo-button=""
          aria-label={`Undo removal of ${offer.territory.name}`}
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
          {offer.status === 'signing-in' ? 'Signing in…' : busy ? 'Undoing…' : 'Undo'}
        </button>
      ) : null}
      {offer.status === 'failed' && offer.error ? (
        <ErrorNotice
          error={offer.error}
          module={module}
          actions={[describeError(offer.error).action]}
          optionsUrl={optionsUrl}
          onAction={() => onErrorAction(id)}
        />
      ) : null}
      {offer.status === 'failed' || offer.status === 'pending' ? (
        <button
          type="button"
          class="tp-button tp-quiet"
          aria-label={`Dismiss ${offer.territory.name}`}
          onClick={() => onDismiss(id)}
        >
          Dismiss
        </button>
      ) : null}
    </li>
  );
}

import type { TerritoryModule } from '@/utils/crm-page';
import type { TerritoryAssignment } from '@/utils/messaging';
import { describeAssignment } from '@/utils/panel/format';
import type { RowActivity } from '@/utils/panel/panel-state';
import { describeError } from '@/utils/zoho-errors';
import { ErrorNotice } from './ErrorNotice';

export interface TerritoryRowProps {
  territory: TerritoryAssignment;
  activity: RowActivity | undefined;
  /** Zoho lists a scheduled job for this territory (seen on load) */
  scheduledByZoho: boolean;
  module: TerritoryModule;
  locale: string | undefined;
  optionsUrl: string;
  onRemove: (territoryId: string) => void;
  onErrorAction: (territoryId: string) => void;
}

function RowStatus({ territory, activity, scheduledByZoho, onRemove }: TerritoryRowProps) {
  if (territory.assigned === 'automatically') {
    return <p class="tp-note">Assigned by territory rules — Zoho does not allow removing it</p>;
  }
  if (activity?.status === 'scheduled' || (scheduledByZoho && activity === undefined)) {
    return <p class="tp-status">Removal scheduled</p>;
  }
  if (activity?.status === 'pending') {
    return <p class="tp-status">Removal still pending — Zoho has not finished it yet. Refresh later to check.</p>;
  }
  const removing = activity?.status === 'removing';
  const signingIn = activity?.status === 'signing-in';
  const busy = removing || signingIn;
  return (
    <button
      type="button"
      class="tp-button tp-remove"
      aria-label={`Remove territory ${territory.name}`}
      aria-disabled={busy ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      // The controller also refuses a second removal; aria-disabled keeps keyboard focus on the button.
      onClick={() => onRemove(territory.id)}
    >
      {removing ? 'Removing…' : signingIn ? 'Signing in…' : 'Remove'}
    </button>
  );
}

export function TerritoryRow(props: TerritoryRowProps) {
  const { territory, activity, module, locale, optionsUrl, onErrorAction } = props;
  return (
    <li class="tp-row" data-territory-id={territory.id}>
      <div class="tp-row-text">
        <span class="tp-name">{territory.name}</span>
        <span class="tp-meta">{describeAssignment(territory, locale)}</span>
      </div>
      <RowStatus {...props} />
      {activity?.status === 'failed' ? (
        <ErrorNotice
          error={activity.error}
          module={module}
          actions={[describeError(activity.error).action]}
          optionsUrl={optionsUrl}
          onAction={() => onErrorAction(territory.id)}
        />
      ) : null}
    </li>
  );
}

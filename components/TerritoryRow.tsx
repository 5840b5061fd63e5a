import { Fragment } from 'preact';
import type { TerritoryModule } from '@/utils/crm-page';
import type { TerritoryAssignment } from '@/utils/messaging';
import { assignmentParts, placeParts } from '@/utils/panel/format';
import type { RowActivity } from '@/utils/panel/panel-state';
import { describeError } from '@/utils/zoho-errors';
import { ErrorNotice } from './ErrorNotice';
import { useI18n } from './i18n';

/** Why nothing on this record can be removed now, known from the record itself (no call). */
export type RecordRestriction = 'locked' | 'read-only' | null;

export interface TerritoryRowProps {
  territory: TerritoryAssignment;
  activity: RowActivity | undefined;
  /** Zoho lists a scheduled job for this territory (seen on load) */
  scheduledByZoho: boolean;
  restriction: RecordRestriction;
  module: TerritoryModule;
  optionsUrl: string;
  onRemove: (territoryId: string) => void;
  onErrorAction: (territoryId: string) => void;
  onDismissError: (territoryId: string) => void;
}

function RowAction({ territory, activity, scheduledByZoho, restriction, onRemove }: TerritoryRowProps) {
  const { t } = useI18n();
  if (territory.assigned === 'unreadable') return null;
  if (territory.assigned === 'automatically') {
    return (
      <span class="tp-chip" title={t('panel.rulesChipHint')}>
        {t('panel.rulesChip')}
        <span class="tp-visually-hidden">{t('panel.rulesChipSpoken')}</span>
      </span>
    );
  }
  if (activity?.status === 'scheduled' || (scheduledByZoho && activity === undefined)) {
    return <span class="tp-chip">{t('panel.chipScheduled')}</span>;
  }
  if (activity?.status === 'pending') return <span class="tp-chip">{t('panel.chipPending')}</span>;
  if (restriction === 'locked') return <span class="tp-chip">{t('panel.chipLocked')}</span>;
  if (restriction === 'read-only') return <span class="tp-chip">{t('panel.chipReadOnly')}</span>;
  const removing = activity?.status === 'removing';
  const signingIn = activity?.status === 'signing-in';
  const busy = removing || signingIn;
  const shown = removing ? t('panel.removing') : signingIn ? t('common.signingIn') : t('panel.remove');
  const named = { name: territory.name };
  const spoken = removing
    ? t('panel.removingNamed', named)
    : signingIn
      ? t('panel.signingInToRemove', named)
      : t('panel.removeNamed', named);
  return (
    <button
      type="button"
      class="tp-button tp-remove"
      data-focus-key={`remove:${territory.id}`}
      // The name starts with the word shown (axe: label-content-name-mismatch) and names the territory.
      aria-label={spoken}
      aria-disabled={busy ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      // The controller also refuses a second removal; aria-disabled keeps keyboard focus on the button.
      onClick={() => onRemove(territory.id)}
    >
      {shown}
    </button>
  );
}

/**
 * "a · b · c" with each part isolated (<bdi>): Zoho's names and dates in another script or
 * direction keep their own order, and the separators stay between them (Arabic beside Latin
 * names and numeric dates reads in the right order).
 */
function Isolated({ parts }: { parts: readonly string[] }) {
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={`${index}:${part}`}>
          {index > 0 ? ' · ' : null}
          {part ? <bdi>{part}</bdi> : null}
        </Fragment>
      ))}
    </>
  );
}

export function TerritoryRow(props: TerritoryRowProps) {
  const { territory, activity, module, optionsUrl, onErrorAction, onDismissError } = props;
  const translator = useI18n();
  const { t } = translator;
  const places = placeParts(territory, translator);
  const place = places.join(' · ');
  const assignments = assignmentParts(territory, translator);
  const assignment = assignments.join(' · ');
  const note = activity?.status === 'pending' ? t('panel.removalPendingNote') : null;
  const failed = activity?.status === 'failed' ? activity.error : null;
  const action = failed ? describeError(failed).action : null;
  return (
    <li class="tp-row" data-territory-id={territory.id} data-row-id={territory.id}>
      <div class="tp-row-line">
        <div class="tp-row-text">
          <span class="tp-row-title" title={place ? `${territory.name} · ${place}` : territory.name}>
            <span class="tp-name">{territory.name}</span>
            {place ? (
              <span class="tp-place">
                <Isolated parts={['', ...places]} />
              </span>
            ) : null}
          </span>
          <span class="tp-meta" title={assignment}>
            <Isolated parts={assignments} />
          </span>
        </div>
        <div class="tp-row-action">
          <RowAction {...props} />
        </div>
      </div>
      {note ? <p class="tp-note">{note}</p> : null}
      {failed && action ? (
        <ErrorNotice
          error={failed}
          module={module}
          actions={action === 'none' ? [] : [action]}
          optionsUrl={optionsUrl}
          onAction={() => onErrorAction(territory.id)}
          onDismiss={action === 'none' ? () => onDismissError(territory.id) : undefined}
          dismissLabel={t('panel.dismissErrorOn', { name: territory.name })}
        />
      ) : null}
    </li>
  );
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TerritoryModule } from '@/utils/crm-page';
import type { MessageKey } from '@/utils/i18n/catalogue';
import type { ErrorInfo } from '@/utils/messaging';
import { errorSentence } from '@/utils/panel/format';
import type { ErrorAction } from '@/utils/zoho-errors';
import { useI18n } from './i18n';

const ACTION_LABELS = {
  retry: 'common.retry',
  'sign-in': 'common.signInAgain',
  reconnect: 'common.reconnect',
  refresh: 'common.refresh',
} as const satisfies Record<Exclude<ErrorAction, 'open-options' | 'none'>, MessageKey>;

export interface ErrorNoticeProps {
  error: ErrorInfo;
  module: TerritoryModule;
  /** the buttons to offer, in order; `open-options` is a link */
  actions: readonly ErrorAction[];
  optionsUrl: string;
  onAction: (action: ErrorAction) => void;
  /** an offered action is under way */
  busy?: boolean;
  /** offered when the error leaves nothing to do: the user reads it and puts it away */
  onDismiss?: () => void;
  dismissLabel?: string;
}

/**
 * Opens the options page where a link to it cannot: browsers block links from a web page (the
 * panel's host) to an extension page that is not web-accessible, so the panel asks the background.
 */
export const OpenOptionsContext = createContext<(() => void) | null>(null);

/** An error where it happened: the sentence, Zoho's code, Zoho's own words, and what to do next. */
export function ErrorNotice({
  error,
  module,
  actions,
  optionsUrl,
  onAction,
  busy = false,
  onDismiss,
  dismissLabel,
}: ErrorNoticeProps) {
  const openOptions = useContext(OpenOptionsContext);
  const translator = useI18n();
  const { t } = translator;
  return (
    <div class="tp-error" role="alert">
      <p class="tp-error-text">{errorSentence(error, module, translator)}</p>
      <p class="tp-error-code">
        {error.status !== undefined
          ? t('common.codeWithStatus', { code: error.code, status: error.status })
          : t('common.code', { code: error.code })}
      </p>
      {error.message ? <p class="tp-error-detail">{t('common.details', { message: error.message })}</p> : null}
      {actions.length > 0 || onDismiss ? (
        <div class="tp-actions">
          {actions.map((action) => {
            if (action === 'none') return null;
            if (action === 'open-options') {
              return (
                <a
                  key={action}
                  class="tp-button"
                  href={optionsUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  onClick={
                    openOptions
                      ? (event) => {
                          event.preventDefault();
                          openOptions();
                        }
                      : undefined
                  }
                >
                  {t('common.openOptions')}
                </a>
              );
            }
            return (
              <button
                key={action}
                type="button"
                class="tp-button"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  if (!busy) onAction(action);
                }}
              >
                {t(ACTION_LABELS[action])}
              </button>
            );
          })}
          {onDismiss ? (
            <button
              type="button"
              class="tp-button tp-quiet"
              data-focus-key="dismiss"
              aria-label={dismissLabel}
              onClick={onDismiss}
            >
              {t('common.dismiss')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

import { ErrorNotice } from '@/components/ErrorNotice';
import type { TerritoryModule } from '@/utils/crm-page';
import type { ErrorInfo } from '@/utils/messaging';
import { describeError, type ErrorAction } from '@/utils/zoho-errors';

export interface BulkErrorProps {
  error: ErrorInfo;
  module: TerritoryModule;
  optionsUrl: string;
  onRetry?: () => void;
  onSignIn?: () => void;
  busy?: boolean;
}

/** An error with the one action that helps: sign in again, open the options, or try again. */
export function BulkError({ error, module, optionsUrl, onRetry, onSignIn, busy }: BulkErrorProps) {
  const wanted = describeError(error).action;
  const actions: ErrorAction[] = [];
  if ((wanted === 'sign-in' || wanted === 'reconnect') && onSignIn) actions.push(wanted);
  else if (wanted === 'open-options') actions.push('open-options');
  if (onRetry && !actions.includes('retry')) actions.push('retry');
  return (
    <ErrorNotice
      error={error}
      module={module}
      actions={actions}
      optionsUrl={optionsUrl}
      busy={busy}
      onAction={(action) => {
        if (action === 'retry') onRetry?.();
        else onSignIn?.();
      }}
    />
  );
}

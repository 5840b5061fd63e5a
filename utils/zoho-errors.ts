// One mapping from every error code (Zoho's, ../shared/reference/zoho-crm.md §1, and our own)
// to a kind, a plain sentence (its key in the catalogue) and the action offered. Read by the panel,
// the bulk page and tests.
import type { MessageKey } from './i18n/catalogue';
import type { ErrorInfo } from './messaging';

export type ErrorKind =
  | 'locked'
  | 'system-assigned'
  | 'not-enabled'
  | 'invalid-data'
  | 'our-bug'
  | 'already-scheduled'
  | 'scope'
  | 'permission'
  | 'signed-out'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'limit'
  | 'duplicate'
  | 'setup'
  | 'sign-in-failed'
  | 'unknown';

/** What the UI offers next to the sentence. */
export type ErrorAction = 'retry' | 'sign-in' | 'reconnect' | 'refresh' | 'open-options' | 'none';

export interface ErrorDescription {
  kind: ErrorKind;
  /** the sentence, in the catalogue (locales/<locale>/errors.json); `{module}` names the record's module */
  message: ErrorMessageKey;
  action: ErrorAction;
}

type ErrorMessageKey = Extract<MessageKey, `errors.${string}`>;

const CATALOGUE = {
  RECORD_LOCKED: {
    kind: 'locked',
    action: 'retry',
  },
  NOT_ALLOWED: {
    kind: 'system-assigned',
    action: 'none',
  },
  TERRITORY_NOT_ENABLED: {
    kind: 'not-enabled',
    action: 'none',
  },
  INVALID_DATA: {
    kind: 'invalid-data',
    action: 'refresh',
  },
  MANDATORY_NOT_FOUND: {
    kind: 'our-bug',
    action: 'refresh',
  },
  INVALID_REQUEST_METHOD: {
    kind: 'our-bug',
    action: 'none',
  },
  ALREADY_SCHEDULED: {
    kind: 'already-scheduled',
    action: 'refresh',
  },
  OAUTH_SCOPE_MISMATCH: {
    kind: 'scope',
    action: 'reconnect',
  },
  NO_PERMISSION: {
    kind: 'permission',
    action: 'none',
  },
  AUTHORIZATION_FAILED: {
    kind: 'permission',
    action: 'none',
  },
  INVALID_TOKEN: {
    kind: 'signed-out',
    action: 'sign-in',
  },
  NOT_SIGNED_IN: {
    kind: 'signed-out',
    action: 'sign-in',
  },
  TOO_MANY_REQUESTS: {
    kind: 'rate-limited',
    action: 'retry',
  },
  INTERNAL_ERROR: {
    kind: 'server',
    action: 'retry',
  },
  LIMIT_EXCEEDED: {
    kind: 'limit',
    action: 'none',
  },
  DUPLICATE_DATA: {
    kind: 'duplicate',
    action: 'refresh',
  },
  NETWORK_ERROR: {
    kind: 'network',
    action: 'retry',
  },
  TIMEOUT: {
    kind: 'network',
    action: 'retry',
  },
  INVALID_RESPONSE: {
    kind: 'server',
    action: 'retry',
  },
  NO_CLIENT_ID: {
    kind: 'setup',
    action: 'open-options',
  },
  SIGN_IN_CANCELLED: {
    kind: 'sign-in-failed',
    action: 'sign-in',
  },
  SIGN_IN_FAILED: {
    kind: 'sign-in-failed',
    action: 'sign-in',
  },
  STATE_MISMATCH: {
    kind: 'sign-in-failed',
    action: 'sign-in',
  },
  FOREIGN_API_DOMAIN: {
    kind: 'sign-in-failed',
    action: 'sign-in',
  },
  SIGN_IN_IN_PROGRESS: {
    kind: 'sign-in-failed',
    action: 'none',
  },
  RECORD_NOT_FOUND: {
    kind: 'invalid-data',
    action: 'refresh',
  },
  FORBIDDEN_SENDER: {
    kind: 'our-bug',
    action: 'refresh',
  },
  ORG_NOT_IN_ADDRESS: {
    kind: 'invalid-data',
    action: 'refresh',
  },
  JOB_NOT_FOUND: {
    kind: 'invalid-data',
    action: 'none',
  },
  NOTHING_TO_RETRY: {
    kind: 'invalid-data',
    action: 'none',
  },
  NOTHING_TO_PUT_BACK: {
    kind: 'invalid-data',
    action: 'none',
  },
  RUN_STILL_MOVING: {
    kind: 'invalid-data',
    action: 'none',
  },
  PANEL_NOT_LOADED: {
    kind: 'network',
    action: 'refresh',
  },
  SIDE_PANEL_NOT_OPENED: {
    kind: 'setup',
    action: 'open-options',
  },
  STORAGE_FULL: {
    kind: 'limit',
    action: 'none',
  },
  EXTENSION_RESTARTED: {
    kind: 'network',
    action: 'refresh',
  },
} satisfies Record<string, Omit<ErrorDescription, 'message'>>;

const UNKNOWN: ErrorDescription = { kind: 'unknown', action: 'retry', message: 'errors.UNKNOWN' };

type KnownCode = keyof typeof CATALOGUE;

function known(code: KnownCode): ErrorDescription {
  return { ...CATALOGUE[code], message: `errors.${code}` };
}

export const KNOWN_ERROR_CODES = Object.keys(CATALOGUE);

export function describeError(error: Pick<ErrorInfo, 'code' | 'status'>): ErrorDescription {
  if (Object.hasOwn(CATALOGUE, error.code)) return known(error.code as KnownCode);
  // Unknown codes still follow their HTTP status where it says something certain.
  if (error.status === 429) return known('TOO_MANY_REQUESTS');
  if (error.status !== undefined && error.status >= 500) return known('INTERNAL_ERROR');
  return UNKNOWN;
}

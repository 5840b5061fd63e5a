// One mapping from every error code (Zoho's, ../shared/reference/zoho-crm.md §1, and our own)
// to a kind, a plain sentence and the action offered. Read by the panel, the bulk page and tests.
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
  text: string;
  action: ErrorAction;
}

const CATALOGUE = {
  RECORD_LOCKED: {
    kind: 'locked',
    text: 'This record is locked (for example by an approval or a review). Try again once it is unlocked.',
    action: 'retry',
  },
  NOT_ALLOWED: {
    kind: 'system-assigned',
    text: 'Territory rules assigned this territory, and Zoho does not let anyone remove a rule-assigned territory. Change the territory rules instead.',
    action: 'none',
  },
  TERRITORY_NOT_ENABLED: {
    kind: 'not-enabled',
    text: 'Territories are not enabled for Leads in this organization. Only Zoho support can enable them.',
    action: 'none',
  },
  INVALID_DATA: {
    kind: 'invalid-data',
    text: 'Zoho no longer knows this territory on this record; it may already be gone. Refresh to see what the record holds now.',
    action: 'refresh',
  },
  MANDATORY_NOT_FOUND: {
    kind: 'our-bug',
    text: 'Zoho says the request was missing something. This is a fault in Territory Panel; please report it with the code below.',
    action: 'refresh',
  },
  INVALID_REQUEST_METHOD: {
    kind: 'our-bug',
    text: 'Zoho rejected the kind of request Territory Panel sent. This is a fault in Territory Panel; please report it with the code below.',
    action: 'none',
  },
  ALREADY_SCHEDULED: {
    kind: 'already-scheduled',
    text: 'Zoho is still running an earlier territory change on this record. Wait a minute, then refresh.',
    action: 'refresh',
  },
  OAUTH_SCOPE_MISMATCH: {
    kind: 'scope',
    text: 'Your Zoho connection does not include the permission this needs. Reconnect to grant it.',
    action: 'reconnect',
  },
  NO_PERMISSION: {
    kind: 'permission',
    text: 'Your Zoho CRM profile may not update these records. Ask your CRM administrator for permission.',
    action: 'none',
  },
  AUTHORIZATION_FAILED: {
    kind: 'permission',
    text: 'Your Zoho CRM profile lacks the privilege to change territories of this record. Ask your CRM administrator.',
    action: 'none',
  },
  INVALID_TOKEN: {
    kind: 'signed-out',
    text: 'Your Zoho sign-in has expired. Sign in again to continue.',
    action: 'sign-in',
  },
  NOT_SIGNED_IN: {
    kind: 'signed-out',
    text: 'Sign in to Zoho CRM to see and change territories.',
    action: 'sign-in',
  },
  TOO_MANY_REQUESTS: {
    kind: 'rate-limited',
    text: 'Zoho is limiting requests for your organization right now (too many at once, or the daily API credits are used up). Try again in a little while.',
    action: 'retry',
  },
  INTERNAL_ERROR: {
    kind: 'server',
    text: 'Zoho had an internal error. Try again; if it keeps happening, Zoho may be having problems.',
    action: 'retry',
  },
  LIMIT_EXCEEDED: {
    kind: 'limit',
    text: 'This record already holds as many territories as Zoho allows (a Deal holds one territory; other records ten), so Zoho did not assign this one.',
    action: 'none',
  },
  DUPLICATE_DATA: {
    kind: 'duplicate',
    text: 'This territory is already assigned to the record.',
    action: 'refresh',
  },
  NETWORK_ERROR: {
    kind: 'network',
    text: 'Zoho could not be reached. Check your connection and try again.',
    action: 'retry',
  },
  TIMEOUT: {
    kind: 'network',
    text: 'Zoho did not answer in time. Try again.',
    action: 'retry',
  },
  INVALID_RESPONSE: {
    kind: 'server',
    text: 'Zoho sent an answer Territory Panel does not understand. Try again; if it persists, please report it.',
    action: 'retry',
  },
  NO_CLIENT_ID: {
    kind: 'setup',
    text: 'Territory Panel is not connected to a Zoho API client yet. Enter your client ID in the options.',
    action: 'open-options',
  },
  SIGN_IN_CANCELLED: {
    kind: 'sign-in-failed',
    text: 'Sign-in was cancelled or access was denied.',
    action: 'sign-in',
  },
  SIGN_IN_FAILED: {
    kind: 'sign-in-failed',
    text: 'Sign-in did not complete. Try again.',
    action: 'sign-in',
  },
  STATE_MISMATCH: {
    kind: 'sign-in-failed',
    text: 'The sign-in answer did not match the request, so it was ignored for your safety. Try again.',
    action: 'sign-in',
  },
  FOREIGN_API_DOMAIN: {
    kind: 'sign-in-failed',
    text: 'Zoho pointed the sign-in at an API server outside this data centre, so it was refused. Try again.',
    action: 'sign-in',
  },
  SIGN_IN_IN_PROGRESS: {
    kind: 'sign-in-failed',
    text: 'A sign-in window is already open. Finish it there.',
    action: 'none',
  },
  RECORD_NOT_FOUND: {
    kind: 'invalid-data',
    text: 'Zoho did not return this record. It may have been deleted, or your profile may not see it. Refresh the page.',
    action: 'refresh',
  },
  FORBIDDEN_SENDER: {
    kind: 'our-bug',
    text: 'Territory Panel refused a request that did not come from the page it was about. Reload the page and try again.',
    action: 'refresh',
  },
  ORG_NOT_IN_ADDRESS: {
    kind: 'invalid-data',
    text: 'This page was opened at an address that names no organization, so Territory Panel will not act for the organization it shows now. Reload the page: its address then names the organization.',
    action: 'refresh',
  },
  JOB_NOT_FOUND: {
    kind: 'invalid-data',
    text: 'Territory Panel no longer keeps this bulk run. Start a new one.',
    action: 'none',
  },
  NOTHING_TO_RETRY: {
    kind: 'invalid-data',
    text: 'No record of this run failed, so there is nothing to retry.',
    action: 'none',
  },
  NOTHING_TO_PUT_BACK: {
    kind: 'invalid-data',
    text: 'This run removed no territory from any record, so there is nothing to put back.',
    action: 'none',
  },
  RUN_STILL_MOVING: {
    kind: 'invalid-data',
    text: 'This run is still going. Pause or cancel it, or let it finish, then put back what it removed.',
    action: 'none',
  },
  PANEL_NOT_LOADED: {
    kind: 'network',
    text: 'Territory Panel could not start on this page. Reload the page.',
    action: 'refresh',
  },
  SIDE_PANEL_NOT_OPENED: {
    kind: 'setup',
    text: 'This browser opens its sidebar only from its own controls: click Territory Panel in the toolbar, then the button that opens the panel there. The options keep it there for good.',
    action: 'open-options',
  },
  STORAGE_FULL: {
    kind: 'limit',
    text: 'The browser’s storage for Territory Panel is full: this run does not fit beside the runs it keeps. Split the records into smaller runs.',
    action: 'none',
  },
  EXTENSION_RESTARTED: {
    kind: 'network',
    text: 'Territory Panel restarted while this was in progress. The list shows what Zoho holds now.',
    action: 'refresh',
  },
} satisfies Record<string, ErrorDescription>;

const UNKNOWN: ErrorDescription = {
  kind: 'unknown',
  text: 'Zoho refused the change for a reason Territory Panel does not know. Try again, or ask your CRM administrator with the code below.',
  action: 'retry',
};

export const KNOWN_ERROR_CODES = Object.keys(CATALOGUE);

export function describeError(error: Pick<ErrorInfo, 'code' | 'status'>): ErrorDescription {
  const known = Object.hasOwn(CATALOGUE, error.code) ? CATALOGUE[error.code as keyof typeof CATALOGUE] : undefined;
  if (known) return known;
  // Unknown codes still follow their HTTP status where it says something certain.
  if (error.status === 429) return CATALOGUE.TOO_MANY_REQUESTS;
  if (error.status !== undefined && error.status >= 500) return CATALOGUE.INTERNAL_ERROR;
  return UNKNOWN;
}

// The panel's state and the pure transitions between states. Side effects (requests, timers)
// live in panel-controller.ts; this module only says what the panel shows after each event.
import type { MessageKey } from '../i18n/catalogue';
import type { ChangeOutcome, ErrorInfo, RecordTerritories, Result, TerritoryAssignment } from '../messaging';
import { describeError } from '../zoho-errors';

export type ListState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: ErrorInfo }
  | { status: 'not-enabled' }
  | { status: 'failed'; error: ErrorInfo }
  | {
      status: 'loaded';
      territories: readonly TerritoryAssignment[];
      scheduled: readonly string[];
      /** the record is locked for this user (approval, review): nothing can be changed now */
      lockedForMe: boolean;
      /** false: this user may not edit the record, so cannot remove its territories */
      editable: boolean;
    };

/** What is happening to one listed territory; no entry means nothing is. */
export type RowActivity =
  | { status: 'removing' }
  /** Zoho scheduled the removal; the panel re-reads the record until it is gone. */
  | { status: 'scheduled' }
  /** Following gave up: Zoho had not finished the scheduled removal. */
  | { status: 'pending' }
  /** Signing in again before re-sending the removal. */
  | { status: 'signing-in' }
  | { status: 'failed'; error: ErrorInfo };

export type UndoStatus =
  | 'offered'
  | 'assigning'
  | 'signing-in'
  /** Zoho accepted the assignment; waiting for the record to list the territory again. */
  | 'confirming'
  /** Following gave up: Zoho had not finished the scheduled assignment. */
  | 'pending'
  | 'failed';

export interface UndoOffer {
  territory: TerritoryAssignment;
  status: UndoStatus;
  error: ErrorInfo | null;
}

/** Words to say, as a catalogue key and its values: the panel says them in its language. */
export interface Phrase {
  key: MessageKey;
  values: { name: string };
}

export interface Announcement {
  phrases: readonly Phrase[];
  /** changes with every announcement, so that saying the same words twice is heard twice */
  seq: number;
}

export interface PanelState {
  list: ListState;
  /** a user-requested re-read of a loaded list is in flight */
  refreshing: boolean;
  /** the last user-requested re-read of a loaded list failed; the list shown is the previous one */
  listError: ErrorInfo | null;
  /** the panel-wide sign-in (signed out, or a list-level sign-in/reconnect action) */
  signIn: { busy: boolean; error: ErrorInfo | null };
  rows: Readonly<Record<string, RowActivity>>;
  undo: readonly UndoOffer[];
  /** every territory id in the order first listed: a removed row's Undo, and an undone territory, keep their place */
  order: readonly string[];
  /** a change went through: Zoho's own Territories field shows it only after the page reloads */
  pageStale: boolean;
  announcement: Announcement | null;
}

/** load: first read or retry (shows "Loading"); refresh: the user asked (keeps the list on failure);
 *  quiet: a follow-up or a check after a failure (a failure changes nothing). */
export type ReadMode = 'load' | 'refresh' | 'quiet';

export type PanelAction =
  | { type: 'load-started' }
  | { type: 'refresh-started' }
  | { type: 'refresh-abandoned' }
  | { type: 'territories-received'; mode: ReadMode; result: Result<RecordTerritories> }
  | { type: 'sign-in-started' }
  | { type: 'sign-in-finished'; error: ErrorInfo | null }
  | { type: 'remove-started'; territory: TerritoryAssignment }
  | { type: 'remove-finished'; territory: TerritoryAssignment; result: Result<ChangeOutcome> }
  | { type: 'row-sign-in-started'; territoryId: string }
  | { type: 'row-sign-in-finished'; territoryId: string; error: ErrorInfo | null }
  | { type: 'removal-still-pending'; territoryId: string }
  | { type: 'undo-started'; territoryId: string }
  | { type: 'undo-finished'; territoryId: string; result: Result<ChangeOutcome> }
  | { type: 'undo-sign-in-started'; territoryId: string }
  | { type: 'undo-sign-in-finished'; territoryId: string; error: ErrorInfo | null }
  | { type: 'undo-still-pending'; territoryId: string }
  | { type: 'undo-expired'; territoryId: string }
  | { type: 'undo-dismissed'; territoryId: string }
  | { type: 'row-error-dismissed'; territoryId: string };

export const INITIAL_PANEL_STATE: PanelState = {
  list: { status: 'loading' },
  refreshing: false,
  listError: null,
  signIn: { busy: false, error: null },
  rows: {},
  undo: [],
  order: [],
  pageStale: false,
  announcement: null,
};

/** A row whose removal is under way or awaited: a click on it must send nothing. */
export function isRowBusy(activity: RowActivity | undefined): boolean {
  return activity !== undefined && activity.status !== 'failed';
}

export function isUndoBusy(offer: UndoOffer): boolean {
  return offer.status !== 'offered' && offer.status !== 'failed';
}

/** The list state a failed load leads to. */
export function listStateOfError(error: ErrorInfo): ListState {
  if (error.code === 'TERRITORY_NOT_ENABLED') return { status: 'not-enabled' };
  if (describeError(error).action === 'sign-in' && error.code !== 'NO_CLIENT_ID') {
    return { status: 'signed-out', reason: error };
  }
  return { status: 'failed', error };
}

function announce(state: PanelState, ...phrases: Phrase[]): Announcement {
  return { phrases, seq: (state.announcement?.seq ?? 0) + 1 };
}

function about(key: MessageKey, territory: Pick<TerritoryAssignment, 'name'>): Phrase {
  return { key, values: { name: territory.name } };
}

function withRow(rows: PanelState['rows'], id: string, activity: RowActivity | null): PanelState['rows'] {
  const next = { ...rows };
  if (activity) next[id] = activity;
  else delete next[id];
  return next;
}

function updateOffer(state: PanelState, territoryId: string, change: Partial<UndoOffer>): PanelState {
  if (!state.undo.some((offer) => offer.territory.id === territoryId)) return state;
  return {
    ...state,
    undo: state.undo.map((offer) => (offer.territory.id === territoryId ? { ...offer, ...change } : offer)),
  };
}

function offerUndo(undo: readonly UndoOffer[], territory: TerritoryAssignment): UndoOffer[] {
  return [
    ...undo.filter((offer) => offer.territory.id !== territory.id),
    { territory, status: 'offered', error: null },
  ];
}

/** `order` with ids it has not seen appended, in the order Zoho lists them. */
function extendOrder(order: readonly string[], territories: readonly TerritoryAssignment[]): readonly string[] {
  const known = new Set(order);
  const added = territories.map((territory) => territory.id).filter((id) => !known.has(id));
  return added.length > 0 ? [...order, ...added] : order;
}

/** Zoho's list in the panel's order: a territory assigned again comes back where it was. */
function inOrder(territories: readonly TerritoryAssignment[], order: readonly string[]): TerritoryAssignment[] {
  const position = new Map(order.map((id, index) => [id, index]));
  return [...territories].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}

function receiveTerritories(state: PanelState, mode: ReadMode, value: RecordTerritories): PanelState {
  const base: PanelState = {
    ...state,
    refreshing: mode === 'quiet' ? state.refreshing : false,
    listError: mode === 'quiet' ? state.listError : null,
  };
  if (!value.enabled) return { ...base, list: { status: 'not-enabled' }, rows: {}, undo: [] };
  const order = extendOrder(state.order, value.territories);

  const previous = state.list.status === 'loaded' ? state.list.territories : [];
  const present = new Set(value.territories.map((territory) => territory.id));
  const rows: Record<string, RowActivity> = {};
  let undo = [...state.undo];
  const messages: Phrase[] = [];

  for (const [id, activity] of Object.entries(state.rows)) {
    if (present.has(id)) {
      // After a fresh look the user asked for, old failures and give-ups no longer describe the row.
      const stale = activity.status === 'failed' || activity.status === 'pending';
      if (mode === 'quiet' || !stale) rows[id] = activity;
      continue;
    }
    if (activity.status === 'removing' || activity.status === 'signing-in') {
      rows[id] = activity;
      continue;
    }
    const territory = previous.find((candidate) => candidate.id === id);
    if ((activity.status === 'scheduled' || activity.status === 'pending') && territory) {
      undo = offerUndo(undo, territory);
      messages.push(about('panel.announceRemoved', territory));
    }
  }

  undo = undo.filter((offer) => {
    if (!present.has(offer.territory.id) || offer.status === 'assigning' || offer.status === 'signing-in') return true;
    if (offer.status !== 'offered') messages.push(about('panel.announceRestored', offer.territory));
    return false;
  });

  return {
    ...base,
    list: {
      status: 'loaded',
      territories: inOrder(value.territories, order),
      scheduled: value.scheduled,
      lockedForMe: value.lockedForMe,
      editable: value.editable,
    },
    rows,
    undo,
    order,
    pageStale: state.pageStale || messages.length > 0,
    announcement: messages.length > 0 ? announce(state, ...messages) : state.announcement,
  };
}

export function panelReducer(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'load-started':
      // The first load starts from the state the panel was first drawn in: nothing to draw again.
      if (state.list.status === 'loading' && !state.refreshing && state.listError === null) return state;
      return { ...state, list: { status: 'loading' }, refreshing: false, listError: null };

    case 'refresh-started':
      if (state.list.status !== 'loaded') return { ...state, list: { status: 'loading' }, listError: null };
      return { ...state, refreshing: true };

    case 'refresh-abandoned':
      return { ...state, refreshing: false };

    case 'territories-received': {
      const { mode, result } = action;
      if (result.ok) return receiveTerritories(state, mode, result.value);
      if (mode === 'quiet') return state;
      if (mode === 'refresh' && state.list.status === 'loaded') {
        return { ...state, refreshing: false, listError: result.error };
      }
      return { ...state, refreshing: false, listError: null, list: listStateOfError(result.error) };
    }

    case 'sign-in-started':
      return { ...state, signIn: { busy: true, error: null } };

    case 'sign-in-finished':
      return { ...state, signIn: { busy: false, error: action.error } };

    case 'remove-started':
      return { ...state, rows: withRow(state.rows, action.territory.id, { status: 'removing' }) };

    case 'remove-finished': {
      const { territory, result } = action;
      if (!result.ok) {
        return { ...state, rows: withRow(state.rows, territory.id, { status: 'failed', error: result.error }) };
      }
      if (result.value.outcome === 'scheduled') {
        return {
          ...state,
          rows: withRow(state.rows, territory.id, { status: 'scheduled' }),
          announcement: announce(state, about('panel.announceScheduled', territory)),
        };
      }
      const list =
        state.list.status === 'loaded'
          ? {
              ...state.list,
              territories: state.list.territories.filter((candidate) => candidate.id !== territory.id),
              scheduled: state.list.scheduled.filter((id) => id !== territory.id),
            }
          : state.list;
      return {
        ...state,
        list,
        rows: withRow(state.rows, territory.id, null),
        undo: offerUndo(state.undo, territory),
        pageStale: true,
        announcement: announce(state, about('panel.announceRemoved', territory)),
      };
    }

    case 'row-sign-in-started':
      return { ...state, rows: withRow(state.rows, action.territoryId, { status: 'signing-in' }) };

    case 'row-sign-in-finished':
      return {
        ...state,
        rows: withRow(state.rows, action.territoryId, action.error ? { status: 'failed', error: action.error } : null),
      };

    case 'removal-still-pending': {
      if (state.rows[action.territoryId]?.status !== 'scheduled') return state;
      const territory =
        state.list.status === 'loaded'
          ? state.list.territories.find((candidate) => candidate.id === action.territoryId)
          : undefined;
      return {
        ...state,
        rows: withRow(state.rows, action.territoryId, { status: 'pending' }),
        announcement: territory
          ? announce(state, about('panel.announceRemovalPending', territory))
          : state.announcement,
      };
    }

    case 'undo-started':
      return updateOffer(state, action.territoryId, { status: 'assigning', error: null });

    case 'undo-finished':
      return action.result.ok
        ? updateOffer(state, action.territoryId, { status: 'confirming', error: null })
        : updateOffer(state, action.territoryId, { status: 'failed', error: action.result.error });

    case 'undo-sign-in-started':
      return updateOffer(state, action.territoryId, { status: 'signing-in', error: null });

    case 'undo-sign-in-finished':
      return action.error
        ? updateOffer(state, action.territoryId, { status: 'failed', error: action.error })
        : updateOffer(state, action.territoryId, { status: 'offered', error: null });

    case 'undo-still-pending': {
      const offer = state.undo.find((candidate) => candidate.territory.id === action.territoryId);
      if (offer?.status !== 'confirming') return state;
      return {
        ...updateOffer(state, action.territoryId, { status: 'pending' }),
        announcement: announce(state, about('panel.announceRestorePending', offer.territory)),
      };
    }

    case 'undo-expired':
      return {
        ...state,
        undo: state.undo.filter((offer) => offer.territory.id !== action.territoryId || offer.status !== 'offered'),
      };

    case 'undo-dismissed':
      return { ...state, undo: state.undo.filter((offer) => offer.territory.id !== action.territoryId) };

    case 'row-error-dismissed':
      if (state.rows[action.territoryId]?.status !== 'failed') return state;
      return { ...state, rows: withRow(state.rows, action.territoryId, null) };
  }
}

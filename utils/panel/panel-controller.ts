// The panel's side effects for one record: requests through an injected api, follow-ups of
// scheduled changes, and the undo window. The state it keeps is the guard against double sends:
// it changes synchronously on each click, before any re-render.
import type { RecordPage } from '../crm-page';
import type { DataCentre } from '../data-centres';
import type {
  ChangeOutcome,
  Connection,
  ErrorInfo,
  RecordTerritories,
  Result,
  TerritoryAssignment,
} from '../messaging';
import { describeError, type ErrorAction } from '../zoho-errors';
import { backoffDelays } from './follow-up';
import {
  INITIAL_PANEL_STATE,
  isRowBusy,
  isUndoBusy,
  type PanelAction,
  type PanelState,
  panelReducer,
  type ReadMode,
} from './panel-state';

/** What the panel needs from the extension; the content script passes one built on sendRequest. */
export interface PanelApi {
  territories(page: RecordPage): Promise<Result<RecordTerritories>>;
  remove(page: RecordPage, territoryId: string): Promise<Result<ChangeOutcome>>;
  assign(page: RecordPage, territoryId: string): Promise<Result<ChangeOutcome>>;
  signIn(dataCentre: DataCentre): Promise<Result<Connection>>;
  /** The options page, opened by a link in a new tab. */
  optionsUrl: string;
  /** Opens the options page where a link cannot (the panel lives in a web page). */
  openOptions?(): void;
  /** Opens the bulk page for this record's org and module, with no record selected. */
  openBulkPage?(page: RecordPage): void;
  /** Told after each read whether the module has territories in this org at all. */
  noteEnabled?(page: RecordPage, enabled: boolean): void;
}

export interface PanelTiming {
  /** waits between re-reads while following a scheduled change, ms */
  followUpDelays: readonly number[];
  /** how long Undo is offered after a removal, ms */
  undoMs: number;
}

export const DEFAULT_PANEL_TIMING: PanelTiming = { followUpDelays: backoffDelays(), undoMs: 8_000 };

type Change = { kind: 'remove' | 'assign'; territory: TerritoryAssignment };

function failureOf(error: unknown): { ok: false; error: ErrorInfo } {
  return {
    ok: false,
    error: { code: 'EXTENSION_RESTARTED', message: error instanceof Error ? error.message : String(error) },
  };
}

/** The api promises never reject; should one do so anyway, the panel still settles. */
async function settle<T>(request: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await request();
  } catch (error) {
    return failureOf(error);
  }
}

export class PanelController {
  readonly page: RecordPage;
  readonly #api: PanelApi;
  readonly #timing: PanelTiming;
  readonly #onChange: (state: PanelState) => void;
  #state: PanelState = INITIAL_PANEL_STATE;
  #disposed = false;
  #readSeq = 0;
  #appliedReadSeq = 0;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #undoTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #heldUndo = new Set<string>();

  constructor(options: {
    api: PanelApi;
    page: RecordPage;
    timing?: PanelTiming;
    onChange: (state: PanelState) => void;
  }) {
    this.page = options.page;
    this.#api = options.api;
    this.#timing = options.timing ?? DEFAULT_PANEL_TIMING;
    this.#onChange = options.onChange;
  }

  get state(): PanelState {
    return this.#state;
  }

  start(): void {
    this.load();
  }

  /** Stops everything: later answers and timers for this record change nothing. */
  dispose(): void {
    this.#disposed = true;
    for (const handle of this.#timers) clearTimeout(handle);
    for (const handle of this.#undoTimers.values()) clearTimeout(handle);
    this.#timers.clear();
    this.#undoTimers.clear();
  }

  load(): void {
    this.#dispatch({ type: 'load-started' });
    void this.#read('load');
  }

  refresh(): void {
    const { list, refreshing } = this.#state;
    if (list.status === 'loading' || refreshing) return;
    if (list.status !== 'loaded') {
      this.load();
      return;
    }
    this.#dispatch({ type: 'refresh-started' });
    void this.#read('refresh');
  }

  /** The panel-wide sign-in: signed out, or the action of a list-level error. */
  async signIn(): Promise<void> {
    if (this.#state.signIn.busy) return;
    this.#dispatch({ type: 'sign-in-started' });
    const result = await settle(() => this.#api.signIn(this.page.dataCentre));
    if (this.#disposed) return;
    this.#dispatch({ type: 'sign-in-finished', error: result.ok ? null : result.error });
    if (!result.ok) return;
    if (this.#state.list.status === 'loaded') this.refresh();
    else this.load();
  }

  /** The action button of a list-level error (a failed load or refresh). */
  listAction(action: ErrorAction): void {
    if (action === 'sign-in' || action === 'reconnect') void this.signIn();
    else if (this.#state.list.status === 'loaded') this.refresh();
    else this.load();
  }

  remove(territoryId: string): void {
    const territory = this.#listed(territoryId);
    if (territory?.assigned !== 'manually') return;
    if (isRowBusy(this.#state.rows[territoryId])) return;
    void this.#sendRemoval(territory);
  }

  /** The action button of a row's error. */
  rowAction(territoryId: string): void {
    const activity = this.#state.rows[territoryId];
    const territory = this.#listed(territoryId);
    if (activity?.status !== 'failed' || !territory) return;
    const action = describeError(activity.error).action;
    if (action === 'retry') void this.#sendRemoval(territory);
    else if (action === 'sign-in' || action === 'reconnect') void this.#signInThenRemove(territory);
    else if (action === 'refresh') this.refresh();
  }

  undo(territoryId: string): void {
    const offer = this.#state.undo.find((candidate) => candidate.territory.id === territoryId);
    if (!offer || isUndoBusy(offer)) return;
    void this.#sendAssignment(offer.territory);
  }

  /** The action button of a failed undo. */
  undoAction(territoryId: string): void {
    const offer = this.#state.undo.find((candidate) => candidate.territory.id === territoryId);
    if (offer?.status !== 'failed' || !offer.error) return;
    const action = describeError(offer.error).action;
    if (action === 'retry') void this.#sendAssignment(offer.territory);
    else if (action === 'sign-in' || action === 'reconnect') void this.#signInThenAssign(offer.territory);
    else if (action === 'refresh') this.refresh();
  }

  /** An error that leaves nothing to do (NO_PERMISSION, …) goes when the user has read it. */
  dismissRowError(territoryId: string): void {
    this.#dispatch({ type: 'row-error-dismissed', territoryId });
  }

  dismissUndo(territoryId: string): void {
    this.#dispatch({ type: 'undo-dismissed', territoryId });
  }

  /** While the Undo button has focus, the offer does not expire. */
  holdUndo(territoryId: string): void {
    this.#heldUndo.add(territoryId);
    this.#clearUndoTimer(territoryId);
  }

  releaseUndo(territoryId: string): void {
    this.#heldUndo.delete(territoryId);
    this.#syncUndoTimers();
  }

  #listed(territoryId: string): TerritoryAssignment | undefined {
    const { list } = this.#state;
    return list.status === 'loaded' ? list.territories.find((territory) => territory.id === territoryId) : undefined;
  }

  async #read(mode: ReadMode): Promise<void> {
    const seq = ++this.#readSeq;
    const result = await settle(() => this.#api.territories(this.page));
    if (this.#disposed) return;
    if (seq < this.#appliedReadSeq) {
      if (mode === 'refresh') this.#dispatch({ type: 'refresh-abandoned' });
      return;
    }
    this.#dispatch({ type: 'territories-received', mode, result });
    if (result.ok || mode !== 'quiet') this.#appliedReadSeq = seq;
    if (result.ok) this.#api.noteEnabled?.(this.page, result.value.enabled);
  }

  async #sendRemoval(territory: TerritoryAssignment): Promise<void> {
    this.#dispatch({ type: 'remove-started', territory });
    const result = await settle(() => this.#api.remove(this.page, territory.id));
    if (this.#disposed) return;
    this.#dispatch({ type: 'remove-finished', territory, result });
    if (!result.ok) {
      // Show what Zoho really holds now; the row keeps its error if the territory is still there.
      void this.#read('quiet');
    } else if (result.value.outcome === 'scheduled') {
      this.#follow({ kind: 'remove', territory }, false);
    }
  }

  async #signInThenRemove(territory: TerritoryAssignment): Promise<void> {
    this.#dispatch({ type: 'row-sign-in-started', territoryId: territory.id });
    const result = await settle(() => this.#api.signIn(this.page.dataCentre));
    if (this.#disposed) return;
    this.#dispatch({ type: 'row-sign-in-finished', territoryId: territory.id, error: result.ok ? null : result.error });
    const stillListed = this.#listed(territory.id);
    if (result.ok && stillListed) void this.#sendRemoval(stillListed);
  }

  async #sendAssignment(territory: TerritoryAssignment): Promise<void> {
    this.#dispatch({ type: 'undo-started', territoryId: territory.id });
    const result = await settle(() => this.#api.assign(this.page, territory.id));
    if (this.#disposed) return;
    this.#dispatch({ type: 'undo-finished', territoryId: territory.id, result });
    // Done or scheduled, the record is re-read until it lists the territory again.
    if (result.ok) this.#follow({ kind: 'assign', territory }, result.value.outcome === 'done');
  }

  async #signInThenAssign(territory: TerritoryAssignment): Promise<void> {
    this.#dispatch({ type: 'undo-sign-in-started', territoryId: territory.id });
    const result = await settle(() => this.#api.signIn(this.page.dataCentre));
    if (this.#disposed) return;
    this.#dispatch({
      type: 'undo-sign-in-finished',
      territoryId: territory.id,
      error: result.ok ? null : result.error,
    });
    if (result.ok) void this.#sendAssignment(territory);
  }

  #awaiting(change: Change): boolean {
    const id = change.territory.id;
    if (change.kind === 'remove') return this.#state.rows[id]?.status === 'scheduled';
    return this.#state.undo.some((offer) => offer.territory.id === id && offer.status === 'confirming');
  }

  /** Re-reads the record with backoff until it shows the change, or says it is still pending. */
  #follow(change: Change, readAtOnce: boolean): void {
    const delays = this.#timing.followUpDelays;
    const check = async (next: number): Promise<void> => {
      await this.#read('quiet');
      if (!this.#disposed && this.#awaiting(change)) step(next);
    };
    const step = (index: number): void => {
      const delay = delays[index];
      if (delay !== undefined) {
        this.#later(delay, () => void check(index + 1));
        return;
      }
      const territoryId = change.territory.id;
      this.#dispatch(
        change.kind === 'remove'
          ? { type: 'removal-still-pending', territoryId }
          : { type: 'undo-still-pending', territoryId },
      );
    };
    if (readAtOnce) void check(0);
    else step(0);
  }

  #later(ms: number, run: () => void): void {
    const handle = setTimeout(() => {
      this.#timers.delete(handle);
      run();
    }, ms);
    this.#timers.add(handle);
  }

  #clearUndoTimer(territoryId: string): void {
    const handle = this.#undoTimers.get(territoryId);
    if (handle === undefined) return;
    clearTimeout(handle);
    this.#undoTimers.delete(territoryId);
  }

  /** Every offered Undo has its expiry timer; nothing else has one. */
  #syncUndoTimers(): void {
    if (this.#disposed) return;
    const offered = new Set(
      this.#state.undo.filter((offer) => offer.status === 'offered').map((offer) => offer.territory.id),
    );
    for (const territoryId of [...this.#undoTimers.keys()]) {
      if (!offered.has(territoryId)) this.#clearUndoTimer(territoryId);
    }
    for (const territoryId of offered) {
      if (this.#undoTimers.has(territoryId) || this.#heldUndo.has(territoryId)) continue;
      const handle = setTimeout(() => {
        this.#undoTimers.delete(territoryId);
        this.#dispatch({ type: 'undo-expired', territoryId });
      }, this.#timing.undoMs);
      this.#undoTimers.set(territoryId, handle);
    }
  }

  #dispatch(action: PanelAction): void {
    if (this.#disposed) return;
    const previous = this.#state;
    this.#state = panelReducer(previous, action);
    if (this.#state === previous) return;
    this.#syncUndoTimers();
    this.#onChange(this.#state);
  }
}

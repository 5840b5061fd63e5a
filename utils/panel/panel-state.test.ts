import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/components/test-i18n';
import type { RecordTerritories, Result, TerritoryAssignment } from '../messaging';
import {
  type Announcement,
  INITIAL_PANEL_STATE,
  isRowBusy,
  listStateOfError,
  type PanelAction,
  type PanelState,
  panelReducer,
} from './panel-state';

const english = translatorFor('en');

/** An announcement as an English reader hears it. */
function said(announcement: Announcement | null): string {
  return english.list(announcement?.phrases.map((p) => english.t(p.key, p.values)) ?? []);
}

const south: TerritoryAssignment = {
  id: '11',
  name: 'South',
  assigned: 'manually',
  assignedBy: { id: '9', name: 'Patricia Boyle' },
  assignedTime: '2020-03-05T16:07:28+05:30',
  path: ['Europe'],
  manager: 'Anna Schmidt',
};
const north: TerritoryAssignment = { ...south, id: '12', name: 'North' };

const listed = (territories: TerritoryAssignment[], scheduled: string[] = []): Result<RecordTerritories> => ({
  ok: true,
  value: { enabled: true, territories, scheduled, lockedForMe: false, editable: true },
});

function run(...actions: PanelAction[]): PanelState {
  return actions.reduce(panelReducer, INITIAL_PANEL_STATE);
}

const loaded = { type: 'territories-received', mode: 'load', result: listed([south, north]) } as const;

describe('listStateOfError', () => {
  it.each([
    ['NOT_SIGNED_IN', 'signed-out'],
    ['INVALID_TOKEN', 'signed-out'],
    ['TERRITORY_NOT_ENABLED', 'not-enabled'],
    ['NO_CLIENT_ID', 'failed'],
    ['OAUTH_SCOPE_MISMATCH', 'failed'],
    ['INTERNAL_ERROR', 'failed'],
    ['SOMETHING_NEW', 'failed'],
  ])('%s → %s', (code, status) => {
    expect(listStateOfError({ code }).status).toBe(status);
  });
});

describe('panelReducer', () => {
  it('loads a list', () => {
    const state = run(loaded);
    expect(state.list).toEqual({
      status: 'loaded',
      territories: [south, north],
      scheduled: [],
      lockedForMe: false,
      editable: true,
    });
    expect(state.order).toEqual([south.id, north.id]);
    expect(state.pageStale).toBe(false);
  });

  it('keeps each territory in its place: an undone one comes back where it was, new ones go last', () => {
    const east: TerritoryAssignment = { ...south, id: '13', name: 'East' };
    const state = run(
      { type: 'territories-received', mode: 'load', result: listed([south, north, east]) },
      { type: 'remove-started', territory: north },
      { type: 'remove-finished', territory: north, result: { ok: true, value: { outcome: 'done' } } },
      { type: 'undo-started', territoryId: north.id },
      { type: 'undo-finished', territoryId: north.id, result: { ok: true, value: { outcome: 'done' } } },
      // Zoho lists a territory assigned again last, and a new one anywhere.
      {
        type: 'territories-received',
        mode: 'quiet',
        result: listed([{ ...east, id: '14', name: 'West' }, south, east, north]),
      },
    );
    expect(state.list.status === 'loaded' && state.list.territories.map((t) => t.name)).toEqual([
      'South',
      'North',
      'East',
      'West',
    ]);
    expect(state.undo).toEqual([]);
    expect(state.pageStale).toBe(true);
  });

  it('marks the page behind as stale after a change went through, not after a failure', () => {
    const failedRemoval = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: false, error: { code: 'RECORD_LOCKED' } },
      },
    );
    expect(failedRemoval.pageStale).toBe(false);
    const removed = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: true, value: { outcome: 'done' } },
      },
    );
    expect(removed.pageStale).toBe(true);
  });

  it('puts away a row error, and only an error', () => {
    const failedState = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: false, error: { code: 'NO_PERMISSION' } },
      },
    );
    expect(failedState.rows[south.id]?.status).toBe('failed');
    expect(panelReducer(failedState, { type: 'row-error-dismissed', territoryId: south.id }).rows).toEqual({});
    const busy = run(loaded, { type: 'remove-started', territory: south });
    expect(panelReducer(busy, { type: 'row-error-dismissed', territoryId: south.id })).toBe(busy);
  });

  it('carries the record’s lock and edit rights from Zoho’s answer', () => {
    const state = run({
      type: 'territories-received',
      mode: 'load',
      result: {
        ok: true,
        value: { enabled: true, territories: [south], scheduled: [], lockedForMe: true, editable: false },
      },
    });
    expect(state.list.status === 'loaded' && [state.list.lockedForMe, state.list.editable]).toEqual([true, false]);
  });

  it('shows not-enabled and forgets rows when the record has no Territories field', () => {
    const state = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'territories-received',
        mode: 'quiet',
        result: {
          ok: true,
          value: { enabled: false, territories: [], scheduled: [], lockedForMe: false, editable: true },
        },
      },
    );
    expect(state.list.status).toBe('not-enabled');
    expect(state.rows).toEqual({});
  });

  it('removes the row at once on a done removal, offers undo and announces', () => {
    const state = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: true, value: { outcome: 'done' } },
      },
    );
    expect(state.list.status === 'loaded' && state.list.territories).toEqual([north]);
    expect(state.rows).toEqual({});
    expect(state.undo).toEqual([{ territory: south, status: 'offered', error: null }]);
    expect(said(state.announcement)).toBe('Territory South removed');
  });

  it('completes a scheduled removal when a re-read no longer lists the territory', () => {
    const scheduled = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: true, value: { outcome: 'scheduled', jobId: '5' } },
      },
    );
    expect(scheduled.rows[south.id]).toEqual({ status: 'scheduled' });

    const still = panelReducer(scheduled, {
      type: 'territories-received',
      mode: 'quiet',
      result: listed([south, north]),
    });
    expect(still.rows[south.id]).toEqual({ status: 'scheduled' });
    expect(still.undo).toEqual([]);

    const gone = panelReducer(still, { type: 'territories-received', mode: 'quiet', result: listed([north]) });
    expect(gone.rows).toEqual({});
    expect(gone.undo.map((offer) => offer.territory.name)).toEqual(['South']);
    expect(said(gone.announcement)).toBe('Territory South removed');
    expect(gone.announcement?.seq).toBe((still.announcement?.seq ?? 0) + 1);
  });

  it('keeps a row’s error through a quiet re-read, and drops it when the user refreshes', () => {
    const failed = run(
      loaded,
      { type: 'remove-started', territory: south },
      {
        type: 'remove-finished',
        territory: south,
        result: { ok: false, error: { code: 'RECORD_LOCKED', status: 400 } },
      },
    );
    const quiet = panelReducer(failed, { type: 'territories-received', mode: 'quiet', result: listed([south]) });
    expect(quiet.rows[south.id]).toEqual({ status: 'failed', error: { code: 'RECORD_LOCKED', status: 400 } });
    const refreshed = panelReducer(quiet, { type: 'territories-received', mode: 'refresh', result: listed([south]) });
    expect(refreshed.rows).toEqual({});
  });

  it('drops the error of a territory that turned out to be gone, without offering undo', () => {
    const failed = run(loaded, {
      type: 'remove-finished',
      territory: south,
      result: { ok: false, error: { code: 'INVALID_DATA' } },
    });
    const reread = panelReducer(failed, { type: 'territories-received', mode: 'quiet', result: listed([north]) });
    expect(reread.rows).toEqual({});
    expect(reread.undo).toEqual([]);
  });

  it('keeps an in-flight removal through any re-read', () => {
    const removing = run(loaded, { type: 'remove-started', territory: south });
    const reread = panelReducer(removing, { type: 'territories-received', mode: 'refresh', result: listed([north]) });
    expect(isRowBusy(reread.rows[south.id])).toBe(true);
  });

  it('ignores a failed quiet re-read entirely', () => {
    const state = run(loaded);
    expect(
      panelReducer(state, { type: 'territories-received', mode: 'quiet', result: { ok: false, error: { code: 'X' } } }),
    ).toBe(state);
  });

  it('keeps the list when a refresh fails, and replaces it when a load fails', () => {
    const refreshing = run(loaded, { type: 'refresh-started' });
    expect(refreshing.refreshing).toBe(true);
    const refreshFailed = panelReducer(refreshing, {
      type: 'territories-received',
      mode: 'refresh',
      result: { ok: false, error: { code: 'NETWORK_ERROR' } },
    });
    expect(refreshFailed.list.status).toBe('loaded');
    expect(refreshFailed.listError).toEqual({ code: 'NETWORK_ERROR' });
    expect(refreshFailed.refreshing).toBe(false);

    const loadFailed = run(
      loaded,
      { type: 'load-started' },
      {
        type: 'territories-received',
        mode: 'load',
        result: { ok: false, error: { code: 'NETWORK_ERROR' } },
      },
    );
    expect(loadFailed.list).toEqual({ status: 'failed', error: { code: 'NETWORK_ERROR' } });
  });

  it('leaves a state that is loading already as it is, so that starting the first load draws nothing', () => {
    expect(panelReducer(INITIAL_PANEL_STATE, { type: 'load-started' })).toBe(INITIAL_PANEL_STATE);
    const failed = run({
      type: 'territories-received',
      mode: 'load',
      result: { ok: false, error: { code: 'NETWORK_ERROR' } },
    });
    expect(panelReducer(failed, { type: 'load-started' }).list).toEqual({ status: 'loading' });
    expect(run(loaded, { type: 'load-started' }).list).toEqual({ status: 'loading' });
  });

  it('says a followed removal is still pending only while it is awaited', () => {
    const scheduled = run(loaded, {
      type: 'remove-finished',
      territory: south,
      result: { ok: true, value: { outcome: 'scheduled', jobId: '5' } },
    });
    const pending = panelReducer(scheduled, { type: 'removal-still-pending', territoryId: south.id });
    expect(pending.rows[south.id]).toEqual({ status: 'pending' });
    expect(said(pending.announcement)).toBe('Removal of South is still pending in Zoho');
    expect(panelReducer(run(loaded), { type: 'removal-still-pending', territoryId: south.id }).rows).toEqual({});
  });

  describe('undo', () => {
    const removed = run(loaded, {
      type: 'remove-finished',
      territory: south,
      result: { ok: true, value: { outcome: 'done' } },
    });

    it('restores when the re-read lists the territory again', () => {
      const confirming = run(loaded, {
        type: 'remove-finished',
        territory: south,
        result: { ok: true, value: { outcome: 'done' } },
      });
      const assigned = [
        { type: 'undo-started', territoryId: south.id },
        { type: 'undo-finished', territoryId: south.id, result: { ok: true, value: { outcome: 'done' } } },
      ] as const;
      const waiting = assigned.reduce(panelReducer, confirming);
      expect(waiting.undo[0]?.status).toBe('confirming');
      const back = panelReducer(waiting, {
        type: 'territories-received',
        mode: 'quiet',
        result: listed([south, north]),
      });
      expect(back.undo).toEqual([]);
      expect(said(back.announcement)).toBe('Territory South restored');
    });

    it('keeps a refusal on the offer', () => {
      const refused = [
        { type: 'undo-started', territoryId: south.id },
        { type: 'undo-finished', territoryId: south.id, result: { ok: false, error: { code: 'LIMIT_EXCEEDED' } } },
      ] as const;
      const state = refused.reduce(panelReducer, removed);
      expect(state.undo).toEqual([{ territory: south, status: 'failed', error: { code: 'LIMIT_EXCEEDED' } }]);
      expect(panelReducer(state, { type: 'undo-expired', territoryId: south.id }).undo).toHaveLength(1);
      expect(panelReducer(state, { type: 'undo-dismissed', territoryId: south.id }).undo).toEqual([]);
    });

    it('expires an untouched offer, but not one under way', () => {
      expect(panelReducer(removed, { type: 'undo-expired', territoryId: south.id }).undo).toEqual([]);
      const assigning = panelReducer(removed, { type: 'undo-started', territoryId: south.id });
      expect(panelReducer(assigning, { type: 'undo-expired', territoryId: south.id }).undo).toHaveLength(1);
    });

    it('drops an untouched offer silently when the territory is back by other means', () => {
      const back = panelReducer(removed, { type: 'territories-received', mode: 'refresh', result: listed([south]) });
      expect(back.undo).toEqual([]);
      expect(back.announcement).toBe(removed.announcement);
    });
  });

  it('numbers announcements so that the same words are heard twice', () => {
    const once = run(loaded, {
      type: 'remove-finished',
      territory: south,
      result: { ok: true, value: { outcome: 'done' } },
    });
    const twice = panelReducer(
      panelReducer(once, { type: 'territories-received', mode: 'refresh', result: listed([south]) }),
      { type: 'remove-finished', territory: south, result: { ok: true, value: { outcome: 'done' } } },
    );
    expect(said(twice.announcement)).toBe(said(once.announcement));
    expect(twice.announcement?.seq).toBeGreaterThan(once.announcement?.seq ?? 0);
  });
});

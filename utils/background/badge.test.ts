import { describe, expect, it } from 'vitest';
import type { RecordPage } from '../crm-page';
import type { RecordTerritories, Request } from '../messaging';
import type { SenderInfo } from '../sender';
import { BADGE_COLOUR, type BadgeApi, createTabBadges, frameOf, toolbarButtonOf } from './badge';
import type { RequestHandler, Response } from './handle-request';

const page: RecordPage = {
  dataCentre: 'eu',
  sandbox: false,
  orgId: '20079833178',
  module: 'Deals',
  recordId: '4150868000004318009',
};
const otherRecord: RecordPage = { ...page, recordId: '4150868000004318010' };
const SOUTH = '111111000000046458';
const TEXAS = '111111000000046898';
const NORTH = '111111000000046899';

const topFrame: SenderInfo = {
  id: 'ext',
  url: 'https://crm.zoho.eu/crm/org20079833178/tab/Potentials',
  tab: { id: 4 },
};
const innerFrame: SenderInfo = { ...topFrame, frameId: 3 };

const listed = (...ids: string[]): RecordTerritories => ({
  enabled: true,
  territories: ids.map((id) => ({
    id,
    name: id,
    assigned: 'manually',
    assignedBy: null,
    assignedTime: null,
    path: [],
    manager: null,
  })),
  scheduled: [],
  lockedForMe: false,
  editable: true,
});

const read: Request = { type: 'record.territories', page };
const removeSouth: Request = { type: 'record.removeTerritory', page, territoryId: SOUTH };
const assignNorth: Request = { type: 'record.assignTerritory', page, territoryId: NORTH };
const left: Request = { type: 'page.left' };

/** A toolbar button that keeps what it was told, per tab. */
function fakeButton() {
  const texts = new Map<number, string>();
  const colours = new Map<number, string>();
  const button: BadgeApi = {
    setBadgeText: async ({ tabId, text }) => {
      texts.set(tabId, text);
    },
    setBadgeBackgroundColor: async ({ tabId, color }) => {
      colours.set(tabId, color);
    },
  };
  return { button, texts, colours };
}

/** A background that answers each request type as told; `pending` holds answers given later. */
function background(answers: Partial<Record<Request['type'], Response>>) {
  const pending: ((response: Response) => void)[] = [];
  const handle: RequestHandler = async (request) => {
    const answer = answers[request.type];
    if (answer) return answer;
    return new Promise<Response>((resolve) => pending.push(resolve));
  };
  return { handle, pending };
}

const done: Response = { ok: true, value: { outcome: 'done' } };
const nothing: Response = { ok: true, value: null };

function setUp(answers: Partial<Record<Request['type'], Response>>) {
  const { button, texts, colours } = fakeButton();
  const badges = createTabBadges(button);
  const { handle, pending } = background(answers);
  const send = badges.around(handle);
  /** Tab 4's badge text once the request is answered. */
  const badgeAfter = async (request: Request, sender: SenderInfo) => {
    await send(request, sender);
    return texts.get(4);
  };
  return { send, badgeAfter, badges, texts, colours, pending };
}

describe('the toolbar badge', () => {
  it("shows the count of the sender tab's record, on a muted background", async () => {
    const { send, texts, colours } = setUp({ 'record.territories': { ok: true, value: listed(SOUTH, TEXAS) } });
    expect(await send(read, topFrame)).toEqual({ ok: true, value: listed(SOUTH, TEXAS) });
    expect(texts).toEqual(new Map([[4, '2']]));
    expect(colours).toEqual(new Map([[4, BADGE_COLOUR]]));
  });

  it('shows nothing when territories are not enabled, and keeps what it had when a read fails', async () => {
    const disabled = setUp({ 'record.territories': { ok: true, value: { ...listed(), enabled: false } } });
    await disabled.send(read, topFrame);
    expect(disabled.texts.get(4)).toBe('');

    const failing = setUp({ 'record.territories': { ok: false, error: { code: 'NOT_SIGNED_IN' } } });
    await failing.send(read, topFrame);
    expect(failing.texts.size).toBe(0);
  });

  it('follows removals and assignments that are done, not those only scheduled', async () => {
    const { send, badgeAfter } = setUp({
      'record.territories': { ok: true, value: listed(SOUTH, TEXAS) },
      'record.removeTerritory': done,
      'record.assignTerritory': { ok: true, value: { outcome: 'scheduled', jobId: '99' } },
    });
    await send(read, topFrame);
    expect(await badgeAfter(removeSouth, topFrame)).toBe('1');
    // Two answers to one joined POST count once.
    expect(await badgeAfter(removeSouth, topFrame)).toBe('1');
    expect(await badgeAfter(assignNorth, topFrame)).toBe('1');
  });

  it('counts an assignment that is done, and ignores changes to another record or a failed one', async () => {
    const { send, badgeAfter } = setUp({
      'record.territories': { ok: true, value: listed(SOUTH) },
      'record.assignTerritory': done,
      'record.removeTerritory': { ok: false, error: { code: 'RECORD_LOCKED' } },
    });
    await send(read, topFrame);
    expect(await badgeAfter(assignNorth, topFrame)).toBe('2');
    await send({ ...assignNorth, territoryId: TEXAS, page: otherRecord }, topFrame);
    expect(await badgeAfter(removeSouth, topFrame)).toBe('2');
  });

  it('is cleared when the frame that read it leaves the record, not when another frame leaves', async () => {
    const { send, badgeAfter } = setUp({
      'record.territories': { ok: true, value: listed(SOUTH) },
      'record.removeTerritory': done,
      'page.left': nothing,
    });
    await send(read, innerFrame);
    expect(await badgeAfter(left, topFrame)).toBe('1');
    expect(await badgeAfter(left, innerFrame)).toBe('');
    // Nothing left to adjust once cleared.
    expect(await badgeAfter(removeSouth, innerFrame)).toBe('');
  });

  it('ignores a read answered after its frame left the record', async () => {
    const { send, texts, pending } = setUp({ 'page.left': nothing });
    const answer = send(read, topFrame);
    await send(left, topFrame);
    pending[0]?.({ ok: true, value: listed(SOUTH) });
    await answer;
    expect(texts.get(4)).toBe('');
  });

  it('leaves alone requests without a tab, and tabs that were closed', async () => {
    const { send, badgeAfter, badges, texts } = setUp({
      'record.territories': { ok: true, value: listed(SOUTH) },
      'record.removeTerritory': done,
    });
    await send(read, { ...topFrame, tab: undefined });
    expect(texts.size).toBe(0);
    await send(read, topFrame);
    badges.forgetTab(4);
    expect(await badgeAfter(removeSouth, topFrame)).toBe('1');
  });

  it('counts on the tab the side panel acted for, and clears when any frame of that tab leaves the record', async () => {
    const sidePanel: SenderInfo = { id: 'ext', url: 'chrome-extension://ext/sidepanel.html' };
    const { send, badgeAfter } = setUp({
      'record.territories': { ok: true, value: listed(SOUTH, TEXAS) },
      'record.removeTerritory': done,
      'page.left': nothing,
    });
    expect(await badgeAfter({ ...read, tabId: 4 }, sidePanel)).toBe('2');
    expect(await badgeAfter({ ...removeSouth, tabId: 4 }, sidePanel)).toBe('1');
    expect(await badgeAfter(left, innerFrame)).toBe('');
    await send(read, sidePanel);
  });

  it('answers even when the toolbar button refuses (a closed tab)', async () => {
    const badges = createTabBadges({
      setBadgeText: () => Promise.reject(new Error('No tab with id: 4.')),
      setBadgeBackgroundColor: () => {
        throw new Error('No tab with id: 4.');
      },
    });
    const send = badges.around(background({ 'record.territories': { ok: true, value: listed(SOUTH) } }).handle);
    expect(await send(read, topFrame)).toMatchObject({ ok: true });
  });
});

describe('frameOf', () => {
  it('is the tab and frame of a sender in a tab; the top frame is 0', () => {
    expect(frameOf(topFrame)).toEqual({ tabId: 4, frameId: 0 });
    expect(frameOf(innerFrame)).toEqual({ tabId: 4, frameId: 3 });
    expect(frameOf({ id: 'ext', url: 'chrome-extension://ext/popup.html' })).toBeNull();
    expect(frameOf({ ...topFrame, tab: { id: 'four' } })).toBeNull();
  });
});

describe('toolbarButtonOf', () => {
  it('is browser.action in MV3 and browser.browserAction in MV2', () => {
    const { button } = fakeButton();
    expect(toolbarButtonOf({ action: button })).toBe(button);
    expect(toolbarButtonOf({ browserAction: button })).toBe(button);
    expect(() => toolbarButtonOf({})).toThrow();
  });
});

// The toolbar button's badge: how many territories the record in a tab holds, as the panel last
// read it. It follows the background's answers to the panel: reads set it, removals and
// assignments adjust it, and a frame leaving its record clears it.
import { recordKey } from '../crm-page';
import type { ChangeOutcome, RecordTerritories, Request } from '../messaging';
import type { SenderInfo } from '../sender';
import type { RequestHandler, Response } from './handle-request';

/** What the badge needs of `browser.action` (MV3) or `browser.browserAction` (MV2). */
export interface BadgeApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
}

/** Grey rather than the brand blue: a count to glance at, not an alert. */
export const BADGE_COLOUR = '#5f6b7a';

export function toolbarButtonOf(browser: { action?: BadgeApi; browserAction?: BadgeApi }): BadgeApi {
  const button = browser.action ?? browser.browserAction;
  if (!button) throw new Error('The manifest declares no toolbar button');
  return button;
}

/** `browser.tabs.onRemoved` (no `tabs` permission needed). */
export interface TabRemovals {
  onRemoved: { addListener(listener: (tabId: number) => void): void };
}

export interface TabBadges {
  /** The handler, with its successful answers to content scripts shown on their tab's badge. */
  around(handle: RequestHandler): RequestHandler;
  forgetTab(tabId: number): void;
}

interface Frame {
  tabId: number;
  frameId: number;
}

interface Counted {
  frameId: number;
  recordKey: string;
  territoryIds: Set<string>;
}

/** The tab may have closed meanwhile; a badge is never worth an error. */
async function quietly(call: () => Promise<void> | void): Promise<void> {
  try {
    await call();
  } catch {
    // nothing to show it on
  }
}

/** The frame id a count read by the side panel is kept under: no frame of the page has it. */
const SIDE_PANEL_FRAME = -1;

/** The tab the side panel acted for, as its request says (the sender check keeps pages from saying it). */
function sidePanelTabOf(request: Request): Frame | null {
  return 'tabId' in request && request.tabId !== undefined ? { tabId: request.tabId, frameId: SIDE_PANEL_FRAME } : null;
}

export function frameOf(sender: SenderInfo): Frame | null {
  const tab = sender.tab;
  if (typeof tab !== 'object' || tab === null || !('id' in tab) || typeof tab.id !== 'number') return null;
  return { tabId: tab.id, frameId: sender.frameId ?? 0 };
}

export function createTabBadges(button: BadgeApi): TabBadges {
  const counted = new Map<number, Counted>();
  /** How often each frame of a tab has left a record: a read sent before the last time is stale. */
  const departures = new Map<number, Map<number, number>>();

  const departuresOf = ({ tabId, frameId }: Frame) => departures.get(tabId)?.get(frameId) ?? 0;

  const show = (tabId: number, text: string) => {
    if (text) void quietly(() => button.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR }));
    void quietly(() => button.setBadgeText({ tabId, text }));
  };

  const count = (frame: Frame, key: string, list: RecordTerritories) => {
    if (!list.enabled) {
      clear(frame.tabId);
      return;
    }
    const territoryIds = new Set(list.territories.map((territory) => territory.id));
    counted.set(frame.tabId, { frameId: frame.frameId, recordKey: key, territoryIds });
    show(frame.tabId, String(territoryIds.size));
  };

  const adjust = (tabId: number, key: string, change: (ids: Set<string>) => void) => {
    const shown = counted.get(tabId);
    if (shown?.recordKey !== key) return;
    change(shown.territoryIds);
    show(tabId, String(shown.territoryIds.size));
  };

  const clear = (tabId: number) => {
    counted.delete(tabId);
    show(tabId, '');
  };

  const leave = (frame: Frame) => {
    const frames = departures.get(frame.tabId) ?? new Map<number, number>();
    frames.set(frame.frameId, departuresOf(frame) + 1);
    departures.set(frame.tabId, frames);
    const shown = counted.get(frame.tabId);
    // Another frame of the tab (Zoho One shows several) may hold the count; one the side panel read
    // was for whichever frame showed the record.
    if (!shown || shown.frameId === frame.frameId || shown.frameId === SIDE_PANEL_FRAME) clear(frame.tabId);
  };

  const apply = (request: Request, response: Response, frame: Frame, departuresBefore: number) => {
    if (!response.ok) return;
    switch (request.type) {
      case 'record.territories':
        if (departuresOf(frame) === departuresBefore) {
          count(frame, recordKey(request.page), response.value as RecordTerritories);
        }
        return;
      case 'record.removeTerritory':
      case 'record.assignTerritory': {
        // A scheduled change is not made yet: the panel re-reads the record until it is.
        if ((response.value as ChangeOutcome).outcome !== 'done') return;
        const { territoryId } = request;
        adjust(frame.tabId, recordKey(request.page), (ids) =>
          request.type === 'record.removeTerritory' ? ids.delete(territoryId) : ids.add(territoryId),
        );
        return;
      }
      case 'page.left':
        leave(frame);
        return;
    }
  };

  return {
    around: (handle) => async (request, sender) => {
      const frame = sidePanelTabOf(request) ?? frameOf(sender);
      if (!frame) return handle(request, sender);
      const departuresBefore = departuresOf(frame);
      const response = await handle(request, sender);
      apply(request, response, frame, departuresBefore);
      return response;
    },
    forgetTab(tabId) {
      counted.delete(tabId);
      departures.delete(tabId);
    },
  };
}

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { translatorFor } from '@/components/test-i18n';
import type { RecordPage } from '@/utils/crm-page';
import type { RecordTerritories, Request, Result, TerritoryAssignment } from '@/utils/messaging';
import { PANEL_PLACEMENT_KEY } from '@/utils/panel/placement';
import { PANEL_COLLAPSED_KEY, PANEL_HOME_KEY } from '@/utils/panel/preferences';
import { createPanelHost } from './panel-host';

const inEnglish = async () => translatorFor('en');

const page: RecordPage = {
  dataCentre: 'eu',
  sandbox: false,
  orgId: '20079833178',
  module: 'Leads',
  recordId: '407625000068467001',
};
const otherPage: RecordPage = { ...page, module: 'Deals', recordId: '407625000068467999' };

function territory(id: string, name: string): TerritoryAssignment {
  return { id, name, assigned: 'manually', assignedBy: null, assignedTime: null, path: [], manager: null };
}
const territoriesByRecord: Record<string, TerritoryAssignment[]> = {
  [page.recordId]: [territory('1', 'South')],
  [otherPage.recordId]: [territory('2', 'North')],
};

let requests: Request[];
let leadsOff = false;
let ctx: ContentScriptContext;

/** A stand-in for the background: answers record.territories from the table above. */
function answerAsBackground() {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const request = message as Request;
    requests.push(request);
    if (request.type === 'record.territories') {
      const answer: Result<RecordTerritories> = {
        ok: true,
        value: {
          enabled: !leadsOff || request.page.module !== 'Leads',
          territories: territoriesByRecord[request.page.recordId] ?? [],
          scheduled: [],
          lockedForMe: false,
          editable: true,
        },
      };
      sendResponse(answer);
    }
    return true;
  });
}

/** happy-dom's own control of the window size. */
function setViewport(size: { width: number; height: number }) {
  (
    window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }
  ).happyDOM.setViewport(size);
}

function tab(): HTMLElement | null {
  return document.querySelector('territory-panel')?.shadowRoot?.querySelector<HTMLElement>('.tp-tab') ?? null;
}

function shadowText(): string | null {
  const host = document.querySelector('territory-panel');
  return host?.shadowRoot?.textContent ?? null;
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

beforeEach(() => {
  requests = [];
  leadsOff = false;
  setViewport({ width: 1400, height: 900 });
  answerAsBackground();
  ctx = new ContentScriptContext('zoho-crm', { matches: ['https://crm.zoho.eu/*'], cssInjectionMode: 'ui' });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  ctx.notifyInvalidated();
  fakeBrowser.reset();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
});

describe('createPanelHost', () => {
  it('does nothing at all on a page that is not a record', async () => {
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    const host = createPanelHost(ctx, inEnglish);
    host.show(null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.querySelector('territory-panel')).toBeNull();
    expect(read).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
    expect(host.page).toBeNull();
  });

  it('mounts the panel in a shadow root on a record page, follows navigation, and leaves with the record', async () => {
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await waitFor(() => shadowText()?.includes('South') === true);
    expect(requests).toEqual([{ type: 'record.territories', page, locale: 'en' }]);
    expect(host.page).toEqual(page);
    expect(
      document.querySelector('territory-panel')?.shadowRoot?.querySelector('aside')?.getAttribute('aria-label'),
    ).toBe('Territories');

    host.show({ ...otherPage });
    await waitFor(() => shadowText()?.includes('North') === true);
    expect(shadowText()).not.toContain('South');
    expect(requests.at(-1)).toEqual({ type: 'record.territories', page: otherPage, locale: 'en' });

    host.show({ ...otherPage });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(2);

    host.show(null);
    await waitFor(() => document.querySelector('territory-panel') === null);
    expect(host.page).toBeNull();

    host.show(page);
    await waitFor(() => shadowText()?.includes('South') === true);
    expect(requests).toHaveLength(3);
  });

  it('starts collapsed when the user left it so, and reads the record once for the count', async () => {
    await fakeBrowser.storage.local.set({ [PANEL_COLLAPSED_KEY]: true });
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await waitFor(() => tab()?.textContent === 'Territories 1, expand the panel');
    expect(requests).toEqual([{ type: 'record.territories', page, locale: 'en' }]);
  });

  it('starts collapsed in a narrow window', async () => {
    setViewport({ width: 900, height: 700 });
    const host = createPanelHost(ctx, inEnglish);
    host.show(otherPage);
    await waitFor(() => tab() !== null);
  });

  it('remembers an org without territories on Leads: its next Lead stays collapsed and reads nothing', async () => {
    leadsOff = true;
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await waitFor(() => shadowText()?.includes('not enabled for Leads') === true);
    host.show(null);
    await waitFor(() => document.querySelector('territory-panel') === null);
    requests = [];

    host.show({ ...page, recordId: '407625000068467002' });
    await waitFor(() => tab() !== null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toEqual([]);

    // Another module of the same org is not affected.
    host.show(otherPage);
    await waitFor(() => shadowText()?.includes('North') === true);
  });

  it('narrows the page by the panel on its edge, and gives the room back when it leaves', async () => {
    const host = createPanelHost(ctx, inEnglish);
    host.show(otherPage);
    await waitFor(() => document.documentElement.style.getPropertyValue('margin-right') === '340px');
    expect(document.documentElement.style.getPropertyPriority('margin-right')).toBe('important');
    host.show(null);
    await waitFor(() => document.documentElement.style.getPropertyValue('margin-right') === '');
  });

  it('docks where the user left it', async () => {
    await fakeBrowser.storage.local.set({ [PANEL_PLACEMENT_KEY]: { edge: 'left', offset: 40, height: 300 } });
    const host = createPanelHost(ctx, inEnglish);
    host.show(otherPage);
    await waitFor(() => document.documentElement.style.getPropertyValue('margin-left') === '340px');
    const dock = document.querySelector('territory-panel')?.shadowRoot?.querySelector<HTMLElement>('.tp-dock');
    expect(dock?.classList.contains('tp-dock-left')).toBe(true);
    expect(dock?.style.height).toBe('300px');
  });

  it('mounts nothing in the page while the panel lives in the side panel, and follows a move either way', async () => {
    await fakeBrowser.storage.local.set({ [PANEL_HOME_KEY]: 'side-panel' });
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(document.querySelector('territory-panel')).toBeNull();
    expect(requests).toEqual([]);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    expect(host.page).toEqual(page);

    await fakeBrowser.storage.local.set({ [PANEL_HOME_KEY]: 'page' });
    await waitFor(() => shadowText()?.includes('South') === true);
    expect(requests).toEqual([{ type: 'record.territories', page, locale: 'en' }]);

    await fakeBrowser.storage.local.set({ [PANEL_HOME_KEY]: 'side-panel' });
    await waitFor(() => document.querySelector('territory-panel') === null);
    await waitFor(() => document.documentElement.style.getPropertyValue('margin-right') === '');
  });

  it('offers the move to the browser’s side panel in the panel’s header', async () => {
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await waitFor(() => shadowText()?.includes('South') === true);
    const move = document
      .querySelector('territory-panel')
      ?.shadowRoot?.querySelector<HTMLButtonElement>('.tp-header [data-focus-key="side-panel"]');
    expect(move?.getAttribute('aria-label')).toBe("Move to the browser's side panel");
  });

  it('takes the panel away when the extension context goes', async () => {
    const host = createPanelHost(ctx, inEnglish);
    host.show(page);
    await waitFor(() => shadowText()?.includes('South') === true);
    ctx.notifyInvalidated();
    expect(document.querySelector('territory-panel')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { RecordPage } from '../crm-page';
import { followActiveTab, type TabEvents } from './follow-active-tab';

const deal: RecordPage = { dataCentre: 'eu', sandbox: false, orgId: '1', module: 'Deals', recordId: '11' };
const account: RecordPage = { ...deal, module: 'Accounts', recordId: '22' };
const lead: RecordPage = { ...deal, module: 'Leads', recordId: '33' };

function listeners<A extends unknown[]>() {
  const all = new Set<(...args: A) => void>();
  return {
    addListener: (listener: (...args: A) => void) => all.add(listener),
    removeListener: (listener: (...args: A) => void) => all.delete(listener),
    fire: (...args: A) => {
      for (const listener of all) listener(...args);
    },
    count: () => all.size,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function browserWith(
  records: Record<number, RecordPage | null>,
  { active = 1, ownTabId = undefined as number | undefined } = {},
) {
  const asked: number[] = [];
  const events = {
    currentWindow: async () => ({ windowId: 10, ownTabId }),
    activeTab: async () => active,
    onActivated: listeners<[{ tabId: number; windowId: number }]>(),
    onUpdated: listeners<[number, { status?: string }, unknown]>(),
    onMessage: listeners<[unknown, { tab?: { id?: number } }, unknown]>(),
    recordOfTab: async (tabId: number) => {
      asked.push(tabId);
      return records[tabId] ?? null;
    },
    parsePage: (value: unknown) =>
      value && typeof value === 'object' && 'recordId' in value ? (value as RecordPage) : null,
  } satisfies TabEvents;
  return { events, asked };
}

describe('followActiveTab', () => {
  it('names the tab with its record', async () => {
    const { events } = browserWith({ 1: deal, 2: null });
    const tabs: unknown[] = [];
    followActiveTab(events, (tab) => tabs.push(tab));
    await settle();
    events.onActivated.fire({ tabId: 2, windowId: 10 });
    await settle();
    expect(tabs).toEqual([
      { tabId: 1, page: deal },
      { tabId: 2, page: null },
    ]);
  });

  it('shows the active tab’s record, then follows tab switches within its window only', async () => {
    const { events } = browserWith({ 1: deal, 2: account, 3: null });
    const shown: (RecordPage | null)[] = [];
    followActiveTab(events, ({ page }) => shown.push(page));
    await settle();
    expect(shown).toEqual([deal]);

    events.onActivated.fire({ tabId: 2, windowId: 10 });
    await settle();
    events.onActivated.fire({ tabId: 3, windowId: 10 });
    await settle();
    events.onActivated.fire({ tabId: 1, windowId: 99 });
    await settle();
    expect(shown).toEqual([deal, account, null]);
  });

  it('follows the app within the active tab, and only that tab', async () => {
    const records: Record<number, RecordPage | null> = { 1: deal, 2: account };
    const { events } = browserWith(records);
    const shown: (RecordPage | null)[] = [];
    followActiveTab(events, ({ page }) => shown.push(page));
    await settle();

    events.onMessage.fire({ type: 'page.shown', page: lead }, { tab: { id: 1 } }, undefined);
    events.onMessage.fire({ type: 'page.shown', page: account }, { tab: { id: 2 } }, undefined);
    events.onMessage.fire({ type: 'page.shown', page: { nonsense: true } }, { tab: { id: 1 } }, undefined);
    events.onMessage.fire({ type: 'page.shown', page: account }, {}, undefined);
    expect(shown).toEqual([deal, lead]);

    records[1] = null;
    events.onMessage.fire({ type: 'page.left' }, { tab: { id: 1 } }, undefined);
    await settle();
    expect(shown).toEqual([deal, lead, null]);
  });

  it('asks again after a load in the active tab (it may have left Zoho, where nobody reports)', async () => {
    const records: Record<number, RecordPage | null> = { 1: deal };
    const { events } = browserWith(records);
    const shown: (RecordPage | null)[] = [];
    followActiveTab(events, ({ page }) => shown.push(page));
    await settle();
    records[1] = null;
    events.onUpdated.fire(1, { status: 'loading' }, undefined);
    events.onUpdated.fire(2, { status: 'complete' }, undefined);
    await settle();
    expect(shown).toEqual([deal]);
    events.onUpdated.fire(1, { status: 'complete' }, undefined);
    await settle();
    expect(shown).toEqual([deal, null]);
  });

  it('drops an answer that a newer report overtook', async () => {
    let answer: (page: RecordPage | null) => void = () => undefined;
    const { events } = browserWith({ 1: deal });
    const shown: (RecordPage | null)[] = [];
    followActiveTab(events, ({ page }) => shown.push(page));
    await settle();
    events.recordOfTab = () => new Promise((resolve) => (answer = resolve));
    events.onMessage.fire({ type: 'page.left' }, { tab: { id: 1 } }, undefined);
    events.onMessage.fire({ type: 'page.shown', page: lead }, { tab: { id: 1 } }, undefined);
    answer(null);
    await settle();
    expect(shown).toEqual([deal, lead]);
  });

  it('opened as a tab itself, ignores its own tab and waits for the user to pick one', async () => {
    const { events, asked } = browserWith({ 1: deal, 5: null }, { active: 5, ownTabId: 5 });
    const shown: (RecordPage | null)[] = [];
    followActiveTab(events, ({ page }) => shown.push(page));
    await settle();
    expect(shown).toEqual([null]);
    expect(asked).toEqual([]);
    events.onActivated.fire({ tabId: 5, windowId: 10 });
    events.onActivated.fire({ tabId: 1, windowId: 10 });
    await settle();
    expect(shown).toEqual([null, deal]);
  });

  it('stops listening and calling back once unsubscribed', async () => {
    const { events } = browserWith({ 1: deal, 2: account });
    const shown: (RecordPage | null)[] = [];
    const stop = followActiveTab(events, ({ page }) => shown.push(page));
    await settle();
    stop();
    events.onActivated.fire({ tabId: 2, windowId: 10 });
    await settle();
    expect(shown).toEqual([deal]);
    expect(events.onMessage.count() + events.onActivated.count() + events.onUpdated.count()).toBe(0);
  });
});

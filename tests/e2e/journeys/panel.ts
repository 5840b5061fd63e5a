// The panel as a guest on Zoho's page: where it sits, what it covers, how it moves, the keyboard,
// and axe over every state it can be in.
import { MARKUP_TERRITORY_NAME, ORGS, RECORDS } from '../../../sandbox/scenarios/default';
import type { BrowserTab } from '../harness/driver';
import type { Geometry, Rect } from '../harness/in-page';
import { waitFor } from '../harness/wait';
import {
  BOTH,
  CHROMIUM_ONLY,
  EU_CRM,
  expect,
  type Journey,
  pages,
  rows,
  settledApiCalls,
  signInFromPanel,
  waitForPanelText,
  waitForRows,
} from './context';

const everywhere = `${EU_CRM}/tab/Accounts/${RECORDS.everywhereAccount}`;
const plain = `${EU_CRM}/tab/Accounts/${RECORDS.plainAccount}`;

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

async function geometry(tab: BrowserTab): Promise<Geometry & { panel: NonNullable<Geometry['panel']> }> {
  return waitFor('the panel on screen', async () => {
    const measured = await tab.geometry();
    return measured.panel ? { ...measured, panel: measured.panel } : null;
  });
}

/** No control of Zoho's under the panel, and nothing of Zoho's over a Remove button. */
export async function expectNothingCovered(tab: BrowserTab, where: string): ReturnType<typeof geometry> {
  const measured = await geometry(tab);
  const covered = measured.page.controls.filter((control) => overlaps(control.rect, measured.panel.dock));
  expect(
    covered.map((control) => control.name),
    `${where}: page controls under the panel`,
  ).toEqual([]);
  const unreachable = measured.panel.removeButtons.filter((button) => !button.reachable);
  expect(
    unreachable.map((button) => button.name),
    `${where}: Remove buttons under the page`,
  ).toEqual([]);
  // The record header's actions are all there to be covered, or not.
  expect(measured.page.controls.map((control) => control.name)).toEqual(
    expect.arrayContaining(['Send Email', 'Edit', 'More Options', 'Contacts']),
  );
  return measured;
}

async function expectNoAxeViolations(tab: BrowserTab, state: string): Promise<void> {
  const violations = await tab.axe();
  expect(violations, `axe in state "${state}"`).toEqual([]);
}

async function focusedPanelElement(tab: BrowserTab, name: string): Promise<string> {
  return waitFor(`focus on "${name}"`, async () => {
    const focused = await tab.focusedPanelElement();
    return focused === name ? focused : null;
  });
}

export const PANEL_JOURNEYS: Journey[] = [
  {
    name: 'the docked panel covers none of Zoho’s controls at 1366×768 and 1920×1080, and a click on Edit reaches the page',
    browsers: BOTH,
    async run(context) {
      const { tab } = context;
      await tab.setViewport(1366, 768);
      await signInFromPanel(context, everywhere);
      const small = await expectNothingCovered(tab, '1366×768');
      expect(small.panel.removeButtons).toHaveLength(10);
      expect(small.panel.listHeight, 'ten rows').toBeLessThanOrEqual(480);

      await tab.setViewport(1920, 1080);
      await waitFor('the page to lay out again', async () => (await tab.geometry()).page.viewport.width > 1800);
      await expectNothingCovered(tab, '1920×1080');

      await tab.clickPage('[data-zcqa="edit-record"]');
      await waitFor('the edit form', async () => (await tab.url()).endsWith('/edit'));
    },
  },
  {
    name: 'moved to the left, made taller and collapsed, the panel stays so across reloads and still covers nothing',
    browsers: BOTH,
    async run(context) {
      const { tab } = context;
      await tab.setViewport(1366, 768);
      await signInFromPanel(context, pages.alpine);
      const before = await geometry(tab);
      expect(before.panel.edge).toBe('right');

      await tab.dragPanelControl('Move panel', { x: -1100, y: 40 });
      const moved = await waitFor('the panel on the left', async () => {
        const measured = await geometry(tab);
        return measured.panel.edge === 'left' ? measured : null;
      });
      expect(moved.panel.dock.left).toBe(0);
      expect(moved.panel.dock.top).toBeGreaterThan(before.panel.dock.top + 20);

      const height = moved.panel.dock.bottom - moved.panel.dock.top;
      await tab.dragPanelControl('Resize panel', { x: 0, y: 120 });
      const taller = await waitFor('a taller panel', async () => {
        const measured = await geometry(tab);
        return measured.panel.dock.bottom - measured.panel.dock.top > height + 100 ? measured : null;
      });
      await expectNothingCovered(tab, 'moved left');

      await tab.goto(pages.alpine);
      await rows(tab);
      const reloaded = await geometry(tab);
      expect(reloaded.panel.edge).toBe('left');
      expect(reloaded.panel.dock).toEqual(taller.panel.dock);

      await tab.clickPanelButton('Collapse territory panel');
      await tab.goto(pages.alpine);
      await waitFor('the collapsed tab with the count', () => tab.hasPanelControl('Territories 3, expand the panel'));
      const collapsed = await expectNothingCovered(tab, 'collapsed');
      expect(collapsed.panel.collapsed).toBe(true);
      expect(collapsed.panel.dock.right - collapsed.panel.dock.left).toBeLessThanOrEqual(32);
    },
  },
  {
    name: 'keyboard alone: the shortcut focuses the panel, Enter removes and focus is on Undo, Enter restores it in place, Escape gives focus back',
    // A browser's own shortcut cannot be pressed through the page, and keys sent over WebDriver BiDi
    // to Firefox ESR never activate a button: the worker sends what its command sends, in Chromium.
    browsers: CHROMIUM_ONLY,
    async run(context) {
      const { browser, tab, control } = context;
      await signInFromPanel(context, pages.alpine);
      await tab.evaluate(() => document.querySelector<HTMLElement>('[data-zcqa="send-email"]')?.focus());
      await control.clearLog();

      await browser.panelShortcut?.();
      await focusedPanelElement(tab, 'Territories 3');
      let focused: string | null = null;
      for (let presses = 0; presses < 10 && focused !== 'Remove territory Germany'; presses += 1) {
        await tab.pressKey('Tab');
        focused = await tab.focusedPanelElement();
      }
      expect(focused).toBe('Remove territory Germany');
      const order = (await tab.panelRows())?.map((row) => row.name);

      await tab.pressKey('Enter');
      await focusedPanelElement(tab, 'Undo removal of Germany');
      await tab.pressKey('Enter');
      await focusedPanelElement(tab, 'Remove territory Germany');
      expect((await tab.panelRows())?.map((row) => row.name)).toEqual(order);
      const posts = await settledApiCalls(control, 'POST');
      expect(posts.map((post) => post.path)).toEqual([
        `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`,
        `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/assign_territories`,
      ]);
      const held = await control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
      expect(held.territories.map((t) => t.id)).toContain(rowsIdOf(await tab.panelRows(), 'Germany'));
      await waitForPanelText(tab, 'after a reload');

      await tab.pressKey('Escape');
      await waitFor('the collapsed tab', () => tab.hasPanelControl('Territories 3, expand the panel'));
      const pageFocus = await tab.evaluate(() => document.activeElement?.getAttribute('data-zcqa') ?? null);
      expect(pageFocus).toBe('send-email');
    },
  },
  {
    name: 'focus follows the row through a removal and its undo, never falling to the page',
    browsers: BOTH,
    async run(context) {
      const { tab, control } = context;
      await signInFromPanel(context, pages.alpine);
      await control.clearLog();
      // A click focuses the button in both browsers; the button then goes away under the focus.
      await tab.clickPanelButton('Remove territory Germany');
      await focusedPanelElement(tab, 'Undo removal of Germany');
      await tab.clickPanelButton('Undo removal of Germany');
      await focusedPanelElement(tab, 'Remove territory Germany');
      expect((await settledApiCalls(control, 'POST')).map((post) => post.status)).toEqual([200, 200]);
      const onBody = await tab.evaluate(() => document.activeElement === document.body);
      expect(onBody).toBe(false);
    },
  },
  {
    name: 'axe finds nothing in any state of the panel, on a light and on a dark Zoho page',
    browsers: BOTH,
    async run(context) {
      const { tab, control } = context;
      await tab.goto(pages.alpine);
      await waitForPanelText(tab, 'Sign in to Zoho CRM');
      await expectNoAxeViolations(tab, 'signed out');
      await signInFromPanel(context, pages.alpine);
      await expectNoAxeViolations(tab, 'list');

      await control.addFault({
        kind: 'latency',
        method: 'POST',
        path: '/actions/remove_territories',
        latencyMs: 3_000,
      });
      await tab.clickPanelButton('Remove territory Germany');
      await waitFor('Removing…', () => tab.hasPanelControl('Removing territory Germany…'));
      await expectNoAxeViolations(tab, 'removing');
      await waitFor('Undo', () => tab.hasPanelControl('Undo removal of Germany'));
      await expectNoAxeViolations(tab, 'undo');

      await control.addFault({
        kind: 'latency',
        host: 'zohoapis.eu',
        method: 'GET',
        path: `/Accounts/${RECORDS.delftAccount}`,
        latencyMs: 3_000,
      });
      await tab.goto(pages.delft);
      await waitForPanelText(tab, 'Loading territories');
      await expectNoAxeViolations(tab, 'loading');
      await waitForRows(tab, 'Netherlands', (listed) => listed.some((row) => row.name === 'Netherlands'));
      await tab.clickPanelButton('Remove territory Netherlands');
      await waitForRows(tab, 'the scheduled removal', (listed) =>
        listed.some((row) => row.name === 'Netherlands' && row.text.includes('Scheduled')),
      );
      await expectNoAxeViolations(tab, 'scheduled');

      await tab.goto(pages.locked);
      await waitForPanelText(tab, 'This record is locked');
      await expectNoAxeViolations(tab, 'locked');
      await control.setLocked(ORGS.euMain, 'Accounts', RECORDS.lockedAccount, false);
      await tab.clickPanelButton('Refresh');
      await waitFor('Remove on Sweden', () => tab.hasPanelControl('Remove territory Sweden'));
      await control.setLocked(ORGS.euMain, 'Accounts', RECORDS.lockedAccount, true);
      await tab.clickPanelButton('Remove territory Sweden');
      await waitForPanelText(tab, 'Code: RECORD_LOCKED');
      await expectNoAxeViolations(tab, 'row error');

      await control.addFault({
        kind: 'server-error',
        host: 'zohoapis.eu',
        method: 'GET',
        path: `/Accounts/${RECORDS.plainAccount}`,
        // The client tries a read again after a 500.
        times: 3,
      });
      await tab.goto(plain);
      await waitForPanelText(tab, 'Code: INTERNAL_ERROR');
      await expectNoAxeViolations(tab, 'list error');
      await tab.clickPanelButton('Retry');
      await waitForPanelText(tab, 'No territories on this record');
      await expectNoAxeViolations(tab, 'empty');

      await tab.goto(`${pages.alpine}?theme=night`);
      await rows(tab);
      expect((await geometry(tab)).panel.theme).toBe('dark');
      await expectNoAxeViolations(tab, 'dark list');
      await tab.clickPanelButton(`Remove territory ${MARKUP_TERRITORY_NAME}`);
      await waitFor('Undo', () => tab.hasPanelControl(`Undo removal of ${MARKUP_TERRITORY_NAME}`));
      await expectNoAxeViolations(tab, 'dark undo');
      await tab.clickPanelButton('Collapse territory panel');
      await waitFor('the tab', () => tab.hasPanelControl('Territories 1, expand the panel'));
      await expectNoAxeViolations(tab, 'dark collapsed');

      await tab.goto(pages.alpine);
      await waitFor('the tab', () => tab.hasPanelControl('Territories 1, expand the panel'));
      expect((await geometry(tab)).panel.theme).toBe('light');
      await expectNoAxeViolations(tab, 'collapsed');
    },
  },
];

function rowsIdOf(listed: { id: string; name: string }[] | null, name: string): string | undefined {
  return listed?.find((row) => row.name === name)?.id;
}

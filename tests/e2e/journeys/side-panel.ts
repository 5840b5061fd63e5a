// The browser's side panel (Chrome) or sidebar (Firefox) as the panel's second home.
import { ORGS, RECORDS, TERRITORIES } from '../../../sandbox/scenarios/default';
import type { BrowserTab, ExtensionBrowser } from '../harness/driver';
import { waitFor } from '../harness/wait';
import {
  BOTH,
  expect,
  type Journey,
  pages,
  removalBody,
  rowNamed,
  settledApiCalls,
  signInFromPanel,
  waitForPanelText,
  waitForRows,
} from './context';

/** Chrome moves the panel from the page's own button; Firefox opens its sidebar from its own controls only. */
async function moveToSidePanel(browser: ExtensionBrowser, tab: BrowserTab): Promise<BrowserTab> {
  if (browser.name === 'chromium') {
    await tab.clickPanelButton("Move to the browser's side panel");
    return browser.sidePanel();
  }
  await tab.clickPanelButton("Move to the browser's sidebar");
  await waitForPanelText(tab, 'opens its sidebar only from its own controls');
  // The preference in the options instead of the popup's button: that would open the real sidebar,
  // which WebDriver BiDi cannot drive, beside the tab that stands in for it.
  const optionsWindow = browser.nextWindow();
  await tab.clickPanelButton('Open options');
  const options = await optionsWindow;
  await waitFor('the preference loaded', () =>
    options.evaluate(() => {
      const select = [...document.querySelectorAll('select')].find((element) =>
        element.labels?.[0]?.textContent?.includes('Where the panel shows'),
      );
      if (!select || select.disabled) return false;
      select.value = 'side-panel';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }),
  );
  const side = await browser.sidePanel();
  await options.close();
  await tab.bringToFront();
  return side;
}

export const SIDE_PANEL_JOURNEYS: Journey[] = [
  {
    name: 'the side panel shows the active tab’s record, follows in-app navigation and tab switches, removes with one POST; nothing stays in the page',
    browsers: BOTH,
    async run(context) {
      const { browser, tab, control } = context;
      await signInFromPanel(context, pages.alpine);
      const side = await moveToSidePanel(browser, tab);

      await waitFor('the panel to leave the page', async () => (await tab.panelText()) === null);
      expect(await tab.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
      await waitForRows(side, 'the Alpine record in the side panel', (listed) => Boolean(rowNamed(listed, 'Germany')));
      expect(await side.axe()).toEqual([]);

      await control.clearLog();
      await side.clickPanelButton('Remove territory Germany');
      await waitFor('Undo in the side panel', () => side.hasPanelControl('Undo removal of Germany'));
      const posts = await settledApiCalls(control, 'POST');
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({
        path: `/crm/v8/Accounts/${RECORDS.alpineAccount}/actions/remove_territories`,
        status: 200,
        headers: { 'x-crm-org': ORGS.euMain },
        body: removalBody(RECORDS.alpineAccount, TERRITORIES.germany),
      });
      const held = await control.record(ORGS.euMain, 'Accounts', RECORDS.alpineAccount);
      expect(held.territories.map((t) => t.id)).not.toContain(TERRITORIES.germany);

      // In-app navigation in the CRM tab: to the list (no record), then to another record.
      await control.clearLog();
      await tab.clickPage('[data-zcqa="back-to-list"]');
      await waitForPanelText(side, 'Open a Lead, Account, Contact or Deal');
      expect(await side.axe()).toEqual([]);
      await tab.clickPage(`a[data-zcqa="record-link"][href$="/${RECORDS.delftAccount}"]`);
      await waitForRows(side, 'the Delft record', (listed) => Boolean(rowNamed(listed, 'Netherlands')));
      expect(await tab.panelText()).toBeNull();
      // The side panel's read is the one GET of this record view.
      expect((await settledApiCalls(control)).map((call) => `${call.method} ${call.path}`)).toEqual([
        `GET /crm/v8/Accounts/${RECORDS.delftAccount}`,
      ]);

      // A tab switch, and back.
      const other = await browser.newTab();
      await other.goto(pages.contact);
      await other.bringToFront();
      await waitForRows(side, 'the contact of the other tab', (listed) => Boolean(rowNamed(listed, 'Austria')));
      expect(await other.panelText()).toBeNull();
      await tab.bringToFront();
      await waitForRows(side, 'the Delft record again', (listed) => Boolean(rowNamed(listed, 'Netherlands')));

      // Back to the page.
      await side.clickPanelButton('Show the panel in the page instead');
      await waitForPanelText(tab, 'Netherlands');
    },
  },
];

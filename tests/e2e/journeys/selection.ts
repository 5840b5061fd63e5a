// Journeys to the bulk page from Zoho's pages: the panel's "Bulk removal…", and a list view's rows
// ticked with real input, the selection bar, and the bulk page opened with the ids handed over by token.
import { ORGS } from '../../../sandbox/scenarios/default';
import { HANDOFF_TOKEN } from '../../../utils/bulk/handoff';
import { parseBulkLink } from '../../../utils/bulk/link';
import { waitFor } from '../harness/wait';
import { apiCalls, CHROMIUM_ONLY, EU_CRM, expect, type Journey, pages, pause, signInFromPanel } from './context';

const SELECTION_HOST = 'territory-selection';

export const SELECTION_JOURNEYS: Journey[] = [
  {
    name: 'the panel and three rows ticked in a list view open the bulk page; the list costs no API call',
    browsers: CHROMIUM_ONLY,
    async run(context) {
      const { browser, tab, control } = context;
      await signInFromPanel(context, pages.alpine);

      // The panel's own way there: the record's org and module, no record.
      const emptyBulkWindow = browser.nextWindow();
      await tab.clickPanelButton('Bulk removal…');
      const emptyBulk = await emptyBulkWindow;
      expect(await emptyBulk.url()).toBe(
        `${browser.extensionOrigin}/bulk.html#module=Accounts&dc=eu&org=${ORGS.euMain}`,
      );
      await emptyBulk.close();

      await tab.goto(`${EU_CRM}/tab/Accounts`);
      await control.clearLog();

      const ids = await waitFor('the list view’s rows', async () => {
        const values = await tab.evaluate(() =>
          [...document.querySelectorAll<HTMLInputElement>('input[data-zcqa="row-select"]')].map((box) => box.value),
        );
        return values.length >= 3 ? values.slice(0, 3) : null;
      });
      for (const id of ids) await tab.clickPage(`input[data-zcqa="row-select"][value="${id}"]`);
      const checked = await tab.evaluate(
        () => document.querySelectorAll<HTMLInputElement>('input[data-zcqa="row-select"]:checked').length,
      );
      expect(checked).toBe(3);
      // The list view and its bar read only the page: no call to Zoho since the list opened.
      await pause(300);
      expect(await apiCalls(control)).toEqual([]);

      // The bar leaves Zoho's chat bar at the bottom right free.
      const covered = await tab.evaluate(() => {
        const bar = document.querySelector('territory-selection')?.shadowRoot?.querySelector('.tp-selection');
        const box = bar?.getBoundingClientRect();
        if (!box) return ['no bar'];
        return [...document.querySelectorAll<HTMLElement>('[data-zcqa="chat-bar"] button')]
          .filter((button) => {
            const b = button.getBoundingClientRect();
            return b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom;
          })
          .map((button) => button.textContent);
      });
      expect(covered).toEqual([]);

      const bulkWindow = browser.nextWindow();
      await tab.clickPanelButton('Remove territories from 3 selected records', { host: SELECTION_HOST });
      const bulk = await bulkWindow;
      const url = new URL(
        await waitFor('the bulk page address', async () => {
          const at = await bulk.url();
          return at.includes('/bulk.html#') ? at : null;
        }),
      );
      expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`${browser.extensionOrigin}/bulk.html`);
      // The records are handed over through storage: the address carries a token, no record id.
      const link = parseBulkLink(url.hash);
      expect(link).toMatchObject({ recordIds: [], module: 'Accounts', dataCentre: 'eu', orgId: ORGS.euMain });
      expect(link.selection).toMatch(HANDOFF_TOKEN);
      for (const id of ids) expect(url.href).not.toContain(id);
      const shown = await waitFor('the handed-over records on the bulk page', async () => {
        const text = await bulk.evaluate(() => document.body.textContent ?? '');
        return text.includes('3 records from the selection you opened') ? text : null;
      });
      expect(shown).toContain('3 records from the selection you opened');
      const listed = await bulk.evaluate(() =>
        [...document.querySelectorAll('textarea')].map((area) => area.value.split('\n').filter(Boolean)),
      );
      expect(listed).toContainEqual(ids);
    },
  },
];

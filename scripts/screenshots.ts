// `npm run screenshots`: the store listing's 1280×800 screenshots and its 440×280 promotional tile,
// made from the production code built for the local stand-in, in headless Chromium, into
// docs/store/screenshots/ in English and docs/store/screenshots/de/ in German. Every shot is of a state reached as a user reaches it (sign-in through the
// consent page, real clicks), against the stand-in's sample org.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createControlClient } from '../sandbox/control-client';
import { bulkAccountId, ORGS, RECORDS, TERRITORIES } from '../sandbox/scenarios/default';
import { startStandIn } from '../sandbox/server';
import { launchChromium } from '../tests/e2e/harness/chromium';
import type { BrowserTab } from '../tests/e2e/harness/driver';
import { waitFor } from '../tests/e2e/harness/wait';
import { acceptConsent, EU_CRM, rows, waitForPanelText } from '../tests/e2e/journeys/context';
import { bulkLinkHash } from '../utils/bulk/link';
import type { Locale } from '../utils/i18n/locales';
import { buildForStandIn } from './build-for-stand-in';
import { translatorFromFiles } from './catalogue-files';

const OUT = resolve(import.meta.dirname, '../docs/store/screenshots');
const TILE_PAGE = resolve(import.meta.dirname, 'promo-tile.html');
const SCREEN = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
/** The sample account holding ten territories; two of them are made rule-assigned for the shots. */
const RECORD = `${EU_CRM}/tab/Accounts/${RECORDS.everywhereAccount}`;
/** Records of the sample org's Key Accounts territory that the bulk shot removes it from. */
const BULK_RECORDS = 250;
/** The listing's languages with screenshots: English and German (the stores show them by language). */
const SCREENSHOT_LOCALES: readonly Locale[] = ['en', 'de'];

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

console.log('Building the extension for the stand-in…');
buildForStandIn(['chrome']);
await mkdir(OUT, { recursive: true });
const standIn = await startStandIn({ port: 0, controlPort: 0 });
const control = createControlClient(standIn.controlUrl);

/** The page's visible text, blocks apart. */
async function waitForPageText(on: BrowserTab, text: string, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    `page text "${text}"`,
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for the user
    async () => (await on.evaluate(() => document.body.innerText)).includes(text),
    { timeoutMs, intervalMs: 200 },
  );
}

/** The listing's screenshots in one language: the Zoho page and the browser both speak it. */
async function shootIn(locale: Locale, out: string): Promise<void> {
  const { t, number } = translatorFromFiles(locale);
  const page = (query = '') => `${RECORD}${locale === 'en' ? query : `${query ? `${query}&` : '?'}lang=${locale}`}`;
  await mkdir(out, { recursive: true });
  await control.reset();
  const browser = await launchChromium(standIn.port, {
    headless: true,
    language: locale === 'en' ? undefined : locale,
  });
  const { tab } = browser;
  const shoot = async (on: BrowserTab, name: string) => {
    const file = resolve(out, name);
    await on.screenshot(file);
    console.log(`${seconds()}  ${file}`);
  };
  try {
    await tab.setViewport(SCREEN.width, SCREEN.height);

    for (const territoryId of [TERRITORIES.dach, TERRITORIES.nordics]) {
      await control.setAssignment(ORGS.euMain, 'Accounts', RECORDS.everywhereAccount, territoryId, 'automatically');
    }
    await tab.goto(page());
    await waitForPanelText(tab, t('panel.signIn'));
    await acceptConsent(browser, () => tab.clickPanelButton(t('panel.signIn')));
    await rows(tab);
    await shoot(tab, '1-panel-on-a-record.png');

    await tab.goto(page('?theme=night'));
    await rows(tab);
    await shoot(tab, '2-night-mode.png');

    await tab.goto(page());
    await rows(tab);
    await tab.clickPanelButton(t('panel.removeNamed', { name: 'Germany' }));
    await waitFor('the Undo row', () => tab.hasPanelControl(t('panel.undoNamed', { name: 'Germany' })));
    await shoot(tab, '3-removed-with-undo.png');
    await tab.clickPanelButton(t('panel.undoNamed', { name: 'Germany' }));
    await waitFor('Germany back', () => tab.hasPanelControl(t('panel.removeNamed', { name: 'Germany' })));

    await tab.clickPanelButton(t('panel.collapse'));
    const expand = `${t('panel.title')} ${number(10)}${t('panel.expandHint')}`.replace(/\s+/g, ' ').trim();
    await waitFor('the collapsed tab', () => tab.hasPanelControl(expand));
    await shoot(tab, '4-collapsed-tab.png');
    // The collapsed state is kept in storage.local: leave the profile with the panel open.
    await tab.clickPanelButton(expand);

    const recordIds = Array.from({ length: BULK_RECORDS }, (_, i) => bulkAccountId(i + 1));
    const link = bulkLinkHash({
      recordIds,
      territoryIds: [TERRITORIES.keyAccounts],
      module: 'Accounts',
      dataCentre: 'eu',
      orgId: ORGS.euMain,
    });
    await tab.goto(`${browser.extensionOrigin}/bulk.html${link}`);
    await waitForPageText(tab, t('bulk.territoriesToRemove'));
    await tab.clickPageButton(t('bulk.preview'), { timeoutMs: 20_000 });
    await tab.clickPageButton(t('bulk.start'), { timeoutMs: 20_000 });
    await waitForPageText(tab, t('bulk.run.finished'), 60_000);
    await tab.evaluate(() => window.scrollTo(0, 0));
    await shoot(tab, '5-bulk-run-finished.png');

    const calls = await control.log({ kind: 'api' });
    console.log(`${locale}: API calls the stand-in answered: ${calls.length}`);

    if (locale === 'en') {
      const tile = await browser.newTab();
      await tile.setViewport(TILE.width, TILE.height);
      await tile.goto(pathToFileURL(TILE_PAGE).href);
      await tile.evaluate(() => Promise.all([...document.images].map((image) => image.decode())).then(() => true));
      await shoot(tile, 'promo-tile-440x280.png');
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

try {
  // English at the top of screenshots/, each other language in its own folder.
  for (const locale of SCREENSHOT_LOCALES) await shootIn(locale, locale === 'en' ? OUT : resolve(OUT, locale));
} finally {
  await standIn.close();
}
console.log(`Done in ${seconds()}.`);

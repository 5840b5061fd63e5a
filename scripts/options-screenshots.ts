// `npm run screenshots:options`: the options page as a new user sees it, then signed in (through the
// stand-in's consent page, from a record's panel), in headless Chromium, into docs/ (TP_SHOTS_DIR:
// elsewhere; E2E_SKIP_BUILD=1: the build already in .output/stand-in).
import { resolve } from 'node:path';
import { startStandIn } from '../sandbox/server';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { waitFor } from '../tests/e2e/harness/wait';
import { acceptConsent, pages, rows, waitForPanelText } from '../tests/e2e/journeys/context';
import { buildForStandIn } from './build-for-stand-in';

const OUT = process.env.TP_SHOTS_DIR ?? resolve(import.meta.dirname, '../docs');

if (!process.env.E2E_SKIP_BUILD) buildForStandIn(['chrome']);
const standIn = await startStandIn({ port: 0, controlPort: 0 });
const browser = await launchChromium(standIn.port, { headless: true });
const { tab } = browser;
const options = `${browser.extensionOrigin}/options.html`;

async function shootOptions(name: string): Promise<void> {
  await tab.goto(options);
  await waitFor('the options page loaded', () =>
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for the user
    tab.evaluate(() => !document.body.innerText.includes('Checking connections')),
  );
  const height = await tab.evaluate(() => document.documentElement.scrollHeight);
  await tab.setViewport(900, height);
  await tab.screenshot(resolve(OUT, name));
  console.log(resolve(OUT, name));
}

try {
  await tab.setViewport(900, 900);
  await shootOptions('options-first-run.png');
  await tab.setViewport(1280, 900);
  await tab.goto(pages.alpine);
  await waitForPanelText(tab, 'Sign in to Zoho CRM');
  await acceptConsent(browser, () => tab.clickPanelButton('Sign in to Zoho CRM'));
  await rows(tab);
  await shootOptions('options.png');
} finally {
  await browser.close().catch(() => undefined);
  await standIn.close();
}

// `npm run demo [-- --headless] [-- --screenshot file.png] [-- --collapsed] [-- --night] [-- --side-panel]`:
// builds the extension, starts the local Zoho stand-in and opens Chromium with the extension on a
// sample record (--night: Zoho's night mode; --collapsed: the screenshot shows the panel collapsed to
// its tab; --side-panel: the panel moved to Chrome's side panel, and the screenshot is of that).
import { parseArgs } from 'node:util';
import { createControlClient } from '../sandbox/control-client';
import { ORGS, RECORDS } from '../sandbox/scenarios/default';
import { startStandIn } from '../sandbox/server';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { acceptConsent, rows } from '../tests/e2e/journeys/context';
import { buildForStandIn } from './build-for-stand-in';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    collapsed: { type: 'boolean', default: false },
    night: { type: 'boolean', default: false },
    'side-panel': { type: 'boolean', default: false },
  },
});
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = values.headless || !hasDisplay || values.screenshot !== undefined;

const SAMPLE = `https://crm.zoho.eu/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.alpineAccount}${
  values.night ? '?theme=night' : ''
}`;

console.log('Building the extension…');
buildForStandIn(['chrome']);
const standIn = await startStandIn({ port: 0, controlPort: 0 });
const control = createControlClient(standIn.controlUrl);
console.log(`Zoho stand-in on 127.0.0.1:${standIn.port} (control ${standIn.controlUrl})`);
const browser = await launchChromium(standIn.port, { headless });
await browser.tab.goto(SAMPLE);

async function stop(code: number): Promise<never> {
  await browser.close().catch(() => undefined);
  await standIn.close();
  process.exit(code);
}

if (headless) {
  // Nobody can click: sign in through the consent page, as a user would, and show the list.
  await acceptConsent(browser, () => browser.tab.clickPanelButton('Sign in to Zoho CRM'));
  const listed = await rows(browser.tab);
  console.log(`Signed in as the sample EU admin; the panel lists: ${listed.map((r) => r.name).join(', ')}`);
  const calls = await control.log({ kind: 'api' });
  console.log(`API calls made: ${calls.map((c) => `${c.method} ${c.host}${c.path}`).join('; ')}`);
  let shown = browser.tab;
  if (values['side-panel']) {
    await browser.tab.clickPanelButton("Move to the browser's side panel");
    shown = await browser.sidePanel();
    const listedThere = await rows(shown);
    console.log(`Moved to the side panel, which lists: ${listedThere.map((r) => r.name).join(', ')}`);
  }
  if (values.screenshot) {
    if (values.collapsed) await browser.tab.clickPanelButton('Collapse territory panel');
    await shown.screenshot(values.screenshot);
    console.log(`Screenshot: ${values.screenshot}`);
  }
  await stop(0);
} else {
  console.log(`
Chromium is open on a sample Account in the EU data centre: ${SAMPLE}
  1. In the Territories panel on the right, click "Sign in to Zoho CRM", then "Accept".
  2. Click "Remove" next to Germany: one click removes it; "Undo" puts it back.
  3. DACH is assigned by territory rules: Zoho does not allow removing it, so the panel says why.
  4. Try the locked record:    https://crm.zoho.eu/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.lockedAccount}
     and a scheduled removal:  https://crm.zoho.eu/crm/org${ORGS.euMain}/tab/Accounts/${RECORDS.delftAccount}
Close the browser or press Ctrl+C to stop.`);
  process.on('SIGINT', () => void stop(0));
  await new Promise<void>((resolveClosed) => {
    const timer = setInterval(async () => {
      if ((await browser.tab.url().catch(() => null)) === null) {
        clearInterval(timer);
        resolveClosed();
      }
    }, 1000);
  });
  await stop(0);
}

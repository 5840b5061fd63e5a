// The options page as a new user meets it, with the client id this build brings: nothing to set up,
// sign-in through Zoho's consent page, the org once a record of it was read, sign-out; axe in each
// state, and the keyboard.
import { ORGS } from '../../../sandbox/scenarios/default';
import type { BrowserTab } from '../harness/driver';
import { waitFor } from '../harness/wait';
import {
  acceptConsent,
  apiCalls,
  BOTH,
  expect,
  type Journey,
  type JourneyContext,
  pages,
  rows,
  waitForPanelText,
} from './context';

/** The options page in a tab of its own, as a user opens it. */
async function openOptions({ browser, tab }: JourneyContext): Promise<BrowserTab> {
  if (browser.name === 'chromium') {
    const options = await browser.newTab();
    await options.goto(`${browser.extensionOrigin}/options.html`);
    return options;
  }
  // WebDriver BiDi cannot navigate a tab to an extension page: Firefox's panel offers the options
  // where it cannot open the sidebar itself.
  await tab.goto(pages.alpine);
  // Once the panel has settled: a click while it still lays itself out may land beside the button.
  await waitForPanelText(tab, 'Sign in to Zoho CRM', 20_000);
  await tab.clickPanelButton("Move to the browser's sidebar");
  await waitForPanelText(tab, 'opens its sidebar only from its own controls', 20_000);
  const opened = browser.nextWindow();
  await tab.clickPanelButton('Open options');
  return opened;
}

async function reload(page: BrowserTab): Promise<void> {
  // Later than the evaluation's answer: the reload ends the document that answers.
  await page.evaluate(() => {
    setTimeout(() => location.reload(), 0);
    return true;
  });
}

interface OptionsView {
  text: string;
  sections: string[];
  connected: string[];
  otherDataCentres: { summary: string; open: boolean } | null;
  focused: string;
  /** the labels of the Preferences section's controls, in order */
  preferences: string[];
}

function readOptions(): OptionsView {
  const details = document.querySelector('details');
  return {
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for the user
    text: document.body.innerText.replace(/\s+/g, ' '),
    sections: [...document.querySelectorAll('h2')].map((heading) => heading.textContent ?? ''),
    connected: [...document.querySelectorAll('h3')].map((heading) => heading.textContent ?? ''),
    otherDataCentres: details
      ? { summary: details.querySelector('summary')?.textContent ?? '', open: details.open }
      : null,
    focused: document.activeElement?.textContent ?? '',
    preferences: [...document.querySelectorAll('[aria-labelledby="preferences-heading"] label')].map(
      (label) => label.textContent ?? '',
    ),
  };
}

async function optionsShowing(tab: BrowserTab, text: string): Promise<OptionsView> {
  let last = '';
  try {
    return await waitFor(`the options page to show "${text}"`, async () => {
      const view = await tab.evaluate(readOptions);
      last = view.text;
      return view.text.includes(text) ? view : null;
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; it shows: ${last}`);
  }
}

/** Picks a language as the select's change would (options are not clickable through WebDriver). */
async function chooseLanguage(page: BrowserTab, value: string): Promise<void> {
  await waitFor('the Language select', () =>
    page.evaluateWith((wanted) => {
      const select = [...document.querySelectorAll('select')].find((element) =>
        element.labels?.[0]?.textContent?.match(/^(Language|Sprache)$/),
      );
      if (!select || select.disabled) return false;
      select.value = wanted;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, value),
  );
}

async function expectAxeClean(tab: BrowserTab, state: string): Promise<void> {
  expect(await tab.axePage(), `axe on the options page, ${state}`).toEqual([]);
}

export const OPTIONS_JOURNEYS: Journey[] = [
  {
    name: 'options: a fresh install has nothing to set up; signed in, the data centre shows first with its org and renews automatically, the others folded; sign-out by keyboard revokes; axe clean',
    browsers: BOTH,
    async run(context) {
      const { browser, tab, control } = context;
      const options = await openOptions(context);
      const fresh = await optionsShowing(options, 'Not signed in to Zoho yet');
      expect(fresh.sections).toEqual(['Zoho connections', 'Preferences']);
      expect(fresh.text).not.toMatch(/Client ID|API console|Redirect URI/);
      expect(fresh.connected).toEqual([]);
      expect(fresh.otherDataCentres).toEqual({ summary: 'Sign in to a data centre', open: false });
      expect(fresh.preferences[0]).toBe('Language');
      await expectAxeClean(options, 'fresh');

      // The Language select among the preferences: the page speaks German at once, and back.
      await chooseLanguage(options, 'de');
      const german = await optionsShowing(options, 'Noch nicht bei Zoho angemeldet');
      expect(german.sections).toEqual(['Zoho-Verbindungen', 'Einstellungen']);
      expect(german.otherDataCentres).toEqual({ summary: 'Bei einem Rechenzentrum anmelden', open: false });
      expect(await options.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
        'de',
        'Territory Panel für Zoho CRM – Optionen',
      ]);
      await expectAxeClean(options, 'in German');
      await chooseLanguage(options, 'auto');
      await optionsShowing(options, 'Not signed in to Zoho yet');

      await options.clickPageButton('Sign in to a data centre');
      await acceptConsent(browser, () => options.clickPageButton('Sign in to Europe'));
      const signedIn = await optionsShowing(options, 'Signed in to Europe.');
      expect(signedIn.connected).toEqual(['Europe crm.zoho.eu']);
      expect(signedIn.text).toContain('renews automatically while you are signed in to Zoho');
      expect(signedIn.text).toContain('Its organization shows here once you open one of its records.');
      expect(signedIn.text).not.toMatch(/until \d|\d{1,2}:\d{2}/);
      expect(signedIn.otherDataCentres).toEqual({ summary: 'Connect another data centre', open: true });
      // Focus follows the data centre to its new place.
      expect(signedIn.focused).toBe('Europe crm.zoho.eu');
      const authorize = await control.log({ kind: 'accounts', path: '/oauth/v2/auth' });
      // One flow (one state) at the EU accounts server; Firefox's sign-in window may load its page twice.
      const flows = authorize
        .filter((entry) => entry.method === 'GET' && entry.path === '/oauth/v2/auth')
        .map((entry) => `${entry.host} ${entry.query.state}`);
      expect(new Set(flows).size).toBe(1);
      expect(flows[0]).toMatch(/^accounts\.zoho\.eu /);

      // A record read names its org under the connection.
      await tab.goto(pages.alpine);
      await rows(tab);
      await reload(options);
      const withOrg = await optionsShowing(options, `Organization ID ${ORGS.euMain}`);
      expect(withOrg.connected).toEqual(['Europe crm.zoho.eu']);
      expect(withOrg.otherDataCentres).toEqual({ summary: 'Connect another data centre', open: false });
      expect(withOrg.text.indexOf('Europe crm.zoho.eu')).toBeLessThan(withOrg.text.indexOf('Connect another'));
      await expectAxeClean(options, 'signed in');
      await options.clickPageButton('Connect another data centre');
      await waitFor(
        'the other data centres unfolded',
        async () => (await options.evaluate(readOptions)).otherDataCentres?.open,
      );
      await expectAxeClean(options, 'signed in, the other data centres unfolded');

      // Sign out with the keyboard: focus the data centre's heading, Tab to its Sign out, Enter.
      await options.bringToFront();
      await options.evaluate(() => {
        document.querySelector<HTMLElement>('h3')?.focus();
        return true;
      });
      await options.pressKey('Tab');
      expect(await options.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toBe(
        'Sign out of Europe',
      );
      await control.clearLog();
      await options.pressKey('Enter');
      const signedOut = await optionsShowing(options, 'Signed out of Europe.');
      expect(signedOut.connected).toEqual([]);
      expect(signedOut.text).toContain('Not signed in to Zoho yet');
      expect(signedOut.focused).toBe('Sign in to a data centre');
      const revoked = await waitFor('the revocation', async () => {
        const posts = await control.log({ kind: 'accounts', path: '/oauth/v2/token/revoke' });
        return posts.length > 0 && posts.every((post) => post.status !== null) ? posts : null;
      });
      expect(revoked.map((post) => [post.host, post.method, post.status])).toEqual([['accounts.zoho.eu', 'POST', 200]]);
      await expectAxeClean(options, 'signed out');

      // Gone for the panel too: it asks to sign in and reads nothing.
      await control.clearLog();
      await tab.bringToFront();
      await tab.goto(pages.alpine);
      await waitForPanelText(tab, 'Sign in to Zoho CRM');
      expect(await apiCalls(control)).toEqual([]);
    },
  },
];

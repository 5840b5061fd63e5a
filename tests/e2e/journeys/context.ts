import { expect } from 'vitest';
import type { ControlClient } from '../../../sandbox/control-client';
import type { RequestLogEntry } from '../../../sandbox/request-log';
import {
  CHROME_REDIRECT_URI,
  FIREFOX_REDIRECT_URI,
  INSTANCE_NAMES,
  ORGS,
  RECORDS,
} from '../../../sandbox/scenarios/default';
import type { BrowserName, BrowserTab, ExtensionBrowser } from '../harness/driver';
import type { PanelRow } from '../harness/in-page';
import { waitFor } from '../harness/wait';

export interface JourneyContext {
  browser: ExtensionBrowser;
  tab: BrowserTab;
  control: ControlClient;
}

export interface Journey {
  name: string;
  browsers: readonly BrowserName[];
  /** the browser's own language (its UI and preferred languages), when not its default */
  language?: string;
  run(context: JourneyContext): Promise<void>;
}

export const BOTH: readonly BrowserName[] = ['chromium', 'firefox'];
export const CHROMIUM_ONLY: readonly BrowserName[] = ['chromium'];

export const EU_CRM = `https://crm.zoho.eu/crm/org${ORGS.euMain}`;
export const US_CRM = `https://crm.zoho.com/crm/org${ORGS.us}`;
export const ZOHO_ONE_EU = `https://one.zoho.eu/zohoone/${INSTANCE_NAMES.euMain}/home/cxapp/crm/org${ORGS.euMain}`;

export const pages = {
  alpine: `${EU_CRM}/tab/Accounts/${RECORDS.alpineAccount}`,
  locked: `${EU_CRM}/tab/Accounts/${RECORDS.lockedAccount}`,
  delft: `${EU_CRM}/tab/Accounts/${RECORDS.delftAccount}`,
  contact: `${EU_CRM}/tab/Contacts/${RECORDS.contact}`,
  deal: `${EU_CRM}/tab/Potentials/${RECORDS.deal}`,
  usLead: `${US_CRM}/tab/Leads/${RECORDS.usLead}`,
};

export function redirectUriOf(browser: BrowserName): string {
  return browser === 'chromium' ? CHROME_REDIRECT_URI : FIREFOX_REDIRECT_URI;
}

export async function rows(tab: BrowserTab): Promise<PanelRow[]> {
  return waitFor('the panel to list territories', async () => {
    const listed = await tab.panelRows();
    const text = (await tab.panelText()) ?? '';
    return listed && listed.length > 0 && !text.includes('Loading territories') ? listed : null;
  });
}

export async function waitForRows(
  tab: BrowserTab,
  what: string,
  accept: (rows: PanelRow[]) => boolean,
  timeoutMs = 10_000,
): Promise<PanelRow[]> {
  return waitFor(
    what,
    async () => {
      const listed = await tab.panelRows();
      return listed && accept(listed) ? listed : null;
    },
    { timeoutMs },
  );
}

export async function waitForPanelText(tab: BrowserTab, text: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    `panel text "${text}"`,
    async () => {
      const shown = await tab.panelText();
      return shown?.includes(text) ? shown : null;
    },
    { timeoutMs },
  );
}

export function rowNamed(listed: PanelRow[], name: string): PanelRow | undefined {
  return listed.find((row) => row.name === name);
}

/** Opens `url`, signs in from the panel through the stand-in's consent page, and waits for the list. */
export async function signInFromPanel({ browser, tab }: JourneyContext, url: string): Promise<PanelRow[]> {
  await tab.goto(url);
  await waitForPanelText(tab, 'Sign in to Zoho CRM');
  await acceptConsent(browser, () => tab.clickPanelButton('Sign in to Zoho CRM'));
  return rows(tab);
}

/** Does `trigger`, then accepts the consent page that the sign-in opens. */
export async function acceptConsent(browser: ExtensionBrowser, trigger: () => Promise<void>): Promise<void> {
  const consentWindow = browser.nextWindow();
  await trigger();
  const consent = await consentWindow;
  await consent.clickPage('#accept');
}

export async function apiCalls(control: ControlClient, method?: string): Promise<RequestLogEntry[]> {
  const entries = await control.log({ kind: 'api' });
  return method ? entries.filter((entry) => entry.method === method) : entries;
}

/** Waits until in-flight requests have been answered, then returns the API calls. */
export async function settledApiCalls(control: ControlClient, method?: string): Promise<RequestLogEntry[]> {
  return waitFor('the stand-in to answer every request', async () => {
    const entries = await apiCalls(control, method);
    return entries.every((entry) => entry.status !== null || entry.fault === 'drop') ? entries : null;
  });
}

export function removalBody(recordId: string, territoryId: string): unknown {
  return { data: [{ id: recordId, Territories: [{ id: territoryId }] }] };
}

/** The panel's rows must end as exactly what the stand-in holds for the record. */
export async function expectPanelToMatchStandIn(
  { tab, control }: JourneyContext,
  orgId: string,
  module: string,
  recordId: string,
): Promise<void> {
  const held = await control.record(orgId, module, recordId);
  const heldIds = held.territories.map((t) => t.id).sort();
  await waitForRows(
    tab,
    `panel rows ${heldIds.join(',')}`,
    (listed) => JSON.stringify(listed.map((r) => r.id).sort()) === JSON.stringify(heldIds),
  );
}

export async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export { expect };

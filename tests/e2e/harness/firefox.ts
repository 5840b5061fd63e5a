import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { STAND_IN_BUILD_DIR } from '../../../scripts/build-for-stand-in';
import type { BrowserTab, ExtensionBrowser } from './driver';
import { WHOLE_DOCUMENT } from './in-page';
import { puppeteerDocument } from './puppeteer-document';
import { createTab } from './tab';
import { waitFor } from './wait';

export const FIREFOX_BUILD = resolve(STAND_IN_BUILD_DIR, 'firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'territory-panel@territory-panel.app';
// Fixed internal UUID so the extension's pages have a known origin in tests.
const EXTENSION_UUID = '6f1d2a7e-3b4c-4d5e-8f90-a1b2c3d4e5f6';

/** Firefox cannot map ports, so the stand-in must listen on 443 and every name resolves to loopback. */
export async function launchFirefox({ language }: { language?: string } = {}): Promise<ExtensionBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1400, height: 900 },
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      // The UI language (no language pack here, so extensions read it from the requested one) and
      // the languages pages are asked in.
      ...(language ? { 'intl.locale.requested': language, 'intl.accept_languages': language } : {}),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const page = (await browser.pages())[0] ?? (await browser.newPage());

  return {
    name: 'firefox',
    extensionOrigin: `moz-extension://${EXTENSION_UUID}`,
    extensionId: GECKO_ID,
    tab: wrapPage(page),
    newTab: async () => wrapPage(await browser.newPage()),
    // WebDriver BiDi reaches neither the sidebar nor a tab navigated to an extension page: an
    // extension page already open (the options) opens the sidebar's page in a tab of the window,
    // which follows the window's other tabs as the sidebar does.
    sidePanel: async () => {
      const opener = await extensionPage(browser);
      const opened = nextPage(browser, 10_000);
      await opener.evaluate(async () => {
        const api = (globalThis as unknown as { browser: { tabs: { create(p: object): Promise<unknown> } } }).browser;
        await api.tabs.create({ url: '/sidepanel.html', active: false });
      });
      const page = await opened;
      return createTab(puppeteerDocument(page, page.mainFrame()), WHOLE_DOCUMENT);
    },
    nextWindow: async (timeoutMs = 15_000) => wrapPage(await nextPage(browser, timeoutMs)),
    // WebDriver BiDi reaches no extension background, and a browser shortcut cannot be pressed.
    panelShortcut: null,
    stopBackground: null,
    close: () => browser.close(),
  };
}

/** The address a page really shows: BiDi reports an extension page as about:blank. */
function addressOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => 'about:blank');
}

async function nextPage(browser: Browser, timeoutMs: number): Promise<Page> {
  const existing = new Set(browser.targets());
  const target = await browser.waitForTarget((t) => t.type() === 'page' && !existing.has(t), { timeout: timeoutMs });
  const page = await target.page();
  if (!page) throw new Error('new window has no page');
  await waitFor('the new window to load', async () => ((await addressOf(page)) === 'about:blank' ? null : true), {
    timeoutMs,
  });
  return page;
}

async function extensionPage(browser: Browser): Promise<Page> {
  for (const page of await browser.pages()) {
    if ((await addressOf(page)).startsWith(`moz-extension://${EXTENSION_UUID}/`)) return page;
  }
  throw new Error('Firefox: no extension page is open (open the options first) to reach the sidebar page');
}

function wrapPage(page: Page): BrowserTab {
  return createTab(puppeteerDocument(page, page.mainFrame()));
}

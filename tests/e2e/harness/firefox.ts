import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import type { BrowserTab, ExtensionBrowser } from './driver';
import {
  focusedPanelName,
  locatePageButton,
  locatePageElement,
  locatePanelControl,
  PANEL_HOST,
  readPanelRows,
  readPanelText,
} from './in-page';
import { waitFor } from './wait';

export const FIREFOX_BUILD = resolve(import.meta.dirname, '../../../.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'territory-panel@territory-panel.app';
// Fixed internal UUID so the extension's pages have a known origin in tests.
const EXTENSION_UUID = '6f1d2a7e-3b4c-4d5e-8f90-a1b2c3d4e5f6';

/** Firefox cannot map ports, so the stand-in must listen on 443 and every name resolves to loopback. */
export async function launchFirefox(): Promise<ExtensionBrowser> {
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
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const page = (await browser.pages())[0] ?? (await browser.newPage());

  return {
    name: 'firefox',
    extensionOrigin: `moz-extension://${EXTENSION_UUID}`,
    tab: wrapPage(page),
    newTab: async () => wrapPage(await browser.newPage()),
    nextWindow: (timeoutMs = 15_000) => nextPage(browser, timeoutMs),
    stopBackground: null,
    close: () => browser.close(),
  };
}

async function nextPage(browser: Browser, timeoutMs: number): Promise<BrowserTab> {
  const existing = new Set(browser.targets());
  const target = await browser.waitForTarget(
    (t) => t.type() === 'page' && !existing.has(t) && t.url() !== 'about:blank',
    { timeout: timeoutMs },
  );
  const page = await target.page();
  if (!page) throw new Error('new window has no page');
  return wrapPage(page);
}

function wrapPage(page: Page, frame: Frame = page.mainFrame()): BrowserTab {
  // Coordinates inside a child frame are relative to it; the mouse works in page coordinates.
  const offset = async () => {
    if (frame === page.mainFrame()) return { x: 0, y: 0 };
    const box = await (await frame.frameElement())?.boundingBox();
    return box ? { x: box.x, y: box.y } : { x: 0, y: 0 };
  };
  const click = async (at: { x: number; y: number }, count = 1) => {
    const origin = await offset();
    await page.mouse.click(origin.x + at.x, origin.y + at.y, { count, delay: 10 });
  };
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    },
    url: async () => frame.url(),
    evaluate: (fn) => frame.evaluate(fn),
    panelText: () => frame.evaluate(readPanelText, PANEL_HOST),
    panelRows: () => frame.evaluate(readPanelRows, PANEL_HOST),
    clickPanelButton: async (name, options) => {
      const at = await waitFor(`panel control "${name}"`, () =>
        frame.evaluate(locatePanelControl, { hostTag: options?.host ?? PANEL_HOST, name }),
      );
      await click(at, options?.clickCount);
    },
    hasPanelControl: async (name) => (await frame.evaluate(locatePanelControl, { hostTag: PANEL_HOST, name })) !== null,
    clickPage: async (selector) => {
      const at = await waitFor(`page element ${selector}`, () => frame.evaluate(locatePageElement, selector));
      await click(at);
    },
    clickPageButton: async (name, options) => {
      // Content still loading above the button moves it: click once it stays in place.
      let last: { x: number; y: number } | null = null;
      const at = await waitFor(
        `page button "${name}" to stay in place`,
        async () => {
          const found = await frame.evaluate(locatePageButton, name);
          const still = found && last && found.x === last.x && found.y === last.y;
          last = found;
          return still ? found : null;
        },
        { timeoutMs: options?.timeoutMs ?? 10_000, intervalMs: 150 },
      );
      await click(at);
    },
    pressKey: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    focusedPanelElement: () => frame.evaluate(focusedPanelName, PANEL_HOST),
    frame: async (urlPart) => {
      const child = await waitFor(`a frame at ${urlPart}`, async () =>
        page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart)),
      );
      return wrapPage(page, child);
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
}

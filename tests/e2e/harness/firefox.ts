import { resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { STAND_IN_BUILD_DIR } from '../../../scripts/build-for-stand-in';
import type { BrowserTab, ExtensionBrowser } from './driver';
import { createTab, type DocumentDriver } from './tab';

export const FIREFOX_BUILD = resolve(STAND_IN_BUILD_DIR, 'firefox-mv2');
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
    extensionId: GECKO_ID,
    tab: wrapPage(page),
    newTab: async () => wrapPage(await browser.newPage()),
    nextWindow: (timeoutMs = 15_000) => nextPage(browser, timeoutMs),
    // WebDriver BiDi reaches no extension background, and a browser shortcut cannot be pressed.
    panelShortcut: null,
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

function wrapPage(page: Page): BrowserTab {
  return createTab(puppeteerDocument(page, page.mainFrame()));
}

function puppeteerDocument(page: Page, frame: Frame): DocumentDriver {
  return {
    // The libraries' own types unbox handles; the arguments here are plain JSON.
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      frame.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown) as Promise<T>,
    click: async (at, count) => {
      // Coordinates inside a child frame are relative to it; the mouse works in page coordinates.
      const box = frame === page.mainFrame() ? null : await (await frame.frameElement())?.boundingBox();
      await page.mouse.click((box?.x ?? 0) + at.x, (box?.y ?? 0) + at.y, { count, delay: 10 });
    },
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    },
    url: () => frame.url(),
    pressKey: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    drag: async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.up();
    },
    setViewport: (width, height) => page.setViewport({ width, height }),
    addScript: async (source) => {
      await frame.addScriptTag({ content: source });
    },
    childFrame: (urlPart) => {
      const child = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart));
      return child ? puppeteerDocument(page, child) : undefined;
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    close: () => page.close(),
  };
}

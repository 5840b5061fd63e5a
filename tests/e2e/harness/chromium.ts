import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { hostResolverRules } from '../../../sandbox/browser-flags';
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

export const CHROMIUM_BUILD = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(
  standInPort: number,
  { headless = true }: { headless?: boolean } = {},
): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1400, height: 900 },
    args: [
      `--disable-extensions-except=${CHROMIUM_BUILD}`,
      `--load-extension=${CHROMIUM_BUILD}`,
      '--no-sandbox',
      `--host-resolver-rules=${hostResolverRules(standInPort)}`,
      // Playwright's ignoreHTTPSErrors covers pages, not the service worker's fetch.
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  // Node's URL gives non-special schemes an opaque origin, so build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    name: 'chromium',
    extensionOrigin,
    tab: wrapPage(page),
    newTab: async () => wrapPage(await context.newPage()),
    nextWindow: async (timeoutMs = 15_000) => wrapPage(await context.waitForEvent('page', { timeout: timeoutMs })),
    stopBackground: () => stopServiceWorkers(context, page),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

export function wrapPage(page: Page, frame: Frame = page.mainFrame()): BrowserTab {
  // Coordinates inside a child frame are relative to it; the mouse works in page coordinates.
  const offset = async () => {
    if (frame === page.mainFrame()) return { x: 0, y: 0 };
    const box = await (await frame.frameElement()).boundingBox();
    return box ? { x: box.x, y: box.y } : { x: 0, y: 0 };
  };
  const click = async (at: { x: number; y: number }, clickCount = 1) => {
    const origin = await offset();
    await page.mouse.click(origin.x + at.x, origin.y + at.y, { clickCount, delay: 10 });
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
    pressKey: (key) => page.keyboard.press(key),
    focusedPanelElement: () => frame.evaluate(focusedPanelName, PANEL_HOST),
    frame: async (urlPart) => {
      const child = await waitFor(`a frame at ${urlPart}`, async () =>
        page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart)),
      );
      return wrapPage(page, child);
    },
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    close: () => page.close(),
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';
import { hostResolverRules } from '../../../sandbox/browser-flags';
import { STAND_IN_BUILD_DIR } from '../../../scripts/build-for-stand-in';
import type { BrowserTab, ExtensionBrowser } from './driver';
import { WHOLE_DOCUMENT } from './in-page';
import { puppeteerDocument } from './puppeteer-document';
import { createTab, type DocumentDriver, dragWith } from './tab';

export const CHROMIUM_BUILD = resolve(STAND_IN_BUILD_DIR, 'chrome-mv3');

/** Flags for headless Chromium against the stand-in, with the extension built in `extensionDir` (or none). */
export function chromiumArgs(extensionDir: string | null, standInPort: number): string[] {
  return [
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : ['--disable-extensions']),
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
    // Playwright lists no side panel page: a second client reaches it over this port.
    '--remote-debugging-port=0',
  ];
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(
  standInPort: number,
  { headless = true, language }: { headless?: boolean; language?: string } = {},
): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: { width: 1400, height: 900 },
    // On Linux Chromium takes its UI language from LANGUAGE; --lang sets it elsewhere.
    args: [...chromiumArgs(CHROMIUM_BUILD, standInPort), ...(language ? [`--lang=${language}`] : [])],
    ...(language ? { locale: language, env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` } } : {}),
  });
  let inspector: PuppeteerBrowser | null = null;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  // Node's URL gives non-special schemes an opaque origin, so build it from the host.
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    name: 'chromium',
    extensionOrigin,
    extensionId: new URL(extensionOrigin).host,
    tab: wrapPage(page),
    newTab: async () => wrapPage(await context.newPage()),
    sidePanel: async () => {
      inspector ??= await connectInspector(profile);
      const target = await inspector.waitForTarget((t) => t.url().endsWith('/sidepanel.html'), { timeout: 10_000 });
      const panel = await target.asPage();
      return createTab(puppeteerDocument(panel, panel.mainFrame()), WHOLE_DOCUMENT);
    },
    nextWindow: async (timeoutMs = 15_000) => wrapPage(await context.waitForEvent('page', { timeout: timeoutMs })),
    panelShortcut: () => sendPanelShortcut(context),
    stopBackground: () => stopServiceWorkers(context, page),
    close: async () => {
      await inspector?.disconnect();
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A Puppeteer client beside Playwright's, on the port Chromium wrote into the profile. */
async function connectInspector(profile: string): Promise<PuppeteerBrowser> {
  const [port] = (await readFile(join(profile, 'DevToolsActivePort'), 'utf8')).split('\n');
  return puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
}

interface ChromeTabs {
  tabs: {
    query(filter: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

/** The worker does what its `focus-panel` command does: a browser shortcut cannot be pressed from a page. */
async function sendPanelShortcut(context: BrowserContext): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  await worker.evaluate(async () => {
    const { tabs } = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id !== undefined) await tabs.sendMessage(tab.id, { type: 'panel.focus' }).catch(() => undefined);
  });
}

async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

export function wrapPage(page: Page): BrowserTab {
  return { ...createTab(playwrightDocument(page, page.mainFrame())), extensionScripts: () => extensionScriptsOf(page) };
}

/** Enabling the debugger lists every script the document's worlds hold, the isolated ones included. */
async function extensionScriptsOf(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  const scripts: string[] = [];
  session.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith('chrome-extension://')) scripts.push(new URL(url).pathname.slice(1));
  });
  await session.send('Debugger.enable');
  await session.detach();
  return scripts.sort();
}

function playwrightDocument(page: Page, frame: Frame): DocumentDriver {
  return {
    // The libraries' own types unbox handles; the arguments here are plain JSON.
    evaluate: <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) =>
      frame.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown),
    click: async (at, count) => {
      // Coordinates inside a child frame are relative to it; the mouse works in page coordinates.
      const box = frame === page.mainFrame() ? null : await (await frame.frameElement()).boundingBox();
      await page.mouse.click((box?.x ?? 0) + at.x, (box?.y ?? 0) + at.y, { clickCount: count, delay: 10 });
    },
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
    },
    url: () => frame.url(),
    pressKey: (key) => page.keyboard.press(key),
    drag: (from, to) => dragWith(page.mouse, from, to),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    addScript: async (source) => {
      await frame.addScriptTag({ content: source });
    },
    evaluateSource: async (source) => {
      await frame.evaluate(source);
    },
    childFrame: (urlPart) => {
      const child = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart));
      return child ? playwrightDocument(page, child) : undefined;
    },
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

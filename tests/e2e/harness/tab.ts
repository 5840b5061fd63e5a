// The BrowserTab operations, written once over what Playwright and Puppeteer each provide.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserTab } from './driver';
import {
  focusedPanelName,
  type Geometry,
  locatePageButton,
  locatePageElement,
  locatePanelControl,
  PANEL_HOST,
  pageGeometry,
  panelGeometry,
  readPanelRows,
  readPanelText,
  readUiWords,
  runAxe,
  WHOLE_DOCUMENT,
} from './in-page';
import { waitFor } from './wait';

type Point = { x: number; y: number };

let axeScript: string | null = null;
async function axeSource(): Promise<string> {
  axeScript ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeScript;
}

/** What Playwright's and Puppeteer's mice both offer. */
interface Mouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
}

/** A real pointer drag: press at `from`, move in steps, release at `to`. */
export async function dragWith(mouse: Mouse, from: Point, to: Point): Promise<void> {
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move(to.x, to.y, { steps: 10 });
  await mouse.up();
}

/** One document (a page or a child frame) as a browser library drives it. */
export interface DocumentDriver {
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** A real (trusted) click at a point of this document's viewport. */
  click(at: Point, count: number): Promise<void>;
  goto(url: string): Promise<void>;
  url(): string;
  pressKey(key: string): Promise<void>;
  /** A real pointer drag: press at `from`, move in steps, release at `to`. */
  drag(from: Point, to: Point): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Adds a script to the page's main world (axe-core). */
  addScript(source: string): Promise<void>;
  /** Runs source text in the page's main world through the driver (not subject to the page's CSP). */
  evaluateSource(source: string): Promise<void>;
  childFrame(urlPart: string): DocumentDriver | undefined;
  screenshot(path: string): Promise<void>;
  /** Makes this tab the active one of its window. */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** `panelHost`: the panel's shadow host, or WHOLE_DOCUMENT where the document is the panel (side panel). */
export function createTab(doc: DocumentDriver, panelHost = PANEL_HOST): BrowserTab {
  const locateControl = (name: string, host = panelHost) => doc.evaluate(locatePanelControl, { hostTag: host, name });
  const axeOver = async (hostTag: string) => {
    const loaded = () => doc.evaluate(() => 'axe' in window, undefined);
    if (!(await loaded())) await doc.addScript(await axeSource()).catch(() => undefined);
    // An extension page's CSP refuses an added script; the driver's own evaluation is not a script of the page.
    if (!(await loaded())) await doc.evaluateSource(await axeSource());
    return doc.evaluate(runAxe, hostTag);
  };
  return {
    goto: (url) => doc.goto(url),
    url: async () => doc.url(),
    evaluate: (fn) => doc.evaluate(fn, undefined),
    evaluateWith: (fn, arg) => doc.evaluate(fn, arg),
    panelText: () => doc.evaluate(readPanelText, panelHost),
    uiWords: (host = panelHost) => doc.evaluate(readUiWords, host),
    panelRows: () => doc.evaluate(readPanelRows, panelHost),
    clickPanelButton: async (name, options) => {
      const at = await waitFor(`panel control "${name}"`, () => locateControl(name, options?.host));
      await doc.click(at, options?.clickCount ?? 1);
    },
    hasPanelControl: async (name) => (await locateControl(name)) !== null,
    clickPage: async (selector) => {
      const at = await waitFor(`page element ${selector}`, () => doc.evaluate(locatePageElement, selector));
      await doc.click(at, 1);
    },
    clickPageButton: async (name, options) => {
      // Content still loading above the button moves it: click once it stays in place.
      let last: Point | null = null;
      const at = await waitFor(
        `page button "${name}" to stay in place`,
        async () => {
          const found = await doc.evaluate(locatePageButton, name);
          const still = found && last && found.x === last.x && found.y === last.y;
          last = found;
          return still ? found : null;
        },
        { timeoutMs: options?.timeoutMs ?? 10_000, intervalMs: 150 },
      );
      await doc.click(at, 1);
    },
    pressKey: (key) => doc.pressKey(key),
    dragPanelControl: async (name, by) => {
      const at = await waitFor(`panel control "${name}"`, () => locateControl(name));
      // WebDriver refuses a pointer outside the viewport: a drag past the edge stops at it.
      const size = await doc.evaluate(() => ({ width: innerWidth, height: innerHeight }), undefined);
      const within = (value: number, max: number) => Math.max(2, Math.min(max - 2, value));
      await doc.drag(at, { x: within(at.x + by.x, size.width), y: within(at.y + by.y, size.height) });
    },
    setViewport: (width, height) => doc.setViewport(width, height),
    geometry: async (): Promise<Geometry> => ({
      panel: await doc.evaluate(panelGeometry, PANEL_HOST),
      page: await doc.evaluate(pageGeometry, undefined),
    }),
    axe: () => axeOver(panelHost),
    axePage: () => axeOver(WHOLE_DOCUMENT),
    focusedPanelElement: () => doc.evaluate(focusedPanelName, panelHost),
    frame: async (urlPart) => createTab(await waitFor(`a frame at ${urlPart}`, async () => doc.childFrame(urlPart))),
    screenshot: (path) => doc.screenshot(path),
    bringToFront: () => doc.bringToFront(),
    close: () => doc.close(),
  };
}

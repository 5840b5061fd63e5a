// What a journey needs from a browser, so the same journeys run in Chromium (Playwright over CDP)
// and Firefox (Puppeteer over WebDriver BiDi) against the built, unmodified extension.

import type { AxeViolation, Geometry, PanelRow, UiWords } from './in-page';

export type BrowserName = 'chromium' | 'firefox';

export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** Origin of the extension's pages, e.g. chrome-extension://<id> */
  readonly extensionOrigin: string;
  /** `runtime.id` as the extension sees it: the Chromium id, or the Firefox add-on id */
  readonly extensionId: string;
  /** The one tab journeys work in. */
  readonly tab: BrowserTab;
  /** Opens another tab (options page, a second record). */
  newTab(): Promise<BrowserTab>;
  /**
   * The extension's side panel page once the browser shows it (Chromium: the real side panel; Firefox:
   * the same page in a tab, since WebDriver BiDi does not reach the sidebar).
   */
  sidePanel(): Promise<BrowserTab>;
  /** Resolves with the next window the browser opens (the OAuth consent page). */
  nextWindow(timeoutMs?: number): Promise<BrowserTab>;
  /**
   * Does what the panel's keyboard shortcut does in the active tab (the message the command sends):
   * a browser's own shortcuts cannot be pressed through the page. Null where unsupported.
   */
  readonly panelShortcut: (() => Promise<void>) | null;
  /** Stops the extension's background (service worker) as the browser would when idle; null where unsupported. */
  readonly stopBackground: (() => Promise<void>) | null;
  close(): Promise<void>;
}

export interface BrowserTab {
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** Runs a function body in the page's main world (as a page script would), returning JSON. */
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  /** The same with one JSON argument. */
  evaluateWith<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Text of the territory panel in this document (top frame), or null when no panel is mounted. */
  panelText(): Promise<string | null>;
  /** The words the panel (or another shadow-root UI, or '' for the whole document) shows and speaks. */
  uiWords(host?: string): Promise<UiWords | null>;
  /** The territory rows the panel lists, or null when no panel is mounted. */
  panelRows(): Promise<PanelRow[] | null>;
  /**
   * A trusted click (real input) on a panel button found by its accessible name; `host` names
   * another of the extension's shadow-root UIs (the selection bar's `territory-selection`).
   */
  clickPanelButton(name: string, options?: { clickCount?: number; host?: string }): Promise<void>;
  /** Whether the panel shows a visible control with this accessible name. */
  hasPanelControl(name: string): Promise<boolean>;
  /** A trusted click on a page element (not in the panel) found by CSS selector. */
  clickPage(selector: string): Promise<void>;
  /** A trusted click on a page button or link (not in the panel) found by its accessible name, once enabled. */
  clickPageButton(name: string, options?: { timeoutMs?: number }): Promise<void>;
  pressKey(key: string): Promise<void>;
  /** A real pointer drag of the panel control named `name` by `by` px. */
  dragPanelControl(name: string, by: { x: number; y: number }): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Where the panel and Zoho's own controls are on screen. */
  geometry(): Promise<Geometry>;
  /** axe-core over the panel (its shadow root), every rule of WCAG 2.2 A/AA and best practice. */
  axe(): Promise<AxeViolation[]>;
  /** axe-core over the whole document (an extension page), the same rules. */
  axePage(): Promise<AxeViolation[]>;
  /** Accessible name of the focused element inside the panel, or null. */
  focusedPanelElement(): Promise<string | null>;
  /** The same operations inside the first child frame whose URL contains `urlPart`. */
  frame(urlPart: string): Promise<BrowserTab>;
  screenshot(path: string): Promise<void>;
  /** Makes this tab the active one of its window (a tab switch). */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  /**
   * Chromium: the extension's scripts that the top document has run (paths in the extension, one
   * entry per script run), as the DevTools protocol lists them: what a page paid for.
   */
  extensionScripts?(): Promise<string[]>;
}

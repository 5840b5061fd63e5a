import type { Frame, Page } from 'puppeteer-core';
import { type DocumentDriver, dragWith } from './tab';

export function puppeteerDocument(page: Page, frame: Frame): DocumentDriver {
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
    drag: (from, to) => dragWith(page.mouse, from, to),
    setViewport: (width, height) => page.setViewport({ width, height }),
    addScript: async (source) => {
      await frame.addScriptTag({ content: source });
    },
    evaluateSource: async (source) => {
      await frame.evaluate(source);
    },
    childFrame: (urlPart) => {
      const child = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(urlPart));
      return child ? puppeteerDocument(page, child) : undefined;
    },
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

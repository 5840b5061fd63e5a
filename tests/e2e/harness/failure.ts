import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BrowserTab } from './driver';

const RESULTS = resolve(import.meta.dirname, '../../../test-results');

/** Keeps a picture of the tab when a journey fails; CI prints where it is. */
export async function saveFailureScreenshot(tab: BrowserTab, name: string): Promise<void> {
  try {
    await mkdir(RESULTS, { recursive: true });
    const file = resolve(RESULTS, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 100)}.png`);
    await tab.screenshot(file);
    console.error(`screenshot of the failure: ${file}`);
  } catch {
    // the browser may be gone; the assertion's message is what matters
  }
}

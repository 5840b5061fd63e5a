import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DEMO_CLIENT_ID } from '../sandbox/scenarios/default';

const ROOT = resolve(import.meta.dirname, '..');
/** Where stand-in builds go: `chrome-mv3` and `firefox-mv2` below it. */
export const STAND_IN_BUILD_DIR = resolve(ROOT, '.output/stand-in');

/**
 * Production builds for Chrome and Firefox with the stand-in's registered client id embedded,
 * as a publisher embeds theirs (WXT_ZOHO_CLIENT_ID). Used by the demo and the end-to-end tests.
 */
export function buildForStandIn(targets: readonly ('chrome' | 'firefox')[] = ['chrome', 'firefox']): void {
  const env = { ...process.env, WXT_ZOHO_CLIENT_ID: DEMO_CLIENT_ID, TP_OUT_DIR: STAND_IN_BUILD_DIR };
  const wxt = resolve(ROOT, 'node_modules/.bin/wxt');
  for (const target of targets) {
    execFileSync(wxt, target === 'chrome' ? ['build'] : ['build', '-b', 'firefox'], { cwd: ROOT, env, stdio: 'pipe' });
  }
}

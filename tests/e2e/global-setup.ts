import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// End-to-end tests always drive a fresh production build of the current sources, with the
// stand-in's registered client id embedded as a publisher would embed theirs.
export const E2E_CLIENT_ID = '1000.TERRITORYPANELDEMO';

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const root = resolve(import.meta.dirname, '../..');
  const env = { ...process.env, WXT_ZOHO_CLIENT_ID: E2E_CLIENT_ID };
  const wxt = resolve(root, 'node_modules/.bin/wxt');
  for (const args of [['build'], ['build', '-b', 'firefox']]) {
    execFileSync(wxt, args, { cwd: root, env, stdio: 'pipe' });
  }
}

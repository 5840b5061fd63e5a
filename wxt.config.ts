import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { compiledCatalogues } from './scripts/compiled-catalogues';
import { eagerCompile } from './scripts/eager-compile';
import { extensionLocaleFiles, manifestMessage } from './scripts/extension-locales';
import { FOCUS_PANEL_COMMAND } from './utils/background/commands';
import { API_HOST_PERMISSIONS, CRM_PAGE_MATCHES } from './utils/manifest-matches';

// Public half of the signing key: fixes the Chrome extension id (dakhagbpkpjjndolhlmnckledapnlgpo)
// and so the OAuth redirect URI. How it was made: README, "Extension ids".
export const CHROME_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3hWMdv/dEwySZDyh18Lzt3MZI/A1hoBG3yOEvIJ0WOTlKHd3LTzcuKHkbS6mzBkjh2Chz1jB5/EoMhY8DSitP3vTi9fdPUicCyMut/U4C3cqn/asDJ88ToKHFWU8rXN4zGQER4CJMbtxiZNGVxuAvnAw1/1k3DzI5wQgSpYR6+NWm4/IqyMfnuD0ZF6DvtC5tHwGKcdhB4mRb0aFqE4kCxLzylAxXP+fjKFuF4rk2T9HxIfhfrLNiubAuSFiEKJO6UJHY3sE7uYAfpDBy98j43xrrgu3f57GUSWlUe4MEeytQWZNDivvnYY6H17nzMj2ZSTAwmGYgowAz2td1qf7+QIDAQAB';
export const GECKO_ID = 'territory-panel@territory-panel.app';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only: the import graph is the security boundary and must stay readable.
  imports: false,
  // Builds for the local stand-in (demo, end-to-end tests) carry its client id: they go elsewhere,
  // so that .output always holds what a user installs.
  outDir: process.env.TP_OUT_DIR || '.output',
  zip: {
    // The sources zip is what a Firefox reviewer rebuilds from: sources and lock file, no outputs.
    excludeSources: ['test-results/**', '.output/**', 'docs/**'],
  },
  vite: () => ({ plugins: [preact(), compiledCatalogues()] }),
  hooks: {
    // The name, description and shortcut in every language of the catalogue (default_locale: en).
    'build:publicAssets': (wxt, files) => {
      files.push(...extensionLocaleFiles(wxt.config.root));
    },
    // The page code is injected into record pages and list views, each time into a fresh world:
    // there `wxt/browser` is the browser's own API (utils/native-browser.ts), not the polyfill.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      const names = new Set(entrypoints.map((entrypoint) => entrypoint.name));
      if (!names.has('zoho-crm') && !names.has('zoho-crm-list')) return;
      const native = resolve(viteConfig.root ?? process.cwd(), 'utils/native-browser.ts');
      viteConfig.resolve ??= {};
      const alias = viteConfig.resolve.alias;
      viteConfig.resolve.alias = Array.isArray(alias)
        ? [{ find: 'wxt/browser', replacement: native }, ...alias]
        : { ...(alias as Record<string, string> | undefined), 'wxt/browser': native };
      // Nearly all of the panel runs in its first render: compiled in one pass (scripts/eager-compile.ts).
      // Not the list view's code: most of it waits for a selection that may never come.
      if (names.has('zoho-crm')) viteConfig.plugins = [...(viteConfig.plugins ?? []), eagerCompile()];
    },
    // WXT fills `icons` from public/icon/<size>.png but leaves the toolbar button without one.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action && manifest.icons) action.default_icon = manifest.icons;
      // Every CRM page and frame gets the loader alone; it has the panel's code injected on records
      // and list views (entrypoints/zoho-crm-loader.ts). WXT lists no unlisted script by itself.
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: CRM_PAGE_MATCHES, js: ['zoho-crm-loader.js'], all_frames: true, run_at: 'document_idle' },
      ];
    },
  },
  manifest: ({ browser }) => ({
    name: manifestMessage('name'),
    short_name: manifestMessage('shortName'),
    description: manifestMessage('description'),
    default_locale: 'en',
    // alarms: wakes a stopped worker to go on with a bulk job while no extension page is open.
    // scripting (Chrome): the page code goes only into pages that need it (inject-page-code.ts).
    permissions: ['identity', 'storage', 'alarms', ...(browser === 'firefox' ? [] : ['scripting'])],
    host_permissions: API_HOST_PERMISSIONS,
    commands: {
      [FOCUS_PANEL_COMMAND]: {
        // Changeable at chrome://extensions/shortcuts and in Firefox's add-on shortcut settings.
        suggested_key: { default: 'Alt+Shift+T' },
        description: manifestMessage('focusCommand'),
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
            },
          },
        }
      : { key: CHROME_MANIFEST_KEY, minimum_chrome_version: '120' }),
  }),
});

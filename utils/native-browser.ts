// The extension API as the browser itself provides it: promise-based in Chrome's Manifest V3 and in
// Firefox, so code that answers messages with sendResponse and awaits storage and sendMessage
// needs no polyfill. The panel's injected code gets this for `wxt/browser` (wxt.config.ts): the
// polyfill's set-up, paid again in every record page's fresh world, came before the first paint.
import type { browser as polyfilled } from 'wxt/browser';

type ExtensionApi = typeof polyfilled;

const scope = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as ExtensionApi;

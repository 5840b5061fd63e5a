// The page code (the `zoho-crm` and `zoho-crm-list` content scripts, registered at run time) reaches
// a frame only when the loader in it asks: the panel on records, the selection bar on list views of
// the four modules. Pages cannot ask (they cannot message the extension) nor load the files
// themselves (they are not web-accessible).
import type { PageCode } from '../loader/page-code';
import type { Result } from '../messaging';
import type { SenderInfo } from '../sender';
import { frameOf } from './badge';

/** Where WXT puts each content script. */
export const PAGE_CODE_FILES: Record<PageCode, string> = {
  panel: 'content-scripts/zoho-crm.js',
  selection: 'content-scripts/zoho-crm-list.js',
};

export interface ScriptInjectionApis {
  /** chrome.scripting (MV3) */
  scripting?: {
    executeScript(injection: {
      target: { tabId: number; frameIds?: number[]; documentIds?: string[] };
      files: string[];
    }): Promise<unknown>;
  };
  /** browser.tabs (MV2: Firefox) */
  tabs?: { executeScript?(tabId: number, details: { file: string; frameId: number }): Promise<unknown> };
}

export type PageCodeInjector = (sender: SenderInfo, code: PageCode) => Promise<Result<null>>;

export function createPageCodeInjector(apis: ScriptInjectionApis): PageCodeInjector {
  return async (sender, code) => {
    const file = PAGE_CODE_FILES[code];
    const frame = frameOf(sender);
    if (!frame) return { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
    try {
      if (apis.scripting) {
        // The document that asked, not whatever the frame shows by now (Chrome names documents).
        const target = sender.documentId
          ? { tabId: frame.tabId, documentIds: [sender.documentId] }
          : { tabId: frame.tabId, frameIds: [frame.frameId] };
        await apis.scripting.executeScript({ target, files: [file] });
      } else if (apis.tabs?.executeScript) {
        await apis.tabs.executeScript(frame.tabId, { file: `/${file}`, frameId: frame.frameId });
      } else {
        throw new Error('This browser cannot inject scripts.');
      }
      return { ok: true, value: null };
    } catch (error) {
      // The frame may have gone meanwhile; its next page asks again.
      return {
        ok: false,
        error: { code: 'PANEL_NOT_LOADED', message: error instanceof Error ? error.message : String(error) },
      };
    }
  };
}

/** The injection APIs this browser has, from `browser`. */
export function scriptInjectionApisOf(browser: object): ScriptInjectionApis {
  return browser as ScriptInjectionApis;
}

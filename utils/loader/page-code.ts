// What the loader on every CRM page decides: which of the extension's page code this document
// needs, if any. Pure, and small: it ships in the loader.
import { crmPageKind } from '../crm-page';

/**
 * The code a page gets beside the loader: the territory panel on a record (the `zoho-crm` content
 * script), the selection bar on a list view (`zoho-crm-list`). Each follows the app's URL by itself
 * once injected, and a list view does not pay for the panel.
 */
export const PAGE_CODES = ['panel', 'selection'] as const;
export type PageCode = (typeof PAGE_CODES)[number];

const CODE_OF_KIND = { record: 'panel', list: 'selection' } as const satisfies Record<string, PageCode>;

export function pageCodeFor(url: string): PageCode | null {
  const kind = crmPageKind(url);
  return kind === null ? null : CODE_OF_KIND[kind];
}

export interface LoaderEnvironment {
  href(): string;
  /** Calls back on every in-app navigation; returns the stop. */
  watchNavigation(onChange: () => void): () => void;
  /** Asks for this code: it is injected into this frame. */
  load(code: PageCode): void;
}

/**
 * Asks for each code once, when this document first shows a page that needs it, and stops watching
 * once it has asked for both.
 */
export function runLoader(environment: LoaderEnvironment): void {
  const asked = new Set<PageCode>();
  let stop: (() => void) | null = null;
  const look = () => {
    const code = pageCodeFor(environment.href());
    if (code === null || asked.has(code)) return;
    asked.add(code);
    environment.load(code);
    if (asked.size === PAGE_CODES.length) stop?.();
  };
  look();
  if (asked.size < PAGE_CODES.length) stop = environment.watchNavigation(look);
}

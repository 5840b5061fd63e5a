// What the loader on every CRM page decides: whether this page needs the panel's code at all (a
// record or a list view of the four modules). Pure, and small: it ships in the loader.
import { parseListPage, parseRecordPage } from '../crm-page';

export function needsPanel(url: string): boolean {
  return parseRecordPage(url) !== null || parseListPage(url) !== null;
}

export interface LoaderEnvironment {
  href(): string;
  /** Calls back on every in-app navigation; returns the stop. */
  watchNavigation(onChange: () => void): () => void;
  /** Asks for the panel's code: it is injected into this frame. */
  load(): void;
}

/** Loads the panel's code once, when this document first shows a page that needs it, then steps aside. */
export function runLoader(environment: LoaderEnvironment): void {
  if (needsPanel(environment.href())) {
    environment.load();
    return;
  }
  const stop = environment.watchNavigation(() => {
    if (!needsPanel(environment.href())) return;
    stop();
    environment.load();
  });
}

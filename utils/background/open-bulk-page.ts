// Opens the bulk page in a new tab with a selection filled in. A content script cannot do it
// itself: browsers block links from a web page to an extension page. `tabs.create` needs no
// `tabs` permission. The records go through storage (handoff.ts), never into the address.
import { type HandoffDeps, handOver } from '../bulk/handoff';
import { bulkLinkHash } from '../bulk/link';
import type { Request, Result } from '../messaging';

export type OpenBulkPageRequest = Extract<Request, { type: 'bulk.open' }>;

export interface TabOpener {
  create(props: { url: string }): Promise<unknown>;
}

/** `bulkPageUrl` is `browser.runtime.getURL('/bulk.html')`; `selection` the hand-over token of the records. */
export function bulkPageLink(request: OpenBulkPageRequest, bulkPageUrl: string, selection: string | null): string {
  const page = bulkPageUrl.split('#')[0];
  return `${page}${bulkLinkHash({
    selection,
    module: request.module,
    dataCentre: request.dataCentre,
    sandbox: request.sandbox,
    orgId: request.orgId,
  })}`;
}

export async function openBulkPage(
  request: OpenBulkPageRequest,
  tabs: TabOpener,
  bulkPageUrl: string,
  handoff: HandoffDeps,
): Promise<Result<null>> {
  try {
    const { type: _, ...selection } = request;
    const token = selection.recordIds.length > 0 ? await handOver(handoff, selection) : null;
    await tabs.create({ url: bulkPageLink(request, bulkPageUrl, token) });
    return { ok: true, value: null };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'TAB_NOT_OPENED', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

// Opens the bulk page in a new tab with a selection filled in. A content script cannot do it
// itself: browsers block links from a web page to an extension page. `tabs.create` needs no
// `tabs` permission.
import { bulkLinkHash } from '../bulk/link';
import type { Request, Result } from '../messaging';

export type OpenBulkPageRequest = Extract<Request, { type: 'bulk.open' }>;

export interface TabOpener {
  create(props: { url: string }): Promise<unknown>;
}

/** `bulkPageUrl` is `browser.runtime.getURL('/bulk.html')`. */
export function bulkPageLink(request: OpenBulkPageRequest, bulkPageUrl: string): string {
  const page = bulkPageUrl.split('#')[0];
  return `${page}${bulkLinkHash({
    recordIds: request.recordIds,
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
): Promise<Result<null>> {
  try {
    await tabs.create({ url: bulkPageLink(request, bulkPageUrl) });
    return { ok: true, value: null };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'TAB_NOT_OPENED', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

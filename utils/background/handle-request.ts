// The background's answer to every message: validate, check the sender, dispatch.
import * as v from 'valibot';
import type { AuthSession } from '../auth/session';
import { type PageCatalogue, type Request, RequestSchema, type ResponseFor, type Result } from '../messaging';
import { type ExtensionIdentity, isAllowedSender, isOrgUnnamedByFrame, type SenderInfo } from '../sender';
import { errorInfoOf } from '../zoho/errors';
import { frameOf } from './badge';
import type { PageCodeInjector } from './inject-page-code';
import type { OpenBulkPageRequest } from './open-bulk-page';
import type { RecordRequests } from './record-requests';
import type { SidePanelHome } from './side-panel';

export interface RequestHandlerDeps {
  extension: ExtensionIdentity;
  auth: AuthSession;
  records: RecordRequests;
  openOptionsPage(): Promise<void>;
  openBulkPage(request: OpenBulkPageRequest): Promise<Result<null>>;
  sidePanel: Pick<SidePanelHome, 'open'>;
  injectPageCode: PageCodeInjector;
  pageCatalogue(pageLang: string | undefined): Promise<PageCatalogue>;
}

export type Response = ResponseFor<Request>;
export type RequestHandler = (request: Request, sender: SenderInfo) => Promise<Response>;

/** A valid request, or null for anything else (which gets no answer at all). */
export function parseRequest(message: unknown): Request | null {
  const parsed = v.safeParse(RequestSchema, message);
  return parsed.success ? parsed.output : null;
}

export function createRequestHandler(deps: RequestHandlerDeps): RequestHandler {
  async function dispatch(request: Request, sender: SenderInfo): Promise<Response> {
    switch (request.type) {
      case 'record.territories':
        return deps.records.territories(request.page, request.locale);
      case 'record.removeTerritory':
        return deps.records.change('remove', request.page, request.territoryId);
      case 'record.assignTerritory':
        return deps.records.change('assign', request.page, request.territoryId);
      case 'page.left':
      case 'page.shown':
        // Nothing to do here: the toolbar badge (badge.ts) and the side panel follow these.
        return { ok: true, value: null };
      case 'content.load':
        return deps.injectPageCode(sender, request.code);
      case 'sidePanel.open': {
        const tabId = frameOf(sender)?.tabId;
        if (tabId === undefined) return { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
        return deps.sidePanel.open(tabId);
      }
      case 'auth.signIn':
        return deps.auth.signIn(request.dataCentre);
      case 'auth.signOut':
        return deps.auth.signOut(request.dataCentre);
      case 'auth.connections':
        return deps.auth.connections();
      case 'i18n.catalogue':
        return { ok: true, value: await deps.pageCatalogue(request.pageLang) };
      case 'options.open':
        await deps.openOptionsPage();
        return { ok: true, value: null };
      case 'bulk.open':
        return deps.openBulkPage(request);
    }
  }

  return async (request, sender) => {
    if (!isAllowedSender(request, sender, deps.extension)) {
      const code = isOrgUnnamedByFrame(request, sender) ? 'ORG_NOT_IN_ADDRESS' : 'FORBIDDEN_SENDER';
      return { ok: false, error: { code } };
    }
    try {
      return await dispatch(request, sender);
    } catch (error) {
      // Every message gets an answer: a page waiting for one must never hang.
      return { ok: false, error: errorInfoOf(error) };
    }
  };
}

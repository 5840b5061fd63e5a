// The CRM v8 REST API of www.zohoapis.* and sandbox.zohoapis.*, as zoho-crm.md describes it.
//
// Every request: `Authorization: Zoho-oauthtoken <t>` (missing or malformed: 401
// AUTHENTICATION_FAILURE; unknown, revoked, expired or issued by another data centre's accounts
// server: 401 INVALID_TOKEN) → org: `X-CRM-ORG` names one of the user's orgs on this host kind
// (production or sandbox), else 400 INVALID_DATA with `details.header_name`; without the header the
// user's first such org → 429 TOO_MANY_REQUESTS past the org's concurrency limit (in flight) or
// credit limit (calls since reset) → injected faults → the route. Faults therefore act on
// authenticated requests only.
//
// Routes (v8 only; anything else 404 INVALID_URL_PATTERN; unmodelled methods 400 INVALID_REQUEST_METHOD):
//   GET  /crm/v8/org                                         scope ZohoCRM.org.READ
//   GET  /crm/v8/settings/territories?page=&per_page=        scope ZohoCRM.settings.territories.READ; per_page ≤ 2000
//   GET  /crm/v8/users?type=CurrentUser|AllUsers|ActiveUsers  scope ZohoCRM.users.READ; the org's members
//   GET  /crm/v8/settings/modules                            scope ZohoCRM.settings.modules.READ (field-metadata.ts)
//   GET  /crm/v8/settings/fields?module=                     scope ZohoCRM.settings.fields.READ; what Zoho's SDKs ask first
//   GET  /crm/v8/{Module}/{id}[?fields=a,b]                  record, or 204 with no body when not found
//   GET  /crm/v8/{Module}?fields=…&ids=a,b (≤ 100)           those records (unknown ids left out; none: 204)
//   GET  /crm/v8/{Module}?fields=…[&territory_id=&include_child=true|false][&cvid=]&page=&per_page=|&page_token=
//        the records listing; `territory_id` keeps records holding that territory (with
//        `include_child=true` also its descendants), `cvid` a custom view's records; per_page ≤ 200,
//        page × per_page ≤ 2000 (else DISCRETE_PAGINATION_LIMIT_EXCEEDED), beyond that `page_token`
//        from `info.next_page_token`.
//   POST /crm/v8/{Module}/{id}/actions/remove_territories    one record, `id` may be left out of data[0]
//   POST /crm/v8/{Module}/actions/remove_territories         many records (≤ config.recordsPerCallLimit)
//   POST …/assign_territories                                the same two for assignment
//   GET  /crm/v8/{Module}/actions/get_feature_specific_info?features=territory_scheduled_jobs&ids=…
//   GET  /crm/v8/{Module}/{id}/actions/get_feature_specific_info?features=territory_scheduled_jobs
//        → {"data":[{"id","territory_scheduled_jobs":[{"job_id","source"}]}]}, an empty array once no
//        job runs; an unknown id gets an INVALID_DATA entry. (The real shape is not documented.)
// Module names compare case-insensitively. Territory actions on Cases/CustomModule1: 400 NOT_SUPPORTED.
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { TERRITORY_MODULES, type TerritoryModule } from '../utils/crm-page';
import { orgJson, recordJson, territoryJson, userJson } from './api-shapes';
import { AFTER_PROCESSING_FAULTS } from './faults';
import { fieldsJson, modulesJson } from './field-metadata';
import { actOutFault, actOutFaultAfter, type StandInEnv } from './request-scope';
import {
  CRM_MODULES,
  type CrmModule,
  type OrgMembership,
  type ScenarioOrg,
  type ScenarioRecord,
  type ScenarioUser,
} from './scenarios/types';
import { coversModule, coversOrgRead, coversSettingsRead, coversUsersRead } from './scopes';
import { type IssuedToken, resolveModule, type StandInState } from './state';
import { changeTerritories, type TerritoryAction } from './territory-rules';
import { type Outcome, statusOfResults, ZohoApiError, zoho } from './zoho-responses';

interface ApiSession {
  token: IssuedToken;
  user: ScenarioUser;
  org: ScenarioOrg;
  membership: OrgMembership;
}

type ApiEnv = StandInEnv & { Variables: { session: ApiSession } };
type ApiContext = Context<ApiEnv>;

const MAX_IDS = 100;
const MAX_LIST_PER_PAGE = 200;
const MAX_TERRITORIES_PER_PAGE = 2000;
const DISCRETE_PAGINATION_LIMIT = 2000;
/** `type` of GET /users: every member is active in the stand-in, none is an admin-only listing. */
const USER_TYPES = ['AllUsers', 'ActiveUsers', 'CurrentUser'];

function fail(outcome: Outcome): never {
  throw new ZohoApiError(outcome);
}

function isTerritoryModule(module: CrmModule): module is TerritoryModule {
  return (TERRITORY_MODULES as readonly CrmModule[]).includes(module);
}

function commaList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function positiveInt(c: ApiContext, name: string, fallback: number, max: number): number {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) fail(zoho.invalidParam(name));
  const parsed = Number(value);
  if (parsed < 1 || parsed > max) fail(zoho.invalidParam(name));
  return parsed;
}

function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOfPageToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match?.[1] ? Number(match[1]) : null;
}

export function createApiApp(state: StandInState): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.onError((err, c) => {
    if (!(err instanceof ZohoApiError)) console.error('stand-in API error', err);
    const outcome = err instanceof ZohoApiError ? err.outcome : zoho.internalError();
    return c.json(outcome.body, outcome.httpStatus as ContentfulStatusCode);
  });
  app.notFound((c) => c.json(zoho.invalidUrl().body, 404));

  app.use('*', async (c, next) => {
    const { zohoHost, hostname } = c.env.scope;
    const match = /^Zoho-oauthtoken\s+(\S+)$/i.exec(c.req.header('authorization')?.trim() ?? '');
    if (!match?.[1]) fail(zoho.authenticationFailure());
    const token = state.liveToken(match[1]);
    const user = token ? state.users.get(token.userId) : undefined;
    // Tokens are data-centre specific: an EU token means nothing to www.zohoapis.com.
    if (!token || !user || token.dataCentre !== zohoHost.dataCentre) fail(zoho.invalidToken());

    const memberships = state.membershipsOn(user, zohoHost.dataCentre, zohoHost.sandbox);
    const orgHeader = c.req.header('x-crm-org')?.trim();
    const chosen = orgHeader ? memberships.find(({ org }) => org.zgid === orgHeader) : memberships[0];
    if (!chosen) fail(orgHeader ? zoho.invalidOrgHeader(orgHeader) : zoho.noOrgForUser());
    const { org, membership } = chosen;
    c.set('session', { token, user, org, membership });

    const concurrency = state.concurrencyLimitOf(org);
    if (state.inFlightOf(org.zgid) >= concurrency) fail(zoho.concurrencyLimit(concurrency));
    const credits = state.creditLimitOf(org);
    if (state.creditsUsedBy(org.zgid) >= credits) fail(zoho.creditLimit(credits));
    state.spendCredit(org.zgid);
    state.enterRequest(org.zgid);
    const fault = state.faults.take(hostname, c.req.method, c.req.path);
    try {
      const faulted = fault ? await actOutFault(fault, c.env) : null;
      if (faulted) return faulted;
      await next();
    } finally {
      state.leaveRequest(org.zgid);
    }
    // Processed (and no longer counted as in flight); only its answer is lost or late.
    if (fault && AFTER_PROCESSING_FAULTS.includes(fault.kind)) c.res = await actOutFaultAfter(fault, c.env, c.res);
  });

  function requireModule(c: ApiContext): CrmModule {
    const name = c.req.param('module') ?? '';
    if (name === 'settings' || name === 'org') fail(zoho.invalidUrl());
    return resolveModule(name) ?? fail(zoho.invalidModule(name));
  }

  function requireScope(covered: boolean): void {
    if (!covered) fail(zoho.scopeMismatch());
  }

  function findRecord(session: ApiSession, module: CrmModule, id: string): ScenarioRecord | undefined {
    return state.findRecord(session.org.zgid, module, id);
  }

  app.get('/crm/v8/org', (c) => {
    const { token, org } = c.get('session');
    requireScope(coversOrgRead(token.scopes));
    return c.json({ org: [orgJson(state, org)] });
  });

  // Zoho's SDKs ask for the current user (and the org) to name their token store.
  app.get('/crm/v8/users', (c) => {
    const { token, user, org } = c.get('session');
    requireScope(coversUsersRead(token.scopes));
    const type = c.req.query('type') ?? 'AllUsers';
    if (!USER_TYPES.includes(type)) fail(zoho.invalidParam('type'));
    const users = type === 'CurrentUser' ? [user] : state.orgMembers(org.zgid);
    return c.json({
      users: users.map((member) => userJson(member, org)),
      info: { per_page: 200, count: users.length, page: 1, more_records: false },
    });
  });

  app.get('/crm/v8/settings/modules', (c) => {
    const { token, org } = c.get('session');
    requireScope(coversSettingsRead(token.scopes, 'modules'));
    return c.json(modulesJson(org, CRM_MODULES));
  });

  app.get('/crm/v8/settings/fields', (c) => {
    const { token, org } = c.get('session');
    requireScope(coversSettingsRead(token.scopes, 'fields'));
    const name = c.req.query('module');
    if (!name) fail(zoho.requiredParamMissing('module'));
    const module =
      resolveModule(name) ?? fail(zoho.invalidParam('module', 'the module name given seems to be invalid'));
    return c.json(fieldsJson(org, module, state.territoriesEnabled(org, module)));
  });

  app.get('/crm/v8/settings/territories', (c) => {
    const { token, org } = c.get('session');
    requireScope(coversSettingsRead(token.scopes, 'territories'));
    const page = positiveInt(c, 'page', 1, Number.MAX_SAFE_INTEGER);
    const perPage = positiveInt(c, 'per_page', 200, MAX_TERRITORIES_PER_PAGE);
    const all = state.territoriesOf(org.zgid);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return c.body(null, 204);
    return c.json({
      territories: slice.map((territory) => territoryJson(state, territory)),
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < all.length },
    });
  });

  async function territoryAction(c: ApiContext, action: TerritoryAction, urlRecordId?: string) {
    if (c.req.method !== 'POST') fail(zoho.invalidMethod());
    const module = requireModule(c);
    if (!isTerritoryModule(module)) fail(zoho.territoriesNotSupported(module));
    const session = c.get('session');
    requireScope(coversModule(session.token.scopes, module, 'UPDATE'));
    if (!state.territoriesEnabled(session.org, module)) fail(zoho.territoryNotEnabled(module));
    if (!state.mayUpdateRecords(session.membership)) fail(zoho.noPermission(module));
    if (!session.membership.canManageTerritories) fail(zoho.authorizationFailed());

    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      fail(zoho.invalidJsonBody());
    }
    const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
    if (!Array.isArray(data) || data.length === 0) {
      fail(zoho.mandatoryMissing('data', '$.data', 'One of the expected parameter is missing'));
    }
    if (urlRecordId !== undefined && data.length > 1) fail(zoho.onlyOneRecord());
    const limit = state.config.recordsPerCallLimit;
    if (urlRecordId === undefined && data.length > limit) fail(zoho.recordsPerCallExceeded(limit));

    const results = changeTerritories(
      { state, org: session.org, module, user: session.user, membership: session.membership },
      action,
      data,
      urlRecordId,
    );
    return c.json({ data: results.map((result) => result.body) }, statusOfResults(results) as ContentfulStatusCode);
  }

  function featureSpecificInfo(c: ApiContext, urlRecordId?: string) {
    if (c.req.method !== 'GET') fail(zoho.invalidMethod());
    const module = requireModule(c);
    if (!isTerritoryModule(module)) fail(zoho.territoriesNotSupported(module));
    const session = c.get('session');
    requireScope(coversModule(session.token.scopes, module, 'READ'));
    if (!state.territoriesEnabled(session.org, module)) fail(zoho.territoryNotEnabled(module));
    const features = c.req.query('features');
    if (!features) fail(zoho.requiredParamMissing('features'));
    if (!commaList(features).includes('territory_scheduled_jobs')) fail(zoho.invalidParam('features'));
    const ids = urlRecordId !== undefined ? [urlRecordId] : commaList(c.req.query('ids'));
    if (ids.length === 0) fail(zoho.requiredParamMissing('ids'));
    if (ids.length > MAX_IDS) fail(zoho.idsLimitExceeded(MAX_IDS));
    const data = ids.map((id, index) => {
      if (!findRecord(session, module, id)) return zoho.invalidRecordId(`$.ids[${index}]`, id).body;
      const job = state.runningJob(id);
      return { id, territory_scheduled_jobs: job ? [{ job_id: job.jobId, source: job.source }] : [] };
    });
    return c.json({ data });
  }

  function action(c: ApiContext, urlRecordId?: string) {
    const name = c.req.param('action');
    if (name === 'remove_territories') return territoryAction(c, 'remove', urlRecordId);
    if (name === 'assign_territories') return territoryAction(c, 'assign', urlRecordId);
    if (name === 'get_feature_specific_info') return featureSpecificInfo(c, urlRecordId);
    fail(zoho.invalidUrl());
  }

  app.all('/crm/v8/:module/actions/:action', (c) => action(c));
  app.all('/crm/v8/:module/:id/actions/:action', (c) => action(c, c.req.param('id')));

  app.all('/crm/v8/:module/:id', (c) => {
    const module = requireModule(c);
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) fail(zoho.invalidUrl());
    if (c.req.method !== 'GET') fail(zoho.invalidMethod());
    const session = c.get('session');
    requireScope(coversModule(session.token.scopes, module, 'READ'));
    const record = findRecord(session, module, id);
    // Zoho answers "no data" with 204 and no body.
    if (!record) return c.body(null, 204);
    const fields = c.req.query('fields');
    return c.json({ data: [recordJson(state, session, record, fields ? commaList(fields) : null)] });
  });

  app.all('/crm/v8/:module', (c) => {
    const module = requireModule(c);
    if (c.req.method !== 'GET') fail(zoho.invalidMethod());
    const session = c.get('session');
    requireScope(coversModule(session.token.scopes, module, 'READ'));
    const fields = commaList(c.req.query('fields'));
    if (fields.length === 0) fail(zoho.requiredParamMissing('fields'));

    const idsParam = c.req.query('ids');
    if (idsParam !== undefined) {
      const ids = commaList(idsParam);
      if (ids.length > MAX_IDS) fail(zoho.idsLimitExceeded(MAX_IDS));
      const found = ids.flatMap((id) => findRecord(session, module, id) ?? []);
      if (found.length === 0) return c.body(null, 204);
      return c.json({
        data: found.map((record) => recordJson(state, session, record, fields)),
        info: { per_page: found.length, count: found.length, page: 1, more_records: false },
      });
    }

    let records = state.recordsOf(session.org.zgid, module);
    const territoryId = c.req.query('territory_id');
    if (territoryId !== undefined) {
      if (!isTerritoryModule(module) || !state.territoriesEnabled(session.org, module)) {
        fail(zoho.territoryNotEnabled(module));
      }
      if (!state.findTerritory(session.org.zgid, territoryId)) fail(zoho.invalidParam('territory_id'));
      const includeChild = c.req.query('include_child');
      if (includeChild !== undefined && includeChild !== 'true' && includeChild !== 'false') {
        fail(zoho.invalidParam('include_child'));
      }
      const wanted = includeChild === 'true' ? state.territoryWithDescendants(territoryId) : new Set([territoryId]);
      records = records.filter((record) => record.territories.some((a) => wanted.has(a.territoryId)));
    }
    const cvid = c.req.query('cvid');
    if (cvid !== undefined) {
      const view = state.customViews.get(cvid);
      if (!view || view.orgId !== session.org.zgid || view.module !== module) fail(zoho.invalidParam('cvid'));
      const viewTerritory = view.territoryId;
      if (viewTerritory !== null) {
        records = records.filter((record) => record.territories.some((a) => a.territoryId === viewTerritory));
      }
    }

    const perPage = positiveInt(c, 'per_page', MAX_LIST_PER_PAGE, MAX_LIST_PER_PAGE);
    const token = c.req.query('page_token');
    let page = 1;
    let offset: number;
    if (token !== undefined) {
      offset = offsetOfPageToken(token) ?? fail(zoho.invalidParam('page_token'));
    } else {
      page = positiveInt(c, 'page', 1, Number.MAX_SAFE_INTEGER);
      if (page * perPage > DISCRETE_PAGINATION_LIMIT) fail(zoho.paginationLimit(DISCRETE_PAGINATION_LIMIT));
      offset = (page - 1) * perPage;
    }
    const slice = records.slice(offset, offset + perPage);
    if (slice.length === 0) return c.body(null, 204);
    const more = offset + perPage < records.length;
    return c.json({
      data: slice.map((record) => recordJson(state, session, record, fields)),
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        more_records: more,
        next_page_token: more ? pageToken(offset + perPage) : null,
      },
    });
  });

  return app;
}

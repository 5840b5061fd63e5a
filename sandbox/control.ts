/**
 * The stand-in's control interface: plain HTTP on its own listener, bound to 127.0.0.1 only, and
 * answering only requests addressed to a loopback name (127.0.0.1, localhost, ::1). A request
 * whose Host is anything else (a Zoho host name included) gets 421 and changes nothing.
 * Bodies and answers are JSON; a bad body is 400 `{"error"}`, an unknown thing 404 `{"error"}`.
 *
 *   GET    /health                               {ok: true, scenario}
 *   GET    /scenarios                            {current, names}
 *   POST   /reset             {scenario?}        fresh copy of the named (default: current) scenario; also
 *                                                resets config, tokens, sessions, grants, jobs, counters,
 *                                                faults and the request log → {scenario}
 *   GET    /config                               StandInConfig
 *   PATCH  /config            Partial<StandInConfig>
 *                                                jobDelayMs, recordsPerCallLimit, concurrencyLimit (null =
 *                                                the edition's), creditLimit (null = the edition's),
 *                                                tokenLifetimeSeconds → the whole config
 *   GET    /faults                               {faults: ActiveFault[]}
 *   POST   /faults            FaultSpec          {kind: latency|server-error|drop|malformed-json|too-many-requests|
 *                                                drop-after-processing|latency-after-processing,
 *                                                host?, method?, path? (substrings; method exact), times? (1),
 *                                                latencyMs? (1000)} → ActiveFault. API-host faults act after
 *                                                authentication and the rate limits, others on arrival; the
 *                                                *-after-processing ones once the API request was processed.
 *   DELETE /faults                               remove all → {cleared: true}
 *   POST   /tokens            {dataCentre, userId, scopes[], clientId?}
 *                                                a token as if the user had accepted the consent page
 *                                                (no grant is recorded) → {access_token, expires_in, api_domain, location}
 *   POST   /tokens/expire     {dataCentre?}      every live token (of that data centre) expires now → {expired}
 *   GET    /accounts/:dc                         {dataCentre, signedInUserId, silentRenewalFailure, scopeLimit}
 *   PUT    /accounts/:dc/signed-in-user  {userId: string | null}      who is signed in at accounts.<dc>
 *   PUT    /accounts/:dc/silent-renewal  {failWith: 'client_not_granted' | 'prompt_required' | null}
 *                                                make /oauth/v2/auth/refresh fail (or work again)
 *   PUT    /accounts/:dc/scope-limit  {scopes: string[] | null}
 *                                                as an admin restricting the client: consent Accept and
 *                                                silent renewal grant (and record) only the requested
 *                                                scopes named here, so the API may then answer
 *                                                OAUTH_SCOPE_MISMATCH; a session grant loses the scopes
 *                                                outside the limit when used under it, so after lifting
 *                                                it (null) renewal needs a fresh consent unless the grant
 *                                                still covers the request → the accounts answer
 *   DELETE /accounts/grants?dataCentre=          forget the session grants (silent renewal then fails
 *                                                with client_not_granted) → {cleared: true}
 *   GET    /records/:orgId/:module/:id           RecordState (module = API name, e.g. Deals)
 *   PUT    /records/:orgId/:module/:id/lock {locked: boolean}  → RecordState
 *   PUT    /records/:orgId/:module/:id/territories/:territoryId  {assigned: 'manually' | 'automatically'}
 *                                                how the record holds that territory, as if territory rules
 *                                                ran meanwhile (a rule-held one then refuses removal with
 *                                                NOT_ALLOWED) → RecordState; 404 when the record does not
 *                                                hold it
 *   GET    /usage/:orgId                         {inFlight, creditsUsed, concurrencyLimit, creditLimit}
 *   GET    /log?kind=&host=&path=                {entries: RequestLogEntry[]} (kind: page|accounts|api|unknown)
 *   DELETE /log                                  {cleared: true}
 */
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { DATA_CENTRE_IDS, isDataCentre } from '../utils/data-centres';
import { FAULT_KINDS } from './faults';
import { apiDomainOf } from './hosts';
import type { RequestKind } from './request-log';
import { isScenarioName, scenarioNames } from './scenarios/index';
import { unknownScopes } from './scopes';
import { resolveModule, type StandInState } from './state';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const PositiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const NonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0));
const DataCentreSchema = v.picklist(DATA_CENTRE_IDS);

const ResetSchema = v.strictObject({ scenario: v.optional(v.string()) });
const ConfigPatchSchema = v.strictObject({
  jobDelayMs: v.optional(NonNegativeInt),
  recordsPerCallLimit: v.optional(PositiveInt),
  concurrencyLimit: v.optional(v.nullable(PositiveInt)),
  creditLimit: v.optional(v.nullable(NonNegativeInt)),
  tokenLifetimeSeconds: v.optional(PositiveInt),
});
const FaultSpecSchema = v.strictObject({
  kind: v.picklist(FAULT_KINDS),
  host: v.optional(v.string()),
  method: v.optional(v.string()),
  path: v.optional(v.string()),
  times: v.optional(PositiveInt),
  latencyMs: v.optional(NonNegativeInt),
});
const IssueTokenSchema = v.strictObject({
  dataCentre: DataCentreSchema,
  userId: v.string(),
  scopes: v.pipe(v.array(v.string()), v.minLength(1)),
  clientId: v.optional(v.string()),
});
const ExpireSchema = v.strictObject({ dataCentre: v.optional(DataCentreSchema) });
const SignedInUserSchema = v.strictObject({ userId: v.nullable(v.string()) });
const SilentRenewalSchema = v.strictObject({
  failWith: v.nullable(v.picklist(['client_not_granted', 'prompt_required'])),
});
const ScopeLimitSchema = v.strictObject({
  scopes: v.nullable(
    v.pipe(
      v.array(v.string()),
      v.check((scopes) => unknownScopes(scopes).length === 0, 'every scope must be one Zoho knows'),
    ),
  ),
});
const LockSchema = v.strictObject({ locked: v.boolean() });
const AssignmentSchema = v.strictObject({ assigned: v.picklist(['manually', 'automatically']) });

export type ConfigPatch = v.InferOutput<typeof ConfigPatchSchema>;
export type IssueTokenRequest = v.InferOutput<typeof IssueTokenSchema>;

export interface IssuedTokenAnswer {
  access_token: string;
  expires_in: number;
  api_domain: string;
  location: string;
}

export interface UsageAnswer {
  inFlight: number;
  creditsUsed: number;
  concurrencyLimit: number;
  creditLimit: number;
}

class BadRequest extends Error {}

async function readBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new BadRequest('body is not JSON');
  }
  const result = v.safeParse(schema, json);
  if (!result.success) throw new BadRequest(v.summarize(result.issues));
  return result.output;
}

export function createControlApp(state: StandInState): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
    return c.json({ error: err instanceof Error ? err.message : String(err) }, 500);
  });
  app.notFound((c) => c.json({ error: 'no such control endpoint' }, 404));

  app.use('*', async (c, next) => {
    if (!LOOPBACK_NAMES.has(new URL(c.req.url).hostname)) {
      return c.json({ error: 'the control interface answers only on 127.0.0.1' }, 421);
    }
    await next();
  });

  app.get('/health', (c) => c.json({ ok: true, scenario: state.scenarioName }));

  app.get('/scenarios', (c) => c.json({ current: state.scenarioName, names: scenarioNames() }));

  app.post('/reset', async (c) => {
    const { scenario } = await readBody(c, ResetSchema);
    if (scenario !== undefined && !isScenarioName(scenario)) throw new BadRequest(`unknown scenario "${scenario}"`);
    state.reset(scenario);
    return c.json({ scenario: state.scenarioName });
  });

  app.get('/config', (c) => c.json(state.config));

  app.patch('/config', async (c) => {
    const patch = await readBody(c, ConfigPatchSchema);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    state.config = { ...state.config, ...defined };
    return c.json(state.config);
  });

  app.get('/faults', (c) => c.json({ faults: state.faults.list() }));

  app.post('/faults', async (c) => c.json(state.faults.add(await readBody(c, FaultSpecSchema))));

  app.delete('/faults', (c) => {
    state.faults.clear();
    return c.json({ cleared: true });
  });

  app.post('/tokens', async (c) => {
    const request = await readBody(c, IssueTokenSchema);
    const user = state.users.get(request.userId);
    if (!user || user.dataCentre !== request.dataCentre) {
      throw new BadRequest(`no user ${request.userId} at data centre ${request.dataCentre}`);
    }
    const token = state.issueToken({
      dataCentre: request.dataCentre,
      userId: user.id,
      clientId: request.clientId ?? [...state.clients.keys()][0] ?? '',
      scopes: request.scopes,
    });
    const answer: IssuedTokenAnswer = {
      access_token: token.accessToken,
      expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
      api_domain: apiDomainOf(token.dataCentre),
      location: token.dataCentre,
    };
    return c.json(answer);
  });

  app.post('/tokens/expire', async (c) => {
    const { dataCentre } = await readBody(c, ExpireSchema);
    return c.json({ expired: state.expireTokens(dataCentre) });
  });

  app.delete('/accounts/grants', (c) => {
    const dc = c.req.query('dataCentre');
    if (dc !== undefined && !isDataCentre(dc)) throw new BadRequest(`unknown data centre "${dc}"`);
    state.clearGrants(dc);
    return c.json({ cleared: true });
  });

  function dataCentreParam(c: Context) {
    const dc = c.req.param('dc');
    if (!isDataCentre(dc)) throw new BadRequest(`unknown data centre "${dc}"`);
    return dc;
  }

  function accountsAnswer(dc: (typeof DATA_CENTRE_IDS)[number]) {
    return { dataCentre: dc, ...state.accountsSession(dc) };
  }

  app.get('/accounts/:dc', (c) => c.json(accountsAnswer(dataCentreParam(c))));

  app.put('/accounts/:dc/signed-in-user', async (c) => {
    const dc = dataCentreParam(c);
    const { userId } = await readBody(c, SignedInUserSchema);
    if (userId !== null && state.users.get(userId)?.dataCentre !== dc) {
      throw new BadRequest(`no user ${userId} at data centre ${dc}`);
    }
    state.accountsSession(dc).signedInUserId = userId;
    return c.json(accountsAnswer(dc));
  });

  app.put('/accounts/:dc/silent-renewal', async (c) => {
    const dc = dataCentreParam(c);
    const { failWith } = await readBody(c, SilentRenewalSchema);
    state.accountsSession(dc).silentRenewalFailure = failWith;
    return c.json(accountsAnswer(dc));
  });

  app.put('/accounts/:dc/scope-limit', async (c) => {
    const dc = dataCentreParam(c);
    const { scopes } = await readBody(c, ScopeLimitSchema);
    state.accountsSession(dc).scopeLimit = scopes;
    return c.json(accountsAnswer(dc));
  });

  function findRecord(c: Context) {
    const module = resolveModule(c.req.param('module') ?? '');
    const record = module ? state.findRecord(c.req.param('orgId') ?? '', module, c.req.param('id') ?? '') : undefined;
    return record;
  }

  app.get('/records/:orgId/:module/:id', (c) => {
    const record = findRecord(c);
    return record ? c.json(state.recordState(record)) : c.json({ error: 'no such record' }, 404);
  });

  app.put('/records/:orgId/:module/:id/lock', async (c) => {
    const record = findRecord(c);
    if (!record) return c.json({ error: 'no such record' }, 404);
    const { locked } = await readBody(c, LockSchema);
    state.setLocked(record, locked);
    return c.json(state.recordState(record));
  });

  app.put('/records/:orgId/:module/:id/territories/:territoryId', async (c) => {
    const record = findRecord(c);
    if (!record) return c.json({ error: 'no such record' }, 404);
    const { assigned } = await readBody(c, AssignmentSchema);
    if (!state.setAssignment(record, c.req.param('territoryId'), assigned)) {
      return c.json({ error: 'the record does not hold that territory' }, 404);
    }
    return c.json(state.recordState(record));
  });

  app.get('/usage/:orgId', (c) => {
    const org = state.orgs.get(c.req.param('orgId'));
    if (!org) return c.json({ error: 'no such org' }, 404);
    const usage: UsageAnswer = {
      inFlight: state.inFlightOf(org.zgid),
      creditsUsed: state.creditsUsedBy(org.zgid),
      concurrencyLimit: state.concurrencyLimitOf(org),
      creditLimit: state.creditLimitOf(org),
    };
    return c.json(usage);
  });

  app.get('/log', (c) => {
    const kind = c.req.query('kind');
    const kinds: readonly string[] = ['page', 'accounts', 'api', 'unknown'];
    if (kind !== undefined && !kinds.includes(kind)) throw new BadRequest(`unknown kind "${kind}"`);
    return c.json({
      entries: state.log.list({
        kind: kind as RequestKind | undefined,
        host: c.req.query('host'),
        path: c.req.query('path'),
      }),
    });
  });

  app.delete('/log', (c) => {
    state.log.clear();
    return c.json({ cleared: true });
  });

  return app;
}

// The accounts servers (accounts.zoho.*): implicit grant, silent renewal and revocation for
// client-based applications (zoho-crm.md §4).
//
//   GET  /oauth/v2/auth?response_type=token&client_id=&scope=A,B&redirect_uri=&state=[&prompt=consent]
//        Unknown client (or not enabled for this data centre), a redirect_uri not registered for
//        it, a response_type other than `token`, no scope or an unknown scope: a 400 error page
//        (`#error-code`), no redirect. Nobody signed in: a sign-in page (pick a user of this data
//        centre). Else the consent page (buttons #accept / #deny). Accept: 302 to
//        `redirect_uri#access_token=…&expires_in=…&api_domain=https%3A%2F%2Fwww.zohoapis.<tld>&location=<dc>&token_type=Bearer&state=…&granted_for_session=true`
//        and the grant is remembered for the session; Deny: 302 to `redirect_uri#error=access_denied&state=…`.
//        If the user already granted this client these scopes and `prompt=consent` is absent, the
//        redirect with a token follows at once (no page).
//        A scope limit set by the control interface (an admin restricting the client) narrows what
//        is granted, recorded and put in the token to the requested scopes named in the limit; the
//        session grant loses any scope outside it. Nothing left to grant: Accept redirects with
//        `#error=access_denied`.
//   GET  /oauth/v2/auth/refresh (same parameters, never a page once they are valid): a fresh token for
//        the signed-in user when that user granted the client these scopes before, in this run;
//        otherwise `#error=client_not_granted`; nobody signed in: `#error=prompt_required`; a failure
//        set by the control interface wins. Under a scope limit the grant must cover the requested
//        scopes the limit lets through, and only those are issued (none: `client_not_granted`).
//   POST /oauth/v2/token/revoke?token=… (or form field `token`) → {"status":"success"} (also for
//        unknown tokens); no token → 400 {"error":"invalid_request"}.
//   GET  /  the signed-in user; POST /signin (user_id, return_to), POST /signout.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { DataCentre } from '../utils/data-centres';
import { apiDomainOf } from './hosts';
import { html, type SafeHtml } from './html';
import type { StandInEnv } from './request-scope';
import type { ScenarioClient, ScenarioUser } from './scenarios/types';
import { parseScopeParam, scopesAllowed, scopesCovered, unknownScopes } from './scopes';
import type { IssuedToken, StandInState } from './state';

interface AuthRequest {
  client: ScenarioClient;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  prompt: string | undefined;
}

interface AuthRequestError {
  code: string;
  description: string;
}

const PENDING_CONSENT_LIMIT = 500;

function validateAuthRequest(
  state: StandInState,
  dc: DataCentre,
  query: Record<string, string>,
): AuthRequest | AuthRequestError {
  const clientId = query.client_id;
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client?.dataCentres.includes(dc)) {
    return { code: 'invalid_client', description: 'The client is not registered with this accounts server.' };
  }
  const redirectUri = query.redirect_uri;
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    return { code: 'invalid_redirect_uri', description: 'The redirect URI does not match the client’s registration.' };
  }
  if (query.response_type !== 'token') {
    return { code: 'unsupported_response_type', description: 'Only response_type=token is supported here.' };
  }
  const scopes = parseScopeParam(query.scope);
  if (scopes.length === 0) return { code: 'invalid_scope', description: 'No scope was requested.' };
  const unknown = unknownScopes(scopes);
  if (unknown.length > 0) return { code: 'invalid_scope', description: `Unknown scope: ${unknown.join(', ')}` };
  return { client, redirectUri, scopes, state: query.state, prompt: query.prompt };
}

function isAuthRequestError(value: AuthRequest | AuthRequestError): value is AuthRequestError {
  return 'code' in value;
}

function tokenRedirect(request: AuthRequest, token: IssuedToken): string {
  const params = new URLSearchParams();
  params.set('access_token', token.accessToken);
  params.set('expires_in', String(Math.round((token.expiresAt - token.issuedAt) / 1000)));
  params.set('api_domain', apiDomainOf(token.dataCentre));
  params.set('location', token.dataCentre);
  params.set('token_type', 'Bearer');
  if (request.state !== undefined) params.set('state', request.state);
  params.set('granted_for_session', 'true');
  return `${request.redirectUri}#${params.toString()}`;
}

function errorRedirect(request: AuthRequest, error: string): string {
  const params = new URLSearchParams({ error });
  if (request.state !== undefined) params.set('state', request.state);
  return `${request.redirectUri}#${params.toString()}`;
}

const ACCOUNTS_STYLE = `
  body { margin: 0; font: 14px/1.5 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #f4f6f9; color: #1f2933; }
  .card { max-width: 460px; margin: 64px auto; background: #fff; border-radius: 8px; padding: 32px 36px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  .brand { font-weight: 700; font-size: 20px; color: #e42527; letter-spacing: .5px; margin-bottom: 20px; }
  h1 { font-size: 19px; margin: 0 0 12px; }
  ul.scopes { padding-left: 20px; } ul.scopes li { font-family: ui-monospace, monospace; font-size: 12.5px; }
  .user { background: #f0f4fa; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button { font: inherit; padding: 9px 22px; border-radius: 4px; border: 1px solid #c5ccd6; background: #fff; cursor: pointer; }
  button.primary { background: #0c62dc; border-color: #0c62dc; color: #fff; }
  .users button { display: block; width: 100%; text-align: left; margin: 8px 0; }
  .error { color: #b3261e; }
`;

function accountsPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${ACCOUNTS_STYLE}</style></head>
<body><main class="card"><div class="brand">ZOHO</div>${body}</main></body></html>`.value;
}

function errorPage(error: AuthRequestError): string {
  return accountsPage(
    'Zoho Accounts – error',
    html`<h1 class="error">Invalid request</h1>
<p id="error-code" class="error">${error.code}</p><p id="error-description">${error.description}</p>`,
  );
}

function signInPage(users: ScenarioUser[], returnTo: string): string {
  return accountsPage(
    'Sign in to Zoho',
    html`<h1>Sign in</h1><p>Choose the Zoho account to continue with.</p>
<form method="post" action="/signin" class="users">
<input type="hidden" name="return_to" value="${returnTo}">
${users.map((user) => html`<button type="submit" name="user_id" value="${user.id}" data-user-id="${user.id}">${user.fullName} (${user.email})</button>`)}
</form>`,
  );
}

function consentPage(request: AuthRequest, user: ScenarioUser, ticket: string, switchUrl: string): string {
  return accountsPage(
    `${request.client.clientName} – Zoho Accounts`,
    html`<h1><span id="client-name">${request.client.clientName}</span> would like to access your Zoho account</h1>
<div class="user" id="signed-in-user" data-user-id="${user.id}">${user.fullName} · ${user.email}
 <a href="${switchUrl}" id="switch-account">Not you?</a></div>
<p>It asks for:</p>
<ul class="scopes">${request.scopes.map((scope) => html`<li>${scope}</li>`)}</ul>
<form method="post" action="/oauth/v2/auth/decision" class="actions">
<input type="hidden" name="ticket" value="${ticket}">
<button type="submit" id="accept" name="decision" value="accept" class="primary">Accept</button>
<button type="submit" id="deny" name="decision" value="deny">Deny</button>
</form>`,
  );
}

function homePage(user: ScenarioUser | undefined, users: ScenarioUser[]): string {
  return accountsPage(
    'Zoho Accounts',
    user
      ? html`<h1>Signed in</h1><div class="user" id="signed-in-user" data-user-id="${user.id}">${user.fullName} · ${user.email}</div>
<form method="post" action="/signout"><button type="submit" id="sign-out">Sign out</button></form>`
      : html`<h1>Not signed in</h1>
<form method="post" action="/signin" class="users"><input type="hidden" name="return_to" value="/">
${users.map((u) => html`<button type="submit" name="user_id" value="${u.id}" data-user-id="${u.id}">${u.fullName} (${u.email})</button>`)}
</form>`,
  );
}

function formField(form: Record<string, string | File | (string | File)[]>, name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
}

export function createAccountsApp(state: StandInState): Hono<StandInEnv> {
  const app = new Hono<StandInEnv>();
  /** consent pages shown and not yet answered: ticket → request and the user it was shown to */
  const pendingConsents = new Map<
    string,
    { request: AuthRequest; userId: string; dc: DataCentre; generation: number }
  >();

  function signedInUser(dc: DataCentre): ScenarioUser | undefined {
    const id = state.accountsSession(dc).signedInUserId;
    return id ? state.users.get(id) : undefined;
  }

  /** The requested scopes this data centre's accounts server lets the client have now. */
  function allowedScopes(dc: DataCentre, request: AuthRequest): string[] {
    return scopesAllowed(request.scopes, state.accountsSession(dc).scopeLimit);
  }

  /**
   * A token for `scopes`. Under a limit the session grant first loses what the limit excludes, so
   * that lifting the limit later does not silently restore scopes the user was never given.
   */
  function issue(dc: DataCentre, request: AuthRequest, userId: string, scopes: string[]): IssuedToken {
    const clientId = request.client.clientId;
    const limit = state.accountsSession(dc).scopeLimit;
    if (limit !== null) state.narrowGrant(dc, userId, clientId, limit);
    return state.issueToken({ dataCentre: dc, userId, clientId, scopes });
  }

  function grant(dc: DataCentre, request: AuthRequest, userId: string, scopes: string[]): IssuedToken {
    const token = issue(dc, request, userId, scopes);
    state.recordGrant(dc, userId, request.client.clientId, scopes);
    return token;
  }

  app.get('/oauth/v2/auth', (c) => {
    const dc = c.env.scope.zohoHost.dataCentre;
    const request = validateAuthRequest(state, dc, c.req.query());
    if (isAuthRequestError(request)) return c.html(errorPage(request), 400);
    const returnTo = `${c.req.path}?${new URL(c.req.url).searchParams.toString()}`;
    const user = signedInUser(dc);
    if (!user) return c.html(signInPage(state.usersOf(dc), returnTo));

    const scopes = allowedScopes(dc, request);
    const granted = state.grantedScopes(dc, user.id, request.client.clientId);
    if (request.prompt !== 'consent' && scopes.length > 0 && granted && scopesCovered(scopes, granted)) {
      return c.redirect(tokenRedirect(request, grant(dc, request, user.id, scopes)), 302);
    }
    if (pendingConsents.size >= PENDING_CONSENT_LIMIT) pendingConsents.clear();
    const ticket = randomUUID();
    pendingConsents.set(ticket, { request, userId: user.id, dc, generation: state.generation });
    const switchParams = new URLSearchParams({ return_to: returnTo });
    return c.html(consentPage(request, user, ticket, `/signin?${switchParams.toString()}`));
  });

  app.post('/oauth/v2/auth/decision', async (c) => {
    const form = await c.req.parseBody();
    const ticket = formField(form, 'ticket') ?? '';
    const pending = pendingConsents.get(ticket);
    if (!pending || pending.dc !== c.env.scope.zohoHost.dataCentre || pending.generation !== state.generation) {
      return c.html(
        errorPage({ code: 'invalid_request', description: 'This consent request is unknown or used.' }),
        400,
      );
    }
    pendingConsents.delete(ticket);
    const scopes = allowedScopes(pending.dc, pending.request);
    if (formField(form, 'decision') !== 'accept' || scopes.length === 0) {
      return c.redirect(errorRedirect(pending.request, 'access_denied'), 302);
    }
    return c.redirect(tokenRedirect(pending.request, grant(pending.dc, pending.request, pending.userId, scopes)), 302);
  });

  app.get('/oauth/v2/auth/refresh', (c) => {
    const dc = c.env.scope.zohoHost.dataCentre;
    const request = validateAuthRequest(state, dc, c.req.query());
    if (isAuthRequestError(request)) return c.html(errorPage(request), 400);
    const session = state.accountsSession(dc);
    if (session.silentRenewalFailure) return c.redirect(errorRedirect(request, session.silentRenewalFailure), 302);
    const user = signedInUser(dc);
    if (!user) return c.redirect(errorRedirect(request, 'prompt_required'), 302);
    const scopes = allowedScopes(dc, request);
    const granted = state.grantedScopes(dc, user.id, request.client.clientId);
    if (scopes.length === 0 || !granted || !scopesCovered(scopes, granted)) {
      return c.redirect(errorRedirect(request, 'client_not_granted'), 302);
    }
    return c.redirect(tokenRedirect(request, issue(dc, request, user.id, scopes)), 302);
  });

  app.post('/oauth/v2/token/revoke', async (c) => {
    let token = c.req.query('token');
    if (!token && c.req.header('content-type')?.includes('application/x-www-form-urlencoded')) {
      token = formField(await c.req.parseBody(), 'token');
    }
    if (!token) return c.json({ error: 'invalid_request' }, 400);
    state.revokeToken(token);
    return c.json({ status: 'success' });
  });

  app.get('/signin', (c) => {
    const returnTo = c.req.query('return_to') ?? '/';
    return c.html(signInPage(state.usersOf(c.env.scope.zohoHost.dataCentre), returnTo));
  });

  app.post('/signin', async (c) => {
    const dc = c.env.scope.zohoHost.dataCentre;
    const form = await c.req.parseBody();
    const user = state.users.get(formField(form, 'user_id') ?? '');
    if (!user || user.dataCentre !== dc) {
      return c.html(errorPage({ code: 'invalid_user', description: 'No such user at this data centre.' }), 400);
    }
    state.accountsSession(dc).signedInUserId = user.id;
    const returnTo = formField(form, 'return_to') ?? '/';
    // Only local paths: never an open redirect.
    return c.redirect(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', 303);
  });

  app.post('/signout', (c) => {
    state.accountsSession(c.env.scope.zohoHost.dataCentre).signedInUserId = null;
    return c.redirect('/', 303);
  });

  app.get('/', (c) => {
    const dc = c.env.scope.zohoHost.dataCentre;
    return c.html(homePage(signedInUser(dc), state.usersOf(dc)));
  });

  return app;
}

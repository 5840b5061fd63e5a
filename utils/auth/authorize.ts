// Zoho's OAuth 2.0 implicit grant for a client-based app (../shared/reference/zoho-crm.md §4):
// the authorize URL, and the redirect that carries the access token back.
import { TERRITORY_MODULES } from '../crm-page';
import { accountsOrigin, DATA_CENTRES, type DataCentre } from '../data-centres';
import type { ErrorInfo, Result } from '../messaging';
import type { StoredToken } from './token-store';

/** Read and update the four territory modules, read territory definitions: nothing more. */
export const ZOHO_SCOPES: readonly string[] = [
  ...TERRITORY_MODULES.flatMap((module) => {
    const name = module.toLowerCase();
    return [`ZohoCRM.modules.${name}.READ`, `ZohoCRM.modules.${name}.UPDATE`];
  }),
  'ZohoCRM.settings.territories.READ',
];

/** `interactive` shows Zoho's sign-in and consent; `silent` renews while the Zoho session lives. */
export type AuthorizeMode = 'interactive' | 'silent';

export interface AuthorizeRequest {
  dataCentre: DataCentre;
  clientId: string;
  redirectUri: string;
  state: string;
  mode: AuthorizeMode;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const path = request.mode === 'silent' ? '/oauth/v2/auth/refresh' : '/oauth/v2/auth';
  const params = new URLSearchParams({
    response_type: 'token',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
  });
  // Zoho wants the scopes comma-separated; the commas stay literal, as in Zoho's examples.
  const scope = ZOHO_SCOPES.map(encodeURIComponent).join(',');
  return `${accountsOrigin(request.dataCentre)}${path}?${params}&scope=${scope}`;
}

/** 128 random bits, hex. */
export function newState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isApiDomainOf(dataCentre: DataCentre, apiDomain: string): boolean {
  const hosts = DATA_CENTRES[dataCentre];
  return apiDomain === `https://${hosts.apiHost}` || apiDomain === `https://${hosts.apiSandboxHost}`;
}

export interface ExpectedRedirect {
  dataCentre: DataCentre;
  state: string;
  redirectUri: string;
  now: number;
}

/** The token in Zoho's redirect, checked against the request; never throws. */
export function parseAuthRedirect(redirectUrl: string, expected: ExpectedRedirect): Result<StoredToken> {
  const fail = (code: string, message: string): Result<StoredToken> => ({ ok: false, error: { code, message } });
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    return fail('SIGN_IN_FAILED', 'the sign-in answer is not a URL');
  }
  if (`${url.origin}${url.pathname}` !== expected.redirectUri) {
    return fail('SIGN_IN_FAILED', 'the sign-in answer came back to an unexpected address');
  }
  // Zoho puts the answer in the fragment, some flows in the query; the fragment wins.
  const params = new URLSearchParams(url.search);
  for (const [key, value] of new URLSearchParams(url.hash.slice(1))) params.set(key, value);

  const error = params.get('error');
  if (error) return { ok: false, error: signInError(error, params.get('error_description')) };
  if (params.get('state') !== expected.state) {
    return fail('STATE_MISMATCH', 'the state in the sign-in answer is not the one sent');
  }

  const accessToken = params.get('access_token');
  if (!accessToken) return fail('SIGN_IN_FAILED', 'the sign-in answer has no access_token');
  const expiresIn = Number(params.get('expires_in'));
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
    return fail('SIGN_IN_FAILED', 'the sign-in answer has no valid expires_in');
  }
  const apiDomain = params.get('api_domain');
  if (!apiDomain) return fail('SIGN_IN_FAILED', 'the sign-in answer has no api_domain');
  if (!isApiDomainOf(expected.dataCentre, apiDomain)) {
    return fail('FOREIGN_API_DOMAIN', `api_domain ${apiDomain} is not an API server of this data centre`);
  }
  const scope = params.get('scope');
  return {
    ok: true,
    value: {
      dataCentre: expected.dataCentre,
      accessToken,
      expiresAt: expected.now + expiresIn * 1000,
      apiDomain,
      scopes: scope ? scope.split(/[\s,]+/).filter(Boolean) : [...ZOHO_SCOPES],
    },
  };
}

function signInError(error: string, description: string | null): ErrorInfo {
  const message = description ? `${error}: ${description}` : error;
  return { code: error === 'access_denied' ? 'SIGN_IN_CANCELLED' : 'SIGN_IN_FAILED', message };
}

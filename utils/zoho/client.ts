// The HTTP client for Zoho CRM API v8. Reads are retried with backoff; writes never are, because a
// remove/assign whose answer was lost may already have happened (see territories.ts).
import { type $Fetch, ofetch } from 'ofetch';
import * as v from 'valibot';
import { ZohoApiError } from './errors';
import { REQUEST_TIMEOUT_MS } from './request-timing';
import { TopLevelErrorSchema } from './schemas';

export interface Credentials {
  accessToken: string;
  /** `https://host` the token may be used at, no trailing slash. */
  apiOrigin: string;
}

/** Where the client gets its token. Failures throw a ZohoApiError (NOT_SIGNED_IN, INVALID_TOKEN, …). */
export interface CredentialSource {
  current(): Promise<Credentials>;
  /** Zoho rejected this token: renew it (or take one renewed meanwhile), else forget it and throw INVALID_TOKEN. */
  renew(rejectedAccessToken: string): Promise<Credentials>;
  /** Even a renewed token was rejected: forget it. */
  discard(rejectedAccessToken: string): Promise<void>;
}

export interface ZohoClientOptions {
  credentials: CredentialSource;
  /** The page's org (zgid), sent as X-CRM-ORG so a user in several orgs reaches the right one. */
  orgId: string | null;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** Tries of a read in all, the first included. */
  readAttempts?: number;
  backoffBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ZohoResponse {
  status: number;
  /** Parsed JSON, or undefined when the body was empty. */
  body: unknown;
}

export interface ZohoClient {
  read(path: string, query?: Readonly<Record<string, string>>): Promise<ZohoResponse>;
  write(path: string, body: Record<string, unknown>): Promise<ZohoResponse>;
}

export const DEFAULT_TIMEOUT_MS = REQUEST_TIMEOUT_MS;
const DEFAULT_READ_ATTEMPTS = 3;
const DEFAULT_BACKOFF_BASE_MS = 400;

/** One ofetch instance per credentials: base URL, token and org header for every request. */
export function createZohoFetch(options: {
  credentials: Credentials;
  orgId: string | null;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}): $Fetch {
  const { credentials, orgId } = options;
  return ofetch.create(
    {
      baseURL: `${credentials.apiOrigin}/crm/v8`,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Retries are ours (ofetch would reuse the first attempt's time-out signal) and every
      // status is inspected here, so ofetch neither retries nor throws on HTTP errors.
      retry: false,
      ignoreResponseError: true,
      onRequest({ options: request }) {
        request.headers.set('Authorization', `Zoho-oauthtoken ${credentials.accessToken}`);
        if (orgId) request.headers.set('X-CRM-ORG', orgId);
      },
    },
    options.fetch ? { fetch: options.fetch } : {},
  );
}

/** Exponential backoff with jitter: after attempt n, wait between half and all of base × 2^(n-1). */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

interface RawAnswer {
  status: number;
  text: string;
}

export function createZohoClient(options: ZohoClientOptions): ZohoClient {
  const readAttempts = Math.max(1, options.readAttempts ?? DEFAULT_READ_ATTEMPTS);
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  async function send(
    credentials: Credentials,
    method: 'GET' | 'POST',
    path: string,
    query: Readonly<Record<string, string>> | undefined,
    body: Record<string, unknown> | undefined,
  ): Promise<RawAnswer> {
    const zohoFetch = createZohoFetch({
      credentials,
      orgId: options.orgId,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    try {
      const response = await zohoFetch.raw(path, {
        method,
        query: query ? { ...query } : undefined,
        body,
        responseType: 'text',
      });
      return { status: response.status, text: response._data ?? '' };
    } catch (error) {
      throw transportError(error);
    }
  }

  /** One request with the current token; on INVALID_TOKEN renew once and send again. */
  async function sendAuthorized(
    method: 'GET' | 'POST',
    path: string,
    query: Readonly<Record<string, string>> | undefined,
    body: Record<string, unknown> | undefined,
  ): Promise<RawAnswer> {
    const credentials = await options.credentials.current();
    const first = await send(credentials, method, path, query, body);
    if (!isInvalidToken(first)) return first;
    // A 401 INVALID_TOKEN means Zoho did nothing, so even a write may be sent again.
    const renewed = await options.credentials.renew(credentials.accessToken);
    const second = await send(renewed, method, path, query, body);
    if (isInvalidToken(second)) {
      await options.credentials.discard(renewed.accessToken);
      throw new ZohoApiError('INVALID_TOKEN', { status: 401, message: topLevelMessage(second) });
    }
    return second;
  }

  return {
    async read(path, query) {
      for (let attempt = 1; ; attempt++) {
        const lastAttempt = attempt >= readAttempts;
        try {
          const answer = await sendAuthorized('GET', path, query, undefined);
          if (lastAttempt || !isRetryableStatus(answer.status)) return toResponse(answer);
        } catch (error) {
          const retryable =
            error instanceof ZohoApiError && (error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT');
          if (lastAttempt || !retryable) throw error;
        }
        await sleep(backoffDelay(attempt, backoffBaseMs, random));
      }
    },
    async write(path, body) {
      return toResponse(await sendAuthorized('POST', path, undefined, body));
    },
  };
}

function transportError(error: unknown): ZohoApiError {
  if (error instanceof ZohoApiError) return error;
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const causeName = typeof cause === 'object' && cause !== null && 'name' in cause ? cause.name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (causeName === 'TimeoutError' || causeName === 'AbortError') {
    return new ZohoApiError('TIMEOUT', { message, cause: error });
  }
  return new ZohoApiError('NETWORK_ERROR', { message, cause: error });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isInvalidToken(answer: RawAnswer): boolean {
  if (answer.status !== 401) return false;
  const parsed = parseJson(answer.text);
  if (!parsed.ok) return false;
  const error = v.safeParse(TopLevelErrorSchema, parsed.value);
  return error.success && error.output.code === 'INVALID_TOKEN';
}

function topLevelMessage(answer: RawAnswer): string | undefined {
  const parsed = parseJson(answer.text);
  if (!parsed.ok) return undefined;
  const error = v.safeParse(TopLevelErrorSchema, parsed.value);
  return error.success ? error.output.message : undefined;
}

function toResponse(answer: RawAnswer): ZohoResponse {
  if (answer.text.trim() === '') return { status: answer.status, body: undefined };
  const parsed = parseJson(answer.text);
  if (parsed.ok) return { status: answer.status, body: parsed.value };
  // Gateways answer overload and outages with HTML pages; their status still says what happened.
  const message = `HTTP ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 120)}`;
  if (answer.status === 429) throw new ZohoApiError('TOO_MANY_REQUESTS', { status: 429, message });
  if (answer.status >= 500) throw new ZohoApiError('INTERNAL_ERROR', { status: answer.status, message });
  throw new ZohoApiError('INVALID_RESPONSE', { status: answer.status, message });
}

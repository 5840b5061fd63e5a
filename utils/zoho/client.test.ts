import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, type CredentialSource, createZohoClient, type ZohoClientOptions } from './client';
import { ZohoApiError } from './errors';
import { type LocalAnswer, type LocalServer, type RecordedRequest, startLocalServer } from './testing/local-server';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: (request: RecordedRequest, index: number) => LocalAnswer): Promise<LocalServer> {
  let index = 0;
  server = await startLocalServer((request) => answer(request, index++));
  return server;
}

function credentialsAt(origin: string) {
  let accessToken = '1000.first';
  const renewed: string[] = [];
  const discarded: string[] = [];
  const source: CredentialSource = {
    current: async () => ({ accessToken, apiOrigin: origin }),
    renew: async (rejected) => {
      renewed.push(rejected);
      accessToken = '1000.renewed';
      return { accessToken, apiOrigin: origin };
    },
    discard: async (rejected) => {
      discarded.push(rejected);
    },
  };
  return { source, renewed, discarded };
}

function clientFor(origin: string, options: Partial<ZohoClientOptions> = {}) {
  const credentials = credentialsAt(origin);
  const waits: number[] = [];
  const client = createZohoClient({
    credentials: credentials.source,
    orgId: '20079833178',
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    ...options,
  });
  return { client, waits, ...credentials };
}

async function failure(promise: Promise<unknown>): Promise<ZohoApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZohoApiError) return error;
    throw error;
  }
  throw new Error('expected a ZohoApiError');
}

const ok = { status: 200, json: { data: [] } };
const invalidToken = {
  status: 401,
  json: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
};

describe('request shape', () => {
  it('reads from {origin}/crm/v8 with the token and the org header', async () => {
    const { origin, requests } = await serve(() => ok);
    const { client } = clientFor(origin);
    const response = await client.read('/Leads', { ids: '1,2', fields: 'Territories' });
    expect(response).toEqual({ status: 200, body: { data: [] } });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('/crm/v8/Leads?ids=1,2&fields=Territories');
    expect(requests[0]?.headers.authorization).toBe('Zoho-oauthtoken 1000.first');
    expect(requests[0]?.headers['x-crm-org']).toBe('20079833178');
  });

  it('sends no org header when the page has no org id', async () => {
    const { origin, requests } = await serve(() => ok);
    await clientFor(origin, { orgId: null }).client.read('/Leads/1');
    expect(requests[0]?.headers).not.toHaveProperty('x-crm-org');
  });

  it('writes JSON', async () => {
    const { origin, requests } = await serve(() => ok);
    await clientFor(origin).client.write('/Leads/1/actions/remove_territories', { data: [{ id: '1' }] });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ data: [{ id: '1' }] });
  });

  it('sends nothing when there is no token', async () => {
    const fetched: string[] = [];
    const client = createZohoClient({
      orgId: null,
      fetch: async (input) => {
        fetched.push(String(input));
        return new Response('{}');
      },
      credentials: {
        current: () => Promise.reject(new ZohoApiError('NOT_SIGNED_IN')),
        renew: () => Promise.reject(new Error('unused')),
        discard: async () => undefined,
      },
    });
    expect((await failure(client.read('/Leads/1'))).code).toBe('NOT_SIGNED_IN');
    expect(fetched).toEqual([]);
  });

  it('uses an injected fetch', async () => {
    const fetched: string[] = [];
    const client = createZohoClient({
      orgId: null,
      fetch: async (input) => {
        fetched.push(String(input));
        return new Response('{"data":[]}', { headers: { 'content-type': 'application/json' } });
      },
      credentials: credentialsAt('https://www.zohoapis.eu').source,
    });
    expect(await client.read('/Leads/1')).toEqual({ status: 200, body: { data: [] } });
    expect(fetched).toEqual(['https://www.zohoapis.eu/crm/v8/Leads/1']);
  });
});

describe('retries', () => {
  it('retries a read after 5xx, 429 and a dropped connection, with growing waits', async () => {
    const answers: LocalAnswer[] = [
      { status: 500, json: { code: 'INTERNAL_ERROR', status: 'error' } },
      { drop: true },
      ok,
    ];
    const { origin, requests } = await serve((_, i) => answers[i] ?? ok);
    const { client, waits } = clientFor(origin, { backoffBaseMs: 100 });
    expect((await client.read('/Leads/1')).status).toBe(200);
    expect(requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('retries a read after 429', async () => {
    const { origin, requests } = await serve((_, i) =>
      i === 0 ? { status: 429, json: { code: 'TOO_MANY_REQUESTS', status: 'error' } } : ok,
    );
    expect((await clientFor(origin).client.read('/Leads/1')).status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it('stops after three tries and returns the last answer', async () => {
    const { origin, requests } = await serve(() => ({
      status: 503,
      json: { code: 'INTERNAL_ERROR', status: 'error' },
    }));
    const response = await clientFor(origin).client.read('/Leads/1');
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(3);
  });

  it('reports a read that never got through as NETWORK_ERROR after three tries', async () => {
    const { origin, requests } = await serve(() => ({ drop: true }));
    expect((await failure(clientFor(origin).client.read('/Leads/1'))).code).toBe('NETWORK_ERROR');
    expect(requests).toHaveLength(3);
  });

  it('does not retry a read Zoho refused', async () => {
    const { origin, requests } = await serve(() => ({ status: 400, json: { code: 'INVALID_DATA', status: 'error' } }));
    expect((await clientFor(origin).client.read('/Leads/1')).status).toBe(400);
    expect(requests).toHaveLength(1);
  });

  it('never retries a write, neither after 5xx nor after a dropped connection', async () => {
    const first = await serve(() => ({ status: 500, json: { code: 'INTERNAL_ERROR', status: 'error' } }));
    expect((await clientFor(first.origin).client.write('/Leads/1/actions/remove_territories', {})).status).toBe(500);
    expect(first.requests).toHaveLength(1);
    await first.close();

    const second = await serve(() => ({ drop: true }));
    expect((await failure(clientFor(second.origin).client.write('/x', {}))).code).toBe('NETWORK_ERROR');
    expect(second.requests).toHaveLength(1);
  });
});

describe('time-out', () => {
  it('gives up on a silent server with TIMEOUT, each try with its own time-out', async () => {
    const { origin, requests } = await serve(() => ({ hang: true }));
    const { client } = clientFor(origin, { timeoutMs: 100, readAttempts: 2 });
    const started = Date.now();
    expect((await failure(client.read('/Leads/1'))).code).toBe('TIMEOUT');
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reports a write without answer as TIMEOUT and sends it once', async () => {
    const { origin, requests } = await serve(() => ({ hang: true }));
    const { client } = clientFor(origin, { timeoutMs: 100 });
    expect((await failure(client.write('/x', {}))).code).toBe('TIMEOUT');
    expect(requests).toHaveLength(1);
  });
});

describe('INVALID_TOKEN', () => {
  it('renews the token and sends the read again once', async () => {
    const { origin, requests } = await serve((_, i) => (i === 0 ? invalidToken : ok));
    const { client, renewed } = clientFor(origin);
    expect((await client.read('/Leads/1')).status).toBe(200);
    expect(renewed).toEqual(['1000.first']);
    expect(requests.map((r) => r.headers.authorization)).toEqual([
      'Zoho-oauthtoken 1000.first',
      'Zoho-oauthtoken 1000.renewed',
    ]);
  });

  it('sends a write again after renewal, since Zoho did not act on it', async () => {
    const { origin, requests } = await serve((_, i) => (i === 0 ? invalidToken : ok));
    expect((await clientFor(origin).client.write('/x', { data: [] })).status).toBe(200);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe('{"data":[]}');
  });

  it('discards a renewed token Zoho rejects too, and answers INVALID_TOKEN', async () => {
    const { origin, requests } = await serve(() => invalidToken);
    const { client, discarded } = clientFor(origin);
    const error = await failure(client.read('/Leads/1'));
    expect(error.toErrorInfo()).toEqual({ code: 'INVALID_TOKEN', status: 401, message: 'invalid oauth token' });
    expect(discarded).toEqual(['1000.renewed']);
    expect(requests).toHaveLength(2);
  });

  it('passes a failed renewal on', async () => {
    const { origin, requests } = await serve(() => invalidToken);
    const client = createZohoClient({
      orgId: null,
      credentials: {
        current: async () => ({ accessToken: 't', apiOrigin: origin }),
        renew: () => Promise.reject(new ZohoApiError('INVALID_TOKEN', { status: 401 })),
        discard: async () => undefined,
      },
    });
    expect((await failure(client.write('/x', {}))).code).toBe('INVALID_TOKEN');
    expect(requests).toHaveLength(1);
  });
});

describe('bodies', () => {
  it('gives an empty body as undefined', async () => {
    const { origin } = await serve(() => ({ status: 204 }));
    expect(await clientFor(origin).client.read('/Leads/1')).toEqual({ status: 204, body: undefined });
  });

  it.each<[string, LocalAnswer, string, number]>([
    [
      'an HTML page with 200',
      { status: 200, text: '<html>login</html>', contentType: 'text/html' },
      'INVALID_RESPONSE',
      1,
    ],
    ['JSON cut short', { status: 200, text: '{"data":[', contentType: 'application/json' }, 'INVALID_RESPONSE', 1],
    [
      'an HTML gateway error',
      { status: 502, text: '<html>Bad Gateway</html>', contentType: 'text/html' },
      'INTERNAL_ERROR',
      3,
    ],
    [
      'an HTML rate-limit page',
      { status: 429, text: '<html>slow down</html>', contentType: 'text/html' },
      'TOO_MANY_REQUESTS',
      3,
    ],
  ])('turns %s into a ZohoApiError', async (_, answer, code, tries) => {
    const { origin, requests } = await serve(() => answer);
    const error = await failure(clientFor(origin).client.read('/Leads/1'));
    expect(error.code).toBe(code);
    expect(error.status).toBe('status' in answer ? answer.status : undefined);
    expect(requests).toHaveLength(tries);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt and jitters between half and all of it', () => {
    expect(backoffDelay(1, 400, () => 1)).toBe(400);
    expect(backoffDelay(2, 400, () => 1)).toBe(800);
    expect(backoffDelay(3, 400, () => 0)).toBe(800);
    expect(backoffDelay(3, 400, () => 0.5)).toBe(1200);
  });
});

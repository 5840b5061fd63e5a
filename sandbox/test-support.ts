// Helpers for the stand-in's own tests: real HTTPS requests to 127.0.0.1 carrying a Zoho host
// name (SNI and Host), as a browser pointed at the stand-in sends them.
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll } from 'vitest';
import type { DataCentre } from '../utils/data-centres';
import { type ControlClient, createControlClient } from './control-client';
import { type StandIn, startStandIn } from './server';

export interface ZohoResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** the body parsed as JSON (throws when it is not JSON) */
  json(): unknown;
}

export interface ZohoRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** an object is sent as JSON; a string as is */
  body?: unknown;
}

export function zohoRequest(
  port: number,
  host: string,
  path: string,
  options: ZohoRequestOptions = {},
): Promise<ZohoResponse> {
  const headers: Record<string, string> = { host, ...options.headers };
  let payload: string | undefined;
  if (typeof options.body === 'string') payload = options.body;
  else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));

  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers,
        servername: host,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface TestStandIn {
  standIn: StandIn;
  control: ControlClient;
  request(host: string, path: string, options?: ZohoRequestOptions): Promise<ZohoResponse>;
  /** A token for the user via the control interface, as `Authorization` header value. */
  authorization(dataCentre: DataCentre, userId: string, scopes: string[]): Promise<string>;
}

export async function startTestStandIn(scenario?: string): Promise<TestStandIn> {
  const standIn = await startStandIn({ port: 0, controlPort: 0, scenario });
  const control = createControlClient(standIn.controlUrl);
  return {
    standIn,
    control,
    request: (host, path, options) => zohoRequest(standIn.port, host, path, options),
    authorization: async (dataCentre, userId, scopes) => {
      const token = await control.issueToken({ dataCentre, userId, scopes });
      return `Zoho-oauthtoken ${token.access_token}`;
    },
  };
}

/**
 * Starts one stand-in for the test file (closed after it) and returns it; its members may be used
 * from the tests and their hooks, once the file's beforeAll has run.
 */
export function useTestStandIn(scenario?: string): TestStandIn {
  let started: TestStandIn | undefined;
  beforeAll(async () => {
    started = await startTestStandIn(scenario);
  });
  afterAll(async () => {
    await started?.standIn.close();
  });
  const current = (): TestStandIn => {
    if (!started) throw new Error('the stand-in is used before beforeAll started it');
    return started;
  };
  return {
    get standIn() {
      return current().standIn;
    },
    get control() {
      return current().control;
    },
    request: (host, path, options) => current().request(host, path, options),
    authorization: (dataCentre, userId, scopes) => current().authorization(dataCentre, userId, scopes),
  };
}

/** The fragment parameters of a redirect `Location`. */
export function fragmentParams(location: string | undefined): URLSearchParams {
  const hash = location?.split('#')[1] ?? '';
  return new URLSearchParams(hash);
}

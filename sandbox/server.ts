// The local Zoho stand-in: one HTTPS listener that answers on the real Zoho host names (CRM web
// pages, Zoho One, accounts, API; routed by Host) and a plain-HTTP control listener on 127.0.0.1.
// Never bundled into the extension.
import { Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { createAccountsApp } from './accounts';
import { createApiApp } from './api';
import { createControlApp } from './control';
import { createForeignSiteApp } from './foreign-site';
import { classifyHost, type HostRole } from './hosts';
import { createOnePagesApp, createPagesApp } from './pages';
import { parseLoggedBody, type RequestKind } from './request-log';
import { actOutFault, type StandInBindings } from './request-scope';
import { DEFAULT_SCENARIO_NAME } from './scenarios/index';
import { StandInState } from './state';
import { createCertificate } from './tls';

export interface StandInOptions {
  /** HTTPS port for the Zoho host names; 0 = random; default 8443 (443 for Firefox, as root) */
  port?: number;
  /** control port on 127.0.0.1; 0 = random; default 8444 */
  controlPort?: number;
  /** scenario to start from (default `default`) */
  scenario?: string;
  /** address of the HTTPS listener (default 127.0.0.1) */
  hostname?: string;
}

export interface StandIn {
  port: number;
  controlPort: number;
  /** e.g. `http://127.0.0.1:8444` */
  controlUrl: string;
  /** the HTTPS listener's self-signed certificate (PEM), for clients that verify it */
  certificate: string;
  close(): Promise<void>;
}

/** The app of one kind of Zoho host. */
interface HostApp {
  fetch(request: Request, env: StandInBindings): Response | Promise<Response>;
}

const KIND_OF_ROLE: Readonly<Record<HostRole, RequestKind>> = {
  crm: 'page',
  one: 'page',
  accounts: 'accounts',
  api: 'api',
  foreign: 'page',
};

function listen(server: HttpServer | HttpsServer, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function createFrontDoor(state: StandInState): Hono<{ Bindings: HttpBindings }> {
  const apps: Readonly<Record<HostRole, HostApp>> = {
    crm: createPagesApp(state),
    one: createOnePagesApp(),
    accounts: createAccountsApp(state),
    api: createApiApp(state),
    foreign: createForeignSiteApp(),
  };
  const front = new Hono<{ Bindings: HttpBindings }>();

  front.all('*', async (c) => {
    const url = new URL(c.req.url);
    const hostname = url.hostname.toLowerCase();
    const zohoHost = classifyHost(hostname);
    const contentType = c.req.header('content-type') ?? null;
    const bodyText = c.req.raw.body ? await c.req.raw.clone().text() : '';
    const logEntry = state.log.add({
      time: new Date().toISOString(),
      kind: zohoHost ? KIND_OF_ROLE[zohoHost.role] : 'unknown',
      host: hostname,
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: {
        authorization: c.req.header('authorization') ?? null,
        'x-crm-org': c.req.header('x-crm-org') ?? null,
        'content-type': contentType,
      },
      body: parseLoggedBody(bodyText, contentType),
      status: null,
      fault: null,
    });

    let response: Response;
    if (!zohoHost) {
      response = c.text(`${hostname} is not a Zoho host name this stand-in serves.`, 421);
    } else {
      const env = { ...c.env, scope: { zohoHost, hostname, logEntry } };
      // API faults act after authentication (api.ts); the other hosts' on arrival.
      const fault = zohoHost.role === 'api' ? null : state.faults.take(hostname, c.req.method, url.pathname);
      const faulted = fault ? await actOutFault(fault, env) : null;
      response = faulted ?? (await apps[zohoHost.role].fetch(c.req.raw, env));
    }
    // A dropped connection got no answer; one dropped after processing logs what Zoho answered.
    if (logEntry.fault !== 'drop') logEntry.status = response.status;
    return response;
  });
  return front;
}

/** Starts both listeners; resolves once they accept connections. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const state = new StandInState(options.scenario ?? DEFAULT_SCENARIO_NAME);
  const { key, cert } = await createCertificate();

  const zohoServer = createAdaptorServer({
    fetch: createFrontDoor(state).fetch,
    createServer: createHttpsServer,
    serverOptions: { key, cert },
  });
  const controlServer = createAdaptorServer({ fetch: createControlApp(state).fetch });
  if (!(zohoServer instanceof HttpsServer) || !(controlServer instanceof HttpServer)) {
    throw new Error('unexpected server type from @hono/node-server');
  }

  const port = await listen(zohoServer, options.port ?? 8443, options.hostname ?? '127.0.0.1');
  let controlPort: number;
  try {
    controlPort = await listen(controlServer, options.controlPort ?? 8444, '127.0.0.1');
  } catch (error) {
    await close(zohoServer);
    throw error;
  }

  return {
    port,
    controlPort,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    certificate: cert,
    async close() {
      state.dispose();
      await Promise.all([close(zohoServer), close(controlServer)]);
    },
  };
}

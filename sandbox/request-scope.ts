// What the HTTPS front door hands each host's app: the Zoho host it was called on, its log entry,
// and the Node request/response (for dropping the connection). Also how a fault is acted out.
import type { HttpBindings } from '@hono/node-server';
import type { ActiveFault } from './faults';
import type { ZohoHost } from './hosts';
import type { RequestLogEntry } from './request-log';
import { zoho } from './zoho-responses';

export interface RequestScope {
  zohoHost: ZohoHost;
  hostname: string;
  logEntry: RequestLogEntry;
}

export type StandInBindings = HttpBindings & { scope: RequestScope };
export type StandInEnv = { Bindings: StandInBindings };

// Cut off mid-answer, as a proxy or an overloaded server does.
const MALFORMED_JSON = '{"data":[{"id":"4076250000684670';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Acts out a fault that comes after processing on the answer the request got: the connection is
 * dropped, or the answer is sent `latencyMs` late. Returns the answer (for the log).
 */
export async function actOutFaultAfter(fault: ActiveFault, env: StandInBindings, answer: Response): Promise<Response> {
  env.scope.logEntry.fault = fault.kind;
  if (fault.kind === 'drop-after-processing') {
    // The answer begins, then the connection drops. Dropped before any byte, a browser may send
    // the POST again by itself (Chromium does on a reused connection): not the fault modelled here.
    const socket = env.incoming.socket;
    const head = `HTTP/1.1 ${answer.status} OK\r\ncontent-type: application/json;charset=UTF-8\r\ncontent-length: 100000\r\n\r\n`;
    await new Promise<void>((resolve) => socket.write(`${head}{"data":[`, () => resolve()));
    socket.destroy();
  } else await sleep(fault.latencyMs);
  return answer;
}

/** Acts out a fault: a response to send instead of the real one, or null to carry on (after a delay). */
export async function actOutFault(fault: ActiveFault, env: StandInBindings): Promise<Response | null> {
  env.scope.logEntry.fault = fault.kind;
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.latencyMs);
      return null;
    case 'server-error': {
      const { httpStatus, body } = zoho.internalError();
      return Response.json(body, { status: httpStatus });
    }
    case 'too-many-requests': {
      const { httpStatus, body } = zoho.tooManyRequests();
      return Response.json(body, { status: httpStatus });
    }
    case 'malformed-json':
      return new Response(MALFORMED_JSON, {
        status: 200,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
      });
    case 'drop':
      env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    case 'drop-after-processing':
    case 'latency-after-processing':
      return null;
  }
}

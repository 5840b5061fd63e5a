// A real HTTP server on 127.0.0.1 for tests of the Zoho client: each request is recorded and
// answered by the test's handler, which may also drop the connection or never answer.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** path and query, e.g. `/crm/v8/Leads/1?fields=Territories` */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type LocalAnswer =
  | { status: number; json?: unknown; text?: string; contentType?: string; delayMs?: number }
  /** Close the connection without an answer, after `delayMs`. */
  | { drop: true; delayMs?: number }
  | { hang: true };

export interface LocalServer {
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLocalServer(
  answer: (request: RecordedRequest) => LocalAnswer | Promise<LocalAnswer>,
): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = await answer(recorded);
      if ('hang' in reply) return;
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if ('drop' in reply) {
        req.socket.destroy();
        return;
      }
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      const contentType =
        reply.contentType ?? (reply.json !== undefined ? 'application/json;charset=UTF-8' : 'text/plain');
      res.writeHead(reply.status, body === '' ? {} : { 'Content-Type': contentType });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A `fetch` for Node that sends Zoho host names to the local stand-in: HTTPS to 127.0.0.1:<port>
// with the real host in SNI and Host, as Chromium's --host-resolver-rules does for the extension.
import { Agent, request } from 'node:https';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function standInFetch(port: number): typeof fetch {
  // The stand-in's certificate is self-signed; keep-alive as a browser would.
  const agent = new Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 64 });
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
    headers.set('host', url.host);
    const body = init?.body;
    if (body != null && typeof body !== 'string') throw new TypeError('standInFetch sends string bodies only');
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);

    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          path: `${url.pathname}${url.search}`,
          method: init?.method ?? 'GET',
          headers: Object.fromEntries(headers),
          servername: url.hostname,
          agent,
          signal: signal ?? undefined,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const status = incoming.statusCode ?? 0;
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
                answerHeaders.append(name, one);
              }
            }
            const payload = NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks);
            resolve(new Response(payload, { status, headers: answerHeaders }));
          });
        },
      );
      outgoing.on('error', reject);
      if (body) outgoing.write(body);
      outgoing.end();
    });
  };
}

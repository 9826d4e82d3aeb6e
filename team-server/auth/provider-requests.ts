// A request as the authorization server (oidc-provider, on koa) and the sign-in pages are handed it.
//
// Every address they publish is built from public_url alone. The library builds its URLs (both
// metadata documents, a registration's registration_client_uri, the redirect back to /auth after a
// sign-in) from the request's Host, and with `proxy` on, koa takes X-Forwarded-Host and
// X-Forwarded-Proto from anyone: a forged header named another host in the metadata, which a shared
// cache in front could keep for everyone, and clients would send their codes and PKCE verifiers there.
// So the headers the library reads are set here from public_url, whatever the client sent, and the
// client's address from what `trusted_proxies` lets the server believe (http/client-address.ts).
//
// A body is read here first, to the same bound as /mcp's, and a JSON body nesting deeper than /mcp
// allows is refused before the library parses it; the library then reads the body from a copy.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { BodyRefused, checkJsonDepth, readBody } from '../http/request-body.ts';

/** Sets the headers the library builds addresses from to public_url's, in place. */
export function asPublicRequest(request: IncomingMessage, publicOrigin: string, clientAddress: string): void {
  const origin = new URL(publicOrigin);
  const headers = request.headers;
  headers.host = origin.host;
  headers['x-forwarded-proto'] = origin.protocol.slice(0, -1);
  headers['x-forwarded-for'] = clientAddress;
  delete headers['x-forwarded-host'];
  delete headers['x-forwarded-port'];
  delete headers.forwarded;
}

/**
 * The request with its body read and checked (or as it is, when it has none), for the library to
 * read again; or the answer written here when the body is refused (an OAuth error, in words).
 */
export async function withCheckedBody(request: IncomingMessage, response: ServerResponse): Promise<IncomingMessage | undefined> {
  if (request.headers['transfer-encoding'] === undefined && !(Number(request.headers['content-length']) > 0)) return request;
  let body: Buffer;
  try {
    body = await readBody(request);
    if (/^application\/([\w.-]+\+)?json\b/i.test(String(request.headers['content-type'] ?? ''))) checkJsonDepth(body);
  } catch (error) {
    if (!(error instanceof BodyRefused)) throw error;
    response.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ error: 'invalid_request', error_description: error.message }));
    return undefined;
  }
  return replayed(request, body);
}

/**
 * `request` with `body` to read again: what koa and the library read of a request (its method, URL,
 * headers and socket), and a stream of the body. The request itself was read to its end.
 */
function replayed(request: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = Readable.from([body], { objectMode: false });
  return Object.assign(copy, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    socket: request.socket,
    connection: request.socket,
    complete: true,
    aborted: false,
    trailers: {},
    rawTrailers: [],
  }) as unknown as IncomingMessage;
}

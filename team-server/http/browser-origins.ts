// Which web pages may call `/mcp` from a browser. MCP's Streamable HTTP transport (2025-11-25) has
// servers validate the Origin header of every request and answer 403 to one that is present and not
// allowed: a page of another site that got hold of a token, or that rides on a browser's way to a
// server on this computer, must not be served. A request without Origin (a desktop client, a chat
// service's own servers) is not a browser's and is not affected.
//
// Allowed are the server's own origin (its public_url) and the origins an administrator lists in
// `allowed_origins`, for browser-based clients; each is compared whole (scheme, host and port), not
// by host name alone as the SDK's helper does (originValidationResponse), so a page on another port
// or over http:// of an allowed host is still another site. An allowed page is answered with the CORS
// headers it needs (its preflight too: it sends Authorization), a refused one with 403 and why.
// `Origin: null` is refused: browsers send it for pages that name no site (a sandboxed frame, a
// file, a page reached through a redirect from another site), so it cannot be told apart from any
// of them.
import type { Context } from 'koa';

/** Methods the MCP endpoint serves (Streamable HTTP: POST messages, GET a stream, DELETE a session). */
const METHODS = 'GET, POST, DELETE';
/** Request headers an MCP client sends, both eras; MCP's own all begin with `Mcp-`. */
const REQUEST_HEADERS = new Set(['authorization', 'content-type', 'accept', 'last-event-id']);
const MCP_HEADER = /^mcp-[a-z0-9-]{1,64}$/;
/** Answer headers a browser client must read: the session, the protocol, the sign-in challenge, when to retry. */
const EXPOSED = 'mcp-session-id, mcp-protocol-version, www-authenticate, retry-after';
/** How long a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** The most of a refused Origin said back. */
const ECHO_MAX = 200;

export type OriginVerdict =
  /** No Origin: not a browser's request. */
  { kind: 'none' } | { kind: 'allowed'; origin: string } | { kind: 'refused'; reason: string };

export interface BrowserOrigins {
  judge(header: string | string[] | undefined): OriginVerdict;
  /**
   * Guards one request to `/mcp`: a refused Origin is answered 403 in words, an allowed page's
   * preflight 204; true when it answered. Otherwise the answer to come gets an allowed page's CORS
   * headers, whatever it turns out to be (a 401's challenge, a 429, the MCP answer), and false.
   */
  guard(ctx: Context): boolean;
}

/** `publicOrigin` is the server's own origin; `allowed` are the config's `allowed_origins`, already checked. */
export function browserOrigins(publicOrigin: string, allowed: readonly string[]): BrowserOrigins {
  const origins = new Set([publicOrigin, ...allowed].map((origin) => new URL(origin).origin));
  const judge = (header: string | string[] | undefined): OriginVerdict => {
    if (header === undefined || header === '') return { kind: 'none' };
    const text = Array.isArray(header) ? header.join(', ') : header;
    if (text.trim() === 'null') {
      return {
        kind: 'refused',
        reason:
          'This server does not answer a page whose Origin is "null": browsers send that for a page that names no site (a sandboxed frame, a file, a page reached through a redirect), so it cannot be told apart from any other site.',
      };
    }
    const origin = originOf(text);
    if (origin === undefined)
      return {
        kind: 'refused',
        reason: `The Origin header ${JSON.stringify(text.slice(0, ECHO_MAX))} is not an origin (scheme://host[:port]), so the request is refused.`,
      };
    if (!origins.has(origin)) {
      return {
        kind: 'refused',
        reason: `This server does not answer web pages of ${origin}: only its own (${publicOrigin}) and those its administrator lists in allowed_origins.`,
      };
    }
    return { kind: 'allowed', origin };
  };
  return {
    judge,
    guard(ctx) {
      const request = ctx.req;
      const verdict = judge(request.headers.origin);
      if (verdict.kind === 'none') return false;
      if (verdict.kind === 'refused') {
        ctx.status = 403;
        ctx.set({ 'content-type': 'application/json', 'cache-control': 'no-store' });
        ctx.body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: `Forbidden: ${verdict.reason}` }, id: null });
        return true;
      }
      ctx.set({ 'access-control-allow-origin': verdict.origin, vary: 'Origin' });
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
        ctx.body = null;
        ctx.status = 204;
        ctx.set({
          'access-control-allow-methods': METHODS,
          'access-control-allow-headers': allowedRequestHeaders(request.headers['access-control-request-headers']),
          'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
        });
        return true;
      }
      ctx.set('access-control-expose-headers', EXPOSED);
      return false;
    },
  };
}

/** The header as an origin, or undefined where it is not exactly one (a path, a user, another scheme). */
function originOf(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === value ? url.origin : undefined;
}

/** Of the headers a preflight asks for, those an MCP client sends; anything else the browser then refuses itself. */
function allowedRequestHeaders(asked: string | undefined): string {
  const names = (asked ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return names.filter((name) => REQUEST_HEADERS.has(name) || MCP_HEADER.test(name)).join(', ') || [...REQUEST_HEADERS].join(', ');
}

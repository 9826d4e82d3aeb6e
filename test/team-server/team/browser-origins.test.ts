// Web pages and the team server's /mcp (MCP 2025-11-25, Streamable HTTP: a present Origin that is
// not allowed gets 403), against the built server. The attacks are what a browser sends: a page of
// another site that got hold of a person's token, a page that made its own name point at a server on
// this computer (DNS rebinding: its Host and Origin are its own name), a sandboxed frame (Origin:
// null). Allowed are the server's own origin and the administrator's `allowed_origins`, whose pages
// get what CORS needs (a preflight, readable answers); a request without Origin, as a desktop or a
// chat service's servers send, is served as before.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { initializeWith, signInByHand } from '../../support/team-oauth.ts';

const EVIL = 'http://evil.example';
const CHAT = 'https://chat.example.com';

let server: TeamServerHandle;
let token: string;
let port: string;

beforeAll(async () => {
  server = await startTeamServer({ allowedOrigins: [CHAT] });
  token = (await signInByHand(server)).accessToken;
  port = new URL(server.origin).port;
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request as a browser sends it, with whatever Host it names (fetch would not send another Host). */
function send(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(options.path ?? '/mcp', server.origin),
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'a web page', version: '1.0.0' } },
});
const mcpHeaders = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  ...extra,
});

/** The words of a JSON-RPC error body. */
function errorOf(answer: Answer): string {
  return (JSON.parse(answer.text) as { error: { message: string } }).error.message;
}

/** The data of every server-sent event in an answer. */
function eventsOf(text: string): Array<{ id?: unknown; result?: { structuredContent?: Record<string, unknown>; isError?: boolean } }> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.length > 6)
    .map((line) => JSON.parse(line.slice(5)) as { id?: unknown });
}

describe("a page of another site with a person's token", () => {
  it('is refused at initialize with 403 and words that say why, and no session is opened', async () => {
    const answer = await send({ headers: mcpHeaders({ origin: EVIL }), body: INITIALIZE });
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(errorOf(answer)).toMatch(
      /does not answer web pages of http:\/\/evil\.example: only its own \(http:\/\/127\.0\.0\.1:\d+\) and those its administrator lists in allowed_origins/,
    );
    expect(answer.headers['mcp-session-id']).toBeUndefined();
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is refused on a session opened without it: its tools/call is not run', async () => {
    const opened = await send({ headers: mcpHeaders(), body: INITIALIZE });
    expect(opened.status).toBe(200);
    const session = opened.headers['mcp-session-id'] as string;
    expect(session).toBeTruthy();
    const inSession = (extra: Record<string, string>, body: unknown) =>
      send({ headers: mcpHeaders({ 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18', ...extra }), body: JSON.stringify(body) });
    expect((await inSession({}, { jsonrpc: '2.0', method: 'notifications/initialized' })).status).toBe(202);
    const attack = await inSession({ origin: EVIL }, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'clock_in', arguments: {} } });
    expect(attack.status).toBe(403);
    expect(errorOf(attack)).toMatch(/evil\.example/);
    // The person's timer did not start.
    const status = await inSession({}, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
    expect(status.status).toBe(200);
    const [answered] = eventsOf(status.text).filter((event) => event.id === 3);
    expect(answered?.result?.structuredContent?.running).toBeNull();
    // The same call from the client itself, without a page's Origin, is run.
    const own = await inSession({}, { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'clock_in', arguments: {} } });
    expect(eventsOf(own.text).find((event) => event.id === 4)?.result?.isError).toBeFalsy();
    const after = await inSession({}, { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'timer_status', arguments: {} } });
    expect(eventsOf(after.text).find((event) => event.id === 5)?.result?.structuredContent?.running).not.toBeNull();
  });

  it('is refused as a sandboxed frame (Origin: null), and with an Origin that is not one', async () => {
    const sandboxed = await send({ headers: mcpHeaders({ origin: 'null' }), body: INITIALIZE });
    expect(sandboxed.status).toBe(403);
    expect(errorOf(sandboxed)).toMatch(/Origin is "null": browsers send that for a page that names no site/);
    for (const origin of [`${CHAT}/chat`, `${CHAT}:8443`, 'http://chat.example.com', 'chat.example.com']) {
      const answer = await send({ headers: mcpHeaders({ origin }), body: INITIALIZE });
      expect(answer.status, origin).toBe(403);
    }
  });

  it('gets no answer to its preflight', async () => {
    const preflight = await send({
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('DNS rebinding against a server on this computer', () => {
  it('is refused: a page whose name points here sends its own Host and Origin', async () => {
    const rebound = `evil.example:${port}`;
    const both = await send({ headers: mcpHeaders({ host: rebound, origin: `http://${rebound}` }), body: INITIALIZE });
    expect(both.status).toBe(403);
    // Without an Origin (a same-origin GET sends none), the Host alone gives it away, on every path:
    // on a development server the sign-in page would let the page sign in as anyone.
    const hostOnly = await send({ headers: mcpHeaders({ host: rebound }), body: INITIALIZE });
    expect(hostOnly.status).toBe(403);
    expect(hostOnly.text).toMatch(/answers only requests to 127\.0\.0\.1:\d+ \(its public_url\), not to "evil\.example:\d+"/);
    for (const path of ['/account', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server']) {
      expect((await send({ method: 'GET', path, headers: { host: rebound } })).status, path).toBe(403);
    }
  });

  it('leaves the names of this computer and the health checks alone', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await send({ method: 'GET', path: '/.well-known/oauth-protected-resource/mcp', headers: { host } })).status, host).toBe(200);
    }
    expect((await send({ method: 'GET', path: '/healthz', headers: { host: `evil.example:${port}` } })).status).toBe(200);
  });
});

describe('pages that are allowed', () => {
  it("the server's own origin is served", async () => {
    const answer = await send({ headers: mcpHeaders({ origin: server.origin }), body: INITIALIZE });
    expect(answer.status).toBe(200);
  });

  it('an allowed origin is served with the CORS headers its page needs to read the answer', async () => {
    const answer = await send({ headers: mcpHeaders({ origin: CHAT }), body: INITIALIZE });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(CHAT);
    expect(answer.headers['access-control-expose-headers']).toMatch(/mcp-session-id/);
    expect(answer.headers.vary).toMatch(/Origin/);
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('its preflight is answered, before any token (a browser sends none with it)', async () => {
    const preflight = await send({
      method: 'OPTIONS',
      headers: {
        origin: CHAT,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-protocol-version, mcp-session-id, x-tracking',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(CHAT);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect((preflight.headers['access-control-allow-headers'] as string).split(', ').sort()).toEqual([
      'authorization',
      'content-type',
      'mcp-protocol-version',
      'mcp-session-id',
    ]);
  });

  it('its request without a token gets a 401 it can read, with the challenge that leads to sign-in', async () => {
    const answer = await send({
      headers: { origin: CHAT, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: INITIALIZE,
    });
    expect(answer.status).toBe(401);
    expect(answer.headers['access-control-allow-origin']).toBe(CHAT);
    expect(answer.headers['access-control-expose-headers']).toMatch(/www-authenticate/);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
  });
});

describe('clients that are not browsers', () => {
  it('send no Origin and are served as before', async () => {
    const response = await initializeWith(server.mcpUrl, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    await response.arrayBuffer();
  });
});

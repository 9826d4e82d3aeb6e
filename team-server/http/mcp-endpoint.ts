// The MCP endpoint of the team server, `/mcp`, in both protocol eras, through the SDK's own HTTP
// handling. The 2026-07-28 era is stateless: each request is served by a fresh server built for its
// caller (createMcpHandler), so any instance serves any request. The 2025 era needs a session only
// because its questions (elicitation) travel as a request from the server that the client answers
// in a later POST: those sessions live in this process, belong to the person and client that opened
// them (another caller naming the session id is told it does not exist), and end after a quiet spell.
// A request of a session another instance holds is passed there (peers.ts); a client whose instance
// went away is told its session is not found and opens a new one, still signed in.
import { randomUUID } from 'node:crypto';
import { type AuthInfo, createMcpHandler, isLegacyRequest, type McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { Log } from '../../mcp-server/for-the-team-server.ts';
import { failedBecause } from '../logs/request-context.ts';
import { MAX_BODY_BYTES } from './request-body.ts';

/** A 2025-era session ends after this long without a request. */
const SESSION_IDLE_MS = 30 * 60_000;
/** Sessions one caller may hold at once; the oldest ends for a new one. */
const SESSIONS_PER_CALLER = 16;

export interface McpEndpointOptions {
  /**
   * Opens what the caller's servers stand on (their engine and back end), before the SDK is handed
   * a request: what fails there (the store away) reaches the endpoint's owner as itself, to be
   * answered in its words (503 with Retry-After), where the SDK answers any failure of a server's
   * making with a bare 500.
   */
  ready(authInfo: AuthInfo): Promise<void>;
  /** A fresh server for the verified caller, on what `ready` opened, for a 2025-era session. */
  serverFor(authInfo: AuthInfo): Promise<McpServer>;
  /** A server for one request of the verified caller: one that served them before may serve again once the SDK closed it (default: serverFor). */
  lendServer?(authInfo: AuthInfo): Promise<McpServer>;
  /** Whose a request is, for binding sessions: the person and the client. */
  ownerOf(authInfo: AuthInfo): string;
  /** A new session's id (default: a random UUID); the team server's name the instance that holds them. */
  sessionId?: () => string;
  /** The answer to a request of a session this process does not hold, from the instance that does (`body`, what was posted); undefined where there is none. */
  elsewhere?: (request: Request, sessionId: string, body: Uint8Array<ArrayBuffer> | undefined) => Promise<Response | undefined>;
  log: Log;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  owner: string;
  lastUsed: number;
}

/**
 * A POST's body as the team server read it: its bytes, and the JSON message they hold. The SDK is
 * handed the message, so it neither copies the request's body nor reads and parses it again (it
 * would do both twice: once to tell the eras apart, once to serve).
 */
export interface PostedMessage {
  bytes: Uint8Array<ArrayBuffer>;
  message: unknown;
}

export interface McpEndpoint {
  /** Serves `request`; a POST's body comes as `posted` (the request then carries none), or in the request where it is not JSON. */
  fetch(request: Request, authInfo: AuthInfo, posted?: PostedMessage): Promise<Response>;
  /** Sessions of the 2025 era open now. */
  readonly sessions: number;
  close(): Promise<void>;
}

export function mcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  // Why the SDK refused or failed a request: said in the request's line in the log (a client's
  // mistake at info level, a server error at error level), or in a line of its own outside a request.
  const onerror = (error: Error) => {
    if (!failedBecause(error, { withStack: false })) options.log(`MCP request failed: ${error.message}`);
  };
  const modern = createMcpHandler(
    async ({ authInfo }) => {
      if (!authInfo) throw new Error('An MCP request reached the engine without a verified token.');
      return (options.lendServer ?? options.serverFor)(authInfo);
    },
    { legacy: 'reject', onerror, maxRequestBodySize: MAX_BODY_BYTES },
  );
  const sessions = new Map<string, Session>();
  const sweeper = setInterval(() => {
    const cutoff = Date.now() - SESSION_IDLE_MS;
    for (const [id, session] of sessions) if (session.lastUsed < cutoff) void endSession(id);
  }, 60_000);
  sweeper.unref();

  const endSession = async (id: string) => {
    const session = sessions.get(id);
    sessions.delete(id);
    await session?.transport.close().catch(() => {});
  };

  const notFound = () => Response.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found: start a new one.' }, id: null }, { status: 404 });

  const legacy = async (request: Request, authInfo: AuthInfo, posted: PostedMessage | undefined): Promise<Response> => {
    const owner = options.ownerOf(authInfo);
    const id = request.headers.get('mcp-session-id');
    const served = { authInfo, ...(posted ? { parsedBody: posted.message } : {}) };
    if (id !== null) {
      const session = sessions.get(id);
      if (!session) {
        const body = posted?.bytes ?? (request.method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : undefined);
        return (await options.elsewhere?.(request, id, body)) ?? notFound();
      }
      if (session.owner !== owner) return notFound();
      session.lastUsed = Date.now();
      return session.transport.handleRequest(request, served);
    }
    if (request.method !== 'POST') {
      return Response.json(
        { jsonrpc: '2.0', error: { code: -32000, message: 'Bad request: this needs the Mcp-Session-Id of a session.' }, id: null },
        { status: 400 },
      );
    }
    const owned = [...sessions.entries()].filter(([, session]) => session.owner === owner).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [oldest] of owned.slice(0, Math.max(0, owned.length - SESSIONS_PER_CALLER + 1))) await endSession(oldest);
    const server = await options.serverFor(authInfo);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: options.sessionId ?? (() => randomUUID()),
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, { transport, owner, lastUsed: Date.now() });
      },
      onsessionclosed: (sessionId) => {
        sessions.delete(sessionId);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void server.close();
    };
    await server.connect(transport);
    return transport.handleRequest(request, served);
  };

  return {
    async fetch(request, authInfo, posted) {
      if (await isLegacyRequest(request, posted?.message, { maxRequestBodySize: MAX_BODY_BYTES })) return legacy(request, authInfo, posted);
      await options.ready(authInfo);
      return modern.fetch(request, { authInfo, ...(posted ? { parsedBody: posted.message } : {}) });
    },
    get sessions() {
      return sessions.size;
    },
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.keys()].map(endSession));
      await modern.close();
    },
  };
}

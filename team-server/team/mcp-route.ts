// The /mcp route: a web page's origin judged, the bearer token verified, the person's limit spent
// (each message of a batch), the body read to its bounds, and the request handed to the MCP endpoint
// (http/mcp-endpoint.ts) as the verified person, whose engine answers it (person-engines.ts). The
// request reaches the SDK as the web Request its transports take (their Node adapters convert to one
// inside), and its Response is written to Node's response as it is read (answers.ts).
import type { Context, Middleware } from 'koa';
import {
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
  type AuthInfo,
} from '@modelcontextprotocol/server';
import type Provider from 'oidc-provider';
import type { ServerConfig } from '../config/server-config.ts';
import { type Log, withoutControls } from '../../mcp-server/for-the-team-server.ts';
import { ALL_SCOPES, SCOPES } from '../auth/authorization-server.ts';
import { bearerChallenge, bearerOf, carriesBearerToken, tokenVerifier } from '../auth/bearer.ts';
import { admitBatch, withRefusedCalls } from '../http/batches.ts';
import { refuseHostileKeys } from '../http/hostile-keys.ts';
import type { BrowserOrigins } from '../http/browser-origins.ts';
import { cleanAnswer } from '../http/clean-answers.ts';
import { mcpEndpoint } from '../http/mcp-endpoint.ts';
import type { Peers } from '../http/peers.ts';
import type { RequestLimits } from '../http/rate-limits.ts';
import { BodyRefused, checkJsonDepth, readBody } from '../http/request-body.ts';
import { actingFor } from '../logs/request-context.ts';
import type { TeamMetrics } from '../metrics/team-metrics.ts';
import { type Store, StoreUnavailable, StoreVersionError } from '../store/store.ts';
import { tooMany, webAnswer } from './answers.ts';
import type { Seen } from './last-seen.ts';
import type { Caller, PersonEngines } from './person-engines.ts';

export interface McpRouteOptions {
  config: ServerConfig;
  origin: string;
  /** This server's MCP endpoint, the one resource its tokens are for. */
  resource: string;
  provider: Provider;
  store: Store;
  /** The name a token's record is stored under (ServerKeys.storedId): what a verified token is kept by. */
  storedId: (token: string) => string;
  engines: PersonEngines;
  limits: RequestLimits;
  origins: BrowserOrigins;
  metrics: TeamMetrics;
  /** The other instances on the store: a 2025-era session another holds is passed there. */
  peers: Peers;
  /** Told of each person whose token a request carries (their last seen time: last-seen.ts). */
  seen: Seen;
  now: () => number;
  log: Log;
}

/** What a step before the route put on the request: whether another instance passed it here (team-app.ts). */
export interface McpState {
  passedByPeer: boolean;
}

export interface McpRoute {
  /** The handler of /mcp, every method. */
  handle: Middleware<McpState>;
  /** 2025-era sessions open now. */
  readonly sessions: number;
  close(): Promise<void>;
}

export function mcpRoute(options: McpRouteOptions): McpRoute {
  const { config, origin, resource, provider, store, storedId, engines, limits, origins, metrics, peers, seen, now, log } = options;
  const clientName = clientNames(provider);
  const callerOf = async (authInfo: AuthInfo): Promise<Caller> => {
    const bearer = bearerOf(authInfo);
    return { person: bearer.person, clientId: bearer.clientId, clientName: await clientName(bearer.clientId), mayWrite: bearer.scopes.includes(SCOPES.write) };
  };
  const endpoint = mcpEndpoint({
    log,
    sessionId: () => peers.sessionId(),
    // A session another instance holds: passed there, unless another instance passed it here.
    elsewhere: async (request, sessionId, body) => {
      if (peers.passedByPeer(request.headers, sessionId)) return undefined;
      return peers.pass({ method: request.method, headers: request.headers, body, signal: request.signal }, sessionId);
    },
    ownerOf: (authInfo) => `${bearerOf(authInfo).person.id}\n${authInfo.clientId}`,
    ready: async (authInfo) => void (await engines.ready(bearerOf(authInfo).person)),
    serverFor: async (authInfo) => engines.serverFor(await callerOf(authInfo)),
    lendServer: async (authInfo) => engines.lendServer(await callerOf(authInfo)),
  });
  const authenticate = bearerGate(provider, store, storedId, resource, now);

  const handle = async (ctx: Context) => {
    const request = ctx.req;
    const passed = (ctx.state as McpState).passedByPeer;
    // A web page's request is answered only from the server's own origin and the allowed ones.
    if (origins.guard(ctx)) return;
    const verified = await authenticate(request.headers.authorization);
    if (verified instanceof Response) {
      request.resume();
      return webAnswer(ctx, verified);
    }
    const person = bearerOf(verified).person;
    actingFor(person.id);
    seen(person.id);
    const personLimit = { key: `person:${person.id}`, max: config.limits.requests_per_person_per_minute, windowMs: 60_000 };
    const perPerson = passed ? ({ allowed: true } as const) : limits.spend(personLimit);
    if (!perPerson.allowed) {
      metrics.rateLimited('person');
      request.resume();
      return tooMany(ctx, perPerson.retryAfterSeconds);
    }
    let body: Buffer | undefined;
    if (request.method === 'POST') {
      body = await readBody(request);
      const type = String(request.headers['content-type'] ?? '');
      if (!/^application\/json\b/i.test(type)) throw new BodyRefused(415, 'MCP requests are JSON: send Content-Type: application/json.');
      checkJsonDepth(body);
    }
    // Each message of a batch counts against the person's limit (the instance that passed a request here counted it).
    const batch = body ? admitBatch(body, (count) => (passed ? { granted: count, retryAfterSeconds: 0 } : limits.spendMany(personLimit, count))) : undefined;
    if (batch?.kind === 'refused') return webAnswer(ctx, batch.answer);
    if (batch?.kind === 'admitted') body = batch.body;
    // Before the SDK, which would drop a "__proto__" key unseen (http/hostile-keys.ts).
    const hostile = body && batch && 'message' in batch ? refuseHostileKeys(body.toString('utf8'), batch.message) : undefined;
    if (hostile) return webAnswer(ctx, hostile);
    // The person as the store has them for this request: an engine this instance opened on
    // credentials they replaced since, signing in again on another instance, is not used.
    await engines.keepCurrent(person);
    // The request's headers as pairs, copied once into the web Request (a Headers built here would be copied again).
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && name !== 'content-length') headers.push([name, Array.isArray(value) ? value.join(', ') : value]);
    }
    // The request's signal tells the SDK that the client went away before its answer was written;
    // an answer written in full aborts nothing (aborting makes an error and wakes every listener).
    const abort = new AbortController();
    ctx.res.on('close', () => {
      if (!ctx.res.writableFinished) abort.abort();
    });
    // A JSON body goes to the SDK as the message already parsed here; one that is not JSON goes as it came, for the SDK to answer.
    const posted = body && batch && 'message' in batch ? { bytes: new Uint8Array(body), message: batch.message } : undefined;
    const webRequest = new Request(`${origin}/mcp`, {
      method: request.method ?? 'GET',
      headers,
      ...(body && !posted ? { body: new Uint8Array(body) } : {}),
      signal: abort.signal,
    });
    const answer = await endpoint.fetch(webRequest, verified, posted);
    await webAnswer(ctx, await cleanAnswer(batch?.kind === 'admitted' ? await withRefusedCalls(answer, batch.refusedCalls) : answer));
  };

  return {
    handle,
    get sessions() {
      return endpoint.sessions;
    },
    close: () => endpoint.close(),
  };
}

/** A request's bearer token verified for this resource: the caller, or the 401/403 answer to send. */
function bearerGate(
  provider: Provider,
  store: Store,
  storedId: (token: string) => string,
  resource: string,
  now: () => number,
): (authorization: string | undefined) => Promise<AuthInfo | Response> {
  const resourceUrl = new URL(resource);
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(resourceUrl);
  const verifier = tokenVerifier(provider, store, storedId, resource, now);
  // The challenge names both scopes, so a client asks for what a person may allow; a token needs at
  // least reading, and writing tools are offered only to a token that may write.
  const challenge = { requiredScopes: ALL_SCOPES.split(' '), resourceMetadataUrl };
  return async (authorization) => {
    if (!carriesBearerToken(authorization)) return bearerChallenge(challenge);
    try {
      const verified = await verifyBearerToken(authorization, { verifier, resourceMetadataUrl, expectedResource: resourceUrl });
      if (!verified.scopes.includes(SCOPES.read))
        throw new OAuthError(OAuthErrorCode.InsufficientScope, `This token may not read Punchcard (${SCOPES.read}). Connect the client again.`);
      return verified;
    } catch (error) {
      // The store being away, or migrated past this instance, is not the token's fault: it is said
      // as such (503), not as a bad token.
      if (error instanceof StoreUnavailable || error instanceof StoreVersionError) throw error;
      return bearerAuthChallengeResponse(error, challenge);
    }
  };
}

/** A client's name as its registration gave it, cleaned for the audit log and kept (up to 10,000 clients). */
function clientNames(provider: Provider): (clientId: string) => Promise<string> {
  const names = new Map<string, string>();
  return async (clientId) => {
    let name = names.get(clientId);
    if (name === undefined) {
      const client = await provider.Client.find(clientId).catch(() => undefined);
      name =
        withoutControls(client?.clientName ?? '')
          .replace(/[\t\n]/g, ' ')
          .slice(0, 80) || clientId.slice(0, 200);
      if (names.size > 10_000) names.clear();
      names.set(clientId, name);
    }
    return name;
  };
}

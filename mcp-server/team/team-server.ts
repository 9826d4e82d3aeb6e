// The team server (`punchcard-mcp serve --config FILE`): the same engine as on a desktop, served over
// Streamable HTTP to clients that cannot start a local process (Claude.ai, ChatGPT, Copilot Studio,
// Gemini Enterprise), each request acting as the person its access token belongs to. This module puts
// the parts together and guards the door: limits per address and person, bounded bodies and
// headers, a slow client cut off, health and readiness, and a shutdown that lets calls in flight
// finish. The parts: the store (store/), the authorization server and sign-in pages (auth/), the MCP
// endpoint (http/), and one engine per person working now (person-engines.ts).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bearerAuthChallengeResponse, getOAuthProtectedResourceMetadataUrl, OAuthError, OAuthErrorCode, verifyBearerToken, type AuthInfo } from '@modelcontextprotocol/server';
import { parseListen, type ServerConfig } from '../contract/server-config.ts';
import type { Log } from '../log.ts';
import { withoutControls } from '../plain-text.ts';
import { policyPaths, profileRefusal } from '../policy/policy.ts';
import { PolicyFiles } from '../policy/policy-source.ts';
import { holidayCalendar } from '../engine/call-context.ts';
import { callDeadlineOf } from '../engine/call-deadline.ts';
import { accessTokenTtl, ALL_SCOPES, createAuthorizationServer, SCOPES, STORE_RETRY_AFTER_SECONDS } from '../auth/authorization-server.ts';
import { bearerChallenge, bearerOf, carriesBearerToken, tokenVerifier } from '../auth/bearer.ts';
import { clientDocumentsOnLoopback } from '../auth/client-document-fetch.ts';
import { asPublicRequest, withCheckedBody } from '../auth/provider-requests.ts';
import { withinTokenRequest } from '../auth/store-adapter.ts';
import { companySignIn } from '../auth/company-sign-in.ts';
import { openCredentials } from '../auth/credentials.ts';
import { cookieJar } from '../auth/forms.ts';
import { followKeyRotation, keysFromStore } from '../auth/key-rotation.ts';
import { readServerKey } from '../auth/server-keys.ts';
import { signInRoutes } from '../auth/sign-in-routes.ts';
import { admitBatch, withRefusedCalls } from '../http/batches.ts';
import { browserOrigins } from '../http/browser-origins.ts';
import { trustedProxies } from '../http/client-address.ts';
import { cleanAnswer } from '../http/clean-answers.ts';
import { mcpEndpoint } from '../http/mcp-endpoint.ts';
import { ownHostCheck } from '../http/own-host.ts';
import { listenAddress, PEER_HEADER, type Peers, startPeers } from '../http/peers.ts';
import { RequestLimits, tooManyRequestsWords } from '../http/rate-limits.ts';
import { BodyRefused, checkJsonDepth, declaredTooLarge, readBody } from '../http/request-body.ts';
import { actingFor, inRequest } from '../logs/request-context.ts';
import { keptWritesWaiting } from '../metrics/kept-writes.ts';
import { observedGate, openMetrics } from '../metrics/open-metrics.ts';
import { NO_METRICS, routeOf, type TeamMetrics } from '../metrics/team-metrics.ts';
import { type Store, StoreUnavailable, StoreVersionError } from '../store/store.ts';
import { openStore, storeProblem } from '../store/open-store.ts';
import { auditRecord } from './audit.ts';
import { AuditWriter } from './audit-writer.ts';
import { organisationGate } from './organisation-limit.ts';
import type { RequestGate } from '../providers/http/json-http.ts';
import { PersonEngines } from './person-engines.ts';
import { followSignOuts } from './sign-outs.ts';

/** How long a client may take to send its headers, and its whole request: a slow client is cut off. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node looks for connections past those timeouts (its default, 30 s, would let a slow client stay 40 s). */
const TIMEOUT_CHECK_MS = 1_000;
/** Headers larger than this are refused (431) before anything reads them. */
const MAX_HEADER_BYTES = 16 * 1024;
/** How long a connection stays open after an answer sent before its request's body was all in. */
const LINGER_MS = 1_000;
/** How much of a body nobody read is still read to keep its connection (settleUnreadBody). */
const DRAIN_MAX_BYTES = 64 * 1024;
/** How long a shutdown waits for calls in flight before it ends them. */
const DRAIN_MS = 25_000;
/** How often expired tokens, codes and counters are swept out of the store. */
const SWEEP_MS = 10 * 60_000;
/** Calamari's requests a second, the lower of its published limits (docs/back-ends/calamari.md, "Rate limits"). */
const CALAMARI_PER_SECOND = 10;

export class ServeRefusal extends Error {}

export interface TeamServerOptions {
  config: ServerConfig;
  env: NodeJS.ProcessEnv;
  log: Log;
  now?: () => number;
  /** The organisation's policy files (default: the system file, as on a desktop). */
  policyFiles?: readonly string[];
}

export interface TeamServer {
  /** Where it listens (the port is the real one when the config said 0). */
  readonly url: string;
  /** Where Prometheus scrapes, when `metrics.listen` is set. */
  readonly metricsUrl: string | undefined;
  readonly store: Store;
  /** People whose engine is open now, and 2025-era sessions (the bench reads memory per person). */
  readonly stats: () => { engines: number; sessions: number; inFlight: number };
  /** Stops taking requests, lets those in flight finish (up to a bound), then closes everything. */
  close(): Promise<void>;
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const { config, env, log } = options;
  const now = options.now ?? Date.now;
  const key = readServerKey(env, config.key_env);
  if (typeof key === 'string') throw new ServeRefusal(key);
  const proxies = trustedProxies(config.trusted_proxies);
  if (typeof proxies === 'string') throw new ServeRefusal(proxies);
  const listen = parseListen(config.listen);
  if (typeof listen === 'string') throw new ServeRefusal(`listen: ${listen}`);
  const metricsListen = config.metrics?.listen === undefined ? undefined : parseListen(config.metrics.listen);
  if (typeof metricsListen === 'string') throw new ServeRefusal(`metrics.listen: ${metricsListen}`);
  const { metrics, listen: listenForMetrics } = await openMetrics(metricsListen);
  const clientSecret = config.sign_in.oidc?.client_secret_env ? env[config.sign_in.oidc.client_secret_env]?.trim() || undefined : undefined;
  if (config.sign_in.oidc?.client_secret_env && clientSecret === undefined) {
    throw new ServeRefusal(`The environment variable ${config.sign_in.oidc.client_secret_env} (sign_in.oidc.client_secret_env) is not set; it must hold the client secret the identity provider gave Punchcard.`);
  }
  if (config.provider.type === 'calamari' && !env.PUNCHCARD_CALAMARI_TOKEN?.trim()) {
    throw new ServeRefusal("Calamari's API key is the organisation's: set PUNCHCARD_CALAMARI_TOKEN for the server, as the engine reads it on a desktop.");
  }
  const accessTokenTtlSeconds = accessTokenTtl(env);
  if (typeof accessTokenTtlSeconds === 'string') throw new ServeRefusal(accessTokenTtlSeconds);
  const policyFiles = options.policyFiles ?? policyPaths(env);
  const policy = await PolicyFiles.open(policyFiles, log);
  const startingPolicy = policy.current();
  const refusal = startingPolicy.problem ? `The organisation's policy cannot be used (${startingPolicy.problem}).` : profileRefusal(startingPolicy, { ...config.provider, email: 'server@localhost' } as never);
  if (refusal) {
    policy.close();
    throw new ServeRefusal(`${refusal} The server does not start.`);
  }

  if (config.postgres?.password_env && env[config.postgres.password_env] === undefined) {
    throw new ServeRefusal(`The environment variable ${config.postgres.password_env} (postgres.password_env) is not set; it must hold the database password.`);
  }
  let store: Store;
  try {
    store = await openStore(config, { now, env, log });
  } catch (error) {
    throw new ServeRefusal(storeProblem(config.store, error));
  }
  const keys = await keysFromStore(key, store, config.key_env);
  if (typeof keys === 'string') {
    await store.close();
    throw new ServeRefusal(keys);
  }
  // Local timesheets live in the data folder (SQLite store only); what remote back ends learn lives
  // in the store. With PostgreSQL nothing needs a folder, so an instance without data_dir works in
  // a private scratch folder of its own, gone when it stops.
  const scratch = config.data_dir === undefined && !config.store.startsWith('sqlite:') ? mkdtempSync(join(tmpdir(), 'punchcard-instance-')) : undefined;
  const dataDir = config.data_dir ?? scratch ?? dirname(config.store.slice('sqlite:'.length));
  const origin = new URL(config.public_url).origin;
  const resource = `${origin}/mcp`;
  const mcpOrigins = browserOrigins(origin, config.allowed_origins);
  const ownHost = ownHostCheck({ publicUrl: config.public_url, listen, ...(config.instance_url ? { instanceUrl: config.instance_url } : {}) });
  const documentsOnLoopback = clientDocumentsOnLoopback(env, origin, listen.host);
  if (documentsOnLoopback) log('Client metadata documents may come from this computer (PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK, for tests).');
  const provider = createAuthorizationServer({
    issuer: origin,
    resource,
    keys,
    store,
    now,
    findPerson: (id) => store.person(id),
    accessTokenTtlSeconds,
    refreshGraceSeconds: config.refresh_token_grace_seconds,
    clientDocumentsOnLoopback: documentsOnLoopback,
  });
  const oidcCallback = provider.callback();
  const jar = cookieJar(keys.sealing, new URL(origin).protocol === 'https:');
  const auditLog = new AuditWriter(store, log);
  const engines = new PersonEngines({
    config,
    dataDir,
    store,
    keys,
    policy,
    holidaysOf: holidayCalendar(log),
    callDeadlineMs: callDeadlineOf(env),
    findPerson: (id) => store.person(id),
    credentials: async (person) => openCredentials(keys.atRest, person),
    env,
    audit: (caller, call) => auditLog.append(auditRecord(caller, call, now())),
    afterCall: (call) => metrics.toolCall(call.tool, call.outcome, call.seconds),
    ...requestGateOf(config, store, metrics, now),
    now,
    log,
  });
  const company = config.sign_in.oidc
    ? companySignIn({ issuer: config.sign_in.oidc.issuer, clientId: config.sign_in.oidc.client_id, clientSecret, redirectUri: `${origin}/sign-in/callback`, allowedDomains: config.sign_in.oidc.allowed_domains })
    : undefined;
  const pages = signInRoutes({ config, provider, store, keys, jar, company, dataDir, env, now, log, metrics, forgetPerson: (id) => engines.forget(id) });
  const clientNames = new Map<string, string>();
  const clientName = async (clientId: string) => {
    let name = clientNames.get(clientId);
    if (name === undefined) {
      const client = await provider.Client.find(clientId).catch(() => undefined);
      name = withoutControls(client?.clientName ?? '').replace(/[\t\n]/g, ' ').slice(0, 80) || clientId.slice(0, 200);
      if (clientNames.size > 10_000) clientNames.clear();
      clientNames.set(clientId, name);
    }
    return name;
  };
  // The other instances on the store, met once this one listens (its address is then known).
  const peering: { peers?: Peers } = {};
  const endpoint = mcpEndpoint({
    log,
    sessionId: () => peering.peers?.sessionId() ?? randomUUID(),
    // A session another instance holds: passed there, unless another instance passed it here.
    elsewhere: async (request, sessionId) => {
      const { peers } = peering;
      if (!peers || peers.passedByPeer(request.headers, sessionId)) return undefined;
      const body = request.method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : undefined;
      return peers.pass({ method: request.method, headers: request.headers, body, signal: request.signal }, sessionId);
    },
    ownerOf: (authInfo) => `${bearerOf(authInfo).person.id}\n${authInfo.clientId}`,
    serverFor: async (authInfo) => {
      const bearer = bearerOf(authInfo);
      return engines.serverFor({ person: bearer.person, clientId: bearer.clientId, clientName: await clientName(bearer.clientId), mayWrite: bearer.scopes.includes(SCOPES.write) });
    },
  });
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(new URL(resource));
  const verifier = tokenVerifier(provider, store, resource, now);
  // The challenge names both scopes, so a client asks for what a person may allow; a token needs at
  // least reading, and writing tools are offered only to a token that may write.
  const challenge = { requiredScopes: ALL_SCOPES.split(' '), resourceMetadataUrl };
  const authenticate = async (authorization: string | undefined): Promise<AuthInfo | Response> => {
    if (!carriesBearerToken(authorization)) return bearerChallenge(challenge);
    try {
      const verified = await verifyBearerToken(authorization, { verifier, resourceMetadataUrl, expectedResource: new URL(resource) });
      if (!verified.scopes.includes(SCOPES.read)) throw new OAuthError(OAuthErrorCode.InsufficientScope, `This token may not read Punchcard (${SCOPES.read}). Connect the client again.`);
      return verified;
    } catch (error) {
      // The store being away, or migrated past this instance, is not the token's fault: it is said
      // as such (503), not as a bad token.
      if (error instanceof StoreUnavailable || error instanceof StoreVersionError) throw error;
      return bearerAuthChallengeResponse(error, challenge);
    }
  };
  const protectedResource = JSON.stringify({
    resource,
    authorization_servers: [origin],
    scopes_supported: ALL_SCOPES.split(' '),
    bearer_methods_supported: ['header'],
    resource_name: 'Punchcard',
    resource_documentation: `${origin}/account`,
  });

  // Every person's engine follows the policy itself (open 2025-era sessions too: their tools change
  // now, and their clients are told); the server says once what changed.
  const stopFollowingPolicy = policy.subscribe(() => {
    const next = policy.current();
    log(next.problem ? `The organisation's policy cannot be used (${next.problem}); AI clients get whoami only until it is fixed.` : "The organisation's policy changed; it applies at once, in open sessions too.");
  });

  const limits = new RequestLimits(store, now, log);
  let draining = false;
  let inFlight = 0;
  const sockets = new Set<Socket>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/healthz') return plain(response, 200, 'ok\n');
    if (path === '/readyz') {
      if (draining) return plain(response, 503, 'shutting down\n');
      try {
        await store.ping();
        return plain(response, 200, 'ready\n');
      } catch (error) {
        return plain(response, 503, `the store cannot be used: ${(error as Error).message}\n`);
      }
    }
    const address = proxies.clientAddress(request.socket.remoteAddress ?? '', request.headers['x-forwarded-for']);
    // A request another instance passed here (a 2025-era session this one holds) was counted there.
    const passed = path === '/mcp' && request.headers[PEER_HEADER] !== undefined && peering.peers?.passedByPeer(headerReader(request), headerReader(request).get('mcp-session-id')) === true;
    const perAddress = passed ? ({ allowed: true } as const) : limits.spend({ key: `address:${address}`, max: config.limits.requests_per_address_per_minute, windowMs: 60_000 });
    if (!perAddress.allowed) {
      metrics.rateLimited('address');
      return tooMany(response, perAddress.retryAfterSeconds);
    }
    // On this computer, a request must name the server itself (DNS rebinding, http/own-host.ts).
    const wrongHost = passed ? undefined : ownHost?.(request.headers.host);
    if (wrongHost) return plain(response, 403, `${wrongHost}\n`);
    if (path === '/.well-known/oauth-protected-resource' || path === '/.well-known/oauth-protected-resource/mcp') {
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
      return response.end(protectedResource);
    }
    if (path === '/mcp') return serveMcp(request, response, passed);
    // The sign-in pages and the authorization server build addresses from public_url alone.
    asPublicRequest(request, origin, address);
    if (await pages(request, response, url, address)) return;
    if (path === '/') {
      response.writeHead(303, { location: '/account' });
      return response.end();
    }
    // The authorization server's own endpoints (authorize, token, registration, revocation, keys,
    // metadata); anything else is its 404. Its bodies are held to /mcp's bounds first.
    const checked = await withCheckedBody(request, response);
    if (checked) return withinTokenRequest(() => oidcCallback(checked, response));
  };

  const serveMcp = async (request: IncomingMessage, response: ServerResponse, passed: boolean) => {
    // A web page's request is answered only from the server's own origin and the allowed ones.
    if (mcpOrigins.guard(request, response)) return;
    const verified = await authenticate(request.headers.authorization);
    if (verified instanceof Response) {
      request.resume();
      return writeResponse(response, verified);
    }
    const person = bearerOf(verified).person;
    actingFor(person.id);
    const personLimit = { key: `person:${person.id}`, max: config.limits.requests_per_person_per_minute, windowMs: 60_000 };
    const perPerson = passed ? ({ allowed: true } as const) : limits.spend(personLimit);
    if (!perPerson.allowed) {
      metrics.rateLimited('person');
      request.resume();
      return tooMany(response, perPerson.retryAfterSeconds);
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
    if (batch?.kind === 'refused') return writeResponse(response, batch.answer);
    if (batch?.kind === 'admitted') body = batch.body;
    // The person as the store has them for this request: an engine this instance opened on
    // credentials they replaced since, signing in again on another instance, is not used.
    await engines.keepCurrent(person);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && name !== 'content-length') headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const abort = new AbortController();
    response.on('close', () => abort.abort());
    const webRequest = new Request(`${origin}/mcp`, { method: request.method ?? 'GET', headers, ...(body ? { body: new Uint8Array(body) } : {}), signal: abort.signal });
    const answer = await endpoint.fetch(webRequest, verified);
    return writeResponse(response, await cleanAnswer(batch?.kind === 'admitted' ? await withRefusedCalls(answer, batch.refusedCalls) : answer));
  };

  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS, keepAliveTimeout: 5_000 }, (request, response) => {
    // A 2025-era client's standing stream (GET /mcp, server-sent events) carries no call and stays
    // open for as long as the client is connected: a shutdown waits for calls, not for it
    // (test/deploy/container/image.test.ts stops a server with such a client connected).
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/mcp') {
      inFlight++;
      response.on('close', () => inFlight--);
    }
    countAnswer(metrics, request, response);
    // An answer sent before the request's body was all in (refused for its size, its token, its
    // limit): a small rest is read so the connection serves the client's next request, a large or
    // slow one is not (settleUnreadBody).
    response.once('finish', () => {
      if (!request.complete) settleUnreadBody(request);
    });
    if (draining) response.setHeader('connection', 'close');
    response.setHeader('x-content-type-options', 'nosniff');
    const tooLarge = declaredTooLarge(request);
    if (tooLarge) return plain(response, tooLarge.status, `${tooLarge.message}\n`);
    inRequest((context) => {
      response.setHeader('x-request-id', context.requestId);
      return handle(request, response);
    }).catch((error: unknown) => answerFailure(error, request, response, { log, metrics }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  const metricsListener = await listenForMetrics({ enginesOpen: () => engines.open, storePool: () => store.pool?.(), keptWritesWaiting: () => keptWritesWaiting(dataDir, engines.openPeople()) }).catch((error: unknown) => {
    throw new ServeRefusal((error as Error).message);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ServeRefusal(error.code === 'EADDRINUSE' ? `listen: ${config.listen} is in use by another program.` : `listen: ${config.listen} cannot be used (${error.message}).`)),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  // The admin command stamps a sign-out with the wall clock, whatever clock this server was given.
  const signOuts = followSignOuts({ store, closeEngine: (id) => engines.close(id), now: Date.now, log });
  const rotation = followKeyRotation({ store, keys, serverKey: key, log });
  const sweeper = setInterval(() => void store.sweep(now()).catch((error: unknown) => log(`Sweeping the store failed: ${(error as Error).message}`)), SWEEP_MS);
  sweeper.unref();
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const peers = await startPeers({ store, address: config.instance_url ?? listenAddress(bound.address, bound.port), key: keys.peerKey, now, log });
  peering.peers = peers;
  log(`Punchcard team server for ${origin} listening on http://${host}:${bound.port} (${config.provider.type}, store ${store.kind}, instance ${peers.id}).`);

  if (metricsListener) log(`Metrics for Prometheus at ${metricsListener.url}.`);

  return {
    url: `http://${host}:${bound.port}`,
    metricsUrl: metricsListener?.url,
    store,
    stats: () => ({ engines: engines.open, sessions: endpoint.sessions, inFlight }),
    async close() {
      draining = true;
      clearInterval(sweeper);
      signOuts.stop();
      rotation.stop();
      stopFollowingPolicy();
      policy.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of sockets) socket.destroy();
      await closed;
      await endpoint.close();
      await peers.close();
      await limits.close();
      engines.closeAll();
      await metricsListener?.close();
      await auditLog.close();
      await store.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The answer to a request that failed: a body refused in its words, the store away or migrated past
 * this instance as 503 with Retry-After (counted for the metrics), anything else logged and 500.
 * Nothing is written once the answer began; the connection then goes.
 */
function answerFailure(error: unknown, request: IncomingMessage, response: ServerResponse, { log, metrics }: { log: Log; metrics: TeamMetrics }): void {
  if (error instanceof BodyRefused) {
    if (!response.headersSent) return plain(response, error.status, `${error.message}\n`);
  } else if (error instanceof StoreUnavailable) {
    metrics.storeError('unavailable');
    log(error.message);
    if (!response.headersSent) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
      return void response.end(`Punchcard's database does not answer just now, so nothing was done. Try again in ${STORE_RETRY_AFTER_SECONDS} s.\n`);
    }
  } else if (error instanceof StoreVersionError) {
    // A newer Punchcard migrated the database past this instance: it serves nothing more, and
    // the load balancer (told by /readyz) sends people to the newer instances.
    metrics.storeError('newer_version');
    log(error.message);
    if (!response.headersSent) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(STORE_RETRY_AFTER_SECONDS) });
      return void response.end(`This instance of Punchcard is older than its database and serves nothing more, so nothing was done; the upgraded instances answer. Try again in ${STORE_RETRY_AFTER_SECONDS} s.\n`);
    }
  } else {
    log(`A request to ${request.url ?? '/'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (!response.headersSent) return plain(response, 500, 'The server could not answer this request. Nothing was changed by it; try again.\n');
  }
  response.destroy();
}

/** The gate every request to the back end passes: Calamari's organisation limit, and the metrics' count. */
function requestGateOf(config: ServerConfig, store: Store, metrics: TeamMetrics, now: () => number): { requestGate?: RequestGate } {
  const organisation =
    config.provider.type === 'calamari'
      ? organisationGate({
          store,
          counter: `calamari:${config.provider.url}`,
          service: 'Calamari',
          allowance: { perHour: config.limits.calamari_requests_per_hour, perDay: config.limits.calamari_requests_per_day, perSecond: CALAMARI_PER_SECOND },
          now,
        })
      : undefined;
  const gate = observedGate(organisation, config.provider.type, metrics);
  return gate ? { requestGate: gate } : {};
}

/** Counts each answer by its route and status, with how long it took. */
function countAnswer(metrics: TeamMetrics, request: IncomingMessage, response: ServerResponse): void {
  if (metrics === NO_METRICS) return;
  const started = performance.now();
  // URL.parse, not new URL: a target no URL parses (`//[`) is counted as "other", never thrown here.
  response.once('finish', () => metrics.httpRequest(routeOf(URL.parse(request.url ?? '/', 'http://server')?.pathname ?? 'other'), response.statusCode, (performance.now() - started) / 1000));
}

/** A Node request's headers, read as a web Headers object is. */
function headerReader(request: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * The rest of a body nobody read. Up to 64 kB arriving within a second is read and dropped, so the
 * connection stays open for the client's next request: a 401 to a small POST without a token is
 * the first step of every client's sign-in, and ending that connection raced the client sending
 * its next request on it ("other side closed"). More, or slower, is not taken: the connection ends
 * once the answer had a moment to arrive, instead of reading whatever the client goes on sending
 * (Node would drain it all to keep the connection alive). Not by `Connection: close`, on which
 * Node closes at once and the client, still sending, may lose the answer to the reset.
 */
function settleUnreadBody(request: IncomingMessage): void {
  const socket = request.socket;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_MAX_BYTES) return endAfterAnswer(socket);
  let drained = 0;
  const giveUp = () => {
    clearTimeout(timer);
    request.removeListener('data', count);
    endAfterAnswer(socket);
  };
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) giveUp();
  };
  const timer = setTimeout(giveUp, LINGER_MS);
  timer.unref();
  request.on('data', count);
  request.once('end', () => clearTimeout(timer));
  request.resume();
}

/**
 * Half-closes a connection whose request is refused, and drops it once the answer had time to arrive.
 * Nothing more of the request is read meanwhile: the client's sending stops at the socket's buffers,
 * not after the megabytes a loopback client pushes in that second.
 */
function endAfterAnswer(socket: Socket): void {
  socket.pause();
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

function tooMany(response: ServerResponse, retryAfterSeconds: number): void {
  response.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfterSeconds) });
  response.end(`${tooManyRequestsWords(retryAfterSeconds)}\n`);
}

/** A web Response written to Node's response, streaming (an SSE answer arrives as it is written). */
async function writeResponse(response: ServerResponse, answer: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  if (!answer.body) return void response.end();
  const reader = answer.body.getReader();
  response.on('close', () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}


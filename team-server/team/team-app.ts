// The team server's one koa app: every request passes the same steps, in the order that keeps each
// safe. The request pipeline first (request-pipeline.ts: its id, its line in the log, its count, a
// failure in words); the probes (never limited); then the address's limit and the host check (DNS
// rebinding, http/own-host.ts); then one handler per route: the resource's metadata, /mcp (the SDK's
// transport behind origin, token, limit and body checks: mcp-route.ts), `/`, the sign-in pages, and
// the authorization server (oidc-provider, a koa app itself) for every other path.
import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { ServerConfig } from '../config/server-config.ts';
import type { PageState } from '../auth/sign-in/page-kit.ts';
import type { AddressResolver } from '../http/client-address.ts';
import { PEER_HEADER, type Peers } from '../http/peers.ts';
import type { RequestLimits } from '../http/rate-limits.ts';
import type { TeamLog } from '../logs/team-log.ts';
import type { TeamMetrics } from '../metrics/team-metrics.ts';
import { bodiless, plain, tooMany } from './answers.ts';
import type { McpRoute, McpState } from './mcp-route.ts';
import type { RequestPipeline } from './request-pipeline.ts';
import { RESOURCE_METADATA_PATHS } from './resource-metadata.ts';
import type { SignInMount } from './sign-in-mount.ts';

/** What the steps before a route put on a request. */
export type TeamState = Pick<PageState, 'url' | 'address'> & McpState;

export interface TeamAppOptions {
  config: ServerConfig;
  origin: string;
  proxies: AddressResolver;
  limits: RequestLimits;
  /** The own-host check of a server on this computer; undefined for a public one. */
  ownHost: ((host: string | undefined) => string | undefined) | undefined;
  peers: Peers;
  metrics: TeamMetrics;
  pipeline: RequestPipeline;
  health: Router;
  metadata: Middleware;
  mcp: McpRoute;
  signIn: SignInMount;
  log: TeamLog;
}

export function teamApp(options: TeamAppOptions): Koa<TeamState> {
  const { config, origin, proxies, limits, ownHost, peers, metrics, signIn } = options;
  const app = new Koa<TeamState>();
  // What reaches koa's own error event is an answer's stream failing after it began (the client gone,
  // mostly): every failure before that is answered by the pipeline. The connection has gone with it.
  app.on('error', (error: Error & { code?: string; headerSent?: boolean }) => {
    if (!error.headerSent) options.log.warn(`A request failed outside its answer: ${error.message}`);
  });
  app.use(options.pipeline.middleware());
  app.use((ctx, next) => {
    // The address as the team server reads it (dot segments resolved): what every route matches, and
    // what the metrics and the log label (the pipeline refused a target no URL parses).
    ctx.state.url = new URL(ctx.req.url ?? '/', origin);
    (ctx as { newRouterPath?: string }).newRouterPath = ctx.state.url.pathname;
    return next();
  });
  app.use(options.health.routes());
  app.use((ctx, next) => {
    const request = ctx.req;
    ctx.state.address = proxies.clientAddress(request.socket.remoteAddress ?? '', request.headers['x-forwarded-for']);
    // A request another instance passed here (a 2025-era session this one holds) was counted there.
    ctx.state.passedByPeer =
      ctx.state.url.pathname === '/mcp' &&
      request.headers[PEER_HEADER] !== undefined &&
      peers.passedByPeer({ get: (name) => ctx.get(name) || null }, ctx.get('mcp-session-id') || null);
    if (ctx.state.passedByPeer) return next();
    const perAddress = limits.spend({ key: `address:${ctx.state.address}`, max: config.limits.requests_per_address_per_minute, windowMs: 60_000 });
    if (!perAddress.allowed) {
      metrics.rateLimited('address');
      return tooMany(ctx, perAddress.retryAfterSeconds);
    }
    // On this computer, a request must name the server itself (DNS rebinding, http/own-host.ts).
    const wrongHost = ownHost?.(request.headers.host);
    if (wrongHost) return plain(ctx, 403, `${wrongHost}\n`);
    return next();
  });
  const routes = new Router<TeamState>({ sensitive: true, strict: true });
  for (const path of RESOURCE_METADATA_PATHS) routes.all(path, options.metadata);
  routes.all('/mcp', options.mcp.handle);
  routes.all('/', (ctx) => bodiless(ctx, 303, { location: '/account' }));
  app.use(routes.routes());
  app.use(signIn.pages);
  app.use(signIn.authorizationServer);
  return app;
}

// Which part answers a request, in the order that keeps each safe: the probes first (never limited),
// then the address's limit and the host check (DNS rebinding, http/own-host.ts), then the resource's
// metadata, /mcp, and the sign-in pages with the authorization server for everything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../../mcp-server/contract/server-config.ts';
import type { AddressResolver } from '../http/client-address.ts';
import type { RequestLimits } from '../http/rate-limits.ts';
import type { TeamMetrics } from '../metrics/team-metrics.ts';
import type { HealthRoute } from './health-routes.ts';
import type { McpRoute } from './mcp-route.ts';
import { plain, tooMany } from './node-answers.ts';
import type { MetadataRoute } from './resource-metadata.ts';
import type { SignInMount } from './sign-in-mount.ts';

export interface TeamRoutesOptions {
  config: ServerConfig;
  origin: string;
  proxies: AddressResolver;
  limits: RequestLimits;
  /** The own-host check of a server on this computer; undefined for a public one. */
  ownHost: ((host: string | undefined) => string | undefined) | undefined;
  metrics: TeamMetrics;
  health: HealthRoute;
  metadata: MetadataRoute;
  mcp: McpRoute;
  signIn: SignInMount;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export function teamRoutes({ config, origin, proxies, limits, ownHost, metrics, health, metadata, mcp, signIn }: TeamRoutesOptions): RequestHandler {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (await health(path, response)) return;
    const address = proxies.clientAddress(request.socket.remoteAddress ?? '', request.headers['x-forwarded-for']);
    // A request another instance passed here (a 2025-era session this one holds) was counted there.
    const passed = mcp.passedByPeer(request, path);
    const perAddress = passed
      ? ({ allowed: true } as const)
      : limits.spend({ key: `address:${address}`, max: config.limits.requests_per_address_per_minute, windowMs: 60_000 });
    if (!perAddress.allowed) {
      metrics.rateLimited('address');
      return tooMany(response, perAddress.retryAfterSeconds);
    }
    // On this computer, a request must name the server itself (DNS rebinding, http/own-host.ts).
    const wrongHost = passed ? undefined : ownHost?.(request.headers.host);
    if (wrongHost) return plain(response, 403, `${wrongHost}\n`);
    if (metadata(path, response)) return;
    if (path === '/mcp') return mcp.serve(request, response, passed);
    return signIn.route(request, response, url, address);
  };
}

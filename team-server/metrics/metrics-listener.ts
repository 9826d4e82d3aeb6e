// The metrics' own listener (`metrics.listen`), apart from the address people reach: what it tells
// (routes, people working now, the pool) is for the administrator's Prometheus, so it is never
// served where the internet's requests arrive. It answers GET /metrics and nothing else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusMetrics } from './prometheus-metrics.ts';

export interface MetricsListener {
  /** Where Prometheus scrapes (the real port where the config said 0). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsListener(listen: { host: string; port: number }, metrics: PrometheusMetrics): Promise<MetricsListener> {
  const server: Server = createServer({ headersTimeout: 10_000, requestTimeout: 10_000 }, (request, response) => {
    const path = URL.parse(request.url ?? '/', 'http://metrics')?.pathname;
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return response.end('Only /metrics is served here.\n');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return response.end('GET /metrics.\n');
    }
    metrics.scrape().then(
      ({ body, contentType }) => {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`The metrics could not be read: ${(error as Error).message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `metrics.listen: ${listen.host}:${listen.port} is in use by another program.`
            : `metrics.listen cannot be used (${error.message}).`,
        ),
      ),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

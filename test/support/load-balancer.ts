// A load balancer for tests of several team-server instances: it takes requests on one address (the
// servers' public_url) and hands each to the next instance in turn, streaming both ways, as nginx or
// a cloud balancer does without sticky sessions. A request whose instance is gone gets 502; nothing
// is retried, so a test sees exactly which calls an instance answered. With health checks it asks
// each instance's /readyz as a cloud balancer does, and hands requests only to those that answer
// ready (to all, when none does).
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  origin: string;
  /** The instances' addresses (http://127.0.0.1:port); change it to add or take out an instance. */
  targets: string[];
  /** Requests each instance was handed, by address. */
  handed: Map<string, number>;
  /** Requests answered 502 because their instance was gone or broke off. */
  failed: number;
  close(): Promise<void>;
}

export async function startLoadBalancer(targets: string[], options: { port?: number; healthCheckMs?: number } = {}): Promise<LoadBalancer> {
  let next = 0;
  const handed = new Map<string, number>();
  const unready = new Set<string>();
  const balancer: LoadBalancer = { origin: '', targets, handed, failed: 0, close: () => Promise.resolve() };
  const pick = () => {
    const ready = balancer.targets.filter((target) => !unready.has(target));
    const from = ready.length > 0 ? ready : balancer.targets;
    return new URL(from[next++ % from.length] as string);
  };
  const server: Server = createServer((incoming, outgoing) => {
    const target = pick();
    handed.set(target.origin, (handed.get(target.origin) ?? 0) + 1);
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-forwarded-for': incoming.socket.remoteAddress ?? '' },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        answer.on('error', () => outgoing.destroy());
      },
    );
    forwarded.on('error', () => {
      balancer.failed++;
      if (!outgoing.headersSent) {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end('The instance did not answer.\n');
      } else outgoing.destroy();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  balancer.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let timer: NodeJS.Timeout | undefined;
  if (options.healthCheckMs) {
    // An instance that is gone refuses the connection at once; one that is only busy (a loaded
    // machine) gets a few seconds to answer before it is taken out, as a cloud balancer's timeout
    // is longer than its interval. Were every instance taken out for being slow, requests would go
    // to all of them again, the gone one included.
    const checking = new Set<string>();
    const check = async (target: string) => {
      if (checking.has(target)) return;
      checking.add(target);
      try {
        const answer = await fetch(`${target}/readyz`, { signal: AbortSignal.timeout(Math.max(2_000, options.healthCheckMs as number)) });
        await answer.arrayBuffer();
        if (answer.status === 200) unready.delete(target);
        else unready.add(target);
      } catch {
        unready.add(target);
      } finally {
        checking.delete(target);
      }
    };
    timer = setInterval(() => void Promise.all(balancer.targets.map(check)), options.healthCheckMs);
  }
  balancer.close = () =>
    new Promise((resolve) => {
      clearInterval(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return balancer;
}

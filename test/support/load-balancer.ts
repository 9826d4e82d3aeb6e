// A load balancer for tests of several team-server instances: it takes requests on one address (the
// servers' public_url) and hands each to the next instance in turn, streaming both ways, as nginx or
// a cloud balancer does without sticky sessions. A request whose instance is gone gets 502; nothing
// is retried, so a test sees exactly which calls an instance answered.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  origin: string;
  /** The instances' addresses (http://127.0.0.1:port); change it to add or take out an instance. */
  targets: string[];
  /** Requests each instance was handed, by address. */
  handed: Map<string, number>;
  close(): Promise<void>;
}

export async function startLoadBalancer(targets: string[], port = 0): Promise<LoadBalancer> {
  let next = 0;
  const handed = new Map<string, number>();
  const balancer: LoadBalancer = { origin: '', targets, handed, close: () => Promise.resolve() };
  const server: Server = createServer((incoming, outgoing) => {
    const target = new URL(balancer.targets[next++ % balancer.targets.length] as string);
    handed.set(target.origin, (handed.get(target.origin) ?? 0) + 1);
    const forwarded = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, 'x-forwarded-for': incoming.socket.remoteAddress ?? '' } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
        answer.on('error', () => outgoing.destroy());
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end('The instance did not answer.\n');
      } else outgoing.destroy();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  balancer.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return balancer;
}

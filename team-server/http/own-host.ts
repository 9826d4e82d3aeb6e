// DNS rebinding, for a server on this computer. A page of evil.example can make its own name point
// at 127.0.0.1 and then, to the browser, be of the same site as the server: it reads every answer,
// and on a development server, where a name is enough to sign in, it signs in and calls tools. What
// it cannot change is the Host its browser sends: evil.example. So a server whose public_url is on
// this computer answers only requests that name it as itself. A server on the network sits behind
// TLS and a reverse proxy, where a rebound name has no certificate; there Host is the proxy's to set.
import { isLoopbackHost } from '../config/server-config.ts';

export interface OwnHostOptions {
  publicUrl: string;
  /** Where the server listens (the config's `listen`). */
  listen: { host: string; port: number };
  /** Where the other instances reach it (`instance_url`), if the config says. */
  instanceUrl?: string;
}

/**
 * What is wrong with a request's Host (undefined: it names this server), for a server whose
 * public_url is on this computer; undefined for any other server, which checks no Host.
 */
export function ownHostCheck(options: OwnHostOptions): ((host: string | undefined) => string | undefined) | undefined {
  const publicUrl = new URL(options.publicUrl);
  if (!isLoopbackHost(publicUrl.hostname)) return undefined;
  const { port } = options.listen;
  const listenHost = options.listen.host.includes(':') ? `[${options.listen.host}]` : options.listen.host;
  // Its own names: where people reach it, where it listens, and the names only this computer
  // reaches at the port it listens on (no page can make those its own).
  const own = new Set([
    publicUrl.host,
    ...(options.instanceUrl ? [new URL(options.instanceUrl).host] : []),
    ...['localhost', '127.0.0.1', '[::1]', ...(isWildcard(options.listen.host) ? [] : [listenHost])].map((name) =>
      normalHost(`${name}:${port}`, publicUrl.protocol),
    ),
  ]);
  return (host) => {
    if (host === undefined || host === '') return `The request names no Host; this server answers only requests to ${publicUrl.host}.`;
    const named = normalHost(host, publicUrl.protocol);
    if (named !== undefined && own.has(named)) return undefined;
    return `This server answers only requests to ${publicUrl.host} (its public_url), not to ${JSON.stringify(host.slice(0, 200))}: a web page can point a name of its own at this computer, so a request that names another host is refused.`;
  };
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** A Host header as URL writes a host (lower case, the scheme's default port left out), or undefined. */
function normalHost(host: string, protocol: string): string | undefined {
  try {
    const url = new URL(`${protocol}//${host}`);
    return url.host === host.toLowerCase() || `${url.host}:${url.port || (protocol === 'https:' ? '443' : '80')}` === host.toLowerCase() ? url.host : undefined;
  } catch {
    return undefined;
  }
}

// How the authorization server fetches a client's metadata document (a client id that is an https URL,
// which anyone may send to /auth): never from an address of the server's own networks. oidc-provider's
// guard checks the address after it connected, TLS included, so a crafted client id still reached
// internal listeners (0.0.0.0, [::], an IPv4-mapped address, a name resolving to loopback): a port
// scanner through /auth. Here the host's name is resolved first, every address it resolves to is
// checked, and the connection goes to an address that was checked (Node connects to what the lookup
// hands it), so a name that resolves elsewhere a moment later (DNS rebinding) is never asked again.
// A literal address is checked as it is (Node does not look one up).
//
// The library hands this function its own limits: a 2.5 s signal, no redirects followed (`manual`),
// and it reads at most 5 kB of the answer.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { isLoopbackHost } from '../config/server-config.ts';

/** Addresses no client's document may come from: this computer, private networks, and every special-use range. */
const SPECIAL_USE = new BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches this computer
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  SPECIAL_USE.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: an IPv4 address inside
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
] as const) {
  SPECIAL_USE.addSubnet(address, prefix, 'ipv6');
}
/** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d), refused whatever IPv4 address they carry. */
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export interface ClientDocumentFetchOptions {
  /**
   * Lets documents come from this computer's loopback addresses (127.0.0.0/8, ::1), and no other
   * special-use address. Only for a server that nobody but this computer reaches, in tests
   * (team/sign-in-mount.ts decides).
   */
  loopback: boolean;
  /** Resolves a host name to all its addresses (the system's resolver). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

/**
 * Whether documents may come from loopback: only with PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK=1
 * (the team server's tests, which serve documents on 127.0.0.1) and only on a server whose public_url
 * and listen address are both this computer's, so no configuration of a server others reach can turn
 * it on, by mistake or otherwise.
 */
export function clientDocumentsOnLoopback(env: NodeJS.ProcessEnv, publicUrl: string, listenHost: string): boolean {
  return env.PUNCHCARD_TEST_CLIENT_DOCUMENTS_ON_LOOPBACK === '1' && isLoopbackHost(new URL(publicUrl).hostname) && isLoopbackHost(listenHost);
}

/** Why a document may not come from `address`, or undefined when it may. */
export function addressRefusal(address: string, options: { loopback: boolean }): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an address`;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (family === 6 && IPV4_MAPPED.check(address, 'ipv6')) return `${address} is an IPv4-mapped address`;
  if (options.loopback && LOOPBACK.check(address, type)) return undefined;
  return SPECIAL_USE.check(address, type) ? `${address} is a special-use address (this computer, a private network, or reserved)` : undefined;
}

/**
 * A lookup for Node's connect: the name resolved once, every address checked, and only checked
 * addresses handed on to connect to.
 */
export function checkedLookup(options: ClientDocumentFetchOptions): LookupFunction {
  const resolve =
    options.resolve ??
    ((host: string) =>
      new Promise<LookupAddress[]>((done, fail) =>
        dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : done(addresses))),
      ));
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        // Every address the name has, not only those of the family asked for: a name with one
        // address inside is refused whole.
        const refusal = addresses.map((address) => addressRefusal(address.address, options)).find(Boolean);
        const wanted = addresses.filter((address) => !lookupOptions.family || address.family === lookupOptions.family);
        if (refusal)
          return callback(
            Object.assign(new Error(`The client's metadata document is not fetched: ${hostname} resolves to an address it may not come from (${refusal}).`), {
              code: 'ESPECIALUSE',
            }),
            '',
            0,
          );
        if (wanted.length === 0)
          return callback(Object.assign(new Error(`${hostname} has no address to fetch the client's metadata document from.`), { code: 'ENOTFOUND' }), '', 0);
        if (lookupOptions.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, wanted);
        const [first] = wanted as [LookupAddress];
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** A fetch, as oidc-provider's `fetch` setting takes it, that reaches only checked public addresses over https. */
export function clientDocumentFetch(options: ClientDocumentFetchOptions): (url: string | URL | Request, init?: RequestInit) => Promise<Response> {
  const lookup = checkedLookup(options);
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.protocol !== 'https:') throw new Error('A client metadata document is fetched over https only.');
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const refusal = addressRefusal(literal, options);
      if (refusal) throw Object.assign(new Error(`The client's metadata document is not fetched: ${refusal}.`), { code: 'ESPECIALUSE' });
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        url,
        { method: init.method ?? 'GET', headers, lookup, agent: false, ...(init.signal ? { signal: init.signal } : {}) },
        (incoming) => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, one);
          }
          const status = incoming.statusCode ?? 502;
          const noBody = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
          if (noBody) incoming.resume();
          resolve(new Response(noBody ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), { status, headers: answerHeaders }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}

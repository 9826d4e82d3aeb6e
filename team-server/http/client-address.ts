// Whose request this is, by network address, for the limits per address. Behind a reverse proxy every
// request comes from the proxy, and the person's address is in X-Forwarded-For; but anyone can send
// that header, so it is believed only when the request came from a proxy the configuration trusts
// (`trusted_proxies`), and then only as far back as the chain is made of trusted proxies: the
// address a trusted proxy saw is the first one from the right that is not itself a trusted proxy.
import { BlockList, isIP } from 'node:net';

export interface AddressResolver {
  /** The client's address for a request that arrived from `peer` with this X-Forwarded-For. */
  clientAddress(peer: string, forwardedFor: string | string[] | undefined): string;
}

/** Refuses an entry it cannot read, in words naming it; `trusted_proxies` is checked at start. */
export function trustedProxies(entries: readonly string[]): AddressResolver | string {
  const trusted = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(address);
    if (family === 0) return `trusted_proxies: "${entry}" is not an address or a range such as 10.0.0.0/8`;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) {
      trusted.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d{1,3}$/.test(bits) || prefix > (family === 6 ? 128 : 32)) return `trusted_proxies: "${entry}" has a prefix length that does not fit its address`;
    trusted.addSubnet(address, prefix, type);
  }
  const isTrusted = (address: string) => {
    const bare = unmapped(address);
    const family = isIP(bare);
    return family !== 0 && trusted.check(bare, family === 6 ? 'ipv6' : 'ipv4');
  };
  return {
    clientAddress(peer, forwardedFor) {
      let address = unmapped(peer);
      if (!isTrusted(address) || forwardedFor === undefined) return address;
      const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
        .split(',')
        .map((hop) => hop.trim())
        .filter(Boolean);
      // Walk from the proxy back toward the client while each hop is itself trusted.
      for (let index = hops.length - 1; index >= 0; index--) {
        const hop = unmapped(withoutPort(hops[index] as string));
        if (isIP(hop) === 0) return address;
        address = hop;
        if (!isTrusted(hop)) return hop;
      }
      return address;
    },
  };
}

/**
 * A hop as some load balancers write it, with the client's port (`203.0.113.1:54321`,
 * `[2001:db8::1]:443`), as its address; a bare IPv6 address keeps its colons.
 */
function withoutPort(hop: string): string {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$/.exec(hop);
  if (bracketed) return bracketed[1] as string;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop);
  return v4 ? (v4[1] as string) : hop;
}

/** An IPv4 client reached over an IPv6 socket, as its IPv4 address. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

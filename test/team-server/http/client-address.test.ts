// Whose request it is, by address, behind reverse proxies (team-server/http/client-address.ts): X-Forwarded-For
// is believed only from a proxy in `trusted_proxies`, and only as far back as the chain is made of
// trusted proxies, so a client cannot pick the address its requests are counted under.
import { describe, expect, it } from 'vitest';
import { type AddressResolver, trustedProxies } from '../../../team-server/http/client-address.ts';

function resolver(entries: string[]): AddressResolver {
  const made = trustedProxies(entries);
  if (typeof made === 'string') throw new Error(made);
  return made;
}

describe('the client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const none = resolver([]);
    expect(none.clientAddress('198.51.100.9', '203.0.113.1')).toBe('198.51.100.9');
    expect(none.clientAddress('::ffff:198.51.100.9', undefined)).toBe('198.51.100.9');
  });

  it('is the peer when the peer is not a trusted proxy (a spoofed header from outside)', () => {
    const proxies = resolver(['10.0.0.0/8']);
    expect(proxies.clientAddress('198.51.100.9', '203.0.113.1')).toBe('198.51.100.9');
  });

  it('is what the trusted proxy saw: the first hop from the right that is not itself trusted', () => {
    const proxies = resolver(['10.0.0.0/8', '192.0.2.7']);
    expect(proxies.clientAddress('10.1.2.3', '203.0.113.1')).toBe('203.0.113.1');
    // The client wrote a hop of its own to the left: it is not believed.
    expect(proxies.clientAddress('10.1.2.3', '1.1.1.1, 203.0.113.1')).toBe('203.0.113.1');
    // Two trusted proxies in a row (a CDN, then the load balancer).
    expect(proxies.clientAddress('10.1.2.3', '203.0.113.1, 192.0.2.7')).toBe('203.0.113.1');
    expect(proxies.clientAddress('10.1.2.3', ['203.0.113.1', '10.9.9.9'])).toBe('203.0.113.1');
    expect(proxies.clientAddress('::ffff:10.1.2.3', '::ffff:203.0.113.1')).toBe('203.0.113.1');
  });

  it('stops at a hop that is no address, and takes the last address it could trust', () => {
    const proxies = resolver(['10.0.0.0/8']);
    expect(proxies.clientAddress('10.1.2.3', 'unknown')).toBe('10.1.2.3');
    expect(proxies.clientAddress('10.1.2.3', '')).toBe('10.1.2.3');
    expect(proxies.clientAddress('10.1.2.3', 'garbage, 10.0.0.5')).toBe('10.0.0.5');
  });

  it('reads a hop written with its port, as some load balancers write it', () => {
    const proxies = resolver(['10.0.0.0/8']);
    expect(proxies.clientAddress('10.1.2.3', '203.0.113.1:54321')).toBe('203.0.113.1');
    expect(proxies.clientAddress('10.1.2.3', '[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(proxies.clientAddress('10.1.2.3', '2001:db8::1')).toBe('2001:db8::1');
  });

  it('trusts IPv6 ranges too', () => {
    const proxies = resolver(['fd00::/8']);
    expect(proxies.clientAddress('fd12::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(proxies.clientAddress('2001:db8::9', '2001:db8::5')).toBe('2001:db8::9');
  });

  it.each([
    ['proxy.internal', 'trusted_proxies: "proxy.internal" is not an address or a range such as 10.0.0.0/8'],
    ['10.0.0.0/33', 'trusted_proxies: "10.0.0.0/33" has a prefix length that does not fit its address'],
    ['fd00::/129', 'trusted_proxies: "fd00::/129" has a prefix length that does not fit its address'],
    ['10.0.0.0/x', 'trusted_proxies: "10.0.0.0/x" has a prefix length that does not fit its address'],
  ])('refuses %s in words naming trusted_proxies', (entry, problem) => {
    expect(trustedProxies([entry])).toBe(problem);
  });
});

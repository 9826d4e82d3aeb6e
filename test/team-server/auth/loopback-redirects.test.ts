// RFC 8252 §7.3's rule as team-server/auth/loopback-redirects.ts applies it: a registered loopback redirect URI
// matches the same URI on any port, and nothing else that merely reads alike. (The built server's
// answers to the same requests: test/team-server/team/loopback-redirects.test.ts.)
import { describe, expect, it } from 'vitest';
import { sameLoopbackRedirect } from '../../../team-server/auth/loopback-redirects.ts';

describe('a loopback redirect URI on another port', () => {
  it.each([
    ['http://localhost:54213/callback', 'http://localhost/callback'],
    ['http://127.0.0.1:1/callback', 'http://127.0.0.1/callback'],
    ['http://127.0.0.1:65535/callback', 'http://127.0.0.1:8080/callback'],
    ['http://[::1]:61023/oauth2redirect/example-provider', 'http://[::1]/oauth2redirect/example-provider'],
    ['http://localhost/callback', 'http://localhost:3000/callback'],
    ['http://localhost:4000/cb?app=1&x=%20', 'http://localhost/cb?app=1&x=%20'],
    ['http://localhost:4000', 'http://localhost'],
  ])('%s matches %s', (requested, registered) => {
    expect(sameLoopbackRedirect(requested, registered)).toBe(true);
  });

  it.each([
    ['another loopback host', 'http://127.0.0.1:5000/callback', 'http://localhost/callback'],
    ['a host beyond loopback', 'http://localhost.attacker.example:5000/callback', 'http://localhost/callback'],
    ['a registered URI off loopback', 'https://client.example:8444/callback', 'https://client.example:8443/callback'],
    ['https', 'https://localhost:5000/callback', 'https://localhost/callback'],
    ['userinfo', 'http://user@localhost:5000/callback', 'http://localhost/callback'],
    ['a host in userinfo', 'http://localhost:5000@attacker.example/callback', 'http://localhost/callback'],
    ['a fragment', 'http://localhost:5000/callback#frag', 'http://localhost/callback'],
    ['dot segments', 'http://localhost:5000/a/../callback', 'http://localhost/callback'],
    ['the case of the host', 'http://Localhost:5000/callback', 'http://localhost/callback'],
    ['the case of the scheme', 'Http://localhost:5000/callback', 'http://localhost/callback'],
    ['the case of the path', 'http://localhost:5000/CALLBACK', 'http://localhost/callback'],
    ['percent-encoding', 'http://localhost:5000/%63allback', 'http://localhost/callback'],
    ['a backslash', 'http://localhost:5000\\callback', 'http://localhost\\callback'],
    ['a space', 'http://localhost:5000/call back', 'http://localhost/call back'],
    ['a control character', 'http://localhost:5000/call\u0001back', 'http://localhost/call\u0001back'],
    ['a letter beyond ASCII', 'http://localhost:5000/c\u00e4llback', 'http://localhost/c\u00e4llback'],
    ['a longer path', 'http://localhost:5000/callback/', 'http://localhost/callback'],
    ['another query', 'http://localhost:5000/callback?a=2', 'http://localhost/callback?a=1'],
    ['port 0', 'http://localhost:0/callback', 'http://localhost/callback'],
    ['a port past 65535', 'http://localhost:65536/callback', 'http://localhost/callback'],
    ['a port with a leading zero', 'http://localhost:0080/callback', 'http://localhost/callback'],
    ['an empty port', 'http://localhost:/callback', 'http://localhost/callback'],
    ['an IPv6 address other than ::1', 'http://[::2]:5000/callback', 'http://[::2]/callback'],
    ['::1 unbracketed', 'http://::1:5000/callback', 'http://::1/callback'],
    ['another spelling of 127.0.0.1', 'http://127.1:5000/callback', 'http://127.1/callback'],
  ])('%s: no match', (_kind, requested, registered) => {
    expect(sameLoopbackRedirect(requested, registered)).toBe(false);
  });
});

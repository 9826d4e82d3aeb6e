// DNS rebinding (team-server/http/own-host.ts): a server whose public_url is on this computer answers
// only requests that name it as itself; a server on the network checks no Host.
import { describe, expect, it } from 'vitest';
import { ownHostCheck } from '../../../team-server/http/own-host.ts';

describe('the Host a request names', () => {
  it('on a server on this computer: its public_url, where it listens and the loopback names at its port are its own', () => {
    const check = ownHostCheck({ publicUrl: 'http://127.0.0.1:8787', listen: { host: '127.0.0.1', port: 8787 }, instanceUrl: 'http://127.0.0.1:9000' });
    if (!check) throw new Error('A server on this computer checks the Host.');
    for (const host of ['127.0.0.1:8787', 'LOCALHOST:8787', '[::1]:8787', '127.0.0.1:9000']) expect(check(host), host).toBeUndefined();
    for (const host of ['evil.example:8787', 'evil.example', '127.0.0.1:8788', '127.0.0.1', '127.0.0.1:8787/x', '127.0.0.1:8787@evil.example']) {
      expect(check(host), host).toMatch(
        /^This server answers only requests to 127\.0\.0\.1:8787 \(its public_url\), not to ".+": a web page can point a name of its own at this computer/,
      );
    }
    expect(check(undefined)).toMatch(/names no Host/);
  });

  it('takes a default port written out as the same host', () => {
    const check = ownHostCheck({ publicUrl: 'http://localhost', listen: { host: '127.0.0.1', port: 80 } });
    expect(check?.('localhost:80')).toBeUndefined();
    expect(check?.('localhost')).toBeUndefined();
  });

  it('on a server on the network: not checked (TLS and the reverse proxy stand there)', () => {
    expect(ownHostCheck({ publicUrl: 'https://punchcard.example.com', listen: { host: '127.0.0.1', port: 8787 } })).toBeUndefined();
  });
});

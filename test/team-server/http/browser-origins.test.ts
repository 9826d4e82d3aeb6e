// Which web pages may call /mcp (team-server/http/browser-origins.ts): the server's own origin and the
// configured ones, each compared whole (scheme, host, port), everything else a page sends refused in
// words, and no Origin at all (not a browser) left alone.
import { describe, expect, it } from 'vitest';
import { browserOrigins } from '../../../team-server/http/browser-origins.ts';

const origins = browserOrigins('https://punchcard.example.com', ['https://chat.example.com', 'http://localhost:6274']);

describe('judging an Origin', () => {
  it('leaves a request without one alone', () => {
    expect(origins.judge(undefined)).toEqual({ kind: 'none' });
    expect(origins.judge('')).toEqual({ kind: 'none' });
  });

  it("allows the server's own origin and the listed ones, as browsers write them", () => {
    for (const origin of ['https://punchcard.example.com', 'https://chat.example.com', 'http://localhost:6274', 'HTTPS://Chat.Example.com']) {
      expect(origins.judge(origin), origin).toEqual({ kind: 'allowed', origin: origin.toLowerCase() });
    }
  });

  it('refuses another site, and an allowed host on another scheme or port', () => {
    for (const origin of [
      'https://evil.example',
      'http://chat.example.com',
      'https://chat.example.com:8443',
      'http://localhost:6275',
      'https://punchcard.example.com.evil.example',
    ]) {
      const verdict = origins.judge(origin);
      expect(verdict.kind, origin).toBe('refused');
      expect(verdict.kind === 'refused' && verdict.reason, origin).toMatch(
        /^This server does not answer web pages of .+: only its own \(https:\/\/punchcard\.example\.com\) and those its administrator lists in allowed_origins\.$/,
      );
    }
  });

  it('refuses "null" and anything that is not exactly an origin', () => {
    expect(origins.judge('null')).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/names no site/) });
    for (const origin of [
      'https://chat.example.com/',
      'https://chat.example.com/path',
      'https://user@chat.example.com',
      'chrome-extension://abcdef',
      'chat.example.com',
      ['https://chat.example.com', 'https://evil.example'],
    ]) {
      expect(origins.judge(origin), String(origin)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/is not an origin/) });
    }
  });
});

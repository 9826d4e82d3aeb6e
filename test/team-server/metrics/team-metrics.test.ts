// The labels the metrics count under (team-server/metrics/team-metrics.ts): a route takes few values, whatever
// addresses arrive, so a scanner's guesses make no new series.
import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../team-server/metrics/team-metrics.ts';

describe('routeOf', () => {
  it('names the server’s own paths and folds the rest', () => {
    expect(['/mcp', '/token', '/healthz', '/readyz', '/account', '/'].map(routeOf)).toEqual(['/mcp', '/token', '/healthz', '/readyz', '/account', '/']);
    expect(routeOf('/interaction/8f3c2a9d0b')).toBe('/interaction');
    expect(routeOf('/interaction/8f3c2a9d0b/login')).toBe('/interaction');
    expect(routeOf('/sign-in/callback')).toBe('/sign-in');
    expect(routeOf('/authorize')).toBe('/authorize');
    expect(routeOf('/.well-known/oauth-protected-resource/mcp')).toBe('/.well-known/oauth-protected-resource/mcp');
    expect(routeOf('/.well-known/security.txt')).toBe('/.well-known/other');
    expect(['/wp-admin/setup.php', '/mcpx', '/tokens', '/.env'].map(routeOf)).toEqual(['other', 'other', 'other', 'other']);
  });
});

// The route a request is counted and logged under (team-server/metrics/route-labels.ts): the pattern of
// the route that answers it, never an id from the path, and "other" for anything no route answers,
// so a label takes few values whatever addresses arrive. The table is held to the routes the server
// really has: the authorization server's (oidc-provider, configured as the team server configures it)
// and the sign-in pages' router, each asked for its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../../team-server/config/server-config.ts';
import { createAuthorizationServer } from '../../../team-server/auth/authorization-server.ts';
import { cookieJar } from '../../../team-server/auth/forms.ts';
import { deriveServerKeys } from '../../../team-server/auth/server-keys.ts';
import { pageKit } from '../../../team-server/auth/sign-in/page-kit.ts';
import { pageRouter } from '../../../team-server/auth/sign-in/routes.ts';
import { ROUTE_LABELS, ROUTE_TABLE, routeOf } from '../../../team-server/metrics/route-labels.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import type { Store } from '../../../team-server/store/store.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const keys = deriveServerKeys(Buffer.from(Array.from({ length: 32 }, (_, index) => index + 3)));
/**
 * Every route name oidc-provider 9 may register (its lib/helpers/initialize_app.js), enabled by a
 * feature or not: the ones this configuration enables are the ones `pathFor` knows.
 */
const LIBRARY_ROUTE_NAMES = [
  'authorization',
  'resume',
  'userinfo',
  'token',
  'jwks',
  'discovery',
  'openid_credential_issuer',
  'credential',
  'challenge',
  'registration',
  'client',
  'client_update',
  'client_delete',
  'revocation',
  'introspection',
  'end_session',
  'end_session_confirm',
  'end_session_success',
  'device_authorization',
  'code_verification',
  'device_resume',
  'pushed_authorization_request',
  'backchannel_authentication',
  'interaction',
  'submit',
  'abort',
];

let folder: string;
let store: Store;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-routes-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: Date.now, env: {} });
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

const labelsOf = (owner: string) => ROUTE_TABLE.filter((route) => route.answeredBy === owner).map((route) => route.label);

describe('routeOf', () => {
  it('labels a path by the pattern of its route, never by the id in it', () => {
    expect(['/mcp', '/', '/healthz', '/readyz', '/token', '/auth', '/account', '/sign-in/callback'].map(routeOf)).toEqual([
      '/mcp',
      '/',
      '/healthz',
      '/readyz',
      '/token',
      '/auth',
      '/account',
      '/sign-in/callback',
    ]);
    expect(routeOf('/auth/Qm9vbGVhbi1oYXNoLTEyMzQ1Njc4OTA')).toBe('/auth/:uid');
    expect(routeOf('/interaction/8f3c2a9d0b')).toBe('/interaction/:uid');
    expect(routeOf('/interaction/8f3c2a9d0b/consent')).toBe('/interaction/:uid/consent');
    expect(routeOf('/interaction/8f3c2a9d0b/tracker')).toBe('/interaction/:uid/tracker');
    expect(routeOf('/reg/client-42')).toBe('/reg/:clientId');
    expect(routeOf('/account/sign-out')).toBe('/account/sign-out');
    expect(routeOf('/.well-known/oauth-protected-resource/mcp')).toBe('/.well-known/oauth-protected-resource/mcp');
  });

  it('matches the authorization server’s routes as its router does (any case, one trailing slash), the others exactly', () => {
    expect(['/TOKEN', '/jwks/', '/Auth/abc', '/auth/abc/', '/.well-known/OpenID-Configuration'].map(routeOf)).toEqual([
      '/token',
      '/jwks',
      '/auth/:uid',
      '/auth/:uid',
      '/.well-known/openid-configuration',
    ]);
    expect(['/MCP', '/mcp/', '/Account', '/account/', '/jwks//', '/interaction//consent'].map(routeOf)).toEqual([
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('folds everything else into two labels, so a scanner’s guesses add no series', () => {
    expect(routeOf('/.well-known/security.txt')).toBe('/.well-known/other');
    expect(['/wp-admin/setup.php', '/mcpx', '/tokens', '/.env', '/authorize', '/auth/a/b', '/interaction/a/b/c'].map(routeOf)).toEqual(Array(7).fill('other'));
    expect(new Set(ROUTE_LABELS).size).toBe(ROUTE_LABELS.length);
  });

  it('has every route of the authorization server, as the library itself names them, and no other', () => {
    const provider = authorizationServer();
    const paths = LIBRARY_ROUTE_NAMES.flatMap((name) => {
      try {
        return [provider.pathFor(name, { uid: 'the-uid', clientId: 'the-client' })];
      } catch {
        return []; // Not enabled in this configuration.
      }
    });
    // The library names both metadata documents "discovery"; pathFor answers the first.
    const answered = new Set([...paths, '/.well-known/openid-configuration']);
    expect([...answered].map(routeOf).sort()).toEqual(labelsOf('authorization server').sort());
    expect(paths).toContain('/auth/the-uid');
  });

  it('has every route of the sign-in pages, and no other', () => {
    const config = ServerConfigSchema.parse({
      public_url: ORIGIN,
      provider: { type: 'local' },
      sign_in: { development: true },
      store: 'sqlite:/nowhere/server.db',
      key_env: 'KEY',
    });
    const kit = pageKit({
      config,
      provider: authorizationServer(),
      store,
      keys,
      jar: cookieJar(keys.atRest, false),
      company: undefined,
      dataDir: folder,
      env: {},
      now: Date.now,
      log: () => {},
      forgetPerson: () => {},
    });
    const paths = [...new Set(pageRouter(kit).stack.map((layer) => layer.path))];
    expect(paths.sort()).toEqual(labelsOf('sign-in pages').sort());
  });
});

/** The team server's authorization server, as it is made, on this test's store and keys. */
function authorizationServer() {
  return createAuthorizationServer({
    issuer: ORIGIN,
    resource: `${ORIGIN}/mcp`,
    keys,
    store,
    now: Date.now,
    findPerson: async () => undefined,
    refreshGraceSeconds: 10,
  });
}

// The grace period of a refresh token used again, with the real authorization server (oidc-provider
// configured as the team server configures it, team-server/auth/authorization-server.ts) over a SQLite store, on
// a clock the test moves: within `refresh_token_grace_seconds` of its first use the token works again
// and each successor works; after it, the token's reuse revokes everything of its grant (the new
// refresh tokens, the access tokens, the grant). The grace runs from the first use, however often the
// token comes back within it. (Parallel refreshes and two instances on PostgreSQL, against the built
// server: test/team-server/team/refresh-grace.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Provider from 'oidc-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthorizationServer } from '../../../team-server/auth/authorization-server.ts';
import { deriveServerKeys } from '../../../team-server/auth/server-keys.ts';
import { withinTokenRequest } from '../../../team-server/auth/store-adapter.ts';
import { type Store } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';

const keys = deriveServerKeys(Buffer.from(Array.from({ length: 32 }, (_, index) => index + 11)));
const PERSON = { id: 'person-1', name: 'Ada Lovelace', email: 'ada@example.com' };

let clock = Date.now();
const now = () => clock;
let folder: string;
let store: Store;
let http: Server;
let origin: string;

beforeEach(async () => {
  clock = Date.now();
  folder = mkdtempSync(join(tmpdir(), 'punchcard-grace-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now, env: {} });
  http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The authorization server with this grace, serving at `origin` as the team server does. */
function serve(graceSeconds: number): Provider {
  const provider = createAuthorizationServer({
    issuer: origin,
    resource: `${origin}/mcp`,
    keys,
    store,
    now,
    findPerson: async (id) => (id === PERSON.id ? PERSON : undefined),
    refreshGraceSeconds: graceSeconds,
  });
  const callback = provider.callback();
  http.on('request', (request, response) => void withinTokenRequest(() => callback(request, response)));
  return provider;
}

/** A registered client holding a grant and a refresh token for it, as after a person's sign-in. */
async function signedIn(provider: Provider): Promise<{ clientId: string; grantId: string; refreshToken: string }> {
  const registered = await fetch(`${origin}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Gemini CLI', redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none' }),
  });
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const client = await provider.Client.find(clientId);
  const grant = new provider.Grant({ accountId: PERSON.id, clientId });
  grant.addResourceScope(`${origin}/mcp`, 'punchcard.read punchcard.write');
  const grantId = await grant.save();
  const refreshToken = await new provider.RefreshToken({
    accountId: PERSON.id,
    client,
    grantId,
    gty: 'authorization_code',
    scope: 'punchcard.read punchcard.write',
    resource: `${origin}/mcp`,
    rotations: 0,
  } as never).save();
  return { clientId, grantId, refreshToken };
}

async function refresh(
  clientId: string,
  refreshToken: string,
): Promise<{ status: number; body: { access_token?: string; refresh_token?: string; error?: string; error_description?: string } }> {
  const response = await fetch(`${origin}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('a refresh token used again', () => {
  it('5 s after its first use: answered with tokens, and both successors work', async () => {
    const provider = serve(10);
    const { clientId, refreshToken } = await signedIn(provider);
    const first = await refresh(clientId, refreshToken);
    expect(first.status).toBe(200);
    clock += 5_000;
    const again = await refresh(clientId, refreshToken);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.refresh_token).not.toBe(first.body.refresh_token);
    for (const answer of [first, again]) {
      expect(await provider.AccessToken.find(answer.body.access_token as string)).toBeDefined();
      expect((await refresh(clientId, answer.body.refresh_token as string)).status).toBe(200);
    }
  });

  it("10 s after its first use: a stolen token's reuse, which revokes the new refresh token, the access tokens and the grant", async () => {
    const provider = serve(10);
    const { clientId, grantId, refreshToken } = await signedIn(provider);
    const first = await refresh(clientId, refreshToken);
    expect(first.status).toBe(200);
    clock += 10_000;
    const reused = await refresh(clientId, refreshToken);
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
    expect(reused.body.access_token).toBeUndefined();
    expect(await provider.AccessToken.find(first.body.access_token as string)).toBeUndefined();
    expect(await provider.Grant.find(grantId)).toBeUndefined();
    expect((await refresh(clientId, first.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('within the grace again and again: the grace runs from its first use, not from the last', async () => {
    const provider = serve(10);
    const { clientId, refreshToken } = await signedIn(provider);
    expect((await refresh(clientId, refreshToken)).status).toBe(200);
    clock += 6_000;
    const second = await refresh(clientId, refreshToken);
    expect(second.status).toBe(200);
    clock += 6_000;
    const third = await refresh(clientId, refreshToken);
    expect(third.body.error).toBe('invalid_grant');
    expect((await refresh(clientId, second.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });

  it('with the grace turned off (0): used again at once, it revokes the grant', async () => {
    const provider = serve(0);
    const { clientId, grantId, refreshToken } = await signedIn(provider);
    const first = await refresh(clientId, refreshToken);
    expect(first.status).toBe(200);
    expect((await refresh(clientId, refreshToken)).body.error).toBe('invalid_grant');
    expect(await provider.Grant.find(grantId)).toBeUndefined();
    expect((await refresh(clientId, first.body.refresh_token as string)).body.error).toBe('invalid_grant');
  });
});

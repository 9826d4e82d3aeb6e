// A connected client over time, with the official client in both eras: its access token runs out and
// it refreshes and goes on; its person or the client itself revokes it (the revocation endpoint of
// RFC 7009, or Disconnect on the account page) and it stops at once; the server restarts and everyone
// is still signed in, because grants, clients and refresh tokens live in the store (a server that
// keeps them in memory signs everyone out on every restart).
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import {
  connectAs,
  connectedClients,
  disconnect,
  MemoryOAuthProvider,
  removeTeamServerData,
  SignInBrowser,
  signInToAccount,
  startTeamServer,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { metadataOf, statusWith, tokenRequest } from '../../support/team-oauth.ts';

const servers: TeamServerHandle[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.stop();
    removeTeamServerData(server);
  }
});

async function start(env: Record<string, string> = {}): Promise<TeamServerHandle> {
  const server = await startTeamServer({ env });
  servers.push(server);
  return server;
}

async function revoke(server: TeamServerHandle, token: string, clientId: string): Promise<number> {
  const { revocation_endpoint: endpoint } = await metadataOf(server.origin);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: clientId }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe.each(['legacy', 'modern'] as const)('a connected client (%s era)', (era) => {
  it('refreshes when its access token runs out and goes on, without the person signing in again', async () => {
    const server = await start({ PUNCHCARD_TEAM_ACCESS_TOKEN_TTL_SECONDS: '2' });
    const oauth = new MemoryOAuthProvider();
    const ada = await connectAs(server, { era, oauth });
    expect((await ada.call('whoami')).isError).toBeFalsy();
    const first = oauth.tokens() as { access_token: string; refresh_token: string };
    await expect.poll(() => statusWith(server.mcpUrl, first.access_token), { interval: 250 }).toBe(401);
    oauth.authorizationUrl = undefined;
    const who = await ada.call('whoami');
    expect(who.isError, textOf(who)).toBeFalsy();
    expect(textOf(who)).toContain('Ada Lovelace');
    const second = oauth.tokens() as { access_token: string; refresh_token: string };
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(oauth.authorizationUrl).toBeUndefined();
    await ada.close();
  });

  it('stops when its refresh token is revoked at the revocation endpoint (RFC 7009): the access token with it', async () => {
    const server = await start();
    const oauth = new MemoryOAuthProvider();
    const ada = await connectAs(server, { era, oauth });
    expect((await ada.call('whoami')).isError).toBeFalsy();
    const tokens = oauth.tokens() as { access_token: string; refresh_token: string };
    expect(await revoke(server, tokens.refresh_token, oauth.clientInformation()?.client_id as string)).toBe(200);
    expect(await statusWith(server.mcpUrl, tokens.access_token)).toBe(401);
    await expect(ada.call('whoami')).rejects.toThrow();
    await ada.close().catch(() => {});
    // The refresh token's revocation ends the grant: the account page no longer lists the client.
    expect(connectedClients(await signInToAccount(new SignInBrowser(server.origin)))).toEqual([]);
  });

  it('stops when its access token is revoked (RFC 7009): the refresh token goes with it, the consent stays on the account page', async () => {
    const server = await start();
    const browser = new SignInBrowser(server.origin);
    const oauth = new MemoryOAuthProvider({ clientName: 'Signed-out client' });
    const ada = await connectAs(server, { era, oauth, browser });
    const tokens = oauth.tokens() as { access_token: string; refresh_token: string };
    const clientId = oauth.clientInformation()?.client_id as string;
    expect(await revoke(server, tokens.access_token, clientId)).toBe(200);
    expect(await statusWith(server.mcpUrl, tokens.access_token)).toBe(401);
    const refresh = await tokenRequest(await metadataOf(server.origin), {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refresh.body.error).toBe('invalid_grant');
    await expect(ada.call('whoami')).rejects.toThrow();
    await ada.close().catch(() => {});
    // The library keeps the grant when only an access token is revoked: the person still sees the
    // client, and may disconnect it for good.
    const account = await signInToAccount(browser);
    expect(connectedClients(account).map((client) => client.name)).toEqual(['Signed-out client']);
    expect(connectedClients(await disconnect(browser, account, 'Signed-out client'))).toEqual([]);
  });

  it('stops at once when its person presses Disconnect on the account page, and another client of theirs goes on', async () => {
    const server = await start();
    const browser = new SignInBrowser(server.origin);
    const kept = await connectAs(server, { era, browser, oauth: new MemoryOAuthProvider({ clientName: 'Kept client' }) });
    const oauth = new MemoryOAuthProvider({ clientName: 'Lost laptop' });
    const lost = await connectAs(server, { era, browser, oauth });
    expect((await lost.call('whoami')).isError).toBeFalsy();
    const account = await signInToAccount(browser);
    expect(
      connectedClients(account)
        .map((client) => client.name)
        .sort(),
    ).toEqual(['Kept client', 'Lost laptop']);
    const after = await disconnect(browser, account, 'Lost laptop');
    expect(after.html).toContain('The client was disconnected: its tokens no longer work.');
    expect(connectedClients(after).map((client) => client.name)).toEqual(['Kept client']);
    expect(await statusWith(server.mcpUrl, oauth.tokens()?.access_token as string)).toBe(401);
    await expect(lost.call('whoami')).rejects.toThrow();
    expect((await kept.call('whoami')).isError).toBeFalsy();
    // Connected again from the same browser, the client is asked about anew, and works.
    oauth.invalidateCredentials('tokens');
    let consentShown = false;
    const again = await connectAs(server, {
      era,
      browser,
      oauth,
      signIn: () => Promise.reject(new Error('asked to sign in again')),
      consent: () => (consentShown = true),
    });
    expect(consentShown).toBe(true);
    expect((await again.call('whoami')).isError).toBeFalsy();
    await Promise.all([kept.close(), again.close(), lost.close().catch(() => {})]);
  });

  it('is still signed in after the server restarts: its tokens, its registration and its refresh token survive', async () => {
    const server = await start();
    const oauth = new MemoryOAuthProvider();
    const ada = await connectAs(server, { era, oauth });
    expect((await ada.call('create_catalog_item', { kind: 'project', name: 'Website' })).isError).toBeFalsy();
    const before = oauth.tokens() as { access_token: string; refresh_token: string };
    await ada.close();
    expect(await server.stop()).toBe(0);
    servers.splice(servers.indexOf(server), 1);
    const restarted = await server.restart();
    servers.push(restarted);
    expect(await statusWith(restarted.mcpUrl, before.access_token)).toBe(200);
    // The same client connects again without a browser: no sign-in, no consent, no registration.
    const browser = new SignInBrowser(restarted.origin);
    oauth.authorizationUrl = undefined;
    const again = await connectAs(restarted, { era, oauth, browser, signIn: () => Promise.reject(new Error('asked to sign in again')) });
    expect(oauth.authorizationUrl).toBeUndefined();
    const clockedIn = await again.call('clock_in', { project: 'Website' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    // Its refresh token still buys tokens after the restart.
    oauth.expireAccessToken();
    const who = await again.call('whoami');
    expect(who.isError, textOf(who)).toBeFalsy();
    expect(oauth.tokens()?.refresh_token).not.toBe(before.refresh_token);
    await again.close();
  });
});

describe('a refresh while another program holds the SQLite store locked', () => {
  it('is answered 503 with Retry-After in words, and the same refresh token works once the program lets go', { timeout: 30_000 }, async () => {
    const server = await start();
    const oauth = new MemoryOAuthProvider();
    await (await connectAs(server, { era: 'modern', oauth })).close();
    const { refresh_token: refreshToken } = oauth.tokens() as { refresh_token: string };
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: oauth.clientInformation()?.client_id as string });
    const { token_endpoint: endpoint } = await metadataOf(server.origin);
    // A backup tool or an sqlite3 session in a write transaction, longer than the store waits (5 s).
    const other = new DatabaseSync(join(server.dataDir, 'server.db'));
    other.exec('BEGIN IMMEDIATE');
    let refused: Response;
    try {
      refused = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: "Punchcard's database does not answer just now, so nothing was done. Try again in 5 s.",
    });
    const again = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(((await again.json()) as { refresh_token?: string }).refresh_token).not.toBe(refreshToken);
  });
});

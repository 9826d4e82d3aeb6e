// `offline_access` as Codex asks for it, against the built server: `scope=punchcard.read
// punchcard.write offline_access` without prompt=consent, and the same scope repeated on every
// refresh. The server advertises offline_access and gives the grant a refresh token, so a refresh
// naming it must work (oidc-provider drops the scope from a request without prompt=consent, and the
// refresh was refused with invalid_scope: Codex said "OAuth token refresh failed" and listed no tools
// after an hour). A scope the grant truly lacks is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { metadataOf, signInByHand, statusWith, tokenRequest } from '../../support/team-oauth.ts';

let server: TeamServerHandle;

beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(async () => {
  await server?.stop();
  if (server) removeTeamServerData(server);
});

const CODEX_SCOPE = 'punchcard.read punchcard.write offline_access';

describe("a client that asked for offline_access (Codex's request)", () => {
  it('is told the server supports it', async () => {
    const response = await fetch(`${server.origin}/.well-known/oauth-authorization-server`);
    expect(((await response.json()) as { scopes_supported: string[] }).scopes_supported).toContain('offline_access');
  });

  it('refreshes naming the scope it asked for, again and again, and its new access tokens may write', async () => {
    const signedIn = await signInByHand(server, { scope: CODEX_SCOPE });
    let refreshToken = signedIn.refreshToken;
    for (let round = 0; round < 2; round++) {
      const refreshed = await tokenRequest(signedIn.metadata, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: signedIn.clientId,
        scope: CODEX_SCOPE,
      });
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
      expect(refreshed.body.scope?.split(' ').sort()).toEqual(['punchcard.read', 'punchcard.write']);
      expect(refreshed.body.refresh_token).toBeTruthy();
      expect(refreshed.body.refresh_token).not.toBe(refreshToken);
      expect(await statusWith(server.mcpUrl, refreshed.body.access_token as string)).toBe(200);
      refreshToken = refreshed.body.refresh_token as string;
    }
  });

  it('that was allowed reading only: a refresh naming punchcard.write is refused, one naming reading and offline_access works', async () => {
    const signedIn = await signInByHand(server, { scope: CODEX_SCOPE, decision: 'allow-read' });
    const { metadata } = signedIn;
    const tooMuch = await tokenRequest(metadata, {
      grant_type: 'refresh_token',
      refresh_token: signedIn.refreshToken,
      client_id: signedIn.clientId,
      scope: CODEX_SCOPE,
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toBe('invalid_scope');
    expect(tooMuch.body.access_token).toBeUndefined();
    const reading = await tokenRequest(metadata, {
      grant_type: 'refresh_token',
      refresh_token: signedIn.refreshToken,
      client_id: signedIn.clientId,
      scope: 'punchcard.read offline_access',
    });
    expect(reading.status, JSON.stringify(reading.body)).toBe(200);
    expect(reading.body.scope).toBe('punchcard.read');
  });

  it('a scope the server does not know is still refused', async () => {
    const signedIn = await signInByHand(server, { scope: CODEX_SCOPE });
    const answer = await tokenRequest(await metadataOf(server.origin), {
      grant_type: 'refresh_token',
      refresh_token: signedIn.refreshToken,
      client_id: signedIn.clientId,
      scope: `${CODEX_SCOPE} punchcard.admin`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_scope');
  });
});

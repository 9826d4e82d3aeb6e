// A refresh token presented again moments after its first use, against the built server. Gemini CLI
// refreshes several times at once with the same refresh token (one per discovery step): the first
// rotates it and, before the grace period, the others looked like a stolen token's reuse, the grant
// was revoked and Gemini deleted its credentials. Rotation and reuse detection stay; within
// `refresh_token_grace_seconds` (10 s) of its first use the token works again, and every answer
// leaves the client a working refresh token whichever it keeps, on one instance or across two on
// PostgreSQL. Presented after the grace (auth/refresh-grace.test.ts, on a fake clock; and
// oauth-attacks.test.ts, on the built server) it revokes the grant as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freshPostgresDatabase, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { signInByHand, statusWith, type TokenAnswer, tokenRequest } from '../../support/team-oauth.ts';
import { refreshAt } from '../../support/team-cluster.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const servers: TeamServerHandle[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) {
    await server.stop();
    removeTeamServerData(server);
  }
});

async function start(setup: Parameters<typeof startTeamServer>[0] = {}): Promise<TeamServerHandle> {
  const server = await startTeamServer(setup);
  servers.push(server);
  return server;
}

/** Every answer carried tokens, and every refresh token handed out buys tokens again. */
async function expectEveryAnswerWorks(answers: TokenAnswer[], refresh: (token: string, index: number) => Promise<TokenAnswer>, mcpUrl: string): Promise<void> {
  expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual(answers.map(() => [200, undefined]));
  const refreshTokens = answers.map((answer) => answer.body.refresh_token as string);
  expect(new Set(refreshTokens).size).toBe(answers.length);
  for (const answer of answers) expect(await statusWith(mcpUrl, answer.body.access_token as string)).toBe(200);
  const again = await Promise.all(refreshTokens.map((token, index) => refresh(token, index)));
  expect(again.map((answer) => [answer.status, answer.body.error])).toEqual(again.map(() => [200, undefined]));
  for (const answer of again) expect(await statusWith(mcpUrl, answer.body.access_token as string)).toBe(200);
}

describe('one refresh token sent several times at once (Gemini CLI at start)', () => {
  it('answers each with tokens, and every refresh token handed out works, whichever the client keeps', async () => {
    const server = await start();
    const signedIn = await signInByHand(server);
    const refresh = (token: string) => tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: token, client_id: signedIn.clientId });
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(signedIn.refreshToken)));
    await expectEveryAnswerWorks(answers, refresh, server.mcpUrl);
    // The sign-in's own access token was not revoked by any of them.
    expect(await statusWith(server.mcpUrl, signedIn.accessToken)).toBe(200);
  });

  it('answers one sent again a moment after its rotation', async () => {
    const server = await start();
    const signedIn = await signInByHand(server);
    const refresh = (token: string) => tokenRequest(signedIn.metadata, { grant_type: 'refresh_token', refresh_token: token, client_id: signedIn.clientId });
    const first = await refresh(signedIn.refreshToken);
    const second = await refresh(signedIn.refreshToken);
    await expectEveryAnswerWorks([first, second], refresh, server.mcpUrl);
  });
});

describe('two instances on one PostgreSQL', () => {
  let fake: FakeKimai;
  beforeAll(async () => {
    fake = await startFakeKimai();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('answer the same refresh token sent to both at once with tokens, and each refresh token works on the other instance', { timeout: 60_000 }, async () => {
    // One public_url for both, as behind a load balancer: A's own address, where the test signs in;
    // B is reached at its own address.
    const port = await freePort();
    const setup = {
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true },
      postgres: await freshPostgresDatabase(),
      publicUrl: `http://127.0.0.1:${port}`,
    };
    const a = await start({ ...setup, port });
    const b = await start(setup);
    const instances = [a, b];
    const signedIn = await signInByHand(a, { signIn: trackerSignIn((DEFAULT_USERS[0] as FakeUser).token) });
    const on = (index: number, token: string) => refreshAt(instances[index % 2]?.listenUrl as string, signedIn.clientId, token) as Promise<TokenAnswer>;
    const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => on(index, signedIn.refreshToken)));
    // Each answer's refresh token is used on the instance that did not issue it.
    await expectEveryAnswerWorks(answers, (token, index) => on(index + 1, token), a.mcpUrl);
  });
});

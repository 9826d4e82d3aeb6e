// What a copy of the team server's database gives away (a stolen backup, a dump): the bytes of the
// SQLite file and its write-ahead log, read while the server runs and after it stopped, hold no
// access token, no refresh token (spent or live) and no tracker secret in the clear, in any encoding.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, MemoryOAuthProvider, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;

/** Every form a secret could sit in a file as. */
function forms(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    Buffer.from(secret).toString('hex'),
    encodeURIComponent(secret),
  ];
}

function storeBytes(server: TeamServerHandle): string {
  const path = join(server.dataDir, 'server.db');
  return [path, `${path}-wal`]
    .filter(existsSync)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

describe('a dump of the store', () => {
  let fake: FakeKimai;
  let server: TeamServerHandle;
  const secrets: string[] = [ADA.token];

  beforeAll(async () => {
    fake = await startFakeKimai();
    seedCatalog(fake);
    server = await startTeamServer({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true } });
    const oauth = new MemoryOAuthProvider();
    const ada = await connectAs(server, { oauth, signIn: trackerSignIn(ADA.token) });
    expect((await ada.call('timer_status')).isError).toBeFalsy();
    secrets.push(oauth.tokens()?.access_token as string, oauth.tokens()?.refresh_token as string);
    // A refresh, so that a spent refresh token and a second access token are kept too.
    oauth.expireAccessToken();
    expect((await ada.call('timer_status')).isError).toBeFalsy();
    secrets.push(oauth.tokens()?.access_token as string, oauth.tokens()?.refresh_token as string);
    await ada.close();
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    if (server) removeTeamServerData(server);
  });

  it('while the server runs: no token and no tracker secret, though the person is there by name', () => {
    expect(new Set(secrets).size).toBe(5);
    const bytes = storeBytes(server);
    expect(bytes).toContain('Ada Lovelace');
    for (const secret of secrets) for (const form of forms(secret)) expect(bytes).not.toContain(form);
  });

  it('after it stopped (the log folded into the file): still none', async () => {
    expect(await server.stop()).toBe(0);
    const bytes = storeBytes(server);
    expect(bytes).toContain('Ada Lovelace');
    for (const secret of secrets) for (const form of forms(secret)) expect(bytes).not.toContain(form);
  });
});

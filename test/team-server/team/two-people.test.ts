// Two people on one team server at once, each signed in with their own tracker credentials: every
// request the back end sees for one of them carries only that person's secret, each sees only their
// own records, and neither reaches the other's through the server (a guessed token, the other's
// session, the other's entry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { connectAs, type ConnectedClient, removeTeamServerData, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;

describe.each(['legacy', 'modern'] as const)('two people on a Kimai team server (%s era)', (era) => {
  let fake: FakeKimai;
  let server: TeamServerHandle;
  let ada: ConnectedClient;
  let tom: ConnectedClient;

  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({ provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    [ada, tom] = await Promise.all([
      connectAs(server, { era, signIn: trackerSignIn(ADA.token) }),
      connectAs(server, { era, signIn: trackerSignIn(TOM.token) }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([ada?.close(), tom?.close()]);
    await server?.stop();
    await fake?.close();
    if (server) removeTeamServerData(server);
  });

  it('acts for each as themselves, with only their own token', async () => {
    const before = fake.requests.length;
    const [adaIn, tomIn] = await Promise.all([
      ada.call('clock_in', { project: 'Website', activity: 'Design' }),
      tom.call('clock_in', { project: 'Website', activity: 'Meeting' }),
    ]);
    expect(adaIn.isError, textOf(adaIn)).toBeFalsy();
    expect(tomIn.isError, textOf(tomIn)).toBeFalsy();
    const running = fake.state.timesheets.filter((sheet) => sheet.end === null);
    expect(running.map((sheet) => [sheet.userId, sheet.activityId]).sort()).toEqual([
      [ADA.id, fake.state.activities.find((activity) => activity.name === 'Design')?.id],
      [TOM.id, fake.state.activities.find((activity) => activity.name === 'Meeting')?.id],
    ]);
    const sent = fake.requests.slice(before).map((request) => request.credential);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((credential) => credential === `Bearer ${ADA.token}` || credential === `Bearer ${TOM.token}`)).toBe(true);
    expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
    expect(textOf(await tom.call('whoami'))).toContain('Tom Lead');
  });

  it("never shows one person the other's entries, nor lets them change one", async () => {
    const tomsEntry = fake.state.timesheets.find((sheet) => sheet.userId === TOM.id) as { id: number };
    const listed = await ada.call('list_time_entries', { from: 'today', to: 'today' });
    expect(JSON.stringify(listed.structuredContent)).not.toContain('Meeting');
    const stolen = await ada.call('clock_out', {});
    expect(stolen.isError, textOf(stolen)).toBeFalsy();
    expect(fake.state.timesheets.find((sheet) => sheet.id === tomsEntry.id)?.end).toBeNull();
  });

  it('refuses a guessed access token with the challenge that leads to sign-in', async () => {
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: 'Bearer guessed0000000000000000000000000000000000',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer .*resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/,
    );
  });
});

// Kimai's lockdown under one organisation credential, through the BUILT team server (issue 66): Kimai's API does not
// show its lockdown and lets an administrator's account through it, so the server holds people to the lockdown as
// provider.lockdown copies it. Ada, a plain user, cannot book into last month through the super administrator's
// key, and nothing is sent; the same day outside the lockdown is booked for her.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { connectAs, freePort, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { organisationServer } from './organisation-support.ts';

const [, , ROOT] = DEFAULT_USERS as [FakeUser, FakeUser, FakeUser];
const LOCKDOWN = { period_start: 'first day of previous month 00:00:00', period_end: 'last day of previous month 23:59:59' };

/** The 15th of last month, as YYYY-MM-DD: inside the lockdown whatever today is. */
function midLastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);
}

describe("Kimai's lockdown under one organisation credential (built server)", () => {
  let fake: FakeKimai;
  let idp: IdentityProvider;
  let server: TeamServerHandle;

  beforeAll(async () => {
    fake = await startFakeKimai({ users: [...DEFAULT_USERS] });
    seedCatalog(fake);
    const port = await freePort();
    idp = await startIdentityProvider({
      accounts: [{ id: 'ada', name: 'Ada L.', email: 'ada@example.com', emailVerified: true }],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
    });
    ({ server } = await organisationServer(idp, port, { type: 'kimai', url: fake.url, lockdown: LOCKDOWN }, ROOT.token, { built: true }));
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await fake?.close();
  });

  it("holds Ada to the lockdown the config copies, though the administrator's key would pass it, sending nothing", async () => {
    const ada = await connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    try {
      const before = fake.requests.length;
      const refused = await ada.call('log_time', { date: midLastMonth(), duration: '1h', project: 'Website', activity: 'Design' });
      expect(refused.isError).toBe(true);
      expect(refusalOf(refused)?.code).toBe('kimai_lockdown_holds');
      expect(fake.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
      expect(fake.state.timesheets).toEqual([]);
      // Five minutes just past: "today" at its default hour is still to come after midnight, and the
      // month's first minutes are the only ones this cannot book in.
      const end = new Date(Date.now() - 60_000);
      const start = new Date(end.getTime() - 5 * 60_000);
      const booked = await ada.call('log_time', { start: start.toISOString(), end: end.toISOString(), project: 'Website', activity: 'Design' });
      expect(booked.isError, textOf(booked)).toBeFalsy();
      expect(fake.state.timesheets.map((sheet) => sheet.userId)).toEqual([1]);
    } finally {
      await ada.close();
    }
  });
});

// Calamari's refusals for the organisation's limit (429) on the team server: one hold in the store
// for everyone the server serves (calamari-refusal-shared.test.ts has two instances on PostgreSQL),
// with the rules a computer keeps (test/mcp-server/e2e/calamari-refusals.test.ts). A second's refusal
// is waited out and the call goes on; the next calls, whoever makes them, fail for their own reasons
// where they fail; an hour used up holds everyone until it lifts, and each person is told when in
// their own zone, as Calamari has it. The server runs on a clock of the test's own (fake-clock.ts),
// standing twenty minutes into an hour but for the waits asked of it, which move it on at once.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '../../../mcp-server/domain/time.ts';
import { refusalOf, textOf } from '../../support/engine.ts';
import { waitingClockAt } from '../../support/fake-clock.ts';
import type { Failure } from '../../support/fake-server.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import { connectAs, type ConnectedClient, freePort, removeTeamServerData, startTeamServer, type TeamServerHandle } from '../../support/team-server.ts';
import { DEFAULT_KEY, type FakeCalamari, quotaExceeded, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

const FIND = '/api/clockin/timesheetentries/v1/find';
const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
];

/** The server's clock: 10:20 UTC, so an hour used up holds until 11:00 (40 minutes), however late the test runs. */
const clock = waitingClockAt('2026-11-18T10:20:00Z');
let fake: FakeCalamari;
let idp: IdentityProvider;
let server: TeamServerHandle;
let ada: ConnectedClient;
let bob: ConnectedClient;

beforeAll(async () => {
  fake = await startFakeCalamari();
  seedOrganisation(fake);
  // Bob works from New York: his days, and the times he is told, are in his zone as Calamari has it.
  (fake.state.employees.find((employee) => employee.email === 'bob@acme.example') as { timezone: string }).timezone = 'America/New_York';
  const port = await freePort();
  idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`] });
  server = await startTeamServer({
    port,
    provider: { type: 'calamari', url: `${fake.url}/api` },
    signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
    env: {
      PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY,
      PUNCHCARD_CALAMARI_TIMEOUT_MS: '1500',
      PUNCHCARD_OIDC_SECRET: idp.clientSecret,
      NODE_EXTRA_CA_CERTS: idp.caFile as string,
    },
    clock,
  });
  [ada, bob] = await Promise.all([
    connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'ada') }),
    connectAs(server, { era: 'modern', signIn: companySignIn(idp, 'bob') }),
  ]);
  // Each engine knows its person, and so their zone, before anything is refused.
  for (const client of [ada, bob]) expect((await client.call('whoami')).isError).toBeFalsy();
}, 120_000);
afterAll(async () => {
  await Promise.all([ada?.close(), bob?.close()]);
  await server?.stop();
  if (server) removeTeamServerData(server);
  await idp?.close();
  await fake?.close();
});

let day = 0;
/** A listing of a day not asked about before: one request to Calamari's shifts. */
const listing = () => {
  day++;
  const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
  return { from: date, to: date };
};
const findsSince = (from: number) => fake.requests.slice(from).filter((request) => request.path === FIND);

describe("Calamari's refusals on the team server, one hold in the store for everyone", () => {
  it("waits out a second's refusal and goes on; the next calls, Bob's and Ada's, fail for their own reasons", async () => {
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'second'));
    const first = await ada.call('list_time_entries', listing());
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(findsSince(before).map((request) => request.status)).toEqual([429, 200]);
    expect(clock.waits).toEqual([1_000]);
    const failures: Array<[ConnectedClient, Failure, RegExp]> = [
      [
        bob,
        { status: 500, body: { message: 'Internal error', code: 'INTERNAL_SERVER_ERROR' } },
        /^Calamari had an internal error \(500\) trying to read your shifts\. Try again later\.$/,
      ],
      [ada, { status: 200, raw: '[{"id": 1,' }, /that is not Calamari's JSON API/],
      [bob, { status: 200, body: [], delayMs: 3_000 }, /^Calamari at 127\.0\.0\.1:\d+ did not answer within 1\.5 s trying to read your shifts\. /],
    ];
    for (const [client, failure, sentence] of failures) {
      fake.failNext({ path: FIND }, failure);
      expect(textOf(await client.call('list_time_entries', listing()))).toMatch(sentence);
    }
    // And then it works, for both.
    for (const client of [ada, bob]) expect((await client.call('list_time_entries', listing())).isError).toBeFalsy();
  });

  it('holds everyone until the hour ends once Calamari refused one for the hour, each told when in their own zone', async () => {
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'hour'));
    // 10:20 and a second on the server's clock: the hour's end is 11:00 UTC, noon in Berlin, 6:00 in New York.
    const lifts = Date.parse('2026-11-18T11:00:00Z');
    const refused = await ada.call('list_time_entries', listing());
    expect(textOf(refused)).toBe(
      "Calamari's limit of requests an hour for your organisation is used up (429), so no one on this Punchcard server sends Calamari anything until 2026-11-18T12:00:00+01:00. Try again then, in 40 minutes.",
    );
    expect(refusalOf(refused)?.code).toBe('remote_held_back');
    // Bob, on the same server, is held back by the same hold, and told the same moment in his zone.
    const held = textOf(await bob.call('list_time_entries', listing()));
    expect(held).toContain(`until ${formatInstant(lifts, 'America/New_York')}. Try again then, in 40 minutes.`);
    expect(held).toContain('until 2026-11-18T06:00:00-05:00.');
    expect(textOf(await ada.call('list_time_entries', listing()))).toContain(`until ${formatInstant(lifts, 'Europe/Berlin')}.`);
    expect(findsSince(before)).toHaveLength(1);
    // The store keeps the hold, and which limit it is for, for every instance on it.
    const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT key, lifts_at AS liftsAt FROM holds ORDER BY key').all()).toEqual([
        { key: `calamari:${fake.url}:refused`, liftsAt: lifts },
        { key: `calamari:${fake.url}:refused:hour`, liftsAt: lifts },
        { key: `calamari:${fake.url}:refused:second`, liftsAt: expect.any(Number) },
      ]);
    } finally {
      db.close();
    }
  });
});

// Calamari's 429 that names no limit, met again and again: an organisation whose real hourly limit
// (40) is far below what the servers were told (720), and whose 429 counts nothing (the fake's
// `quotaUsage: false`), served by two instances on one store (a SQLite file both open; a PostgreSQL
// database). The first instance's person spends the hour and is refused; the second's takes over. The
// hold a 429 asks for is short at first, grows while the 429s repeat (seconds, then minutes, up to the
// hour), is the same for both instances, and is said in words with when to try again: only the first,
// a second, is waited out, and a grown one is said at once, however short; a person who
// comes back then sends one request, which grows it further where Calamari refuses it too; and the
// first success clears it, so the next refusal holds a second again. Both servers run on one clock
// of the test's own (fake-clock.ts), which a wait moves on at once and the test moves to when it was
// told to come back. The fake's hour is its own clock's, which stands in one hour until the test turns it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { movableClockStartingAt, type WaitingClock, waitingClockAt } from '../../support/fake-clock.ts';
import { companySignIn, type IdentityProvider, startIdentityProvider } from '../../support/identity-provider.ts';
import {
  type ConnectedClient,
  connectAs,
  freePort,
  freshPostgresDatabase,
  removeTeamServerData,
  startTeamServer,
  TEST_STORES,
  type TeamServerHandle,
} from '../../support/team-server.ts';
import { DEFAULT_KEY, type FakeCalamari, seedOrganisation, startFakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

const FIND = '/api/clockin/timesheetentries/v1/find';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** What Calamari really allows the organisation an hour; the servers are left at their 720. */
const REAL_LIMIT = 40;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
];
/** The hold of a 429 that names no limit, said as the team server says it: when it lifts, and in how long. */
const HELD =
  /^Calamari refused a request for your organisation's limit \(429\), so no one on this Punchcard server sends Calamari anything until (\S+)\. Try again then, (in a minute|in \d+ minutes)\.$/;

let day = 0;
/** A listing of a day not asked about before: one request to Calamari's shifts. */
const listing = () => {
  day++;
  const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
  return { from: date, to: date };
};

/** When a held-back sentence says the hold lifts. */
function liftsAtOf(text: string): number {
  const match = HELD.exec(text);
  expect(match, text).not.toBeNull();
  return Date.parse(match?.[1] as string);
}

describe.each(TEST_STORES)("Calamari's repeated refusals, two instances on one %s store", (kind) => {
  const clock: WaitingClock = waitingClockAt('2026-11-18T10:20:00Z');
  const fakeHour = movableClockStartingAt('2026-11-18T10:20:00Z');
  let folder: string;
  let fake: FakeCalamari;
  let idp: IdentityProvider;
  let first: TeamServerHandle;
  let second: TeamServerHandle;
  let ada: ConnectedClient;
  let bob: ConnectedClient;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'punchcard-repeated-'));
    // Only the hour is spent here: the second's limit, whose 429 would count nothing either, is kept out of it.
    fake = await startFakeCalamari({ limits: { perHour: REAL_LIMIT, perSecond: 1_000 }, quotaUsage: false, now: fakeHour });
    seedOrganisation(fake);
    const ports = [await freePort(), await freePort()] as const;
    idp = await startIdentityProvider({ accounts: ACCOUNTS, redirectUris: ports.map((port) => `http://127.0.0.1:${port}/sign-in/callback`) });
    // One store for both: the same SQLite file, or one PostgreSQL database.
    const store =
      kind === 'postgres'
        ? { postgres: await freshPostgresDatabase() }
        : { store: 'sqlite' as const, config: { store: `sqlite:${join(folder, 'server.db')}` } };
    const setup = {
      provider: { type: 'calamari', url: `${fake.url}/api` },
      signIn: { oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_OIDC_SECRET: idp.clientSecret, NODE_EXTRA_CA_CERTS: idp.caFile as string },
      clock,
      ...store,
    };
    first = await startTeamServer({ ...setup, port: ports[0] });
    second = await startTeamServer({ ...setup, port: ports[1] });
    ada = await connectAs(first, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    bob = await connectAs(second, { era: 'modern', signIn: companySignIn(idp, 'bob') });
    // Each engine knows its person before anything is refused.
    for (const client of [ada, bob]) expect((await client.call('whoami')).isError).toBeFalsy();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([ada?.close(), bob?.close()]);
    for (const server of [first, second]) {
      await server?.stop();
      if (server) removeTeamServerData(server);
    }
    await idp?.close();
    await fake?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** The 429s Calamari answered a person's requests since `from`: the requests that instance sent into the spent limit. */
  const refusedSince = (from: number, email: string) =>
    fake.requests.slice(from).filter((request) => request.path === FIND && request.status === 429 && request.persons.includes(email)).length;

  it('holds both instances back a little longer each time the 429s repeat, tells each person when to come back, and clears at the first success', {
    timeout: 120_000,
  }, async () => {
    // Ada, on the first instance, lists one day after another until three of her calls were refused.
    const start = fake.requests.length;
    let refused = 0;
    let last = '';
    for (let calls = 0; refused < 3 && calls < 2 * REAL_LIMIT; calls++) {
      const result = await ada.call('list_time_entries', listing());
      if (result.isError) {
        refused++;
        last = textOf(result);
      }
    }
    expect(refused).toBe(3);
    const byFirst = refusedSince(start, 'ada@acme.example');
    // Bob, on the second instance, takes over: ten calls.
    const takeOver = fake.requests.length;
    for (let call = 0; call < 10; call++) {
      const result = await bob.call('list_time_entries', listing());
      expect(result.isError).toBe(true);
      last = textOf(result);
    }
    const bySecond = refusedSince(takeOver, 'bob@acme.example');
    // The first refusal held a second, which the retry waited out, and was refused too: the hold grew to
    // 5 s, said at once to the calls that met it, with when, rather than waited out only to be refused
    // again. Neither Ada's next calls nor Bob's sent anything into it.
    expect({ byFirst, bySecond }).toEqual({ byFirst: 2, bySecond: 0 });
    expect(clock.waits).toEqual([1_000]);
    expect(last).toMatch(HELD);
    expect(liftsAtOf(last) - clock.now()).toBe(5_000);

    // Each comes back when told: one request, refused again, and the hold grows, for both instances.
    const grown: number[] = [];
    for (const client of [bob, ada, bob, ada, bob]) {
      clock.moveTo(liftsAtOf(last));
      const before = fake.requests.length;
      const result = await client.call('list_time_entries', listing());
      last = textOf(result);
      expect(refusalOf(result)?.code).toBe('remote_held_back');
      expect(fake.requests.slice(before).map((request) => request.status)).toEqual([429]);
      grown.push(liftsAtOf(last) - clock.now());
      // The other instance holds to the same moment, and sends nothing.
      const other = client === ada ? bob : ada;
      const held = await other.call('list_time_entries', listing());
      expect(liftsAtOf(textOf(held))).toBe(liftsAtOf(last));
      expect(fake.requests.length).toBe(before + 1);
    }
    expect(grown).toEqual([30_000, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR]);
    expect(last).toMatch(/ Try again then, in 60 minutes\.$/);

    // Calamari's hour turns: the first request after the hold is answered, and that success clears it.
    fakeHour.advance(HOUR);
    clock.moveTo(liftsAtOf(last));
    expect((await bob.call('list_time_entries', listing())).isError).toBeFalsy();
    // So when this hour is spent too, the first refusal holds a second again, not the hour the last one held.
    let again: string | undefined;
    for (let calls = 0; again === undefined && calls < 2 * REAL_LIMIT; calls++) {
      const result = await ada.call('list_time_entries', listing());
      if (result.isError) again = textOf(result);
    }
    expect(again).toMatch(/^Calamari's request limit for your organisation is used up for now \(429\) trying to read your shifts\. Try again in a moment/);
    expect(clock.waits).toEqual([1_000, 1_000]);
  });
});

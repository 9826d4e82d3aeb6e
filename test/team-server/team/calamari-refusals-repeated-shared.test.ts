// Calamari's 429 that names no limit, met again and again, through the built server: two instances on
// one PostgreSQL serve an organisation whose real hourly limit (40) is far below what the servers were
// told (720), against a fake Calamari whose 429 counts nothing (`quotaUsage: false`). Instance A's
// person spends the hour and is refused; instance B's takes over. The hold grows as the 429s repeat
// (a second, 5 s, then half a minute: organisation-limit.ts, REPEATED_HOLDS_MS), in the store every
// instance reads, so B sends nothing into the spent limit and its person is told when to try again.
// Only the first hold, a second, is waited out by a call; a grown one is said at once. The servers
// keep the system's clock: that second is waited out for real, and the 5 s by the test, as Ada comes
// back when she was told (6 s in all); the fake's hour is a clock of its own standing in one hour, so
// the limit stays spent whenever the test runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { companySignIn, type IdentityProvider } from '../../support/identity-provider.ts';
import type { TestPostgres } from '../../support/postgres.ts';
import { type CalamariCluster, startCalamariCluster } from '../../support/calamari-cluster.ts';
import { clientWithTokens, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle } from '../../support/team-server.ts';
import type { FakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

const FIND = '/api/clockin/timesheetentries/v1/find';
/** What Calamari really allows the organisation an hour; the servers are left at their 720. */
const REAL_LIMIT = 40;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
];
const HELD =
  /^Calamari refused a request for your organisation's limit \(429\), so no one on this Punchcard server sends Calamari anything until (\S+)\. Try again then, in a minute\.$/;

let organisation: CalamariCluster;
let postgres: TestPostgres;
let fake: FakeCalamari;
let idp: IdentityProvider;
let cluster: TeamCluster;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  organisation = await startCalamariCluster({
    accounts: ACCOUNTS,
    // Only the hour is spent here: each instance keeps Calamari's pace of the second in its own
    // process, so the two together could meet the second's limit, whose 429 counts nothing either.
    calamari: { limits: { perHour: REAL_LIMIT, perSecond: 1_000 }, quotaUsage: false, now: clockStartingAt('2026-11-18T10:20:00Z') },
  });
  ({ postgres, fake, idp, cluster } = organisation);
}, 240_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await organisation?.close();
});

/** A person signed in through the balancer, then served by `instance` alone. */
async function personOn(instance: TeamServerHandle, account: string): Promise<ConnectedClient> {
  const signedIn = await connectAs(cluster, { era: 'modern', signIn: companySignIn(idp, account) });
  clients.push(signedIn);
  const client = await clientWithTokens(`${instance.listenUrl}/mcp`, signedIn.oauth);
  clients.push(client);
  return client;
}

let day = 0;
/** A listing of a day not asked about before: one request to Calamari's shifts. */
const listing = () => {
  day++;
  const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
  return { from: date, to: date };
};

/** The 429s Calamari answered a person's listings since `from`: what their instance sent into the spent limit. */
const refusedSince = (from: number, email: string) =>
  fake.requests.slice(from).filter((request) => request.path === FIND && request.status === 429 && request.persons.includes(email)).length;

describe("Calamari's repeated refusals through the built server, two instances on PostgreSQL", () => {
  it('sends a few requests into the spent limit, not every call two, and the instance taking over sends none', { timeout: 180_000 }, async () => {
    const [a, b] = cluster.instances as [TeamServerHandle, TeamServerHandle];
    const ada = await personOn(a, 'ada');
    const bob = await personOn(b, 'bob');
    for (const client of [ada, bob]) expect((await client.call('whoami')).isError).toBeFalsy();
    // Ada, on A, lists one day after another until three of her calls were refused: the first sent two
    // requests into the spent limit, a second apart, and grew the hold to 5 s, which the next two are told
    // at once, sending nothing. She comes back when told, and is refused once more.
    const start = fake.requests.length;
    let refused = 0;
    let told = '';
    for (let calls = 0; refused < 3 && calls < 2 * REAL_LIMIT; calls++) {
      const result = await ada.call('list_time_entries', listing());
      if (result.isError) {
        refused++;
        told = textOf(result);
      }
    }
    expect(refused).toBe(3);
    expect(told).toMatch(HELD);
    expect(refusedSince(start, 'ada@acme.example')).toBe(2);
    const hold = () => postgres.psql(`SELECT lifts_at, length_ms FROM punchcard_holds WHERE key = 'calamari:${fake.url}:refused'`).trim();
    expect(hold()).toMatch(/^\d+\|5000$/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(HELD.exec(told)?.[1] as string) - Date.now())));
    expect(refusalOf(await ada.call('list_time_entries', listing()))?.code).toBe('remote_held_back');
    await untilQuiet(fake.requests);
    const byA = refusedSince(start, 'ada@acme.example');
    // Bob, on B, takes over: ten calls, each told when to try again.
    const takeOver = fake.requests.length;
    const results = [];
    for (let call = 0; call < 10; call++) results.push(await bob.call('list_time_entries', listing()));
    await untilQuiet(fake.requests);
    const byB = refusedSince(takeOver, 'bob@acme.example');
    // The first refusal held a second, its retry's 5 s, the call after it half a minute.
    expect({ byA, byB }).toEqual({ byA: 3, byB: 0 });
    const lifts = Date.parse(HELD.exec(textOf(results[0] as (typeof results)[number]))?.[1] as string);
    for (const result of results) {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(HELD);
      expect(refusalOf(result)?.code).toBe('remote_held_back');
      expect(Date.parse(HELD.exec(textOf(result))?.[1] as string)).toBe(lifts);
    }
    // The hold in the store every instance reads: the third, half a minute, lifting when Bob was told.
    const row = hold();
    expect(row).toMatch(/^\d+\|30000$/);
    expect(Math.ceil(Number(row.split('|')[0]) / 1_000) * 1_000).toBe(lifts);
  });
});

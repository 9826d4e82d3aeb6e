// Calamari's limit is the organisation's, and what Punchcard was told of it can be more than
// Calamari really allows (an organisation on the lower set, other programs on the same key). Two
// instances on one PostgreSQL serve the organisation against a fake Calamari whose real hourly limit
// is below the server's configured one: once Calamari refuses instance A (429), instance B sends it
// nothing more either, and each person is told in words which limit holds and when it lifts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '../../../mcp-server/domain/time.ts';
import { TURN_MS } from '../../../mcp-server/providers/remote/organisation-limit.ts';
import { textOf } from '../../support/engine.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { companySignIn, type IdentityProvider } from '../../support/identity-provider.ts';
import type { TestPostgres } from '../../support/postgres.ts';
import { type CalamariCluster, startCalamariCluster } from '../../support/calamari-cluster.ts';
import { clientWithTokens, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle } from '../../support/team-server.ts';
import type { FakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

/** What Calamari really allows the organisation an hour; the servers are left at their 720. */
const REAL_LIMIT = 12;
const ACCOUNTS = [
  { id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true },
  { id: 'bob', name: 'Bob Builder', email: 'bob@acme.example', emailVerified: true },
];

let organisation: CalamariCluster;
let postgres: TestPostgres;
let fake: FakeCalamari;
let idp: IdentityProvider;
let cluster: TeamCluster;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  // The fake counts the clock hour: the test runs inside one, away from its first minute (a refusal
  // for the hour then holds a minute rather than to the hour's end: organisation-limit.ts, TURN_MS).
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + TURN_MS + 5_000));
  else if (3_600_000 - left < TURN_MS + 5_000) await new Promise((resolve) => setTimeout(resolve, TURN_MS + 5_000 - (3_600_000 - left)));
  organisation = await startCalamariCluster({ accounts: ACCOUNTS, calamari: { limits: { perHour: REAL_LIMIT } } });
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

describe("Calamari's refusal of the organisation's limit, shared by every instance", () => {
  it('stops instance B sending once Calamari refused instance A, and tells each person when to try again', { timeout: 120_000 }, async () => {
    const [a, b] = cluster.instances as [TeamServerHandle, TeamServerHandle];
    const ada = await personOn(a, 'ada');
    const bob = await personOn(b, 'bob');
    // Ada, on A, asks about one day after another (each a listing of its own) until Calamari refuses.
    let refused: string | undefined;
    for (let day = 1; day <= 2 * REAL_LIMIT && refused === undefined; day++) {
      const result = await ada.call('list_time_entries', { from: `2026-09-${String(day).padStart(2, '0')}`, to: `2026-09-${String(day).padStart(2, '0')}` });
      if (result.isError) refused = textOf(result);
    }
    // Calamari's body says the hour is used up: held until the clock hour ends, said in Ada's zone.
    const held =
      /^Calamari's limit of requests an hour for your organisation is used up \(429\), so no one on this Punchcard server sends Calamari anything until (\S+)\. Try again then, (in a minute|in \d+ minutes)\.$/;
    expect(refused).toMatch(held);
    const lifts = Date.parse(held.exec(refused as string)?.[1] ?? '');
    expect(lifts % 3_600_000).toBe(0);
    expect(refused).toContain(`until ${formatInstant(lifts, 'Europe/Berlin')}.`);
    await untilQuiet(fake.requests);
    const sent = fake.requests.length;
    // The hour's refusal was the last request (one for a second, where requests bunched up on their
    // way, is waited out and the call goes on).
    expect(fake.requests.at(-1)?.status).toBe(429);
    // Bob, on B, asks ten times: nothing reaches Calamari, and he is told when it lifts.
    for (let day = 1; day <= 10; day++) {
      const result = await bob.call('list_time_entries', { from: `2026-08-${String(day).padStart(2, '0')}`, to: `2026-08-${String(day).padStart(2, '0')}` });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(held);
      expect(textOf(result)).toContain(`until ${formatInstant(lifts, 'Europe/Berlin')}.`);
    }
    // Ada, back on A, is held back alike.
    expect(textOf(await ada.call('list_time_entries', { from: '2026-07-01', to: '2026-07-01' }))).toMatch(held);
    await untilQuiet(fake.requests);
    expect(fake.requests.length).toBe(sent);
    // The hold, and which limit it is for, in the store every instance reads.
    // A second's refusal met on the way (requests bunched up) leaves a row of its own, long lifted:
    // it holds no one, so only the hour's rows count.
    const rows = postgres.psql('SELECT key, lifts_at FROM punchcard_holds ORDER BY key').trim().split('\n');
    const second = `calamari:${fake.url}:refused:second|`;
    for (const row of rows.filter((line) => line.startsWith(second))) {
      expect(Number(row.slice(second.length))).toBeLessThan(Date.now());
    }
    expect(rows.filter((line) => !line.startsWith(second))).toEqual([`calamari:${fake.url}:refused|${lifts}`, `calamari:${fake.url}:refused:hour|${lifts}`]);
  });
});

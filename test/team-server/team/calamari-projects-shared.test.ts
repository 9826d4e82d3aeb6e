// Calamari's limit is the organisation's, so a person's projects read on one instance serve their
// engine on every other: two instances on one PostgreSQL, a person's engine open on both (a balancer
// without sticky sessions sends their calls to either), the projects read on A, a clock_in by name on
// B asks Calamari three requests, none of them the projects (mcp-server/providers/calamari/kept-projects.ts, PersonProjects,
// reads what the store keeps again where it would otherwise ask Calamari).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A_MOMENT_MS } from '../../../mcp-server/providers/remote/recent-reads.ts';
import { textOf } from '../../support/engine.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { companySignIn, type IdentityProvider } from '../../support/identity-provider.ts';
import { type CalamariCluster, startCalamariCluster } from '../../support/calamari-cluster.ts';
import { clientWithTokens, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle } from '../../support/team-server.ts';
import type { FakeCalamari } from '../../mcp-server/providers/calamari/fake-calamari.ts';

const ACCOUNTS = [{ id: 'ada', name: 'Ada Lovelace', email: 'ada@acme.example', emailVerified: true }];

let organisation: CalamariCluster;
let fake: FakeCalamari;
let idp: IdentityProvider;
let cluster: TeamCluster;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  organisation = await startCalamariCluster({ accounts: ACCOUNTS });
  ({ fake, idp, cluster } = organisation);
}, 240_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await organisation?.close();
});

describe("a person's projects on several instances", () => {
  it('read on instance A serve their engine on instance B, open since before: a clock_in by name there asks three requests', { timeout: 120_000 }, async () => {
    const [a, b] = cluster.instances as [TeamServerHandle, TeamServerHandle];
    const signedIn = await connectAs(cluster, { era: 'modern', signIn: companySignIn(idp, 'ada') });
    clients.push(signedIn);
    const [onA, onB] = [await clientWithTokens(`${a.listenUrl}/mcp`, signedIn.oauth), await clientWithTokens(`${b.listenUrl}/mcp`, signedIn.oauth)];
    clients.push(onA, onB);
    // Her engine opens on both, before any of them read her projects.
    for (const client of [onA, onB]) expect((await client.call('timer_status')).isError).toBeFalsy();
    expect(textOf(await onA.call('list_catalog'))).toContain('General');
    await untilQuiet(fake.requests);
    // Past the moment B's engine shares the shifts its timer_status listed.
    await new Promise((done) => setTimeout(done, A_MOMENT_MS + 100));
    const before = fake.requests.length;
    const result = await onB.call('clock_in', { project: 'General' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(fake.requests.slice(before).map((request) => `${request.path.replace(/^\/api/, '')} ${request.status}`)).toEqual([
      '/clockin/shift/status/v1/get-current 200',
      '/clockin/terminal/v1/clock-in 200',
      '/clockin/timesheetentries/v1/find 200',
    ]);
  });
});

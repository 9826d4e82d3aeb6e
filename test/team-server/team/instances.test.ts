// Several team-server instances on one PostgreSQL behind a round-robin balancer without sticky
// sessions, as a company runs them: a token any instance issued works on every other, a refresh on
// one rotates the family the others know (and a reused refresh token revokes the grant on all of
// them), a 2025-era client's session is reached through whichever instance the balancer picks (and
// when its instance dies, the client opens a new one, still signed in), and an instance opening a
// person's back end knows what another learned about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { clientWithTokens, rawToolCall, refreshAt, startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
// The grace period for a refresh token used again is off here, so that its reuse at once is a stolen
// token's, revoking the grant on every instance (refresh-grace.test.ts tests the grace across instances).
const SETUP = {
  signIn: { tracker: true },
  env: { PUNCHCARD_NOW: NOW },
  settings: { tools: { enabled: { delete_time_entry: true } } },
  config: { refresh_token_grace_seconds: 0 },
};

let postgres: TestPostgres;
let fake: FakeKimai;
let cluster: TeamCluster;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
  seedCatalog(fake);
  cluster = await startTeamCluster({ postgres, instances: 3, setup: { provider: { type: 'kimai', url: fake.url }, ...SETUP } });
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await cluster?.close();
  await fake?.close();
  postgres?.remove();
});

const mcpOf = (instance: TeamServerHandle) => `${instance.listenUrl}/mcp`;

describe('several instances on one PostgreSQL', () => {
  it('takes a token any instance issued on every instance, and a refresh on one rotates the family the others know', async () => {
    const ada = await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    clients.push(ada);
    const [a, b, c] = cluster.instances as [TeamServerHandle, TeamServerHandle, TeamServerHandle];
    const clientId = ada.oauth.clientInformation()?.client_id as string;
    const first = ada.oauth.tokens() as { access_token: string; refresh_token: string };
    // The sign-in's token, wherever it was issued, works on each instance by itself.
    for (const instance of cluster.instances) {
      const direct = await clientWithTokens(mcpOf(instance), ada.oauth);
      expect(textOf(await direct.call('whoami'))).toContain('Ada Lovelace');
      await direct.close();
    }

    // B rotates the refresh token; A and C take what B issued.
    const rotated = await refreshAt(b.listenUrl, clientId, first.refresh_token);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const second = { access_token: rotated.body.access_token as string, refresh_token: rotated.body.refresh_token as string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    ada.oauth.saveTokens({ ...(ada.oauth.tokens() as object), ...second, token_type: 'Bearer' });
    for (const instance of [a, c]) {
      const direct = await clientWithTokens(mcpOf(instance), ada.oauth);
      expect(textOf(await direct.call('whoami'))).toContain('Ada Lovelace');
      await direct.close();
    }

    // The old refresh token used again, on A, is a stolen token's reuse: the grant goes, on every instance.
    const reused = await refreshAt(a.listenUrl, clientId, first.refresh_token);
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
    for (const instance of cluster.instances) expect((await rawToolCall(mcpOf(instance), second.access_token, 'whoami')).status).toBe(401);
    const afterReuse = await refreshAt(c.listenUrl, clientId, second.refresh_token);
    expect([afterReuse.status, afterReuse.body.error]).toEqual([400, 'invalid_grant']);
  }, 90_000);

  it('serves a 2025-era session through any instance, questions included, and a client whose instance died opens a new session still signed in', async () => {
    const answers: string[] = [];
    const tom = await connectAs(cluster, {
      era: 'legacy',
      signIn: trackerSignIn(TOM.token),
      elicitation: (params) => {
        answers.push(params.message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    clients.push(tom);
    const before = new Map(cluster.balancer.handed);
    // Round robin sends these to every instance; each reaches the one session.
    const logged = await tom.call('log_time', {
      project: 'Website',
      activity: 'Meeting',
      start: 'yesterday 09:00',
      end: 'yesterday 10:00',
      description: 'legacy-across',
    });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    for (let call = 0; call < 4; call++) expect((await tom.call('timer_status')).isError).toBeFalsy();
    const id = (logged.structuredContent as { entry: { id: number } }).entry.id;
    const deleted = await tom.call('delete_time_entry', { id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(answers).toHaveLength(1);
    expect(fake.state.timesheets.some((sheet) => sheet.description === 'legacy-across')).toBe(false);
    for (const instance of cluster.instances)
      expect((cluster.balancer.handed.get(instance.listenUrl) ?? 0) - (before.get(instance.listenUrl) ?? 0)).toBeGreaterThan(0);

    // The instance that holds the session dies; the client is told its session is gone and opens a new one without signing in.
    const sessionId = (tom.client.transport as { sessionId?: string } | undefined)?.sessionId as string;
    const holder = cluster.instances.find((instance) => instance.stderr().includes(`instance ${sessionId.split('.')[0]})`)) as TeamServerHandle;
    expect(holder).toBeDefined();
    await holder.kill();
    cluster.detach(holder);
    await expect(tom.call('timer_status')).rejects.toThrow(/Session not found|404/);
    const again = await clientWithTokens(cluster.mcpUrl, tom.oauth, 'legacy');
    clients.push(again);
    expect(textOf(await again.call('whoami'))).toContain('Tom Lead');
    expect((await again.call('timer_status')).isError).toBeFalsy();
  }, 90_000);

  it("opens a person's back end on a new instance knowing what another learned about it", async () => {
    const ada = await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    clients.push(ada);
    await ada.call('timer_status');
    // What Kimai offers Ada (its absence plugin) reached the store.
    await waitFor(() => postgres.psql('SELECT count(*) FROM punchcard_facts WHERE text LIKE \'%"absences": true%\'') !== '0');
    const fresh = await cluster.add();
    const asked = fake.requests.length;
    const direct = await clientWithTokens(mcpOf(fresh), ada.oauth);
    clients.push(direct);
    const tools = (await direct.client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('request_leave');
    expect(fake.requests.slice(asked).filter((request) => request.path.includes('/absences'))).toEqual([]);
  }, 90_000);

  it('serves a person who signed in again with a new token from the new one on every instance, in both eras', async () => {
    const live = cluster.instances.filter((instance) => instance.process.exitCode === null && instance.process.signalCode === null);
    const ada = await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    const legacy = await clientWithTokens(cluster.mcpUrl, ada.oauth, 'legacy');
    clients.push(ada, legacy);
    // Every instance opens Ada's back end on her first token, and a 2025-era session holds one of them.
    for (const instance of live) {
      const direct = await clientWithTokens(mcpOf(instance), ada.oauth);
      expect((await direct.call('timer_status')).isError).toBeFalsy();
      await direct.close();
    }
    expect((await legacy.call('timer_status')).isError).toBeFalsy();

    // Ada replaces her Kimai token (the first stops working) and signs in again, on an instance other
    // than the one holding her session (it is out of the balancer meanwhile; her session's requests
    // reach it through the others).
    const sessionId = (legacy.client.transport as { sessionId?: string } | undefined)?.sessionId as string;
    const holder = live.find((instance) => instance.stderr().includes(`instance ${sessionId.split('.')[0]})`)) as TeamServerHandle;
    expect(holder).toBeDefined();
    const kimaiAda = fake.state.users.find((user) => user.id === ADA.id) as FakeUser;
    kimaiAda.token = 'token-ada-renewed-0123456789';
    try {
      cluster.detach(holder);
      clients.push(await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(kimaiAda.token) }));
      cluster.balancer.targets.push(holder.listenUrl);
      const asked = fake.requests.length;
      // The session's next call, before anything else reaches the holder, and her first client's token
      // (still valid) on each instance: all call Kimai with the new token.
      const again = await legacy.call('timer_status');
      expect(again.isError, textOf(again)).toBeFalsy();
      for (const instance of live) {
        const direct = await clientWithTokens(mcpOf(instance), ada.oauth);
        const status = await direct.call('timer_status');
        expect(status.isError, `${instance.listenUrl}: ${textOf(status)}`).toBeFalsy();
        await direct.close();
      }
      expect(fake.requests.slice(asked).filter((request) => request.status === 401)).toEqual([]);
    } finally {
      kimaiAda.token = ADA.token;
      if (!cluster.balancer.targets.includes(holder.listenUrl)) cluster.balancer.targets.push(holder.listenUrl);
    }
  }, 90_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

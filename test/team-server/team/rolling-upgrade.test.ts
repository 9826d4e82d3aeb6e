// Upgrading several instances one at a time while the others serve: a newer Punchcard migrates the
// shared PostgreSQL while older instances still run. A migration older versions can live with (an
// added column, an added table) leaves them serving, and one that restarts meanwhile starts and says
// it should be upgraded; a migration that leaves them behind stops them in words (503, and /readyz
// 503 so the balancer sends people to the newer instances), a restart of one is refused in words, and
// they write nothing into the changed schema. The newer Punchcard is simulated by its SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../team-server/store/postgres-store.ts';
import { textOf } from '../../support/engine.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;

let postgres: TestPostgres;
let fake: FakeKimai;
let cluster: TeamCluster;
let ada: ConnectedClient;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  cluster = await startTeamCluster({
    postgres,
    instances: 2,
    setup: { provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } },
  });
  ada = await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(ADA.token) });
  clients.push(ada);
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await cluster?.close();
  await fake?.close();
  postgres?.remove();
});

const schema = () => postgres.psql('SELECT version, compatible_from FROM punchcard_schema').trim();
/** The schema version this Punchcard knows; the tests play the versions after it. */
const KNOWN = MIGRATIONS.length;
const LEFT_BEHIND = `The PostgreSQL store was migrated by a newer Punchcard to version ${KNOWN + 2}, which versions before ${KNOWN + 2} may no longer use; this one knows version ${KNOWN}. Run the newer version on every instance.`;

describe('a newer Punchcard migrating while older instances run', () => {
  it('leaves them serving after a migration they can live with, and one restarted meanwhile starts and says so', async () => {
    expect(schema()).toBe(`${KNOWN}|1`);
    postgres.psql(
      `BEGIN; ALTER TABLE punchcard_people ADD COLUMN department TEXT; CREATE TABLE punchcard_future (id TEXT PRIMARY KEY); UPDATE punchcard_schema SET version = ${KNOWN + 1}; COMMIT;`,
    );
    for (let call = 0; call < 4; call++) expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
    const logged = await ada.call('log_time', {
      project: 'Website',
      activity: 'Design',
      start: 'yesterday 09:00',
      end: 'yesterday 10:00',
      description: 'after the compatible migration',
    });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    // A new person signs in (a row in the table that grew a column).
    const tom = await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(TOM.token) });
    clients.push(tom);
    expect(textOf(await tom.call('whoami'))).toContain('Tom Lead');
    const old = cluster.instances[0] as TeamServerHandle;
    await old.stop();
    const restarted = await old.restart();
    cluster.instances[0] = restarted;
    cluster.balancer.targets[0] = restarted.listenUrl;
    expect(restarted.stderr()).toMatch(
      `The PostgreSQL store was migrated to version ${KNOWN + 1} by a newer Punchcard, which still lets this one (version ${KNOWN}) use it; upgrade this instance too.`,
    );
    expect(textOf(await ada.call('whoami'))).toContain('Ada Lovelace');
  });

  it('stops them in words once a migration leaves them behind, refuses a restart, and writes nothing into the changed schema', async () => {
    const [first, second] = cluster.instances as [TeamServerHandle, TeamServerHandle];
    // The newer version moves e-mail addresses elsewhere: an older one would write them where nobody reads them.
    postgres.psql(
      `BEGIN; ALTER TABLE punchcard_people RENAME COLUMN email TO email_address; UPDATE punchcard_schema SET version = ${KNOWN + 2}, compatible_from = ${KNOWN + 2}; COMMIT;`,
    );
    const people = postgres.psql('SELECT id, name, email_address, last_seen_at FROM punchcard_people ORDER BY id');
    const tokens = postgres.psql('SELECT count(*) FROM punchcard_oauth');
    // Within its check (ten seconds) each old instance stops serving and says why.
    for (const instance of [first, second]) {
      await waitFor(async () => (await fetch(`${instance.listenUrl}/readyz`)).status === 503, 15_000);
      const ready = await fetch(`${instance.listenUrl}/readyz`);
      expect(await ready.text()).toBe(`the store cannot be used: ${LEFT_BEHIND}\n`);
    }
    const refused = await fetch(cluster.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(ada.oauth.tokens() as { access_token: string }).access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await refused.text()).toBe(
      'This instance of Punchcard is older than its database and serves nothing more, so nothing was done; the upgraded instances answer. Try again in 5 s.\n',
    );
    await expect(ada.call('whoami')).rejects.toThrow(/This instance of Punchcard is older than its database and serves nothing more/);
    // A sign-in attempt changes nothing either.
    const sheetsBefore = fake.state.timesheets.length;
    await expect(connectAs(cluster, { era: 'modern', signIn: trackerSignIn(TOM.token) })).rejects.toThrow();
    await first.stop();
    await expect(first.restart()).rejects.toThrow(LEFT_BEHIND);
    expect(postgres.psql('SELECT id, name, email_address, last_seen_at FROM punchcard_people ORDER BY id')).toBe(people);
    expect(postgres.psql('SELECT count(*) FROM punchcard_oauth')).toBe(tokens);
    expect(schema()).toBe(`${KNOWN + 2}|${KNOWN + 2}`);
    expect(fake.state.timesheets.length).toBe(sheetsBefore);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

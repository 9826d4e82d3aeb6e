// Rotating the server key while people work (team-server/admin/rotate-key.ts, team-server/auth/key-rotation.ts): the BUILT
// servers, a person calling tools without a pause the whole time, and the rotation started, the
// instances replaced one by one with the new key (behind the load balancer, on PostgreSQL; restarted,
// on SQLite), and the rotation ended. No call may fail, nobody signs in again, and at the end nothing
// in the store opens under the old key, and a server given the old key refuses to start. Also: a
// sign-out reaches the engines of every instance.
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf, sealingKeyOf } from '../../../team-server/auth/server-keys.ts';
import { opensWith } from '../../../team-server/store/sealed.ts';
import { textOf } from '../../support/engine.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import {
  connectAs,
  type ConnectedClient,
  removeTeamServerData,
  startTeamServer,
  type TeamServerHandle,
  TEST_SERVER_KEY,
  trackerSignIn,
} from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;
const NEW_KEY = randomBytes(32).toString('base64');
/** The id a refusal names a key by (auth/server-keys.ts). */
const idOf = (key: string) => keyIdOf(Buffer.from(key, 'base64'));
// The calls come without a pause, far past a person's usual limit, which is not what is tested here.
const KIMAI = () => ({
  provider: { type: 'kimai', url: fake.url },
  signIn: { tracker: true },
  env: { PUNCHCARD_NOW: NOW },
  limits: { requests_per_person_per_minute: 100_000, requests_per_address_per_minute: 1_000_000 },
});
let fake: FakeKimai;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => {});
});

/** Calls a tool without a pause until stopped: how many calls there were, and the ones that failed. */
function keepCalling(client: ConnectedClient): { stop: () => Promise<{ calls: number; failures: string[] }> } {
  let running = true;
  let calls = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (running) {
      try {
        const result = await client.call('timer_status');
        if (result.isError) failures.push(textOf(result));
      } catch (error) {
        failures.push((error as Error).message);
      }
      calls++;
      // A breath between calls: the machine runs the servers, the database and this test at once.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { calls, failures };
    },
  };
}

function adminWith(configPath: string, args: string[], env: Record<string, string>) {
  return runTeamCli(['admin', ...args, '--config', configPath], env);
}

describe('rotating the server key', () => {
  it('on PostgreSQL with two instances replaced one by one: no call fails, nobody signs in again', async () => {
    const postgres: TestPostgres = await startPostgres();
    let cluster: TeamCluster | undefined;
    const replacements: TeamServerHandle[] = [];
    try {
      cluster = await startTeamCluster({ postgres, instances: 2, setup: KIMAI() });
      const ada = await connectAs({ origin: cluster.origin, mcpUrl: cluster.mcpUrl }, { era: 'modern', signIn: trackerSignIn(ADA.token) });
      clients.push(ada);
      const load = keepCalling(ada);
      const [first, second] = cluster.instances as [TeamServerHandle, TeamServerHandle];
      const env = { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, NEW_SERVER_KEY: NEW_KEY, PUNCHCARD_DB_PASSWORD: postgres.password };
      const started = await adminWith(first.configPath, ['rotate-key', '--new-key-env', 'NEW_SERVER_KEY'], env);
      expect(started.code, started.stderr).toBe(0);
      expect(started.stdout).toMatch(
        /^The rotation began: every instance seals under the new key and still reads the old; \d+ values? sealed anew under the new key\.\n/,
      );
      for (const instance of [first, second]) await expect.poll(() => instance.stderr()).toContain('A rotation of the server key began');
      // The instances replaced one at a time with the new key: each leaves the balancer before it stops.
      for (const old of [first, second]) {
        const replacement = await startTeamServer({
          built: true,
          ...KIMAI(),
          postgres: { url: postgres.url, password: postgres.password },
          publicUrl: cluster.origin,
          key: NEW_KEY,
        });
        replacements.push(replacement);
        cluster.balancer.targets.push(replacement.listenUrl);
        cluster.detach(old);
        expect(await old.stop()).toBe(0);
      }
      const finished = await adminWith(first.configPath, ['rotate-key', '--finish'], { ...env, PUNCHCARD_SERVER_KEY: NEW_KEY });
      expect(finished.code, finished.stderr).toBe(0);
      expect(finished.stdout).toMatch(/^The rotation ended: \d+ values? sealed anew under the new key; the old key is no longer read/);
      for (const instance of replacements) await expect.poll(() => instance.stderr()).toContain('The rotation of the server key ended');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { calls, failures } = await load.stop();
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(20);
      // Nothing in the store opens under the old key; everything under the new one.
      const oldKey = sealingKeyOf(Buffer.from(TEST_SERVER_KEY, 'base64'));
      const newKey = sealingKeyOf(Buffer.from(NEW_KEY, 'base64'));
      const rows = postgres
        .psql(
          "SELECT model || ':' || id || '|' || payload FROM punchcard_oauth UNION ALL SELECT 'credentials:' || id || '|' || credentials FROM punchcard_people WHERE credentials IS NOT NULL",
        )
        .trim()
        .split('\n');
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        const [bound, sealed] = row.split('|') as [string, string];
        expect(opensWith(newKey, sealed, bound), bound).toBe(true);
        expect(opensWith(oldKey, sealed, bound), bound).toBe(false);
      }
      // A server given the old key now refuses to start, in words.
      await expect(
        startTeamServer({
          built: true,
          ...KIMAI(),
          postgres: { url: postgres.url, password: postgres.password },
          publicUrl: cluster.origin,
          key: TEST_SERVER_KEY,
        }),
      ).rejects.toThrow(
        `The key in PUNCHCARD_SERVER_KEY (key_env), key ${idOf(TEST_SERVER_KEY)}, is not this store's: this store opens with key ${idOf(NEW_KEY)}. Nothing was changed.`,
      );
    } finally {
      for (const replacement of replacements) if (replacement.process.exitCode === null) await replacement.stop();
      await cluster?.close();
      postgres.remove();
    }
  }, 120_000);

  it('on SQLite: started and ended under load, the server restarted with the new key in between', async () => {
    const server = await startTeamServer({ built: true, ...KIMAI(), store: 'sqlite' });
    let restarted: TeamServerHandle | undefined;
    try {
      const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
      clients.push(ada);
      const env = { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, NEW_SERVER_KEY: NEW_KEY };
      let load = keepCalling(ada);
      const started = await adminWith(server.configPath, ['rotate-key', '--new-key-env', 'NEW_SERVER_KEY'], env);
      expect(started.code, started.stderr).toBe(0);
      let outcome = await load.stop();
      expect(outcome.failures).toEqual([]);
      expect(outcome.calls).toBeGreaterThan(5);
      const again = await adminWith(server.configPath, ['rotate-key', '--new-key-env', 'NEW_SERVER_KEY'], env);
      expect([again.code, again.stderr]).toEqual([
        1,
        'A rotation of the server key is under way already: restart the instances with the new key, then run admin rotate-key --finish.\n',
      ]);
      expect(await server.stop()).toBe(0);
      restarted = await startTeamServer({
        built: true,
        ...KIMAI(),
        store: 'sqlite',
        dataDir: server.dataDir,
        port: Number(new URL(server.origin).port),
        key: NEW_KEY,
      });
      load = keepCalling(ada);
      const finished = await adminWith(server.configPath, ['rotate-key', '--finish'], { PUNCHCARD_SERVER_KEY: NEW_KEY });
      expect(finished.code, finished.stderr).toBe(0);
      await expect.poll(() => restarted?.stderr() ?? '').toContain('The rotation of the server key ended');
      outcome = await load.stop();
      expect(outcome.failures).toEqual([]);
      const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
      const newKey = sealingKeyOf(Buffer.from(NEW_KEY, 'base64'));
      const rows = db
        .prepare(
          "SELECT model || ':' || id AS bound, payload AS sealed FROM oauth UNION ALL SELECT 'credentials:' || id, credentials FROM people WHERE credentials IS NOT NULL",
        )
        .all() as { bound: string; sealed: string }[];
      db.close();
      for (const row of rows) expect(opensWith(newKey, row.sealed, row.bound), row.bound).toBe(true);
      const people = await adminWith(server.configPath, ['people'], { PUNCHCARD_SERVER_KEY: NEW_KEY });
      expect(people.stdout).toContain('Punchcard test client');
      const oldPeople = await adminWith(server.configPath, ['people'], { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
      expect([oldPeople.code, oldPeople.stderr]).toEqual([
        1,
        `The key in PUNCHCARD_SERVER_KEY (key_env), key ${idOf(TEST_SERVER_KEY)}, is not this store's: this store opens with key ${idOf(NEW_KEY)}. Nothing was changed.\n`,
      ]);
    } finally {
      for (const each of [server, restarted]) if (each && each.process.exitCode === null) await each.stop();
      removeTeamServerData(server);
    }
  }, 60_000);
});

describe('a sign-out with several instances', () => {
  it('closes the person’s engine on every instance', async () => {
    const postgres: TestPostgres = await startPostgres();
    let cluster: TeamCluster | undefined;
    try {
      cluster = await startTeamCluster({ postgres, instances: 2, setup: KIMAI() });
      const ada = await connectAs({ origin: cluster.origin, mcpUrl: cluster.mcpUrl }, { era: 'modern', signIn: trackerSignIn(ADA.token) });
      const tom = await connectAs({ origin: cluster.origin, mcpUrl: cluster.mcpUrl }, { era: 'modern', signIn: trackerSignIn(TOM.token) });
      clients.push(ada, tom);
      // Round robin: a few calls open Ada's engine on both instances.
      for (let call = 0; call < 4; call++) expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
      const first = cluster.instances[0] as TeamServerHandle;
      const out = await adminWith(first.configPath, ['sign-out', `${ADA.username}@example.com`], {
        PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY,
        PUNCHCARD_DB_PASSWORD: postgres.password,
      });
      expect(out.code, out.stderr).toBe(0);
      for (const instance of cluster.instances)
        await expect.poll(() => instance.stderr()).toMatch(/was signed out by the administrator; their engine on this instance is closed\./);
      await expect(ada.call('timer_status')).rejects.toThrow();
      for (let call = 0; call < 2; call++) expect(textOf(await tom.call('timer_status'))).toMatch(/^No timer running\./);
    } finally {
      await cluster?.close();
      postgres.remove();
    }
  }, 60_000);
});

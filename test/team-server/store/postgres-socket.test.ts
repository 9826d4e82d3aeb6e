// The PostgreSQL store reached through the database's Unix socket, as deploy/compose.yaml does (the
// socket's folder shared on a volume): the address names the folder in ?host=, as libpq and pg write
// it, and the socket asks for the password as TCP does (scram-sha-256), so the server signs in with
// the one its config names and nothing gets in without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../team-server/store/open-store.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

let postgres: TestPostgres;
const now = () => 1_800_000_000_000;

beforeAll(async () => {
  postgres = await startPostgres({ localAuth: 'scram-sha-256' });
}, 60_000);
afterAll(() => postgres?.remove());

/** The address of the test cluster's socket: its folder, and its port, which names the socket's file. */
const socketAddress = () => `postgres://punchcard@:${postgres.port}/punchcard?host=${postgres.socketFolder}`;

describe('the postgres store through a Unix socket', () => {
  it('opens on postgres://user@/database?host=/folder with the password and keeps what it is given', async () => {
    const store = await openStore(
      { store: socketAddress(), postgres: { password_env: 'PGPW', tls: 'disable', pool_size: 2 } },
      { now, env: { PGPW: postgres.password } },
    );
    try {
      await store.ping();
      expect((await store.savePerson({ id: 'p1', identity: 'dev:Ada', name: 'Ada', email: null, at: now() })).name).toBe('Ada');
      // The socket it used is the one in the folder: the row is in the cluster behind it.
      expect(postgres.psql("SELECT name FROM punchcard_people WHERE id = 'p1'").trim()).toBe('Ada');
      // And it is connected through the socket (no client address), besides this psql.
      const sessions = postgres.psql(
        "SELECT count(*) FROM pg_stat_activity WHERE usename = 'punchcard' AND client_addr IS NULL AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      expect(Number(sessions.trim())).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('opens on the folder percent-encoded where the host goes, as libpq also writes it', async () => {
    const store = await openStore(
      {
        store: `postgres://punchcard@${encodeURIComponent(postgres.socketFolder)}:${postgres.port}/punchcard`,
        postgres: { password_env: 'PGPW', tls: 'disable', pool_size: 2 },
      },
      { now, env: { PGPW: postgres.password } },
    );
    await store.ping();
    await store.close();
  });

  it('is refused without the password: the socket asks for it as TCP does', async () => {
    await expect(openStore({ store: socketAddress(), postgres: { tls: 'disable', pool_size: 2 } }, { now, env: {} })).rejects.toThrow(/password/i);
  });
});

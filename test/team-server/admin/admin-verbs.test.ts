// `punchcard-mcp admin` as the administrator runs it (admin/, docs/team-server/admin.md): the BUILT
// command line against the config and store of a BUILT server that is running, on SQLite and on
// PostgreSQL, with people signed in through OAuth on the fake Kimai. Every verb end to end: people,
// sign-out (followed by every instance), check (the back end and a real identity provider), and backup
// and restore of SQLite while the server serves (PostgreSQL's are pg_dump's: postgres-restore.test.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../../team-server/auth/server-keys.ts';
import { openSqliteStore } from '../../../team-server/store/sqlite-store.ts';
import { trackerPin } from '../../../team-server/team/tracker-pin.ts';
import { textOf } from '../../support/engine.ts';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, startIdentityProvider } from '../../support/identity-provider.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import {
  connectAs,
  type ConnectedClient,
  freePort,
  freshPostgresDatabase,
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
let fake: FakeKimai;
const servers: TeamServerHandle[] = [];
const clients: ConnectedClient[] = [];
const folders: string[] = [];

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => {});
  for (const server of servers.splice(0)) {
    if (server.running()) await server.stop();
    removeTeamServerData(server);
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The database password of each server on PostgreSQL, by its config file. */
const passwords = new Map<string, string>();

async function kimaiServer(store: 'sqlite' | 'postgres'): Promise<TeamServerHandle> {
  const postgres = store === 'postgres' ? await freshPostgresDatabase() : undefined;
  const server = await startTeamServer({
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    env: { PUNCHCARD_NOW: NOW },
    store,
    ...(postgres ? { postgres } : {}),
  });
  if (postgres) passwords.set(server.configPath, postgres.password);
  servers.push(server);
  return server;
}

/** The admin command with the server's own environment: its key, and the database password where there is one. */
function admin(server: TeamServerHandle, args: string[], env: Record<string, string> = {}) {
  const password = passwords.get(server.configPath);
  return runTeamCli(['admin', ...args, '--config', server.configPath], {
    PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY,
    ...(password ? { PUNCHCARD_DB_PASSWORD: password } : {}),
    ...env,
  });
}

async function signedIn(server: { origin: string; mcpUrl: string }, user: FakeUser): Promise<ConnectedClient> {
  const client = await connectAs(server, { era: 'modern', signIn: trackerSignIn(user.token) });
  clients.push(client);
  expect(textOf(await client.call('timer_status'))).toMatch(/^No timer running\./);
  return client;
}

describe.each(['sqlite', 'postgres'] as const)('admin on %s', (store) => {
  it('lists people with when they were last seen and the clients they connected', async () => {
    const server = await kimaiServer(store);
    await signedIn(server, ADA);
    const listed = await admin(server, ['people']);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, ...rows] = listed.stdout.trim().split('\n');
    expect(header).toBe('id\tlast seen\tname\te-mail\ttracker user\tconnected clients');
    expect(rows).toHaveLength(1);
    const [id, lastSeen, name, email, trackerUser, connected] = (rows[0] as string).split('\t');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(lastSeen as string)).toBeGreaterThan(Date.now() - 60_000);
    expect([name, email, trackerUser, connected]).toEqual([ADA.alias, `${ADA.username}@example.com`, '-', 'Punchcard test client']);
    expect(listed.stderr).toBe('1 person.\n');
    expect(listed.stdout).not.toContain(ADA.token);
  });

  it('signs a person out everywhere: their client is refused and their engine closes', async () => {
    const server = await kimaiServer(store);
    const ada = await signedIn(server, ADA);
    const tom = await signedIn(server, TOM);
    const out = await admin(server, ['sign-out', `${ADA.username}@example.com`]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /^Signed out [0-9a-f-]{36}: 1 grant revoked with their tokens, stored credentials removed; every instance closes their engine within seconds\.\n$/,
    );
    await expect(ada.call('timer_status')).rejects.toThrow();
    await expect.poll(() => server.stderr()).toMatch(/was signed out by the administrator; their engine on this instance is closed\./);
    // Tom goes on as before.
    expect(textOf(await tom.call('timer_status'))).toMatch(/^No timer running\./);
    const listed = await admin(server, ['people']);
    expect(listed.stdout).toMatch(new RegExp(`${ADA.username}@example\\.com\\t-\\t-\\n`));
    const unknown = await admin(server, ['sign-out', 'nobody@example.com']);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      'Nobody with the id or e-mail "nobody@example.com" has signed in to this server (admin people lists everyone).\n',
    ]);
  });

  it('checks the setup, a line a finding, and exits 1 when the back end cannot be reached', async () => {
    const server = await kimaiServer(store);
    const good = await admin(server, ['check']);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const lines = good.stdout.trim().split('\n');
    expect(lines.every((line) => line.startsWith('ok      '))).toBe(true);
    expect(lines.map((line) => line.slice(8).split(':')[0])).toEqual([
      'config',
      'key',
      ...(store === 'postgres' ? ['database password'] : []),
      'store',
      'back end',
      'metrics',
      'audit spool',
    ]);
    expect(good.stdout).toContain(`ok      back end: Kimai at ${fake.url} answers (HTTP `);
    const config = JSON.parse(readFileSync(server.configPath, 'utf8')) as Record<string, unknown>;
    const closedPort = await freePort();
    writeFileSync(server.configPath, JSON.stringify({ ...config, provider: { type: 'kimai', url: `http://127.0.0.1:${closedPort}` } }));
    const bad = await admin(server, ['check'], { PUNCHCARD_SERVER_KEY: 'too-short' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^problem key: PUNCHCARD_SERVER_KEY \(key_env\) is not base64|^problem key: PUNCHCARD_SERVER_KEY \(key_env\) holds \d+ bytes/m);
    expect(bad.stdout).toContain(`problem back end: Kimai at http://127.0.0.1:${closedPort} cannot be reached (ECONNREFUSED)`);
  });

  it('knows its key: a server, admin and audit given another are refused in one sentence, and nothing is sealed under it', async () => {
    const server = await kimaiServer(store);
    await signedIn(server, ADA);
    expect(await server.stop()).toBe(0);
    const wrongKey = randomBytes(32).toString('base64');
    const refusal = `The key in PUNCHCARD_SERVER_KEY (key_env), key ${keyIdOf(Buffer.from(wrongKey, 'base64'))}, is not this store's: this store opens with key ${keyIdOf(Buffer.from(TEST_SERVER_KEY, 'base64'))}. Nothing was changed.`;
    // serve: as the guide starts it, with the wrong key in key_env.
    const password = passwords.get(server.configPath);
    const serve = await runTeamCli(['serve', '--config', server.configPath], {
      PUNCHCARD_SERVER_KEY: wrongKey,
      ...(password ? { PUNCHCARD_DB_PASSWORD: password } : {}),
    });
    expect([serve.code, serve.stderr.split('\n').filter((line) => !line.startsWith('{'))]).toEqual([1, [refusal, '']]);
    for (const verb of [['people'], ['sign-out', `${ADA.username}@example.com`]]) {
      const run = await admin(server, verb, { PUNCHCARD_SERVER_KEY: wrongKey });
      expect([run.code, run.stdout, run.stderr]).toEqual([1, '', `${refusal}\n`]);
    }
    const audit = await runTeamCli(['audit', '--config', server.configPath], {
      PUNCHCARD_SERVER_KEY: wrongKey,
      ...(password ? { PUNCHCARD_DB_PASSWORD: password } : {}),
    });
    expect([audit.code, audit.stdout, audit.stderr]).toEqual([1, '', `${refusal}\n`]);
    const check = await admin(server, ['check'], { PUNCHCARD_SERVER_KEY: wrongKey });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`problem key: ${refusal.replace(' Nothing was changed.', '')}\n`);
    // With the right key everything is as it was: Ada signed in, with her client.
    const listed = await admin(server, ['people']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('\tPunchcard test client\n');
  });
});

describe('admin check with a company identity provider', () => {
  it('reads the provider’s discovery document, and says so when it cannot', async () => {
    const port = await freePort();
    const idp = await startIdentityProvider({ accounts: [], redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`], tls: false });
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-admin-check-'));
    folders.push(dir);
    const file = join(dir, 'server.json');
    const oidc = { issuer: idp.issuer, client_id: IDP_CLIENT_ID, client_secret_env: 'IDP_SECRET' };
    writeFileSync(
      file,
      JSON.stringify({
        public_url: `http://127.0.0.1:${port}`,
        listen: `127.0.0.1:${port}`,
        provider: { type: 'kimai', url: fake.url },
        sign_in: { tracker: true, oidc },
        store: `sqlite:${join(dir, 'server.db')}`,
        key_env: 'KEY',
      }),
    );
    // The store a server made at its first start: check opens what is there and makes none.
    await (await openSqliteStore(join(dir, 'server.db'), { now: Date.now })).close();
    const env = { KEY: TEST_SERVER_KEY, IDP_SECRET: IDP_CLIENT_SECRET };
    const good = await runTeamCli(['admin', 'check', '--config', file], env);
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain(`ok      identity provider: ${idp.issuer} publishes its discovery document\n`);
    expect(good.stdout).toContain('ok      identity provider secret: IDP_SECRET is set\n');
    await idp.close();
    const down = await runTeamCli(['admin', 'check', '--config', file], { KEY: TEST_SERVER_KEY });
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('problem identity provider secret: the environment variable IDP_SECRET is not set\n');
    expect(down.stdout).toMatch(/problem identity provider: .*\/\.well-known\/openid-configuration cannot be read \(ECONNREFUSED\)/);
  });

  it('refuses a command given wrongly, with the usage', async () => {
    const verbless = await runTeamCli(['admin', '--config', '/nowhere.json'], {});
    expect([verbless.code, verbless.stderr.split('\n')[0]]).toEqual([2, 'admin needs a verb.']);
    const wrong = await runTeamCli(['admin', 'reboot', '--config', '/nowhere.json'], {});
    expect(wrong.stderr.split('\n')[0]).toBe('admin has no verb "reboot".');
    const rotate = await runTeamCli(['admin', 'rotate-key', '--config', '/nowhere.json'], {});
    expect(rotate.stderr.split('\n')[0]).toBe('admin rotate-key takes --new-key-env VAR (to start) or --finish (to end).');
    const help = await runTeamCli(['admin', '--help'], {});
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('punchcard-mcp admin people --config FILE')]);
  });
});

describe('backup and restore', () => {
  it('backs the SQLite store up and restores it while the server serves', async () => {
    const server = await kimaiServer('sqlite');
    const ada = await signedIn(server, ADA);
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-backup-'));
    folders.push(dir);
    const file = join(dir, 'punchcard-backup.db');
    const backedUp = await admin(server, ['backup', file]);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(
      new RegExp(
        `^Backed up .*server\\.db to .*punchcard-backup\\.db \\(\\d+ pages\\)\\. It opens only with the server key it was made under, key ${keyIdOf(Buffer.from(TEST_SERVER_KEY, 'base64'))}: keep that key, apart from the file\\.\\n$`,
      ),
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(ADA.token)).toBe(false);
    expect((await admin(server, ['backup', file])).stderr).toBe(`${file} exists already; a backup never overwrites a file. Name a new one.\n`);
    // Tom signs in after the backup; the restore takes the store back to before him.
    const tom = await signedIn(server, TOM);
    expect((await admin(server, ['people'])).stdout.trim().split('\n')).toHaveLength(3);
    const restored = await admin(server, ['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/the server reads it from its next request\.\n/);
    // The store it replaced is kept beside it, the account's alone, with Tom in it.
    const kept =
      /The store it replaced is kept as (\S+\.replaced-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db) \(it holds what the backup lacks: 1 person who signed in since, (\d+) audit records? after it\); it opens with the same key\. Delete it once you no longer need it\.\n$/.exec(
        restored.stdout,
      );
    expect(kept, restored.stdout).not.toBeNull();
    const keptFile = kept?.[1] as string;
    expect(statSync(keptFile).mode & 0o777).toBe(0o600);
    const keptStore = new DatabaseSync(keptFile, { readOnly: true });
    expect((keptStore.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(2);
    keptStore.close();
    expect(readFileSync(keptFile).includes(TOM.token)).toBe(false);
    const people = (await admin(server, ['people'])).stdout;
    expect(people).toContain(`${ADA.username}@example.com`);
    expect(people).not.toContain(`${TOM.username}@example.com`);
    // The running server serves Ada from the restored store, without a restart.
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    // Tom's client, registered after the backup, is unknown to the restored store: it must sign in again.
    await expect(tom.call('timer_status')).rejects.toThrow(/Unauthorized/);
    const notABackup = join(dir, 'not-a-backup.db');
    writeFileSync(notABackup, 'hello');
    const refused = await admin(server, ['restore', notABackup]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not-a-backup\.db is not a SQLite database|not-a-backup\.db cannot be opened as a database/);
  });

  it('points a PostgreSQL store to pg_dump and pg_restore (postgres-restore.test.ts runs the guide’s commands)', async () => {
    const postgres: TestPostgres = await startPostgres();
    let cluster: TeamCluster | undefined;
    try {
      cluster = await startTeamCluster({
        postgres,
        instances: 1,
        setup: { provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } },
      });
      const instance = cluster.instances[0] as TeamServerHandle;
      passwords.set(instance.configPath, postgres.password);
      await signedIn({ origin: cluster.origin, mcpUrl: cluster.mcpUrl }, ADA);
      const refused = await admin(instance, ['backup', '/tmp/never.db']);
      expect([refused.code, refused.stderr]).toEqual([
        1,
        'This server keeps its store in PostgreSQL: back it up with pg_dump and restore it with pg_restore (docs/team-server/admin.md, "Backup and restore").\n',
      ]);
    } finally {
      await cluster?.close();
      postgres.remove();
    }
  });
});

describe('the admin verbs refuse in words, and change nothing', () => {
  /** The SQLite file the server's config names. */
  function storeFile(server: TeamServerHandle): string {
    return (JSON.parse(readFileSync(server.configPath, 'utf8')) as { store: string }).store.slice('sqlite:'.length);
  }

  it('restores neither a SQLite file that is no Punchcard store nor one a newer Punchcard wrote', async () => {
    const server = await kimaiServer('sqlite');
    await signedIn(server, ADA);
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-restore-'));
    folders.push(dir);
    const before = (await admin(server, ['people'])).stdout;
    expect(before).toContain(`${ADA.username}@example.com`);

    const plain = join(dir, 'plain.db');
    const other = new DatabaseSync(plain);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');");
    other.close();
    const notOurs = await admin(server, ['restore', plain]);
    expect([notOurs.code, notOurs.stderr]).toEqual([
      1,
      `${plain} is not a backup of a Punchcard store (it has no oauth, people, audit, counters table); nothing was restored.\n`,
    ]);

    const newer = join(dir, 'newer.db');
    expect((await admin(server, ['backup', newer])).code).toBe(0);
    const backup = new DatabaseSync(newer);
    const version = (backup.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    backup.exec(`PRAGMA user_version = ${version + 1}`);
    backup.close();
    const fromTheFuture = await admin(server, ['restore', newer]);
    expect([fromTheFuture.code, fromTheFuture.stderr]).toEqual([
      1,
      `${newer} was written by a newer Punchcard (store version ${version + 1}; this one knows up to ${version}); restore it with that version. Nothing was restored.\n`,
    ]);

    // The live store is as it was: the same people, its own version, and no staged copy beside it.
    expect((await admin(server, ['people'])).stdout).toBe(before);
    const live = new DatabaseSync(storeFile(server), { readOnly: true });
    expect((live.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(version);
    live.close();
    expect(readdirSync(join(storeFile(server), '..')).filter((name) => name.startsWith('.restoring-'))).toEqual([]);
  });

  it('finishes no rotation that is not under way, and starts none to the key in use', async () => {
    const server = await kimaiServer('sqlite');
    const finish = await admin(server, ['rotate-key', '--finish']);
    expect([finish.code, finish.stderr]).toEqual([1, 'No rotation of the server key is under way; start one with --new-key-env VAR.\n']);
    const same = await admin(server, ['rotate-key', '--new-key-env', 'NEW_SERVER_KEY'], { NEW_SERVER_KEY: TEST_SERVER_KEY });
    expect([same.code, same.stderr]).toEqual([1, 'NEW_SERVER_KEY holds the key in use; the new key must be another (openssl rand -base64 32).\n']);
    const unset = await admin(server, ['rotate-key', '--new-key-env', 'NEW_SERVER_KEY']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/^The environment variable NEW_SERVER_KEY \(--new-key-env\) is not set; /);
    // Nothing was started: finishing is still refused.
    expect((await admin(server, ['rotate-key', '--finish'])).stderr).toBe('No rotation of the server key is under way; start one with --new-key-env VAR.\n');
  });

  it('signs nobody out by an e-mail two people share, and signs one out by their id', async () => {
    const server = await kimaiServer('sqlite');
    const ada = await signedIn(server, ADA);
    await signedIn(server, TOM);
    const shared = `${ADA.username}@example.com`;
    const store = new DatabaseSync(storeFile(server), { timeout: 5_000 });
    store.prepare('UPDATE people SET email = ?').run(shared.toUpperCase());
    const ids = (store.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]).map((row) => row.id);
    store.close();
    expect(ids).toHaveLength(2);
    const refused = await admin(server, ['sign-out', shared]);
    expect([refused.code, refused.stderr]).toEqual([1, `"${shared}" is the e-mail of 2 people; sign out one by their id (admin people lists them).\n`]);
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    const byId = await admin(server, ['sign-out', ids[0] as string]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toMatch(new RegExp(`^Signed out ${ids[0]}: 1 grant revoked`));
  });

  it('shows the tracker user a person is pinned to, and unlinks them: the pin goes and they are signed out everywhere', async () => {
    const server = await kimaiServer('sqlite');
    const ada = await signedIn(server, ADA);
    const tom = await signedIn(server, TOM);
    // The pin an organisation sign-in sets (auth/organisation-match.ts), here written as the store keeps it;
    // Tom's names another Kimai, as after a server moved: it acts for nobody here, and says so.
    const store = new DatabaseSync(storeFile(server), { timeout: 5_000 });
    const pin = trackerPin({ type: 'kimai', url: fake.url }, '42');
    store.prepare('UPDATE people SET tracker_pin = ?, linked_at = 1 WHERE email = ?').run(pin, `${ADA.username}@example.com`);
    store.prepare('UPDATE people SET tracker_pin = ?, linked_at = 1 WHERE email = ?').run('kimai https://old.example.com #42', `${TOM.username}@example.com`);
    store.close();
    const listed = await admin(server, ['people']);
    expect(listed.stdout).toContain(`${ADA.username}@example.com\t#42\t`);
    expect(listed.stdout).toContain(`${TOM.username}@example.com\tkimai https://old.example.com #42 (another back end)\t`);
    const unlinked = await admin(server, ['people', 'unlink', `${ADA.username}@example.com`]);
    expect(unlinked.code, unlinked.stderr).toBe(0);
    expect(unlinked.stdout).toMatch(
      new RegExp(
        `^Unlinked [0-9a-f-]{36} from ${pin.replace(/[.]/g, '\\.')} and signed them out \\(1 grant revoked\\); their next sign-in matches their e-mail afresh\\.\n$`,
      ),
    );
    await expect(ada.call('timer_status')).rejects.toThrow();
    expect(textOf(await tom.call('timer_status'))).toMatch(/^No timer running\./);
    expect((await admin(server, ['people'])).stdout).toContain(`${ADA.username}@example.com\t-\t`);
    const again = await admin(server, ['people', 'unlink', `${ADA.username}@example.com`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^[0-9a-f-]{36} is not linked to a tracker user; nothing was changed\.\n$/);
    const wrong = await admin(server, ['people', 'unlink']);
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([
      2,
      'admin people takes no further words, or unlink and the person (their id or e-mail) (given: unlink).',
    ]);
  });
});

// The PostgreSQL backup and restore of docs/team-server/admin.md, "Backup and restore", run as written
// (read out of the guide, with only the host and the backup folder changed) against a real PostgreSQL
// whose administrator `postgres` is not Punchcard's role, as a company sets it up: the BUILT server on
// it with a person signed in through OAuth on the fake Kimai and an audit record; pg_dump while it
// serves; a dump that cannot be read, which changes nothing; the restore beside the database in use;
// the swap while the server is stopped; and the server serving exactly what the dump held, under the
// same key, with its tables still Punchcard's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockWith, inlineCommand, replaced } from '../../support/doc-commands.ts';
import { textOf } from '../../support/engine.ts';
import { binDir, startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { clientWithTokens } from '../../support/team-cluster.ts';
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

const GUIDE = 'docs/team-server/admin.md';
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
const TOM = DEFAULT_USERS[1] as FakeUser;

let fake: FakeKimai;
let postgres: TestPostgres;
let server: TeamServerHandle;
let ada: ConnectedClient;
let backups: string;
const clients: ConnectedClient[] = [];

beforeAll(async () => {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  postgres = await startPostgres({ administrator: 'postgres' });
  backups = mkdtempSync(join(tmpdir(), 'punchcard-pg-backup-'));
});

afterAll(async () => {
  for (const client of clients) await client.close().catch(() => {});
  if (server?.process.exitCode === null) await server.stop();
  if (server) removeTeamServerData(server);
  postgres?.remove();
  rmSync(backups, { recursive: true, force: true });
  await fake?.close();
});

/**
 * One of the guide's blocks in bash, stopping at the first command that fails: as Punchcard's role for
 * pg_dump (its password in PGPASSWORD, as the guide says), and otherwise as the database's administrator
 * over the cluster's socket (PGHOST, PGUSER, as the guide says where the database is elsewhere).
 */
function runGuide(script: string, replacements: ReadonlyArray<readonly [string, string]> = []): { status: number | null; output: string } {
  const commands = replaced(script, replacements);
  // --norc: Debian's bash reads its startup file when its input is a socket, as a pipe from Node is.
  const run = spawnSync('bash', ['--norc', '-euo', 'pipefail', '-c', commands], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${binDir()}:${process.env.PATH ?? ''}`,
      PGHOST: postgres.socketFolder,
      PGPORT: String(postgres.port),
      PGUSER: postgres.superuser,
      PGPASSWORD: postgres.password,
    },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function cli(args: string[]) {
  return runTeamCli([...args, '--config', server.configPath], { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY, PUNCHCARD_DB_PASSWORD: postgres.password });
}

/** `name owner` of each of the database's tables. */
const tables = (database: string): string[] =>
  postgres.psql("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", database).trim().split('\n');

describe('PostgreSQL: backup and restore as docs/team-server/admin.md shows it', () => {
  it('pg_dump backs the database up while the server serves', async () => {
    server = await startTeamServer({
      built: true,
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true },
      env: { PUNCHCARD_NOW: NOW },
      postgres: { url: postgres.url, password: postgres.password },
    });
    ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    clients.push(ada);
    const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    expect(postgres.superuser).toBe('postgres');
    expect(tables('punchcard').filter((line) => !line.endsWith(' punchcard'))).toEqual([]);

    const dumped = runGuide(blockWith(GUIDE, 'pg_dump'), [
      ['/backup/', `${backups}/`],
      ['db.example.com:5432', `127.0.0.1:${postgres.port}`],
    ]);
    expect(dumped.status, dumped.output).toBe(0);
    expect(readFileSync(join(backups, 'punchcard-2026-11-18.dump')).subarray(0, 5).toString()).toBe('PGDMP');

    // After the dump: Tom signs in, the audit log loses its records (the bad day the restore is for),
    // and a newer version adds a table of its own.
    clients.push(await connectAs(server, { era: 'modern', signIn: trackerSignIn(TOM.token) }));
    postgres.psql('DELETE FROM punchcard_audit; SET ROLE punchcard; CREATE TABLE punchcard_added_later (id INTEGER)');
    expect((await cli(['audit'])).stdout).toBe('');
  });

  it('a dump that cannot be read stops at pg_restore: the database in use is untouched and serves on', async () => {
    const broken = mkdtempSync(join(backups, 'broken-'));
    const whole = readFileSync(join(backups, 'punchcard-2026-11-18.dump'));
    writeFileSync(join(broken, 'punchcard-2026-11-18.dump'), whole.subarray(0, Math.floor(whole.length / 2)));
    const failed = runGuide(blockWith(GUIDE, 'pg_restore'), [['/backup/', `${broken}/`]]);
    expect(failed.status, failed.output).not.toBe(0);
    expect(postgres.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", 'punchcard_restored').trim()).toBe('0');
    const status = await ada.call('timer_status');
    expect(textOf(status)).toMatch(/Website/);
    expect((await cli(['admin', 'people'])).stdout).toContain(`${TOM.username}@example.com`);
    // As the guide says, before trying again.
    const dropped = runGuide(inlineCommand(GUIDE, 'dropdb punchcard_restored'));
    expect(dropped.status, dropped.output).toBe(0);
  });

  it('restores beside the database in use, swaps the two while the server is stopped, and serves what the dump held', async () => {
    const restored = runGuide(blockWith(GUIDE, 'pg_restore'), [['/backup/', `${backups}/`]]);
    expect(restored.status, restored.output).toBe(0);
    expect(await server.stop()).toBe(0);
    const swapped = runGuide(blockWith(GUIDE, 'ALTER DATABASE'));
    expect(swapped.status, swapped.output).toBe(0);
    server = await server.restart();

    // The same key opens it: Ada's client goes on with the tokens it holds, and her record is back.
    const again = await clientWithTokens(server.mcpUrl, ada.oauth);
    clients.push(again);
    expect(textOf(await again.call('timer_status'))).toMatch(/Website/);
    const audit = await cli(['audit']);
    expect(audit.code, audit.stderr).toBe(0);
    expect(
      audit.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { tool: string }).tool),
    ).toEqual(['clock_in']);
    const people = (await cli(['admin', 'people'])).stdout;
    expect(people).toContain(`${ADA.username}@example.com`);
    expect(people).not.toContain(`${TOM.username}@example.com`);
    // The dump and nothing else, its tables Punchcard's although the administrator restored them.
    const restoredTables = tables('punchcard');
    expect(restoredTables).not.toContainEqual(expect.stringMatching(/^punchcard_added_later /));
    expect(restoredTables.filter((line) => !line.endsWith(' punchcard'))).toEqual([]);
    // The database that was replaced keeps everything since the dump, until the administrator drops it.
    expect(tables('punchcard_replaced')).toContain('punchcard_added_later punchcard');
    const dropped = runGuide(inlineCommand(GUIDE, 'dropdb punchcard_replaced'));
    expect(dropped.status, dropped.output).toBe(0);
    expect(postgres.psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'punchcard%'", 'postgres').trim()).toBe('1');
  });
});

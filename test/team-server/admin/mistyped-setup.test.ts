// An administrator's slips that used to look fine, in process: a SQLite path or a database with a typo
// (admin check said "ok (0 people)" and made an empty store there), a backup into a folder that does
// not exist (a stack trace), metrics on an address every machine reaches (not a word). Each is now a
// sentence, a failing line where `admin check` finds it, and nothing made on the way; `serve`, which
// may make a new store, says so in its first log line.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentencesLog } from '../../support/sentences-log.ts';
import { openServerStore } from '../../../team-server/team/server-setup.ts';
import { startTeamServer } from '../../../team-server/team/team-server.ts';
import { readServerConfigFile } from '../../../team-server/config/server-config-file.ts';
import { runAdmin, writeServerConfig } from '../../support/admin-setup.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

const KEY = randomBytes(32).toString('base64');
let dir: string;
let postgres: TestPostgres;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'punchcard-mistyped-'));
  postgres = await startPostgres();
}, 60_000);
afterAll(() => {
  postgres?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** A config file with `overrides`, and the admin command run on it with the key (and the database password). */
function configured(overrides: Record<string, unknown>) {
  const { configPath: file } = writeServerConfig(dir, overrides, `server-${Math.random().toString(36).slice(2)}.json`);
  const admin = (...argv: string[]) => runAdmin(file, argv, { PUNCHCARD_SERVER_KEY: KEY, PGPW: postgres.password });
  return { file, admin };
}

describe('a store that is not there', () => {
  it('SQLite: admin check says so as a problem and makes neither the file nor its folder; every verb says so in one sentence', async () => {
    const missing = join(dir, 'typo', 'servr.db');
    const { admin } = configured({ store: `sqlite:${missing}` });
    const check = await admin('check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `problem store: There is no store at ${missing}: no server has run with it yet (serve makes it at its first start), or "store" in the config names the wrong file. Nothing was created.\n`,
    );
    expect(check.stdout).not.toMatch(/^ok {6}store/m);
    for (const verb of [['people'], ['sign-out', 'ada@example.com'], ['rotate-key', '--finish'], ['backup', join(dir, 'b.db')]]) {
      const run = await admin(...verb);
      expect([run.code, run.stderr.split('\n').length], run.stderr).toEqual([1, 2]);
      expect(run.stderr).toMatch(/^store: There is no store at /);
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('PostgreSQL: a database without Punchcard’s tables is a problem, and admin check makes none', async () => {
    const name = `empty_${randomBytes(4).toString('hex')}`;
    postgres.psql(`CREATE DATABASE ${name}`);
    const url = postgres.url.replace(/\/punchcard$/, `/${name}`);
    const { admin } = configured({
      store: url,
      postgres: { password_env: 'PGPW', tls: 'disable' },
      provider: { type: 'kimai', url: 'http://127.0.0.1:9' },
      sign_in: { tracker: true },
    });
    const check = await admin('check');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/problem store: The PostgreSQL database empty_\w+ at 127\.0\.0\.1:\d+ has no Punchcard tables: no server has run with it yet/);
    expect(postgres.psql(`SELECT count(*) FROM pg_tables WHERE tablename LIKE 'punchcard%'`, name).trim()).toBe('0');
  });

  it('serve makes a new store, and says so first', async () => {
    const fresh = join(dir, 'fresh', 'server.db');
    const { file } = configured({ store: `sqlite:${fresh}` });
    const read = readServerConfigFile(file);
    if (!read.ok) throw new Error(read.problem);
    const said: string[] = [];
    const server = await startTeamServer({ config: read.config, env: { PUNCHCARD_SERVER_KEY: KEY }, log: sentencesLog(said), policyFiles: [] });
    await server.close();
    expect(said[0]).toBe(
      `A new store was made at ${fresh}: nobody has signed in yet. If this server had people before, its store is elsewhere: check "store" in the config.`,
    );
  });
});

describe('admin backup', () => {
  it('of a file that is no store: one sentence, exit 1, nothing written', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'not a database, whatever its name says');
    const { admin } = configured({ store: `sqlite:${garbage}` });
    const target = join(dir, 'garbage-backup.db');
    expect(await admin('backup', target)).toEqual({ code: 1, stdout: '', stderr: `${garbage} cannot be read as a Punchcard store; nothing was done.\n` });
    expect(existsSync(target)).toBe(false);
  });

  it('into a folder that does not exist: one sentence, exit 1, nothing written', async () => {
    const { file, admin } = configured({});
    const read = readServerConfigFile(file);
    if (!read.ok) throw new Error(read.problem);
    await (await openServerStore(read.config, { PUNCHCARD_SERVER_KEY: KEY }, Buffer.from(KEY, 'base64'), Date.now, () => {})).store.close();
    const target = join(dir, 'no-such-folder', 'backup.db');
    expect(await admin('backup', target)).toEqual({
      code: 1,
      stdout: '',
      stderr: `The folder ${join(dir, 'no-such-folder')} does not exist: make it first (mkdir -p ${join(dir, 'no-such-folder')}) or name a file in another. Nothing was written.\n`,
    });
    const intoAFile = await admin('backup', join(file, 'backup.db'));
    expect(intoAFile.stderr).toBe(`${file} is not a folder, so ${join(file, 'backup.db')} cannot be written there. Nothing was written.\n`);
  });
});

describe('admin check on the metrics’ address', () => {
  it.each([
    ['127.0.0.1:9464', undefined, true],
    ['[::1]:9464', undefined, true],
    ['0.0.0.0:9464', undefined, false],
    ['10.0.0.5:9464', undefined, false],
    ['0.0.0.0:9464', true, true],
  ])('%s (public: %s) is %s', async (listen, isPublic, ok) => {
    const { admin } = configured({ metrics: { listen, ...(isPublic === undefined ? {} : { public: isPublic }) } });
    const metricsLine = (await admin('check')).stdout.split('\n').find((line) => line.includes(' metrics: ')) as string;
    if (ok) expect(metricsLine).toMatch(/^ok {6}metrics: served for Prometheus at http:\/\//);
    else
      expect(metricsLine).toBe(
        `problem metrics: the metrics at ${listen} are reachable from other machines, and tell anyone there who is busy and how much (people's counts, tools, errors). ` +
          'Listen on 127.0.0.1, or keep the port to Prometheus (a firewall, a NetworkPolicy) and set "metrics": { "public": true } to say it is meant (docs/team-server/monitoring.md)',
      );
  });
});

describe('admin check on where audit records wait while the store is away', () => {
  it('says where, makes nothing, and is a problem where the folder cannot be made', async () => {
    const dataDir = join(dir, 'spool-data');
    const { admin } = configured({ data_dir: dataDir });
    const line = async () => (await admin('check')).stdout.split('\n').find((each) => each.includes(' audit spool: ')) as string;
    expect(await line()).toBe(`ok      audit spool: records wait in ${join(dataDir, 'audit-spool')} while the store is away (made the first time)`);
    expect(existsSync(dataDir)).toBe(false);
    const blocker = join(dir, 'a-plain-file');
    writeFileSync(blocker, '');
    const blocked = configured({ data_dir: join(blocker, 'data') });
    const blockedLine = (await blocked.admin('check')).stdout.split('\n').find((each) => each.includes(' audit spool: '));
    expect(blockedLine).toBe(
      `problem audit spool: ${join(blocker, 'data', 'audit-spool')} cannot be made (${blocker} is a file): audit records could not wait while the store is away. Set data_dir to a folder on this instance's own volume`,
    );
  });
});

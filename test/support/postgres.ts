// A throwaway PostgreSQL for tests and the bench: Debian's `postgresql` binaries, a cluster made with
// initdb in a temporary folder, listening on a free loopback port with password (SCRAM) sign-in, as
// a company's database would ask. PostgreSQL refuses to run as root, so as root the cluster runs as
// the `postgres` account the package made. Throws (never skips) when PostgreSQL is not installed. A
// watcher stops and removes the cluster once the process that started it is gone, however it ended
// (a test worker is killed, not exited), so no database outlives its tests.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './team-server.ts';

export interface TestPostgres {
  /** `postgres://punchcard@127.0.0.1:<port>/punchcard` (the password is in `password`). */
  url: string;
  password: string;
  port: number;
  /** The folder of its Unix socket (`.s.PGSQL.<port>` in it). */
  socketFolder: string;
  /** Stops it cleanly (pg_ctl stop -m fast). */
  stop(): void;
  /** Starts it again on the same port and data. */
  start(): void;
  /** Stops it and removes its files. */
  remove(): void;
  /** Runs SQL as the cluster's superuser (in the database `punchcard`, or the one named), and answers its output. */
  psql(sql: string, database?: string): string;
  /** The cluster's superuser: `punchcard` itself, or the administrator named at the start. */
  superuser: string;
}

/** The folder of Debian's PostgreSQL programs (initdb, pg_ctl, pg_dump, pg_restore, psql), the newest version installed. */
export function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found)
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb). Install Debian's `postgresql` package (scripts/setup.sh does).",
    );
  return found;
}

/**
 * `administrator`: a superuser of that name, apart from `punchcard`, which is then an ordinary role
 * owning the database `punchcard`, as a company gives Punchcard one (docs/team-server/README.md).
 * By default `punchcard` is the superuser.
 * `localAuth`: how a connection through the Unix socket signs in: `trust` (the default: the tests'
 * own psql needs no password) or `scram-sha-256`, the password as over TCP.
 */
export async function startPostgres(setup: { administrator?: string; localAuth?: 'trust' | 'scram-sha-256' } = {}): Promise<TestPostgres> {
  const superuser = setup.administrator ?? 'punchcard';
  const bin = binDir();
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-pg-'));
  const data = join(folder, 'data');
  const password = randomBytes(12).toString('base64url');
  let port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  // psql signs in with the password wherever the socket asks for one.
  const env = { ...process.env, PGPASSWORD: password };
  // What psql prints grows with what a test wrote, and a quick machine writes more under a load that lasts a
  // given time: past spawnSync's default of 1 MB the program was killed (status null) on a quiet machine only.
  const spawned = { encoding: 'utf8' as const, cwd: folder, env, maxBuffer: 256 * 1024 * 1024 };
  const run = (command: string, args: string[], input?: string) => {
    const file = join(bin, command);
    const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', file, ...args], { ...spawned, input }) : spawnSync(file, args, { ...spawned, input });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.error?.message}): ${result.stderr}${result.stdout}`);
    return result.stdout;
  };
  const pwfile = join(folder, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  chmodSync(folder, 0o700);
  if (owner !== undefined) {
    chownSync(folder, owner, -1);
    chownSync(pwfile, owner, -1);
  }
  run('initdb', [
    '-D',
    data,
    '-U',
    superuser,
    `--auth-local=${setup.localAuth ?? 'trust'}`,
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  rmSync(pwfile);
  const log = join(folder, 'log');
  const options = () =>
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-w', '-t', '120', '-l', log, '-o', options(), 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
  // The port was free when asked for, but another process (a test's server, a container) may take it
  // before PostgreSQL binds it: then another, as an administrator would. Any other failure says what
  // PostgreSQL logged.
  for (let attempt = 1; ; attempt++) {
    try {
      start();
      break;
    } catch (error) {
      const logged = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (attempt < 3 && /could not bind|Address already in use/i.test(logged)) {
        port = await freePort();
        continue;
      }
      throw new Error(`${(error as Error).message}\nPostgreSQL's log:\n${logged.split('\n').slice(-20).join('\n')}`, { cause: error });
    }
  }
  const stopCommand = `${asRoot ? 'runuser -u postgres -- ' : ''}${join(bin, 'pg_ctl')} -D ${data} -m immediate stop`;
  spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stopCommand} >/dev/null 2>&1; rm -rf ${folder}`], {
    detached: true,
    stdio: 'ignore',
  }).unref();
  const psql = (sql: string) => run('psql', ['-h', folder, '-p', String(port), '-U', superuser, '-d', 'postgres', '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  if (superuser === 'punchcard') psql('CREATE DATABASE punchcard');
  else {
    psql(`CREATE ROLE punchcard LOGIN PASSWORD '${password}'`);
    psql('CREATE DATABASE punchcard OWNER punchcard');
  }
  return {
    url: `postgres://punchcard@127.0.0.1:${port}/punchcard`,
    password,
    port,
    socketFolder: folder,
    stop,
    start,
    superuser,
    psql: (sql, database = 'punchcard') =>
      run('psql', ['-h', folder, '-p', String(port), '-U', superuser, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql]),
    remove() {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

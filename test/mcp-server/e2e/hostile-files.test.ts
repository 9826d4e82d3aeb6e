// The built server over real stdio, among files and processes that are not what it hopes for:
// another program holding the timesheet locked, another application's database at its path, a
// read-only data folder, a config.json that is a FIFO or not UTF-8. The server answers what it can
// at once, says what is wrong in words, changes no byte that is not its own, and keeps running.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimesheet } from '../../../mcp-server/providers/local/database.ts';
import { makeUserDataDir, startEngine, writeSettings } from '../../support/engine.ts';
import { cleanUp, type Era, eraRequest, legacyOpening, modernOpening, type RawServer, serverEnv, spawnRawServer } from '../../support/raw-stdio.ts';
import { holdExclusiveLock } from '../../support/exclusive-lock.ts';

const call = (era: Era, id: number, name: string, args: Record<string, unknown> = {}) => eraRequest(era, id, 'tools/call', { name, arguments: args });

function start(dir: string, era: Era = 'legacy', launcher: string[] = []): RawServer {
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir), undefined, launcher);
  server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
  return server;
}

async function result(server: RawServer, id: number): Promise<{ isError?: boolean; text: string; structured?: Record<string, unknown> }> {
  const { message } = await server.response(id);
  if (message.error) throw new Error(`request ${id} failed: ${message.error.message}`);
  const value = message.result as { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, unknown> };
  return {
    ...(value.isError ? { isError: true } : {}),
    text: value.content[0]?.text ?? '',
    ...(value.structuredContent ? { structured: value.structuredContent } : {}),
  };
}

/** A timesheet with one finished entry, closed again, as an earlier session leaves it. */
async function seededTimesheet(dir: string): Promise<void> {
  const { db } = await openTimesheet(join(dir, 'punchcard.db'));
  const start = Date.parse('2026-11-20T08:00:00Z');
  db.prepare(`INSERT INTO time_entries (start_ms, end_ms, description, created_at, updated_at) VALUES (?, ?, 'Seeded', ?, ?)`).run(
    start,
    start + 3_600_000,
    start,
    start,
  );
  db.close();
}

const folders: string[] = [];
function dataDir(settings?: Record<string, unknown>): string {
  const dir = makeUserDataDir(settings);
  folders.push(dir);
  return dir;
}
afterEach(() => {
  cleanUp();
  for (const dir of folders.splice(0)) {
    try {
      chmodSync(dir, 0o755);
    } catch {
      // already gone
    }
    execFileSync('rm', ['-rf', dir]);
  }
});

describe.each(['legacy', 'modern'] as const)('a lock another program holds on the timesheet (%s era)', (era) => {
  it('delays only the call that needs the database: tools/list and whoami answer first', async () => {
    const dir = dataDir();
    await seededTimesheet(dir);
    const lock = holdExclusiveLock(join(dir, 'punchcard.db'));
    await lock.locked;
    const server = start(dir, era);
    await server.response(2);

    server.send(call(era, 3, 'list_time_entries', { from: '2026-11-20', to: '2026-11-20' }));
    // Give the call time to reach SQLite and find the lock.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const sentAt = performance.now();
    server.send(eraRequest(era, 4, 'tools/list'), call(era, 5, 'whoami'));
    const list = await server.response(4);
    const whoami = await result(server, 5);
    expect((list.message.result as { tools: unknown[] }).tools.length).toBeGreaterThan(10);
    expect(whoami.isError).toBeUndefined();
    // The locked call has not answered yet: the list and whoami did not wait for it.
    expect(server.messages().some((message) => message.id === 3)).toBe(false);
    expect(list.at - sentAt).toBeLessThan(5_000); // a generous bound: the lock is held for 10 s

    await lock.release();
    const entries = await result(server, 3);
    expect(entries.isError).toBeUndefined();
    expect(entries.text).toMatch(/Seeded/);
    const order = server
      .messages()
      .map((message) => message.id)
      .filter((id) => typeof id === 'number' && id >= 3);
    expect(order).toEqual([4, 5, 3]);
  });
});

describe('a file at the timesheet path that is not a timesheet', () => {
  it("refuses another application's database in words, changes no byte, and keeps serving", async () => {
    const dir = dataDir();
    const path = join(dir, 'punchcard.db');
    const other = new DatabaseSync(path);
    other.exec(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')`);
    other.close();
    const bytes = readFileSync(path);
    const server = start(dir);
    server.send(call('legacy', 3, 'clock_in'), call('legacy', 4, 'timer_status'), call('legacy', 5, 'whoami'));
    const clockIn = await result(server, 3);
    expect(clockIn).toMatchObject({ isError: true });
    expect(clockIn.text).toBe(
      `${path} is another application's SQLite database (tables: notes). Punchcard has not changed it. ` +
        'Move it elsewhere (or rename it), and Punchcard starts a new timesheet there.',
    );
    expect((await result(server, 4)).text).toBe(clockIn.text);
    expect((await result(server, 5)).isError).toBeUndefined();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('punchcard.db'))).toEqual(['punchcard.db']);
  });
});

/**
 * Runs the server with `dir` read-only: as root (who may write through any permission bits) inside
 * a private mount namespace with the folder bind-mounted read-only; as anyone else, by its mode.
 */
function readOnlyLauncher(dir: string): string[] {
  if (process.getuid?.() !== 0) {
    chmodSync(join(dir, 'punchcard.db'), 0o444);
    chmodSync(dir, 0o555);
    return [];
  }
  return ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"', dir];
}

describe('a read-only data folder', () => {
  it('reads the timesheet and says, for a write, that the folder is read-only', async () => {
    const dir = dataDir();
    await seededTimesheet(dir);
    const bytes = readFileSync(join(dir, 'punchcard.db'));
    const server = start(dir, 'legacy', readOnlyLauncher(dir));
    server.send(
      call('legacy', 3, 'list_time_entries', { from: '2026-11-20', to: '2026-11-20' }),
      call('legacy', 4, 'timer_status'),
      call('legacy', 5, 'clock_in', { description: 'Not saved' }),
    );
    const entries = await result(server, 3);
    expect(entries.isError).toBeUndefined();
    expect(entries.text).toMatch(/Seeded/);
    expect((await result(server, 4)).isError).toBeUndefined();
    const clockIn = await result(server, 5);
    expect(clockIn.isError).toBe(true);
    expect(clockIn.text).toBe(
      `The folder ${dir} is read-only, so Punchcard cannot save to the timesheet there; reading works. ` +
        'Nothing was changed. Make the folder writable (or move the data folder somewhere writable) and try again.',
    );
    await server.close();
    expect(readFileSync(join(dir, 'punchcard.db')).equals(bytes)).toBe(true);
  });

  it('takes the next write once the folder is writable again, without a restart', async () => {
    const dir = dataDir();
    await seededTimesheet(dir);
    // Permission bits, which root writes through: as root the server runs as nobody, owning the folder.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('chown', ['-R', '65534:65534', dir]);
    chmodSync(dir, 0o555);
    const server = start(dir, 'legacy', asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : []);
    server.send(call('legacy', 3, 'clock_in', { description: 'Refused' }));
    expect((await result(server, 3)).text).toMatch(/^The folder .* is read-only, so Punchcard cannot save to the timesheet there; reading works\./);

    chmodSync(dir, 0o755);
    server.send(call('legacy', 4, 'clock_in', { description: 'Saved' }));
    expect((await result(server, 4)).isError).toBeUndefined();
    server.send(call('legacy', 5, 'list_time_entries', { from: '2026-11-20', to: 'today' }));
    expect((await result(server, 5)).text).toMatch(/Seeded[\s\S]*Saved/);
    await server.close();
    const db = new DatabaseSync(join(dir, 'punchcard.db'), { readOnly: true });
    expect(
      db
        .prepare('SELECT description FROM time_entries ORDER BY id')
        .all()
        .map((row) => row.description),
    ).toEqual(['Seeded', 'Saved']);
    db.close();
  });

  it('says there is no timesheet yet and none can be created, when the folder is empty', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'punchcard.db'), '');
    const server = start(dir, 'legacy', readOnlyLauncher(dir));
    server.send(call('legacy', 3, 'timer_status'));
    const status = await result(server, 3);
    expect(status.isError).toBe(true);
    expect(status.text).toMatch(new RegExp(`The folder ${dir} is read-only, so Punchcard cannot create its timesheet there\\.`));
  });
});

describe('a config.json that cannot be settings', () => {
  it('answers the opening without waiting on a FIFO at config.json, and whoami says why nothing else is offered', async () => {
    const dir = dataDir();
    execFileSync('mkfifo', [join(dir, 'config.json')]);
    const server = start(dir);
    const list = await server.response(2);
    expect((list.message.result as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toEqual(['whoami']);
    server.send(call('legacy', 3, 'whoami'));
    expect((await result(server, 3)).text).toMatch(/config\.json cannot be used: it is not a regular file \(a pipe, device or folder\), so it is not read\./);
    expect(server.stderr()).toMatch(/config\.json cannot be used: it is not a regular file \(a pipe, device or folder\), so it is not read\./);
  });

  it('names the setting that holds bytes that are not UTF-8, instead of showing a garbled name', async () => {
    const dir = dataDir();
    writeFileSync(
      join(dir, 'config.json'),
      Buffer.concat([Buffer.from('{\n  "schemaVersion": 1,\n  "user": { "name": "J'), Buffer.from([0xc3, 0x28]), Buffer.from('rg" }\n}\n')]),
    );
    const server = start(dir);
    server.send(call('legacy', 3, 'whoami'));
    const whoami = await result(server, 3);
    expect(whoami.text).not.toMatch(/\uFFFD/);
    expect(whoami.text).toMatch(
      /config\.json cannot be used: it is not valid UTF-8: the setting user\.name holds bytes that are not UTF-8 text \(line 3\); save it as UTF-8\./,
    );
    expect(server.stderr()).toMatch(
      /config\.json cannot be used: it is not valid UTF-8: the setting user\.name holds bytes that are not UTF-8 text \(line 3\)/,
    );
  });
});

describe('a data folder others on the computer may enter', () => {
  it("is made the person's alone, with the timesheet, its -wal and -shm and the settings memo, even under umask 000", async () => {
    const home = mkdtempSync(join(tmpdir(), 'punchcard-home-'));
    const dir = makeUserDataDir();
    writeSettings(dir, { timezone: 'Europe/Berlin' });
    // As an older Punchcard, or a folder copied from elsewhere, left it.
    chmodSync(dir, 0o755);
    const umask = process.umask(0o000);
    try {
      const engine = await startEngine({ userDataDir: dir, env: { HOME: home } });
      try {
        expect((await engine.call('clock_in', { description: 'sick child, home at noon' })).isError).toBeFalsy();
        const modeOf = (name: string) => (statSync(join(dir, name)).mode & 0o777).toString(8);
        expect({
          folder: modeOf('.'),
          db: modeOf('punchcard.db'),
          wal: modeOf('punchcard.db-wal'),
          shm: modeOf('punchcard.db-shm'),
          memo: modeOf('config.checked.json'),
        }).toEqual({
          folder: '700',
          db: '600',
          wal: '600',
          shm: '600',
          memo: '600',
        });
        expect(engine.stderr()).not.toContain('could not be made');
      } finally {
        await engine.close();
      }
    } finally {
      process.umask(umask);
      rmSync(dir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});

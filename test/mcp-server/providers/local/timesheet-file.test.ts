import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimesheet } from '../../../../mcp-server/providers/local/database.ts';
import { MIGRATIONS } from '../../../../mcp-server/providers/local/migrations.ts';
import { identifyTimesheetFile, PUNCHCARD_APPLICATION_ID } from '../../../../mcp-server/providers/local/timesheet-file.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { holdExclusiveLock } from '../../../support/exclusive-lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-file-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database another program made at the timesheet's path, in rollback-journal mode unless asked. */
function foreignDatabase(sql: string, options: { wal?: boolean } = {}): string {
  const path = join(tempDir(), 'punchcard.db');
  const db = new DatabaseSync(path);
  if (options.wal) db.exec('PRAGMA journal_mode = WAL');
  db.exec(sql);
  db.close();
  return path;
}

/** Opens, expects a refusal whose message matches, and checks that not one byte or side file changed. */
async function expectRefusedUntouched(path: string, message: RegExp): Promise<string> {
  const bytes = readFileSync(path);
  const files = readdirSync(join(path, '..')).sort();
  const error = await openTimesheet(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackEndError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toMatch(/\.\./);
  expect(readFileSync(path).equals(bytes)).toBe(true);
  expect(readdirSync(join(path, '..')).sort()).toEqual(files);
  return (error as Error).message;
}

describe('identifying the file before anything writes to it', () => {
  it("refuses another application's database and leaves every byte as it was", async () => {
    const path = foreignDatabase(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('groceries')`);
    const header = readFileSync(path).subarray(18, 20);
    expect([...header]).toEqual([1, 1]); // rollback journal: must not become WAL (2, 2)
    await expectRefusedUntouched(path, /is another application's SQLite database \(tables: notes\)\. Punchcard has not changed it\. Move it elsewhere/);
  });

  it('creates no -wal or -shm beside a WAL-mode database that is not ours', async () => {
    const path = foreignDatabase(`CREATE TABLE notes (text TEXT)`, { wal: true });
    const before = readdirSync(join(path, '..'));
    expect(before).toEqual(['punchcard.db']);
    await expectRefusedUntouched(path, /another application's SQLite database/);
  });

  it('refuses a database with tables named like ours but no version, instead of "table customers already exists"', async () => {
    const path = foreignDatabase(`CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)`);
    await expectRefusedUntouched(path, /another application's SQLite database \(tables: customers\)/);
  });

  it('refuses a file that claims our version but lacks tables, instead of "no such table: projects"', async () => {
    const path = foreignDatabase(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = 1`);
    await expectRefusedUntouched(
      path,
      /says it is a Punchcard timesheet \(schema 1\), but it has no tables projects, activities, time_entries, leave_requests\. .*Restore it from a backup/,
    );
  });

  it('refuses a file whose tables lack our columns, instead of "no such column: e.start_ms"', async () => {
    const path = foreignDatabase(`${MIGRATIONS[0]}; ALTER TABLE time_entries RENAME COLUMN start_ms TO started; PRAGMA user_version = 1`);
    await expectRefusedUntouched(path, /its table time_entries has no column start_ms/);
  });

  it('refuses a timesheet from a newer Punchcard in rollback-journal mode without switching it to WAL', async () => {
    const path = foreignDatabase(`${MIGRATIONS[0]}; PRAGMA user_version = ${MIGRATIONS.length + 1}; PRAGMA application_id = ${PUNCHCARD_APPLICATION_ID}`);
    const counter = readFileSync(path).readUInt32BE(24);
    const message = await expectRefusedUntouched(
      path,
      new RegExp(
        `was written by a newer Punchcard \\(timesheet schema ${MIGRATIONS.length + 1}; this one reads up to ${MIGRATIONS.length}\\)\\. Punchcard has not changed it\\. Update Punchcard to use it\\.$`,
      ),
    );
    expect(message).not.toContain('..');
    expect([...readFileSync(path).subarray(18, 20)]).toEqual([1, 1]);
    expect(readFileSync(path).readUInt32BE(24)).toBe(counter);
  });

  it("refuses a database stamped with another application's id", async () => {
    const path = foreignDatabase(`PRAGMA application_id = 1234; CREATE TABLE t (x)`);
    await expectRefusedUntouched(path, /another application's SQLite database \(application id 0x4d2\)/);
  });

  it('refuses a file that is not SQLite at all', async () => {
    const path = join(tempDir(), 'punchcard.db');
    writeFileSync(path, 'id,start,end\n1,09:00,17:00\n');
    await expectRefusedUntouched(path, /is not a SQLite database, so it is not a Punchcard timesheet/);
  });

  it('refuses a FIFO at the path without waiting on it', async () => {
    const dir = tempDir();
    const path = join(dir, 'punchcard.db');
    execFileSync('mkfifo', [path]);
    await expect(openTimesheet(path)).rejects.toThrow(/is not a regular file, so it cannot be a timesheet/);
  });

  it('refuses a folder at the path', async () => {
    const path = join(tempDir(), 'punchcard.db');
    mkdirSync(path);
    await expect(openTimesheet(path)).rejects.toThrow(/is a folder|not a regular file/);
  });

  it('takes an empty file or an empty SQLite database as a new timesheet', async () => {
    const empty = join(tempDir(), 'punchcard.db');
    writeFileSync(empty, '');
    expect(await identifyTimesheetFile(empty)).toEqual({ kind: 'new' });
    const emptyDatabase = foreignDatabase('PRAGMA user_version = 0; VACUUM');
    expect(await identifyTimesheetFile(emptyDatabase)).toEqual({ kind: 'new' });
    for (const path of [empty, emptyDatabase]) {
      const { db } = await openTimesheet(path);
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
      db.close();
    }
  });

  it('takes its own timesheet, old or current, as a timesheet', async () => {
    const path = join(tempDir(), 'punchcard.db');
    (await openTimesheet(path)).db.close();
    expect(await identifyTimesheetFile(path)).toEqual({ kind: 'timesheet', version: MIGRATIONS.length });
  });

  it("reads another application's WAL database while that application has it open, adding no file and changing no byte", async () => {
    const path = foreignDatabase(`CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')`, { wal: true });
    // The other application, in a process of its own, keeps the file open with changes still in its WAL.
    const other = holdOpen(path, `INSERT INTO notes VALUES ('still in the WAL')`);
    await other.ready;
    try {
      expect(readdirSync(join(path, '..')).sort()).toEqual(['punchcard.db', 'punchcard.db-shm', 'punchcard.db-wal']);
      const wal = readFileSync(`${path}-wal`);
      await expectRefusedUntouched(path, /another application's SQLite database \(tables: notes\)/);
      expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);
    } finally {
      await other.release();
    }
  });

  it('says the file is busy, without advising to move it, while another program holds it locked, and reads it once it lets go', async () => {
    const path = join(tempDir(), 'punchcard.db');
    (await openTimesheet(path)).db.close();
    const bytes = readFileSync(path);
    const lock = holdExclusiveLock(path);
    await lock.locked;
    try {
      const seen = await identifyTimesheetFile(path, 300);
      expect(seen).toEqual({
        kind: 'busy',
        reason:
          `Another program has held ${path} locked for 0.3 s (a backup or sync tool, or an open sqlite3 session), so Punchcard could not check that it is a timesheet. ` +
          'Punchcard has not changed it. Try again once that program lets go of the file.',
      });
    } finally {
      await lock.release();
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(await identifyTimesheetFile(path, 300)).toEqual({ kind: 'timesheet', version: MIGRATIONS.length });
  });

  it('still advises restoring or moving a timesheet whose own pages are damaged', async () => {
    const path = join(tempDir(), 'punchcard.db');
    (await openTimesheet(path)).db.close();
    // The schema's page overwritten past the header: damage in the file itself, on every look.
    const damaged = readFileSync(path);
    damaged.fill(0x55, 100, 4096);
    writeFileSync(path, damaged);
    await expectRefusedUntouched(path, /could not be read as a SQLite database \(.*\)\. Punchcard has not changed it\. Move it elsewhere/);
  });
});

/** Another process that opens `path`, runs `sql` (so its WAL holds changes), and keeps the file open until released. */
function holdOpen(path: string, sql: string): { ready: Promise<void>; release: () => Promise<void> } {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(path)});
       db.exec('PRAGMA wal_autocheckpoint = 0');
       db.exec(${JSON.stringify(sql)});
       process.stdout.write('open\\n');
       process.stdin.once('data', () => { db.close(); process.exit(0); });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => holder.on('exit', () => resolve()));
  return {
    ready: new Promise<void>((resolve) => holder.stdout.once('data', () => resolve())),
    release: async () => {
      holder.stdin.write('go\n');
      await exited;
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimesheet, readTimesheet, whileBusy, writeTransaction } from '../../../../mcp-server/providers/local/database.ts';
import { PUNCHCARD_APPLICATION_ID } from '../../../../mcp-server/providers/local/timesheet-file.ts';
import { MIGRATIONS } from '../../../../mcp-server/providers/local/migrations.ts';

const sqliteError = (errcode: number) => Object.assign(new Error('database is locked'), { errcode });

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-db-'));
  dirs.push(dir);
  return join(dir, 'punchcard.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes the lock, says "locked" on stdout, and lets go after `holdMs`. */
function holdLock(path: string, sql: string, holdMs: number) {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(path)}, { timeout: 5000 });
       db.exec(${JSON.stringify(sql)}); process.stdout.write('locked\\n');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return {
    locked: new Promise<void>((resolve) => holder.stdout.once('data', () => resolve())),
    exited: new Promise((resolve) => holder.on('exit', resolve)),
  };
}

describe('whileBusy', () => {
  it('retries "database is locked" answers, including extended busy codes, until the work succeeds', async () => {
    let calls = 0;
    const result = await whileBusy('x.db', 1000, () => {
      calls++;
      if (calls === 1) throw sqliteError(5);
      if (calls === 2) throw sqliteError(517); // SQLITE_BUSY_SNAPSHOT
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('passes every other error through at once', async () => {
    let calls = 0;
    await expect(
      whileBusy('x.db', 1000, () => {
        calls++;
        throw sqliteError(19); // SQLITE_CONSTRAINT
      }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('waits on a timer, not on SQLite: other work runs between the attempts', async () => {
    let attempts = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      await whileBusy('x.db', 5000, () => {
        attempts++;
        if (attempts < 8) throw sqliteError(5);
      });
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('gives up after the wait with a sentence naming the file, not "database is locked"', async () => {
    await expect(
      whileBusy('/data/punchcard.db', 50, () => {
        throw sqliteError(5);
      }),
    ).rejects.toThrow(/Another program has held \/data\/punchcard\.db locked .* Nothing was changed\. Try again/);
  });
});

describe('writeTransaction', () => {
  it('waits for another process holding the write lock, then commits', async () => {
    const path = tempPath();
    const ours = await openTimesheet(path);
    const holder = holdLock(path, `BEGIN IMMEDIATE; INSERT INTO customers (name, created_at) VALUES ('First', 0)`, 300);
    await holder.locked;
    await writeTransaction(ours, () => ours.db.exec(`INSERT INTO customers (name, created_at) VALUES ('Second', 0)`));
    expect(ours.db.prepare('SELECT name FROM customers ORDER BY id').all()).toEqual([{ name: 'First' }, { name: 'Second' }]);
    await holder.exited;
    ours.db.close();
  });

  it('rolls everything back when the work fails half-way', async () => {
    const sheet = await openTimesheet(tempPath());
    await expect(
      writeTransaction(sheet, () => {
        sheet.db.exec(`INSERT INTO customers (name, created_at) VALUES ('Acme', 0)`);
        sheet.db.exec(`INSERT INTO customers (name, created_at) VALUES ('acme', 0)`);
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(sheet.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect(sheet.db.isTransaction).toBe(false);
    sheet.db.close();
  });

  it('keeps the event loop free while another process holds an exclusive lock, and opens and reads once it lets go', async () => {
    const path = tempPath();
    (await openTimesheet(path)).db.close();
    // What a backup tool or a forgotten sqlite3 session does: readers are shut out as well.
    const holder = holdLock(path, `PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO customers (name, created_at) VALUES ('Held', 0)`, 400);
    await holder.locked;
    const order: string[] = [];
    const read = openTimesheet(path).then(async (sheet) => {
      const rows = await readTimesheet(sheet, () => sheet.db.prepare('SELECT name FROM customers').all());
      order.push('read');
      sheet.db.close();
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20)).then(() => order.push('timer'));
    expect(await read).toEqual([{ name: 'Held' }]);
    expect(order).toEqual(['timer', 'read']);
    await holder.exited;
  });
});

describe('openTimesheet', () => {
  it('creates a new timesheet in WAL mode, marked with the application id and the schema version', async () => {
    const path = tempPath();
    const { db } = await openTimesheet(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA application_id').get()).toEqual({ application_id: PUNCHCARD_APPLICATION_ID });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    db.close();
  });

  it('marks a timesheet an earlier Punchcard made without the mark, keeping its rows', async () => {
    const path = tempPath();
    const old = new DatabaseSync(path);
    old.exec('PRAGMA journal_mode = WAL');
    old.exec(MIGRATIONS[0] as string);
    old.exec(`PRAGMA user_version = 1; INSERT INTO customers (name, created_at) VALUES ('Kept', 0)`);
    old.close();
    const { db } = await openTimesheet(path);
    expect(db.prepare('PRAGMA application_id').get()).toEqual({ application_id: PUNCHCARD_APPLICATION_ID });
    expect(db.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Kept' }]);
    db.close();
  });

  it('lets two processes open a new file at once: one creates the schema, neither fails', async () => {
    const path = tempPath();
    const [a, b] = await Promise.all([openTimesheet(path), openTimesheet(path)]);
    expect(a.db.prepare('PRAGMA user_version').get()).toEqual({ user_version: MIGRATIONS.length });
    expect(b.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    a.db.close();
    b.db.close();
  });
});

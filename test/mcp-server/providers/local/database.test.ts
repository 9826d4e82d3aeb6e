import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase, retryWhileBusy, writeTransaction } from '../../../../mcp-server/providers/local/database.ts';

const sqliteError = (errcode: number) => Object.assign(new Error('database is locked'), { errcode });

describe('retryWhileBusy', () => {
  it('retries "database is locked" answers, including extended busy codes, until the work succeeds', () => {
    let calls = 0;
    const result = retryWhileBusy(() => {
      calls++;
      if (calls === 1) throw sqliteError(5);
      if (calls === 2) throw sqliteError(517); // SQLITE_BUSY_SNAPSHOT
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('passes every other error through at once', () => {
    let calls = 0;
    expect(() =>
      retryWhileBusy(() => {
        calls++;
        throw sqliteError(19); // SQLITE_CONSTRAINT
      }),
    ).toThrow();
    expect(calls).toBe(1);
  });
});

describe('writeTransaction', () => {
  it('waits for another process holding the write lock, then commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-db-'));
    try {
      const path = join(dir, 'punchcard.db');
      const ours = openDatabase(path);
      // Another process takes the write lock, says so, and holds it for 300 ms.
      const holder = spawn(
        process.execPath,
        ['-e', `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(path)});
          db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO customers (name, created_at) VALUES ('First', 0)");
          process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      writeTransaction(ours, () => ours.exec(`INSERT INTO customers (name, created_at) VALUES ('Second', 0)`));
      expect(ours.prepare('SELECT name FROM customers ORDER BY id').all()).toEqual([{ name: 'First' }, { name: 'Second' }]);
      await new Promise((resolve) => holder.on('exit', resolve));
      ours.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls everything back when the work fails half-way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-db-'));
    try {
      const db = openDatabase(join(dir, 'punchcard.db'));
      expect(() =>
        writeTransaction(db, () => {
          db.exec(`INSERT INTO customers (name, created_at) VALUES ('Acme', 0)`);
          db.exec(`INSERT INTO customers (name, created_at) VALUES ('acme', 0)`);
        }),
      ).toThrow(/UNIQUE/);
      expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
      expect(db.isTransaction).toBe(false);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

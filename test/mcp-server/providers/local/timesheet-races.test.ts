// A fresh engine identifying and opening the timesheet while other engines write it, checkpoint its
// WAL and are killed (SIGKILL) in the middle of it: real processes on one file, as the app's engine
// and one engine per AI client are. Whatever the others are doing, the file is a timesheet, and the
// fresh engine must say so every time: never "could not be read as a SQLite database … move it".
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimesheet, writeTransaction } from '../../../../mcp-server/providers/local/database.ts';
import { identifyTimesheetFile } from '../../../../mcp-server/providers/local/timesheet-file.ts';
import { MIGRATIONS } from '../../../../mcp-server/providers/local/migrations.ts';

const WRITER = fileURLToPath(new URL('./timesheet-writer.script.ts', import.meta.url));
const WRITERS = 3;
const ROUNDS = 8;
const LOOKS_PER_ROUND = 60;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * An engine writing the timesheet until killed, once its first entry is committed. One that is
 * refused the file is a fresh engine answered wrongly too: its words go to `wrong`, and another
 * one is started in its place.
 */
async function startWriter(path: string, wrong: string[]): Promise<ChildProcess> {
  for (;;) {
    const writer = spawn(process.execPath, [WRITER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(writer);
    const first = await new Promise<string>((resolve) => {
      let text = '';
      writer.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0] as string);
      });
      writer.once('exit', (code, signal) => resolve(`stopped before writing (${code ?? signal})`));
    });
    if (first === 'writing') return writer;
    wrong.push(`writer: ${first}`);
    if (wrong.length > 20) throw new Error(`writers keep failing: ${wrong.join('; ')}`);
  }
}

function killHard(writer: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    writer.once('exit', () => resolve());
    writer.kill('SIGKILL');
  });
}

describe('identifying the timesheet while other engines write it', () => {
  it('says it is a timesheet every time, through checkpoints and writers killed mid-write, and a fresh engine writes to it', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-races-'));
    dirs.push(dir);
    const path = join(dir, 'punchcard.db');
    (await openTimesheet(path)).db.close();
    const wrong: string[] = [];
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => startWriter(path, wrong)));
    let looks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let look = 0; look < LOOKS_PER_ROUND; look++) {
        const seen = await identifyTimesheetFile(path);
        looks++;
        if (seen.kind !== 'timesheet' || seen.version !== MIGRATIONS.length) wrong.push(JSON.stringify(seen));
      }
      // A fresh engine: opens the file as the first call after its start does, and writes once.
      try {
        const fresh = await openTimesheet(path);
        await writeTransaction(fresh, () =>
          fresh.db.prepare(`INSERT INTO time_entries (start_ms, end_ms, description, created_at, updated_at) VALUES (0, 1, 'fresh', 0, 0)`).run(),
        );
        fresh.db.close();
      } catch (error) {
        wrong.push(`open: ${(error as Error).message}`);
      }
      // kill -9 one of them, mid-write or mid-checkpoint, and start another in its place.
      const slot = round % WRITERS;
      await killHard(writers[slot] as ChildProcess);
      writers[slot] = await startWriter(path, wrong);
    }
    await Promise.all(writers.map(killHard));

    expect(wrong).toEqual([]);
    expect(looks).toBe(ROUNDS * LOOKS_PER_ROUND);
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(db.prepare(`SELECT count(*) AS n FROM time_entries WHERE description = 'fresh'`).get()).toEqual({ n: ROUNDS });
    // The looks met writers at work: the ones started wrote much more than once each.
    expect((db.prepare(`SELECT count(*) AS n FROM time_entries WHERE description != 'fresh'`).get() as { n: number }).n).toBeGreaterThan(
      10 * (WRITERS + ROUNDS),
    );
    db.close();
  });
});

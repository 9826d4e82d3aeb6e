// Several server processes (the app's engine plus one per AI client) on one timesheet, clocking in
// and out as fast as they can. The database must keep exactly the history the callers were told.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';

const PROCESSES = 6;
const ROUNDS = 40;

describe('several servers on one database', () => {
  const engines: EngineHandle[] = [];
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
  });

  it('never has two running timers and loses or duplicates nothing', async () => {
    const dir = makeUserDataDir();
    for (let i = 0; i < PROCESSES; i++) engines.push(await startEngine({ userDataDir: dir }));

    const started: string[] = [];
    const stoppedIds: number[] = [];
    const unexpected: string[] = [];
    await Promise.all(
      engines.map(async (engine, process) => {
        for (let round = 0; round < ROUNDS; round++) {
          const description = `p${process}-r${round}`;
          const clockIn = await engine.call('clock_in', { description });
          if (!clockIn.isError) started.push(description);
          else if (!/already running/.test(textOf(clockIn))) unexpected.push(textOf(clockIn));

          const clockOut = await engine.call('clock_out');
          if (!clockOut.isError) stoppedIds.push((clockOut.structuredContent?.stopped as { id: number }).id);
          else if (!/No timer is running/.test(textOf(clockOut))) unexpected.push(textOf(clockOut));
        }
      }),
    );

    expect(unexpected).toEqual([]);
    expect(started.length).toBeGreaterThan(0);

    const db = new DatabaseSync(join(dir, 'punchcard.db'), { readOnly: true });
    const rows = db.prepare('SELECT id, description, end_ms FROM time_entries ORDER BY id').all() as Array<{
      id: number;
      description: string;
      end_ms: number | null;
    }>;
    db.close();

    // Every successful clock_in is one row, and no row was made without the caller being told.
    expect(rows.map((row) => row.description).sort()).toEqual([...started].sort());
    // Every successful clock_out stopped a different entry, and every stopped entry was reported.
    expect(new Set(stoppedIds).size).toBe(stoppedIds.length);
    expect(
      rows
        .filter((row) => row.end_ms !== null)
        .map((row) => row.id)
        .sort((a, b) => a - b),
    ).toEqual([...stoppedIds].sort((a, b) => a - b));
    expect(rows.filter((row) => row.end_ms === null).length).toBeLessThanOrEqual(1);
    for (const engine of engines) expect(engine.stderr()).not.toMatch(/SQLITE_BUSY|database is locked/);
  });
});

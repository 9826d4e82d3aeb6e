// The team server's gauge of kept writes (providers/outbox/outbox-store.ts, waitingWrites): counted as
// the engine counts them, for the server's back end only, and a dismissed decision waits for nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, it } from 'vitest';
import { OUTBOX_MIGRATIONS, waitingWrites } from '../../../../mcp-server/providers/outbox/outbox-store.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function outboxWith(rows: Array<{ backEnd: string; state: string; dismissed?: boolean }>): string {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-waiting-'));
  folders.push(folder);
  const file = join(folder, 'outbox.db');
  const db = new DatabaseSync(file);
  for (const migration of OUTBOX_MIGRATIONS) db.exec(migration);
  const insert = db.prepare(
    "INSERT INTO outbox (back_end, kind, origin, payload, happened_at, state, dismissed_at) VALUES (?, 'clock_in', 'ai', '{}', 0, ?, ?)",
  );
  for (const row of rows) insert.run(row.backEnd, row.state, row.dismissed ? 1 : null);
  db.close();
  return file;
}

it('counts queued, sending and undecided writes of the back end, not sent, adjusted, dismissed or another back end’s', () => {
  const file = outboxWith([
    { backEnd: 'kimai', state: 'queued' },
    { backEnd: 'kimai', state: 'sending' },
    { backEnd: 'kimai', state: 'needs_decision' },
    { backEnd: 'kimai', state: 'needs_decision', dismissed: true },
    { backEnd: 'kimai', state: 'sent' },
    { backEnd: 'kimai', state: 'adjusted' },
    { backEnd: 'clockodo', state: 'queued' },
  ]);
  expect(waitingWrites(file, 'kimai')).toBe(3);
  expect(waitingWrites(file, 'clockodo')).toBe(1);
});

it('counts none where the person has no outbox, or the file is not one', () => {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-waiting-'));
  folders.push(folder);
  expect(waitingWrites(join(folder, 'outbox.db'), 'kimai')).toBe(0);
  const other = new DatabaseSync(join(folder, 'other.db'));
  other.exec('CREATE TABLE t (x)');
  other.close();
  expect(waitingWrites(join(folder, 'other.db'), 'kimai')).toBe(0);
});

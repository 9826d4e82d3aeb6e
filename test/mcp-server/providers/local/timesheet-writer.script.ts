// Child process of timesheet-races.test.ts: an engine writing the timesheet as fast as it can. It
// opens the file the way the engine does and commits one entry after another, each with a long
// description so that the file keeps growing, and checkpoints the WAL after every 30 entries
// (SQLite does that itself once the WAL holds 1000 pages; more often here, so that a short test
// meets many checkpoints). It prints "writing" once its first entry is committed and runs until it
// is killed; if the timesheet cannot be opened, it prints "refused: " and why, and ends. Node runs
// this file directly (type stripping), outside Vitest.
//
//   node timesheet-writer.script.ts <path of punchcard.db>
import { openTimesheet, writeTransaction } from '../../../../mcp-server/providers/local/database.ts';

const path = process.argv[2] as string;
const sheet = await openTimesheet(path).catch((error: unknown) => {
  process.stdout.write(`refused: ${(error as Error).message}\n`);
  process.exit(0);
});
const insert = sheet.db.prepare('INSERT INTO time_entries (start_ms, end_ms, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
const description = `written by ${process.pid}: ${'a long note '.repeat(250)}`;
for (let written = 1; ; written++) {
  const now = Date.now();
  await writeTransaction(sheet, () => insert.run(now, now + 1, description, now, now));
  if (written === 1) process.stdout.write('writing\n');
  if (written % 30 === 0) sheet.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  // A moment between entries, as between an engine's calls: the others get the lock too.
  await new Promise((resolve) => setTimeout(resolve, 1));
}

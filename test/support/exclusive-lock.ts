// Another process holding an EXCLUSIVE lock on a SQLite file until released: what a backup tool or
// a forgotten `sqlite3` session does. Readers are shut out as well. SQLite refuses this lock while a
// WAL reader is attached, so take it before the server under test first opens the file.
import { spawn } from 'node:child_process';

/** `write` is a statement that writes to a table of the file (a timesheet's, unless told). */
export function holdExclusiveLock(
  path: string,
  write = 'UPDATE time_entries SET description = description',
): { locked: Promise<void>; release: () => Promise<void> } {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(path)}, { timeout: 5000 });
       db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; ' + ${JSON.stringify(write)});
       process.stdout.write('locked\\n');
       process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => holder.on('exit', () => resolve()));
  return {
    locked: new Promise<void>((resolve) => holder.stdout.once('data', () => resolve())),
    release: async () => {
      holder.stdin.write('go\n');
      await exited;
    },
  };
}

// A SQLite store as an older Punchcard left it, for the tests of upgrades (docs/team-server/upgrading.md):
// the tables of the first `version` steps of team-server/store/sqlite-store.ts, which is exactly the
// schema a release of that store version wrote, holding the rows of a store the server made now,
// column by column (the columns a later step added are left behind), at user_version `version`. The
// rows are real: people, grants and tokens sealed under the test's key, the audit log.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from '../../team-server/store/sqlite-store.ts';

/** Rewrites the store at `path` (its server stopped) as store version `version` left it. */
export function rewriteAsStoreVersion(path: string, version: number): void {
  if (version < 1 || version >= MIGRATIONS.length) throw new Error(`Store version ${version} is not an older one (this build writes ${MIGRATIONS.length}).`);
  const older = `${path}.older`;
  rmSync(older, { force: true });
  const db = new DatabaseSync(older);
  try {
    for (const step of MIGRATIONS.slice(0, version)) db.exec(step);
    db.prepare('ATTACH DATABASE ? AS newer').run(path);
    const tables = db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      const columnsOf = (schema: string) =>
        (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(name, schema) as { name: string }[]).map((column) => column.name);
      const newer = new Set(columnsOf('newer'));
      const shared = columnsOf('main').filter((column) => newer.has(column));
      const list = shared.map((column) => `"${column}"`).join(', ');
      db.exec(`INSERT INTO main."${name}" (${list}) SELECT ${list} FROM newer."${name}"`);
    }
    // AUTOINCREMENT's counters as the store had them, so the next audit record or sign-out goes on from there.
    db.exec('DELETE FROM main.sqlite_sequence');
    db.exec(
      "INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM newer.sqlite_sequence WHERE name IN (SELECT name FROM main.sqlite_master WHERE type = 'table')",
    );
    db.exec('DETACH DATABASE newer');
    db.exec(`PRAGMA user_version = ${version}`);
  } finally {
    db.close();
  }
  for (const companion of [`${path}-wal`, `${path}-shm`]) if (existsSync(companion)) rmSync(companion);
  renameSync(older, path);
}

/** The store's user_version: the store version it was written at. */
export function storeVersionOf(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  } finally {
    db.close();
  }
}

/** Marks the store as a newer Punchcard than this build would leave it (the test's stand-in for a release after this one). */
export function markAsNewerStore(path: string): number {
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
  } finally {
    db.close();
  }
  return MIGRATIONS.length + 1;
}

// What a SQLite store file says of its server key (auth/key-rotation.ts, KeyEvidence), read straight
// from the file through a read-only connection: nothing migrated, nothing written. `admin backup` and
// `admin restore` check the key this way, because a backup must hold the store as its version left it
// (an upgrade's backup is taken before the new version migrates it), and a restore that goes back to
// an older version meets a live store a newer one migrated, which it may not open as a store.
import { DatabaseSync } from 'node:sqlite';
import { KEY_SAMPLE, type KeyEvidence } from '../auth/key-rotation.ts';

/** The key's state and, where there is none, a sample of what is sealed; undefined where the file cannot be read so. */
export function sqliteKeyEvidence(path: string): KeyEvidence | undefined {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true, timeout: 5_000 });
  } catch {
    return undefined;
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    const state = tables.has('server_state')
      ? (db.prepare("SELECT value FROM server_state WHERE name = 'key rotation'").get() as { value: string } | undefined)?.value
      : undefined;
    if (state !== undefined) return { state, sample: [] };
    const records = tables.has('oauth')
      ? (db.prepare('SELECT model, id, payload FROM oauth LIMIT ?').all(KEY_SAMPLE) as { model: string; id: string; payload: string }[]).map((row) => ({
          sealed: row.payload,
          bound: `${row.model}:${row.id}`,
        }))
      : [];
    const credentials = tables.has('people')
      ? (db.prepare('SELECT id, credentials FROM people WHERE credentials IS NOT NULL LIMIT ?').all(KEY_SAMPLE) as { id: string; credentials: string }[]).map(
          (row) => ({ sealed: row.credentials, bound: `credentials:${row.id}` }),
        )
      : [];
    return { state: undefined, sample: [...records, ...credentials] };
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

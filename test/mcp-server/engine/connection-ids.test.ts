// Which connection handed out which number (engine/connections/connection-ids.ts), kept by identity: a name given is
// stored as what stands for its connection, read back as the name of the connection that stands for it in this
// engine (another engine may call it otherwise); an older file's rows by name are read over once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectionIds, idsInFile, keyedIds } from '../../../mcp-server/engine/connections/connection-ids.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function trackersDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-ids-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'trackers.db');
}

function opened(ids: ConnectionIds): ConnectionIds {
  cleanups.push(() => ids.close());
  return ids;
}

/** Connections by name and the key each stands for in one engine. */
const keys = (byName: Record<string, string>) => ({ keyOf: async (name: string) => byName[name], names: () => Object.keys(byName) });

describe('numbers kept by identity', () => {
  it('is read by the name each engine calls the connection now, and a holder no connection stands for stays what it is', async () => {
    const path = trackersDb();
    const before = opened(
      keyedIds(
        idsInFile(path, () => {}),
        keys({ acme: '.', acme2: 'trackers/acme2' }),
      ),
    );
    await before.remember([{ kind: 'entry', id: '1006', tracker: 'acme' }]);
    // Renamed in another engine: the data folder's files are acme2's there.
    const after = opened(
      keyedIds(
        idsInFile(path, () => {}),
        keys({ acme2: '.', acme: 'trackers/acme2' }),
      ),
    );
    expect(await after.holders('entry', '1006')).toEqual(['acme2']);
    expect(await before.holders('entry', '1006')).toEqual(['acme']);
    // The tracker that gave it out is gone from a third engine's settings.
    const without = opened(
      keyedIds(
        idsInFile(path, () => {}),
        keys({ acme: 'trackers/acme2' }),
      ),
    );
    expect(await without.holders('entry', '1006')).toEqual(['.']);
  });

  it("reads an older Punchcard's rows by name over once, by what each name stands for; one it cannot place is dropped", async () => {
    const path = trackersDb();
    const older = new DatabaseSync(path);
    older.exec('CREATE TABLE handed_out (kind TEXT NOT NULL, id TEXT NOT NULL, tracker TEXT NOT NULL, PRIMARY KEY (kind, id, tracker)) WITHOUT ROWID');
    const insert = older.prepare('INSERT INTO handed_out VALUES (?, ?, ?)');
    insert.run('entry', '12', 'acme');
    insert.run('entry', '13', 'gone');
    older.close();
    const placed: Record<string, string> = { acme: '.' };
    const ids = opened(
      idsInFile(
        path,
        () => {},
        (name) => placed[name],
      ),
    );
    expect(await ids.holders('entry', '12')).toEqual(['.']);
    expect(await ids.holders('entry', '13')).toEqual([]);
    // An older engine still writing by name after that is not read by this one.
    const later = new DatabaseSync(path);
    later.prepare('INSERT INTO handed_out VALUES (?, ?, ?)').run('entry', '14', 'acme');
    later.close();
    ids.close();
    const again = opened(
      idsInFile(
        path,
        () => {},
        (name) => placed[name],
      ),
    );
    expect(await again.holders('entry', '14')).toEqual([]);
  });
});

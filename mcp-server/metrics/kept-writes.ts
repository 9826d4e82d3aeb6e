// How many writes wait in people's outboxes (providers/outbox/outbox-store.ts): kept while their
// back end was out of reach, not yet sent or settled. Read at a scrape, for the people whose engine
// is open on this instance only (their outbox is where this instance keeps it), each file opened
// read-only for one count: the engines writing it are never held up.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { OUTBOX_FILE } from '../providers/outbox/outbox-store.ts';

export function keptWritesWaiting(dataDir: string, personIds: Iterable<string>): number {
  let waiting = 0;
  for (const id of personIds) {
    const file = join(dataDir, 'people', id, OUTBOX_FILE);
    if (!existsSync(file)) continue;
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file, { readOnly: true, timeout: 100 });
      const row = db.prepare("SELECT count(*) AS waiting FROM outbox WHERE state IN ('queued', 'sending', 'needs_decision')").get() as { waiting: number };
      waiting += row.waiting;
    } catch {
      // A file being made, or locked past the short wait: counted at the next scrape.
    } finally {
      db?.close();
    }
  }
  return waiting;
}

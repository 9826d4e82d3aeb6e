// The audit records of calls answered at once, written to the store together (group commit): each
// call still waits for its own record to be in the store before its answer leaves (audit-writer.ts),
// but while one batch is being written the records arriving meanwhile gather for the next, so a
// busy instance writes its audit log in a round trip a batch, not one a call. One record per call,
// each taking a connection of the store's pool, made every write wait its turn for the pool twice
// under load; a batch takes one.
//
// The first record of a batch waits for the end of the event loop's turn (setImmediate) before it is
// written, so the records of every call answered in the same turn share one transaction. On SQLite,
// whose writes are synchronous, a record written at once always made a batch of its own: a `BEGIN
// IMMEDIATE`…`COMMIT`, its WAL frames and a dozen lock calls a write. What waits is only the call's
// answer, which still leaves after its own record is committed (audit-writer.ts awaits it).
import { type AuditRecord, MAX_AUDIT_BATCH, type Store } from '../store/store.ts';

/** How a record's write ended: in the store, refused by the store for what it holds, or the store's failure (away). */
export type BatchedWrite = { kept: true } | { kept: false; error: unknown; refusedForItself: boolean };

export class AuditBatches {
  readonly #store: Store;
  readonly #refusedForItself: (error: unknown) => boolean;
  #gathering: { record: AuditRecord; settle: (outcome: BatchedWrite) => void }[] = [];
  /** A batch is being written, or one is due at the end of this turn. */
  #writing = false;

  /** `refusedForItself`: whether the store refused a record for what it holds (it is then given up, alone). */
  constructor(store: Store, refusedForItself: (error: unknown) => boolean) {
    this.#store = store;
    this.#refusedForItself = refusedForItself;
  }

  /** Writes `record` with the others waiting now; resolves with how its write ended, never rejects. */
  write(record: AuditRecord): Promise<BatchedWrite> {
    return new Promise((settle) => {
      this.#gathering.push({ record, settle });
      if (this.#writing) return;
      this.#writing = true;
      setImmediate(() => void this.#writeAll());
    });
  }

  async #writeAll(): Promise<void> {
    try {
      while (this.#gathering.length > 0) {
        const batch = this.#gathering.splice(0, MAX_AUDIT_BATCH);
        const outcomes = await writeTogether(
          this.#store,
          batch.map((entry) => entry.record),
          this.#refusedForItself,
        );
        // In the batch's order: a caller that must spool its record (the store away) does so in turn.
        batch.forEach((entry, index) => entry.settle(outcomes[index] as BatchedWrite));
      }
    } finally {
      this.#writing = false;
    }
  }
}

/**
 * Records to the store in order, in one transaction where the store takes them all; where it refuses
 * the batch for a record's sake, one by one, so only that record is refused (given up by the caller).
 * From the first sign the store is away, that record and every one after it are "away" too: none is
 * written ahead of one before it. Resolves with how each ended, never rejects.
 */
export async function writeTogether(store: Store, records: readonly AuditRecord[], refusedForItself: (error: unknown) => boolean): Promise<BatchedWrite[]> {
  if (records.length === 0) return [];
  try {
    await store.appendAudits(records);
    return records.map(() => ({ kept: true }));
  } catch (error) {
    const refused = refusedForItself(error);
    if (!refused || records.length === 1) return records.map(() => ({ kept: false, error, refusedForItself: refused }));
  }
  const outcomes: BatchedWrite[] = [];
  for (const record of records) {
    const previous = outcomes.at(-1);
    if (previous && !previous.kept && !previous.refusedForItself) {
      outcomes.push(previous);
      continue;
    }
    try {
      await store.appendAudit(record);
      outcomes.push({ kept: true });
    } catch (error) {
      outcomes.push({ kept: false, error, refusedForItself: refusedForItself(error) });
    }
  }
  return outcomes;
}

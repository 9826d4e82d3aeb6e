// Writes the audit log to the store without making a call wait for it, and without losing a record
// while the store is away: a write to the back end is done by the time its audit record is written,
// so a database restarting must not take the record of it along. Records wait in this process, in
// order, and are written when the store answers again; past a bound (a long outage) the oldest are
// given up, said on stderr with their count. A process killed outright loses what was waiting.
import type { Log } from '../../mcp-server/log.ts';
import { type AuditRecord, type Store, StoreUnavailable } from '../store/store.ts';

/** Records kept waiting at most: a few minutes of a large company's writes, a few megabytes. */
const MAX_WAITING = 10_000;
/** How often waiting records are tried again. */
const RETRY_MS = 2_000;

export class AuditWriter {
  readonly #store: Store;
  readonly #log: Log;
  readonly #waiting: AuditRecord[] = [];
  /**
   * The record being written now, taken out of #waiting: records arriving meanwhile, and the bound
   * giving up the oldest of them, cannot move or drop it, and it is not taken for the next one.
   */
  #inFlight: AuditRecord | undefined;
  #writing: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failing = false;
  #givenUp = 0;

  constructor(store: Store, log: Log) {
    this.#store = store;
    this.#log = log;
  }

  /** Records not written yet, the one being written included (the bench and tests read it). */
  get waiting(): number {
    return this.#waiting.length + (this.#inFlight ? 1 : 0);
  }

  append(record: AuditRecord): void {
    this.#waiting.push(record);
    this.#keepBound();
    if (!this.#failing) void this.flush();
  }

  /**
   * Writes what waits, oldest first, one writer at a time (so in order, and each record once); stops
   * at the first failure of the store and tries again later. Resolves when nothing waits or the
   * store failed.
   */
  flush(): Promise<void> {
    // The writer starts a step later, so #writing is set before it can end: it clears #writing itself,
    // in the same step as it finds nothing left, and a record appended at any moment is either taken
    // by the running writer or starts a new one.
    this.#writing ??= Promise.resolve().then(() => this.#write());
    return this.#writing;
  }

  async #write(): Promise<void> {
    try {
      for (let record = this.#waiting.shift(); record; record = this.#waiting.shift()) {
        this.#inFlight = record;
        try {
          await this.#store.appendAudit(record);
        } catch (error) {
          if (!(error instanceof StoreUnavailable)) {
            // Not the store being away: trying again would fail again, and hold back every later record.
            this.#log(`An audit record could not be written and is given up: ${(error as Error).message}`);
            continue;
          }
          // Back in front, as the oldest: it is written first when the store answers again.
          this.#waiting.unshift(record);
          this.#keepBound();
          if (!this.#failing)
            this.#log(`The audit log could not be written (${error.message}); ${this.#waiting.length} record(s) wait and are written when the store answers.`);
          this.#failing = true;
          this.#retry ??= setTimeout(() => {
            this.#retry = undefined;
            void this.flush();
          }, RETRY_MS);
          this.#retry.unref();
          return;
        } finally {
          this.#inFlight = undefined;
        }
      }
      if (this.#failing)
        this.#log(`The audit log is written again${this.#givenUp > 0 ? `; ${this.#givenUp} record(s) were given up while the store was away` : ''}.`);
      this.#failing = false;
      this.#givenUp = 0;
    } finally {
      this.#writing = undefined;
    }
  }

  /** Past the bound the oldest waiting records are given up (a long outage), and counted to be said. */
  #keepBound(): void {
    while (this.#waiting.length > MAX_WAITING) {
      this.#waiting.shift();
      this.#givenUp++;
    }
  }

  /** One last try at what waits (a shutdown); what still cannot be written is said. */
  async close(): Promise<void> {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.flush();
    if (this.waiting > 0) this.#log(`${this.waiting} audit record(s) could not be written before the server stopped.`);
  }
}

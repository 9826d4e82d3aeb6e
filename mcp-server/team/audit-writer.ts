// Writes the audit log to the store without making a call wait for it, and without losing a record
// while the store is away: a write to the back end is done by the time its audit record is written,
// so a database restarting must not take the record of it along. Records wait in this process, in
// order, and are written when the store answers again; past a bound (a long outage) the oldest are
// given up, said on stderr with their count. A process killed outright loses what was waiting.
import type { Log } from '../log.ts';
import { type AuditRecord, type Store, StoreUnavailable } from '../store/store.ts';

/** Records kept waiting at most: a few minutes of a large company's writes, a few megabytes. */
const MAX_WAITING = 10_000;
/** How often waiting records are tried again. */
const RETRY_MS = 2_000;

export class AuditWriter {
  readonly #store: Store;
  readonly #log: Log;
  readonly #waiting: AuditRecord[] = [];
  #writing: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failing = false;
  #givenUp = 0;

  constructor(store: Store, log: Log) {
    this.#store = store;
    this.#log = log;
  }

  /** Records waiting to be written (the bench and tests read it). */
  get waiting(): number {
    return this.#waiting.length;
  }

  append(record: AuditRecord): void {
    this.#waiting.push(record);
    if (this.#waiting.length > MAX_WAITING) {
      this.#waiting.shift();
      this.#givenUp++;
    }
    if (!this.#failing) void this.flush();
  }

  /** Writes what waits, oldest first; stops at the first failure and tries again later. */
  flush(): Promise<void> {
    this.#writing ??= this.#write().finally(() => (this.#writing = undefined));
    return this.#writing;
  }

  async #write(): Promise<void> {
    while (this.#waiting.length > 0) {
      try {
        await this.#store.appendAudit(this.#waiting[0] as AuditRecord);
      } catch (error) {
        if (!(error instanceof StoreUnavailable)) {
          // Not the store being away: trying again would fail again, and hold back every later record.
          this.#log(`An audit record could not be written and is given up: ${(error as Error).message}`);
          this.#waiting.shift();
          continue;
        }
        if (!this.#failing) this.#log(`The audit log could not be written (${(error as Error).message}); ${this.#waiting.length} record(s) wait and are written when the store answers.`);
        this.#failing = true;
        this.#retry ??= setTimeout(() => {
          this.#retry = undefined;
          void this.flush();
        }, RETRY_MS);
        this.#retry.unref();
        return;
      }
      this.#waiting.shift();
    }
    if (this.#failing) this.#log(`The audit log is written again${this.#givenUp > 0 ? `; ${this.#givenUp} record(s) were given up while the store was away` : ''}.`);
    this.#failing = false;
    this.#givenUp = 0;
  }

  /** One last try at what waits (a shutdown); what still cannot be written is said. */
  async close(): Promise<void> {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.flush();
    if (this.#waiting.length > 0) this.#log(`${this.#waiting.length} audit record(s) could not be written before the server stopped.`);
  }
}

// Writes the audit log so that nothing acknowledged goes unrecorded: the record of a write is kept
// before the client hears the write was done (run-tool.ts awaits it), in the store while it answers,
// else in a spool on the instance's own volume (audit-spool.ts), so neither a crash nor an outage
// loses one. While the store answers, each call's record goes to the store with those of the calls
// answered at the same moment, in one round trip (audit-batches.ts: a record a call, each taking a
// connection of the pool, made every write wait its turn for the pool twice under load). Once a
// record had to wait, every later one waits behind it in the spool, in order, and the spool is
// written to the store every 2 s until it is empty; then calls write directly again. Records written
// twice (a drain killed between writing and deleting) are kept once: each has its own id. Spools a
// killed process left on the folder are taken over and written too, at start and every minute after.
// Only a record the store refuses for itself (a constraint) is given up; a store that fails for a
// reason of its own (away, read-only during a failover) is waited out, as an outage is.
// Where the spool cannot be written (a full disk, a folder that cannot be made), records wait in this
// process's memory, which is said once, counted, and bounded: past 10,000 the oldest are given up.
import { type Log, NODE_TIMERS, type Timers } from '../../mcp-server/for-the-team-server.ts';
import { type AuditRecord, type Store, StoreUnavailable } from '../store/store.ts';
import { AuditBatches, writeTogether } from './audit-batches.ts';
import { privateFolder, SpoolFile, spoolFiles } from './audit-spool.ts';

/** Records kept in memory at most where the spool cannot be written: a few minutes of a large company's writes, a few megabytes. */
const MAX_IN_MEMORY = 10_000;
/** Records a spool holds at most, about half a gigabyte: months of a large company's writes, which only an outage that long fills. */
export const MAX_SPOOLED = 1_000_000;
/** How often the spool is tried again while the store is away. */
const RETRY_MS = 2_000;
/** How often the folder is looked at for spools another process left. */
const ADOPT_MS = 60_000;
/** Records read from a spool at a time while it is written to the store. */
const BATCH = 100;

export interface AuditWriterOptions {
  /** Where records wait while the store is away: a folder on this instance's own volume (audit-spool.ts, auditSpoolFolder). */
  spoolFolder: string;
  /** What the background rounds wait with (default Node's timers; tests move their own on). */
  timers?: Timers;
  /** The most records a spool holds; past it the oldest are given up (default MAX_SPOOLED). */
  maxSpooled?: number;
  /** Told of records given up (the metrics count them). */
  givenUp?: (count: number) => void;
}

/** Records not in the store yet: in spools on disk, and in memory where the spool could not be written. */
export interface AuditWaiting {
  spooled: number;
  inMemory: number;
}

export class AuditWriter {
  readonly #store: Store;
  readonly #log: Log;
  readonly #folder: string;
  readonly #timers: Timers;
  readonly #maxSpooled: number;
  readonly #givenUp: (count: number) => void;
  /** Records written while nothing waits, those of calls answered together in one round trip. */
  readonly #batches: AuditBatches;
  /** This process's own spool, while records wait in it. */
  #own: SpoolFile | undefined;
  /** Spools other processes left, taken over and being written, oldest first. */
  readonly #adopted: SpoolFile[] = [];
  /** Records that wait behind the spool's, kept here because the spool could not be written. */
  #inMemory: AuditRecord[] = [];
  /** Records wait: every new one goes behind them, so the log keeps their order. */
  #waiting = false;
  /** The spool failed and nothing was written to it since (said once). */
  #spoolFailing = false;
  /** Records given up during this outage, said when it ends. */
  #givenUpNow = 0;
  #draining: Promise<void> | undefined;
  #cancelRetry: (() => void) | undefined;
  #cancelAdopt: (() => void) | undefined;
  #closed = false;
  /** Looking for spools left on the folder failed, and was said. */
  #adoptFailing = false;

  constructor(store: Store, log: Log, options: AuditWriterOptions) {
    this.#store = store;
    this.#log = log;
    this.#folder = options.spoolFolder;
    this.#timers = options.timers ?? NODE_TIMERS;
    this.#maxSpooled = options.maxSpooled ?? MAX_SPOOLED;
    this.#givenUp = options.givenUp ?? (() => {});
    this.#batches = new AuditBatches(store, refusedForItself);
  }

  /**
   * Makes the spool's folder, so a folder that cannot be made is said at start rather than at the
   * first outage, and takes over what killed processes left there; then looks again every minute.
   */
  start(): void {
    try {
      privateFolder(this.#folder);
    } catch (error) {
      this.#log(
        `Warning: audit records cannot wait in ${this.#folder} (${(error as Error).message}): while the store is away they would wait in this process's memory only. Set data_dir to a folder on this instance's own volume.`,
      );
      // Said once: the rounds that look for spools left there say nothing more of it.
      this.#adoptFailing = true;
    }
    this.#adoptRound();
  }

  /** Records not in the store yet (the metrics read it). */
  get waiting(): AuditWaiting {
    let spooled = this.#own?.count ?? 0;
    for (const file of this.#adopted) spooled += file.count;
    return { spooled, inMemory: this.#inMemory.length };
  }

  /**
   * Keeps `record`: in the store, or where it waits for the store. Resolves once it is kept, and
   * never rejects: the write it records is done whatever happens to its record, and a record that
   * can be kept nowhere is said and counted.
   */
  async append(record: AuditRecord): Promise<void> {
    if (!this.#waiting) {
      const written = await this.#batches.write(record);
      if (written.kept) return;
      if (written.refusedForItself) {
        this.#giveUp(1, `An audit record could not be written and is given up: ${(written.error as Error).message}`);
        return;
      }
      if (!this.#waiting)
        this.#log(`The audit log could not be written (${(written.error as Error).message}); records wait and are written when the store answers.`);
    }
    this.#keep(record);
  }

  /** Puts `record` behind those that wait: in the spool, else in memory. */
  #keep(record: AuditRecord): void {
    this.#waiting = true;
    try {
      if (!this.#own) {
        this.#own = SpoolFile.create(this.#folder);
        this.#log(`Audit records wait in ${this.#own.path} until the store answers.`);
      }
      // What waits in memory goes first, so the spool keeps the order.
      this.#own.append([...this.#inMemory, record]);
      this.#inMemory = [];
      this.#spoolFailing = false;
      const over = this.#own.count - this.#maxSpooled;
      if (over > 0) {
        this.#own.dropOldest(over);
        this.#giveUp(over);
      }
    } catch (error) {
      this.#inMemory.push(record);
      if (!this.#spoolFailing)
        this.#log(
          `Audit records cannot be kept in ${this.#folder} (${(error as Error).message}): they wait in this process's memory, ${this.#inMemory.length} now, and are lost if it stops before the store answers.`,
        );
      this.#spoolFailing = true;
      const over = this.#inMemory.length - MAX_IN_MEMORY;
      if (over > 0) {
        this.#inMemory.splice(0, over);
        this.#giveUp(over);
      }
    }
    this.#scheduleDrain(RETRY_MS);
  }

  #giveUp(count: number, words?: string): void {
    this.#givenUpNow += count;
    this.#givenUp(count);
    if (words) this.#log(words);
  }

  /**
   * Writes what waits to the store, oldest first: the spools other processes left, this process's
   * own, then what waits in memory. Stops at the first sign the store is away, and tries again 2 s
   * later. Resolves when nothing waits or the store is away.
   */
  drain(): Promise<void> {
    this.#draining ??= this.#drainAll().finally(() => (this.#draining = undefined));
    return this.#draining;
  }

  async #drainAll(): Promise<void> {
    try {
      for (;;) {
        const adopted = this.#adopted[0];
        if (adopted) {
          const count = adopted.count;
          if (!(await this.#drainFile(adopted))) return this.#scheduleDrain(RETRY_MS);
          adopted.remove();
          this.#adopted.shift();
          this.#log(`The audit records another process left in ${adopted.path} are in the store (${count}).`);
          continue;
        }
        if (this.#own && this.#own.count > 0 && !(await this.#drainFile(this.#own))) return this.#scheduleDrain(RETRY_MS);
        const first = this.#inMemory[0];
        if (first) {
          if (!(await this.#writeInOrder([first]))) return this.#scheduleDrain(RETRY_MS);
          // Unless a record arriving meanwhile took it into the spool with it (written again from there, kept once).
          if (this.#inMemory[0] === first) this.#inMemory.shift();
          continue;
        }
        if ((this.#own?.count ?? 0) > 0) continue;
        // Nothing waits, and nothing can arrive between this check and the switch (no await since).
        this.#own?.remove();
        this.#own = undefined;
        if (this.#waiting) {
          const givenUp = this.#givenUpNow > 0 ? `; ${this.#givenUpNow} record(s) were given up while the store was away` : '';
          this.#log(`The audit log is written again: every record that waited is in the store${givenUp}.`);
        }
        this.#waiting = false;
        this.#spoolFailing = false;
        this.#givenUpNow = 0;
        return;
      }
    } catch (error) {
      // The spool's own file failed (a disk error): its records stay where they are, and are tried again.
      this.#log(`The audit spool could not be written to the store: ${(error as Error).message}`);
      this.#scheduleDrain(RETRY_MS);
    }
  }

  /** Writes `file`'s records to the store in order, deleting them as they are in; false when the store is away. */
  async #drainFile(file: SpoolFile): Promise<boolean> {
    for (let batch = file.front(BATCH); batch.length > 0; batch = file.front(BATCH)) {
      const records: AuditRecord[] = [];
      for (const { record } of batch) {
        if (record) records.push(record);
        else this.#giveUp(1, `An audit record in ${file.path} could not be read and is given up.`);
      }
      if (!(await this.#writeInOrder(records))) return false;
      file.dropThrough((batch.at(-1) as { seq: number }).seq);
    }
    return true;
  }

  /**
   * Records to the store in order, in one round trip where the store takes them all (audit-batches.ts,
   * writeTogether); a record the store refuses for itself is given up alone. False at the first sign
   * the store is away, the records before it in (written again next time, kept once).
   */
  async #writeInOrder(records: readonly AuditRecord[]): Promise<boolean> {
    const outcomes = await writeTogether(this.#store, records, refusedForItself);
    for (const outcome of outcomes) {
      if (outcome.kept) continue;
      if (!outcome.refusedForItself) return false;
      this.#giveUp(1, `An audit record could not be written and is given up: ${(outcome.error as Error).message}`);
    }
    return true;
  }

  #scheduleDrain(ms: number): void {
    if (this.#closed || this.#cancelRetry) return;
    this.#cancelRetry = this.#timers.after(ms, () => {
      this.#cancelRetry = undefined;
      void this.drain();
    });
  }

  /** Takes over the spools other processes left on the folder, writes them, and looks again in a minute. */
  #adoptRound(): void {
    if (this.#closed) return;
    this.adoptLeftSpools();
    this.#cancelAdopt = this.#timers.after(ADOPT_MS, () => this.#adoptRound());
  }

  /** Takes over the spools on the folder whose process ended; answers how many records they hold. */
  adoptLeftSpools(): number {
    const taken = new Set([this.#own?.path, ...this.#adopted.map((file) => file.path)]);
    let records = 0;
    try {
      for (const path of spoolFiles(this.#folder)) {
        if (taken.has(path)) continue;
        const file = SpoolFile.claim(path);
        if (!file) continue;
        this.#adopted.push(file);
        records += file.count;
        this.#log(`${file.count} audit record(s) another process left in ${path} are written to the store.`);
      }
      this.#adoptFailing = false;
    } catch (error) {
      if (!this.#adoptFailing) this.#log(`The audit spools another process may have left in ${this.#folder} could not be read: ${(error as Error).message}`);
      this.#adoptFailing = true;
    }
    if (this.#adopted.length > 0) void this.drain();
    return records;
  }

  /**
   * A last try at what waits (a shutdown). What the store did not take stays in the spool, for the
   * next process on this folder; what waits in memory is spooled if it can be, and said if not.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelAdopt?.();
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    await this.#draining;
    if (this.#waiting || this.#adopted.length > 0) await this.drain();
    if (this.#inMemory.length > 0) {
      try {
        this.#own ??= SpoolFile.create(this.#folder);
        this.#own.append(this.#inMemory);
        this.#inMemory = [];
      } catch (error) {
        this.#log(`${this.#inMemory.length} audit record(s) could not be written or kept, and are lost: ${(error as Error).message}`);
      }
    }
    const left = this.waiting.spooled;
    for (const file of this.#adopted) file.close();
    if (this.#own && this.#own.count === 0) this.#own.remove();
    else this.#own?.close();
    if (left > 0) this.#log(`${left} audit record(s) wait in ${this.#folder}: the next instance started on this folder writes them to the store.`);
  }
}

/**
 * The store refused the record for what it holds (a constraint, a value it cannot keep): tried again
 * it would fail again, and hold back every record behind it, so it is given up, said and counted. A
 * failure the store gives a code for that is not about the record (a database that takes no writes
 * during a failover, privileges taken away, a full disk on its side) is the store's: the record
 * waits for it, as for a store that does not answer. One with no code at all is nobody's to wait for.
 */
function refusedForItself(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  // PostgreSQL's SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return /^2[23]/.test(code);
  // SQLite's TOOBIG, CONSTRAINT, MISMATCH and RANGE: the primary code, in the low byte of the extended one.
  if (typeof errcode === 'number') return [18, 19, 20, 25].includes(errcode % 256);
  return true;
}

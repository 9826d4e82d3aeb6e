// What a back end's timesheets read a moment ago, reused by what follows at once: clock_out reads the running entry,
// then stops it; timer_status and the app's refresh ask for the same weeks; update_time_entry shows an entry, then
// changes it. Each would otherwise cost a second request on a back end that counts them (Toggl's 30 an hour, Harvest's
// 100 in 15 seconds, Calamari's organisation-wide limit). A write forgets what it may have changed, so nothing is
// answered from here that the person's own write made untrue.
import { Expiring, ExpiringByKey } from './cache.ts';

/** How long a read serves what follows it: the requests of one tool call, or of one refresh of the app. */
export const A_MOMENT_MS = 2_000;

/**
 * The running entry (`Running`: the entry or null, or a list where a back end may run several timers), the listings of
 * entries by what they were asked for, and entries read by id, each kept `A_MOMENT_MS`. A read that fails is not kept.
 */
export class RecentReads<Entry, Running = Entry | null, Id = number> {
  readonly #running: Expiring<Running>;
  readonly #listings: ExpiringByKey<string, Entry[]>;
  readonly #entries: ExpiringByKey<Id, Entry>;

  constructor(now: () => number = () => performance.now()) {
    this.#running = new Expiring<Running>(A_MOMENT_MS, now);
    this.#listings = new ExpiringByKey<string, Entry[]>(A_MOMENT_MS, now);
    this.#entries = new ExpiringByKey<Id, Entry>(A_MOMENT_MS, now);
  }

  /** What runs: the answer of a moment ago where `reuse`, else asked afresh (a start and a switch must see what runs now). */
  running(reuse: boolean, read: () => Promise<Running>): Promise<Running> {
    if (!reuse) this.#running.invalidate();
    return this.#running.get(read);
  }

  /** The entries listed for `key` (a range, a project), as listed a moment ago where they were. */
  listing(key: string, read: () => Promise<Entry[]>): Promise<Entry[]> {
    return this.#listings.get(key, read);
  }

  /** Whether the listing for `key` was read a moment ago (or is being read): a caller may prefer it to a narrower one. */
  holdsListing(key: string): boolean {
    return this.#listings.holds(key);
  }

  /**
   * An entry by its id, as read a moment ago where it was. One read to be changed or deleted serves that once: the
   * write follows, and the next read asks again.
   */
  async entry(id: Id, read: () => Promise<Entry>, verb: 'read' | 'change' | 'delete' = 'read'): Promise<Entry> {
    const entry = await this.#entries.get(id, read);
    if (verb !== 'read') this.#entries.forget(id);
    return entry;
  }

  /** After a write: what runs, every listing and every entry read are asked again. */
  forget(): void {
    this.#running.invalidate();
    this.#listings.clear();
    this.#entries.clear();
  }

  /** Before a read that must see every entry as it is now (which of today's entries a timer may restart), the listings. */
  forgetListings(): void {
    this.#listings.clear();
  }
}

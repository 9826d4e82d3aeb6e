// Sending the kept writes (docs/decisions.md, "The outbox"): in the order they were made, one send at
// a time in this engine, a few before a call's own work and the rest in the background, after a pause
// that grows while the back end stays out of reach. How each try ends settles its row: sent or
// adjusted (deliver.ts), left for the person (no longer allowed: may-send.ts; refused by the back end;
// given up on: send-attempts.ts), or released to go again later. And the person's decision on a row
// left for them. What a call reads and keeps is the tracker's (outbox-tracker.ts), which uses this.
import { NODE_TIMERS, type Timers } from '../../clock.ts';
import { firstLockOfSpans, type PeriodLock, type TimeSpan } from '../../domain/approvals.ts';
import { systemTimeZone } from '../../domain/time.ts';
import type { Log } from '../../log.ts';
import { CallStopped, withRequestBudget } from '../remote/request-budget.ts';
import { RemoteError } from '../remote/remote-error.ts';
import { type Notice, noticeOf } from '../../contract/outcomes/notices.ts';
import type { KeptWriteChoice, KeptWriteDecision, TimeTracker } from '../time-tracker.ts';
import { BackEndError, causeOf } from '../time-tracker.ts';
import { decisionOf, payloadToSendAgain } from './decisions.ts';
import { deliver, keptWriteFacts, type Settlement } from './deliver.ts';
import { isOutOfReach } from './out-of-reach.ts';
import { type KeptOutcome, type OutboxKind, type OutboxOrigin, type OutboxStore, OutboxUnusable, WHOSE_UNKNOWN } from './outbox-store.ts';
import { countsAsTry, lastTry, MAX_SEND_ATTEMPTS, watchedTracker } from './send-attempts.ts';

/** Kept writes sent first (before a call's own work, or one the person sends again): the rest go in the background, and a call's own writes wait behind them. */
const SENT_FIRST = 3;
/** Kept writes sent in one background round. */
const SENT_PER_ROUND = 10;
/** The background's first pause after the back end was out of reach, and its longest. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 300_000;
/** Kept writes waiting for a decision listed at once: more than a day away from the network leaves. */
const LISTED_DECISIONS = 50;
/** Requests one background round may send, as one tool call may. */
const ROUND_REQUESTS = 40;

export interface SenderOptions {
  store: OutboxStore;
  /** 'Kimai', 'Clockodo': the back end in sentences. */
  service: string;
  now: () => number;
  log: Log;
  /** The settings' zone for times in sentences about kept writes ('' where they name none). */
  timezone: () => string;
  /**
   * Null where the tool may still write for that origin now (the read-only switch, tool switches and
   * the organisation's policy are checked again before a kept write is sent), else why not, in words
   * (may-send.ts). The outbox says it as the tool switched off (`kept_write_switched_off`,
   * `outbox_write_switched_off`), which is the only reason there is.
   */
  mayStillWrite: (tool: OutboxKind, origin: OutboxOrigin) => string | null;
  /** What the background rounds wait with (default Node's timers; tests move their own on). */
  timers?: Timers;
}

/** How a round of sending ended; `other_login`: the next write was kept for another login than the secret's now, and waits. */
export type FlushResult =
  | { kind: 'empty' }
  | { kind: 'busy' }
  | { kind: 'more' }
  | { kind: 'failed' }
  | { kind: 'other_login' }
  | { kind: 'out_of_reach'; error: RemoteError };

/** The engine's sender of the kept writes to one remote back end. */
export class OutboxSender {
  readonly #inner: TimeTracker;
  readonly #options: SenderOptions;
  /** The one send in progress in this engine: calls at once wait for it rather than claim the same row. */
  #sending: Promise<FlushResult> | undefined;
  /** Cancels the background round that waits, where one does. */
  #cancelRound: (() => void) | undefined;
  #pause: number;
  #closed = false;

  constructor(inner: TimeTracker, options: SenderOptions) {
    this.#inner = inner;
    this.#options = options;
    this.#pause = FIRST_RETRY_MS;
  }

  /** Starts the background sender where writes are waiting (an engine that starts after a crash, or one that just kept a write). */
  async start(): Promise<void> {
    if ((await this.#options.store.open()).length > 0) this.schedule();
  }

  /** Sends the first few kept writes now; where any are left, or the back end did not take them, the background goes on. */
  async sendFirst(): Promise<FlushResult> {
    const result = await this.#send(SENT_FIRST);
    if (result.kind !== 'empty') this.schedule();
    return result;
  }

  /** Sends up to `limit` kept writes in order; one send at a time in this engine. */
  #send(limit: number): Promise<FlushResult> {
    this.#sending ??= this.#flush(limit).finally(() => {
      this.#sending = undefined;
    });
    return this.#sending;
  }

  /** Stops the background and closes the outbox file. */
  close(): void {
    this.#closed = true;
    this.#cancelRound?.();
    this.#cancelRound = undefined;
    this.#options.store.close();
  }

  /** The background round, after a pause that grows while the back end stays out of reach. */
  schedule(): void {
    if (this.#closed || this.#cancelRound) return;
    this.#cancelRound = (this.#options.timers ?? NODE_TIMERS).after(this.#pause, () => {
      this.#cancelRound = undefined;
      void withRequestBudget(ROUND_REQUESTS, () => this.#send(SENT_PER_ROUND))
        .then((result) => {
          if (result.kind === 'out_of_reach' || result.kind === 'failed' || result.kind === 'other_login')
            this.#pause = Math.min(this.#pause * 2, LONGEST_RETRY_MS);
          else this.#pause = FIRST_RETRY_MS;
          if (result.kind !== 'empty') this.schedule();
        })
        .catch((error: unknown) => {
          this.#options.log(`Sending the outbox failed: ${(error as Error).message}`);
          // A file that cannot be opened stays so until someone acts: the next call tries it again.
          if (!(error instanceof OutboxUnusable)) this.schedule();
        });
    });
  }

  async #flush(limit: number): Promise<FlushResult> {
    const { store, service, now } = this.#options;
    // Most calls find nothing waiting: a read says so without taking the write lock.
    if ((await store.open()).length === 0) return { kind: 'empty' };
    for (let sent = 0; sent < limit; sent++) {
      const row = await store.claimNext();
      if (row === null) return { kind: 'empty' };
      if (row === 'busy') return { kind: 'busy' };
      const timezone = await this.#zone();
      const write = keptWriteFacts(row, timezone);
      if (this.#options.mayStillWrite(row.kind, row.origin) !== null) {
        await store.settle(row.seq, { state: 'needs_decision', outcome: said(noticeOf('kept_write_switched_off', { service, write })) });
        continue;
      }
      if (row.attempts > MAX_SEND_ATTEMPTS) {
        // The tries before ended with no record at all: an engine stopped (or crashed) while sending it.
        await store.settle(row.seq, {
          state: 'needs_decision',
          outcome: said(noticeOf('kept_write_given_up', { service, write, tries: MAX_SEND_ATTEMPTS, last: null })),
        });
        continue;
      }
      if (row.person === WHOSE_UNKNOWN) {
        // Kept before Punchcard knew which login the tracker had, where another tracker shares its address: which
        // secret it was meant for cannot be told, so the person decides (sending it again sends it with this one).
        await store.settle(row.seq, { state: 'needs_decision', outcome: said(noticeOf('kept_write_login_unknown', { service, write })) });
        continue;
      }
      if (row.person !== null) {
        const whose = await this.#whoseSecret(row.seq);
        if (whose.kind !== 'person') return whose.result;
        if (whose.person !== row.person) {
          // Never sent with another person's secret: it waits for a tracker with its login (the engine gives each
          // tracker the folder of its login, so the writes kept for it are sent there: docs/several-trackers.md).
          await store.release(row.seq, false, false);
          this.#options.log(`Outbox row ${row.seq} was kept for another ${service} login than the one this secret answers for: it waits for that login.`);
          return { kind: 'other_login' };
        }
      }
      const watched = watchedTracker(this.#inner);
      let settlement: Settlement;
      try {
        settlement = await deliver(row, {
          tracker: watched.tracker,
          service,
          timezone,
          now,
          row: (seq) => store.row(seq),
          lockOf: (spans) => this.#lockOf(spans, timezone),
        });
      } catch (error) {
        const outOfReach = isOutOfReach(error);
        const reason = error instanceof Error ? error.message : String(error);
        if (!outOfReach && isRefusal(error)) {
          settlement = { state: 'needs_decision', remoteId: null, outcome: said(noticeOf('kept_write_refused', { service, write, cause: causeOf(error) })) };
        } else {
          const counted = countsAsTry(error, outOfReach, watched.answered());
          if (counted && row.attempts >= MAX_SEND_ATTEMPTS) {
            // This write fails where others would not: the person decides, and the queue moves on.
            this.#options.log(`Outbox row ${row.seq} given up after ${row.attempts} tries: ${reason}`);
            settlement = {
              state: 'needs_decision',
              remoteId: null,
              outcome: said(noticeOf('kept_write_given_up', { service, write, tries: MAX_SEND_ATTEMPTS, last: lastTry(error) })),
            };
          } else if (outOfReach) {
            // A request that may have reached the back end (a deadline, a cut connection, a gateway) leaves
            // the row marked: the next send looks before it writes, as it always does.
            await store.release(row.seq, error.networkCode !== 'ECONNREFUSED', counted);
            return { kind: 'out_of_reach', error };
          } else {
            // Not the back end's answer to this write (the call was cancelled or ran out of requests, a
            // rate limit, a locked file, a fault): the row waits for the next round.
            await store.release(row.seq, true, counted);
            this.#options.log(`Sending outbox row ${row.seq} stopped: ${reason}`);
            return { kind: 'failed' };
          }
        }
      }
      if (!(await store.settle(row.seq, settlement))) this.#options.log(`Outbox row ${row.seq} was taken over by another engine while this one sent it.`);
    }
    return { kind: 'more' };
  }

  /**
   * Whose the secret is now, read afresh before a write kept for one person is sent (a secret read again after a
   * 401 may be another person's); where that cannot be read, the claimed row goes back to wait, as a send that
   * failed so would.
   */
  async #whoseSecret(seq: number): Promise<{ kind: 'person'; person: string } | { kind: 'not_read'; result: FlushResult }> {
    const { store, service } = this.#options;
    const read = this.#inner.account.personId;
    if (!read) {
      await store.release(seq, false, false);
      this.#options.log(`Outbox row ${seq} was kept for one ${service} login, and this back end cannot say whose its secret is: it waits.`);
      return { kind: 'not_read', result: { kind: 'other_login' } };
    }
    try {
      return { kind: 'person', person: await read.call(this.#inner.account) };
    } catch (error) {
      await store.release(seq, false, false);
      if (isOutOfReach(error)) return { kind: 'not_read', result: { kind: 'out_of_reach', error } };
      this.#options.log(`Sending outbox row ${seq} stopped: whose the secret is could not be read (${(error as Error).message}).`);
      return { kind: 'not_read', result: { kind: 'failed' } };
    }
  }

  /** The kept writes waiting for the person's decision, oldest first (decisions.ts). */
  async decisions(): Promise<KeptWriteDecision[]> {
    const rows = await this.#options.store.awaitingDecision(LISTED_DECISIONS);
    return rows.map((row) => decisionOf(row, this.#options.service));
  }

  /**
   * The person's choice for one kept write. Dismissed, it stays in the file and leaves the list;
   * sent again, it is queued where it was and sent at once with what waits before it, looking at the
   * back end first as every send does. The answer says what came of it, and counts as telling it.
   */
  async decide(id: number, choice: KeptWriteChoice): Promise<Notice> {
    const { store, service } = this.#options;
    const row = await store.row(id);
    const gone = new BackEndError('kept_write_gone', { write: id });
    if (!row || row.state !== 'needs_decision' || row.dismissedAt !== null) throw gone;
    const write = keptWriteFacts(row, await this.#zone());
    if (choice === 'dismiss') {
      if (!(await store.dismiss(id))) throw gone;
      return noticeOf('kept_write_dismissed', { service, write });
    }
    if (!(await store.requeue(id, payloadToSendAgain(row)))) throw gone;
    await this.sendFirst();
    const after = await store.row(id);
    if (after && (after.state === 'sent' || after.state === 'adjusted' || after.state === 'needs_decision')) {
      await store.markTold([id]);
      return after.outcome ?? noticeOf('kept_write_sent', { service, write });
    }
    return noticeOf('kept_write_requeued', { service, write });
  }

  /**
   * The first locked period `spans` touch, as the back end's approvals part says now, where it has approvals:
   * a kept write goes out under the lock as a call's write does (tools/approval-lock.ts), which could not read
   * the locks while the back end was out of reach. Where the back end no longer lets the person read approvals
   * there is no lock to tell; out of reach, the read fails and the row waits, as for the write itself.
   */
  async #lockOf(spans: readonly TimeSpan[], timezone: string): Promise<PeriodLock | undefined> {
    const approvals = this.#inner.approvals;
    if (!approvals || !this.#inner.capabilities.has('approvals') || spans.length === 0) return undefined;
    try {
      return await firstLockOfSpans(spans, timezone, (days) => approvals.locks(days));
    } catch (error) {
      if (error instanceof BackEndError && error.refusal.code === 'timesheet_approvals_unavailable') return undefined;
      throw error;
    }
  }

  /** The settings' zone, else the back end's as last known, else this computer's. */
  async #zone(): Promise<string> {
    const set = this.#options.timezone();
    if (set !== '') return set;
    const known = await this.#options.store.recall<string | null>('zone');
    return known?.value ?? systemTimeZone();
  }
}

/** A notice of what came of a kept write, as its row keeps it. */
function said(notice: Notice): KeptOutcome {
  return notice as KeptOutcome;
}

/**
 * The back end's answer to the write itself, which sending again would not change: a validation, an
 * archived project, a missing permission. A rate limit, a stopped call and Punchcard's own trouble are not.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof CallStopped) return false;
  if (error instanceof RemoteError) return error.failure !== 'rate_limited';
  return error instanceof BackEndError && error.kind !== 'unavailable';
}

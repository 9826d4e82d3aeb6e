// A back end's request limit counted for a whole organisation (Calamari's: docs/back-ends/calamari.md,
// "Rate limits"), by every program of ours that sends on the organisation's key: on the team server,
// every person and every instance on one store; on a computer, the app's engine, its connection test
// and each AI client's engine. They count together in one ledger (the team server's store, or the
// limits file in the data folder: limits-file.ts), by the clock hour and the UTC day; a request that
// would pass either is not sent, and the person is told in words when to try again.
//
// The allowance can be higher than what the back end really allows (an organisation on the lower set,
// or other programs on the same key). So a 429, met by any of them, holds every one back through the
// ledger, for as long as the limit it names needs (docs/back-ends/calamari.md, "Rate limits"): the
// second's for a second, the hour's and the day's until the clock hour or the UTC day ends (the ones
// counted here), a Retry-After for as long as it says. One that names none is most likely the second's
// (a minute's or an hour's hold at the first would hide every other failure for as long): a second,
// waited out by the refused request's one retry; refused again on that retry, 5 s. While such 429s
// repeat, each refusing a request that went after the last hold was set, the hold grows (seconds, then
// minutes, up to the hour: REPEATED_HOLDS_MS), so a spent hourly limit is asked about a few times an
// hour by all of them together rather than by every call; the first success of a request that went
// after a hold ends it (`endHold`), so the next refusal holds a second again. A short hold the back
// end asked for (a second's, a short Retry-After) is waited out, within the call's deadline, on the
// gate's clock; a hold grown from repeated refusals is not, however short (waited out, it was only
// refused again: 5 s for a refusal), nor is a longer one: nothing is sent, and the person is told at
// once which limit holds and when it lifts, as a time in their zone (HeldBack). A hold only stops
// requests: a request sent after it fails, where it fails, for its own reason.
import { realWait, type Wait } from '../../clock.ts';
import type { SharedBy } from '../../contract/outcomes/remote.ts';
import { formatInstant } from '../../domain/time.ts';
import type { GatePass, LimitWindow, Refusal, RefusalVerdict, RequestGate } from './json-http.ts';
import { RemoteError, remoteRefusal } from './remote-error.ts';
import { currentCall, timeLeftInCall } from './request-budget.ts';

const SECOND_MS = 1_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WINDOW_MS: Record<Exclude<LimitWindow, 'second'>, number> = { hour: HOUR_MS, day: DAY_MS };
/**
 * A refusal for the hour or the day this soon after the clock's hour or day turned is not taken to
 * mean the new one is used up (it could not be, at the back end's pace): the back end's hour has not
 * turned yet (its clock is apart from ours, or it counts a rolling hour), so it holds this long.
 */
export const TURN_MS = 60_000;
/**
 * The holds 429s that name no limit ask for while they repeat, each refusing a request that went after
 * the last hold was set: a second first, as for the second's limit, then seconds, then minutes, up to
 * the hour (whichever way Calamari counts its hour, a spent one has let requests through again by then).
 */
export const REPEATED_HOLDS_MS: readonly number[] = [SECOND_MS, 5_000, 30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, HOUR_MS];
/**
 * A 429 that names no limit, met again on the request sent once more a second after the first: a few
 * seconds, so the next call asks again, where Calamari refuses once more the hold grows from there.
 */
export const REFUSED_AGAIN_HOLD_MS = 5_000;
/** A refusal of a request that went this long after the last hold lifted starts from a second again: it is not one more of those 429s. */
export const REPEATS_WITHIN_MS = HOUR_MS;
/**
 * A hold this short the back end asked for is waited out (as json-http.ts waits out a short Retry-After) rather than
 * refused; one grown from repeated refusals is said at once, however short.
 */
export const WAITED_HOLD_MS = 10_000;

/**
 * Where the count is kept, for every program that counts together: counters per key and fixed window,
 * and the holds a back end's refusals ask for. The team server's store is one; the limits file is another.
 */
export interface LimitLedger {
  /** Adds `amount` (default one) to the count of `key` in the window starting at `windowStart`, and answers the new count. */
  hit(key: string, windowStart: number, amount?: number): Promise<number>;
  /** Holds `key` back until `liftsAt` (epoch ms), unless a later hold stands; `lengthMs` is how long it was asked for. */
  holdUntil(key: string, liftsAt: number, lengthMs: number): Promise<void>;
  /** The latest hold of `key`, also one that has lifted, or undefined. */
  hold(key: string): Promise<{ liftsAt: number; lengthMs: number } | undefined>;
  /**
   * Ends the hold of `key` where it was set (its lift less its length) before `sentAt`: a request that
   * went then, after it, was answered with success. One set since, for a refusal since, stands.
   */
  endHold(key: string, sentAt: number): Promise<void>;
}

export interface Limit {
  /** What is counted, with whose it is: `person:<id>`, `address:<ip>`, `calamari:<url>:hour`. */
  key: string;
  max: number;
  windowMs: number;
}

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one more in the limit's fixed window and answers whether it is still within the limit. */
export async function spendLimit(ledger: Pick<LimitLedger, 'hit'>, limit: Limit, now: number): Promise<LimitVerdict> {
  const windowStart = now - (now % limit.windowMs);
  return limitVerdict(await ledger.hit(limit.key, windowStart), limit.max, windowStart + limit.windowMs, now);
}

/** Within the limit while the count is at most `max`; else when the window ends, in whole seconds. */
export function limitVerdict(count: number, max: number, windowEnd: number, now: number): LimitVerdict {
  if (count <= max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}

export interface OrganisationAllowance {
  perHour: number;
  perDay: number;
}

/** Who counts together, as the refusals say it (contract/outcomes/remote.ts): everyone on a team server, or the programs on one computer. */
export type { SharedBy };

export const ON_THE_TEAM_SERVER: SharedBy = 'team_server';
export const ON_THIS_COMPUTER: SharedBy = 'computer';

/**
 * The gate every request to the organisation's back end passes (json-http.ts, `gate`). `counter`
 * names what is counted: the back end and its address, so that everything of ours on one ledger for
 * the same organisation counts together. The second is the back end's api's pace, nearer the wire
 * (calamari/api.ts: one per organisation in a process, shared by a computer's processes through
 * limits-file.ts).
 */
export function organisationGate(options: {
  ledger: LimitLedger;
  counter: string;
  service: string;
  allowance: OrganisationAllowance;
  sharedBy: SharedBy;
  now: () => number;
  /** How a request waits out a short hold, on `now`'s clock (Node's timer by default). */
  wait?: Wait;
}): RequestGate {
  const { ledger, counter, service, allowance, sharedBy, now } = options;
  const wait = options.wait ?? realWait;
  // The hold itself, under the key every version of Punchcard reads, and the limit it is for under a
  // key of its own, and whether it grew from repeated refusals under another: one read per request,
  // and the others only while a short hold stands, or to say it.
  const holdKey = `${counter}:refused`;
  const grownKey = `${holdKey}:grown`;
  const windows: { limit: Limit; per: 'hour' | 'day' }[] = [
    { limit: { key: `${counter}:hour`, max: allowance.perHour, windowMs: HOUR_MS }, per: 'hour' },
    { limit: { key: `${counter}:day`, max: allowance.perDay, windowMs: DAY_MS }, per: 'day' },
  ];

  /** Which limit the hold lifting at `liftsAt` is for, where the refusal that asked for it said. */
  async function windowOf(liftsAt: number): Promise<LimitWindow | undefined> {
    for (const window of ['day', 'hour', 'second'] as const) if ((await ledger.hold(`${holdKey}:${window}`))?.liftsAt === liftsAt) return window;
    return undefined;
  }

  /**
   * When the hold a 429 that names no limit and no wait asks for lifts (unnamedHoldMs), from the hold it
   * repeats, where it repeats one (holdRepeated), and whether it grew past the first (a second);
   * undefined where a hold set since its request went covers it. A hold asked for a named limit is that
   * limit's: the 429s that follow it start from a second.
   */
  async function unnamedHold(refusal: Refusal, at: number): Promise<{ liftsAt: number; grown: boolean } | undefined> {
    const last = await ledger.hold(holdKey);
    const repeat = last ? holdRepeated(last, refusal.sent) : 'no';
    if (repeat === 'covered') return undefined;
    const repeats = last && repeat === 'yes' && !(await windowOf(last.liftsAt)) ? last : undefined;
    const length = unnamedHoldMs(refusal, repeats);
    return { liftsAt: at + length, grown: length > SECOND_MS };
  }

  /**
   * Whether a request may go now, after a wait, or not at all, in words: a short hold is waited out,
   * within the call's deadline, unless it grew from repeated refusals (`waitsGrown`: where the request
   * is not sent again whatever the verdict, its 429 keeps its own words).
   */
  async function verdictOn(hold: { liftsAt: number } | undefined, at: number, waitsGrown = false): Promise<RefusalVerdict> {
    const left = hold ? hold.liftsAt - at : 0;
    if (!hold || left <= 0) return { waitMs: 0 };
    const short = left <= WAITED_HOLD_MS;
    const fits = left < timeLeftInCall();
    if (short && fits && (waitsGrown || (await ledger.hold(grownKey))?.liftsAt !== hold.liftsAt)) return { waitMs: left };
    const window = await windowOf(hold.liftsAt);
    return {
      refusal: new HeldBack({ service, sharedBy, liftsAt: hold.liftsAt, leftMs: left, cannotWait: short && !fits, ...(window ? { window } : {}) }),
    };
  }

  const gate: RequestGate = async () => {
    // Held back first: a request that is not sent counts against nothing.
    const hold = await ledger.hold(holdKey);
    const verdict = await verdictOn(hold, now());
    if ('refusal' in verdict) throw verdict.refusal;
    // A call that ends meanwhile stops waiting; json-http.ts then refuses the request with its reason.
    if (verdict.waitMs > 0) await wait(verdict.waitMs, currentCall()?.stop);
    const at = now();
    for (const { limit, per } of windows) {
      const verdict = await spendLimit(ledger, limit, at);
      if (!verdict.allowed) {
        throw new RemoteError(
          'rate_limited',
          remoteRefusal('remote_allowance_used', { service, max: limit.max, per, shared_by: sharedBy, retry_after_s: verdict.retryAfterSeconds }),
        );
      }
    }
    // Its answer tells whether the limit a hold was for still refuses (`refused`, `answered`).
    return { at, afterHold: hold !== undefined };
  };
  gate.refused = async (refusal) => {
    const at = now();
    const unnamed = refusal.retryAfterMs === undefined && refusal.window === undefined;
    const hold = unnamed ? await unnamedHold(refusal, at) : { liftsAt: holdLiftsAt(refusal, at), grown: false };
    if (hold) {
      const { liftsAt } = hold;
      // The marks first: a request passing meanwhile that meets the hold already knows how to take it.
      if (hold.grown) await ledger.holdUntil(grownKey, liftsAt, liftsAt - at);
      if (refusal.window) await ledger.holdUntil(`${holdKey}:${refusal.window}`, liftsAt, liftsAt - at);
      await ledger.holdUntil(holdKey, liftsAt, liftsAt - at);
    }
    // What stands now: a later hold another caller asked for meanwhile outlasts this one. A request refused
    // on its one retry is not sent again, so a short hold leaves its 429 in the back end's own words.
    return verdictOn(await ledger.hold(holdKey), at, refusal.again === true);
  };
  // A success of a request that went after a hold: the limit lets requests through again, so the next
  // refusal starts from a second. Only a hold set before it went is ended, never one a refusal since set.
  gate.answered = async (status, _seconds, sent) => {
    if (sent?.afterHold && typeof status === 'number' && status >= 200 && status < 300) await ledger.endHold(holdKey, sent.at);
  };
  return gate;
}

/**
 * When the hold a 429 asks for lifts: as long as its Retry-After says, where it says; else for the
 * limit it names, a second for the second's, the end of the clock hour or the UTC day for the hour's
 * and the day's (a minute just after one turned: TURN_MS); for none, as unnamedHoldMs says for a 429
 * that repeats no hold (the gate asks it with the hold it repeats).
 */
export function holdLiftsAt(refusal: Refusal, now: number): number {
  if (refusal.retryAfterMs !== undefined) return now + refusal.retryAfterMs;
  if (refusal.window === 'second') return now + SECOND_MS;
  if (refusal.window === undefined) return now + unnamedHoldMs(refusal, undefined);
  const size = WINDOW_MS[refusal.window];
  const start = now - (now % size);
  return now - start < TURN_MS ? now + TURN_MS : start + size;
}

/**
 * How long a 429 that names no limit holds: the step of REPEATED_HOLDS_MS after the hold it repeats,
 * the hour at most; the first, a second, where it repeats none; and a few seconds at least where it
 * refused the request sent once more (REFUSED_AGAIN_HOLD_MS).
 */
export function unnamedHoldMs(refusal: Pick<Refusal, 'again'>, repeats: { lengthMs: number } | undefined): number {
  const step = repeats ? (REPEATED_HOLDS_MS.find((length) => length > repeats.lengthMs) ?? HOUR_MS) : SECOND_MS;
  return Math.max(step, refusal.again ? REFUSED_AGAIN_HOLD_MS : SECOND_MS);
}

/**
 * Whether a 429 that refused the request `sent` repeats the ledger's `last` hold, and so grows it:
 * 'yes' where the request went after that hold was set and within REPEATS_WITHIN_MS of its lifting;
 * 'covered' where it went before the hold was set, so it met the same spent limit as the refusal that
 * set it and asks for nothing more (instances refused at once grow the hold once, and never cut
 * another's longer one short); 'no' where it went long after, or the gate said nothing of it. A hold
 * a success ended is gone from the ledger (`endHold`).
 */
export function holdRepeated(last: { liftsAt: number; lengthMs: number }, sent: GatePass | undefined): 'yes' | 'covered' | 'no' {
  if (!sent) return 'no';
  if (sent.at <= last.liftsAt - last.lengthMs) return 'covered';
  return sent.at - last.liftsAt <= REPEATS_WITHIN_MS ? 'yes' : 'no';
}

/** What a hold is: which limit holds, until when, and whether the call could not wait for it; its refusal says it in the person's zone. */
export interface Hold {
  service: string;
  sharedBy: SharedBy;
  /** Epoch ms. */
  liftsAt: number;
  leftMs: number;
  /** The limit used up, where the back end's refusal said. */
  window?: LimitWindow;
  /** A short hold, but longer than the call has left: the request was given up rather than waited for. */
  cannotWait: boolean;
}

/**
 * A request not sent for a hold, refused with when it lifts: a time with its offset, in UTC until the
 * back end's api puts it in the person's zone (`inZone`; the gate is shared by everyone on a team
 * server, whose zones differ), written as the engine writes every time.
 */
export class HeldBack extends RemoteError {
  readonly hold: Hold;
  constructor(hold: Hold, zone = 'UTC') {
    super(
      'rate_limited',
      remoteRefusal('remote_held_back', {
        service: hold.service,
        shared_by: hold.sharedBy,
        window: hold.window ?? null,
        // Whole seconds, rounded up: "try again then" is never a moment early.
        until: formatInstant(Math.ceil(hold.liftsAt / SECOND_MS) * SECOND_MS, zone),
        left_s: Math.ceil(hold.leftMs / SECOND_MS),
        cannot_wait: hold.cannotWait,
      }),
    );
    this.name = 'HeldBack';
    this.hold = hold;
  }

  /** The same refusal with its time in `zone`. */
  inZone(zone: string): HeldBack {
    return new HeldBack(this.hold, zone);
  }
}

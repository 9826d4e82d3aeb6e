// A back end's request limit counted for a whole organisation (Calamari's: docs/back-ends/calamari.md,
// "Rate limits"), by every program of ours that sends on the organisation's key: on the team server,
// every person and every instance on one store; on a computer, the app's engine, its connection test
// and each AI client's engine. They count together in one ledger (the team server's store, or the
// limits file in the data folder: limits-file.ts), by the clock hour and the UTC day; a request that
// would pass either is not sent, and the person is told in words when to try again.
//
// The allowance can be higher than what the back end really allows (an organisation on the lower set,
// or other programs on the same key). So a 429, met by any of them, holds every one back through the
// ledger: for as long as its Retry-After says, or, without one, for a minute, doubled each time the
// back end refuses again soon after a hold lifted, up to an hour. A short hold is waited out; during a
// longer one nothing is sent, and the person is told when it lifts.
import { setTimeout as delay } from 'node:timers/promises';
import type { RequestGate } from './json-http.ts';
import { inWords, RemoteError } from './remote-error.ts';
import { currentCall } from './request-budget.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A hold after a 429 that said nothing of how long: a minute, long enough for a burst's second to pass. */
export const FIRST_HOLD_MS = 60_000;
/** The longest hold a 429 without Retry-After earns: the hour Calamari counts by, whichever way it counts it. */
export const LONGEST_HOLD_MS = HOUR_MS;
/** A hold this short is waited out (as json-http.ts waits out a short Retry-After) rather than refused. */
const WAITED_HOLD_MS = 10_000;

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

/** Who counts together, in the refusals' words. */
export interface SharedBy {
  /** "the people on this Punchcard server have", "Punchcard on this computer has" */
  used: string;
  /** Nothing goes to the back end: "no one on this Punchcard server sends Calamari anything". */
  silent: (service: string) => string;
}

export const ON_THE_TEAM_SERVER: SharedBy = {
  used: 'the people on this Punchcard server have',
  silent: (service) => `no one on this Punchcard server sends ${service} anything`,
};
export const ON_THIS_COMPUTER: SharedBy = {
  used: 'Punchcard on this computer has',
  silent: (service) => `Punchcard on this computer sends ${service} nothing`,
};

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
}): RequestGate {
  const { ledger, counter, service, allowance, sharedBy, now } = options;
  const holdKey = `${counter}:refused`;
  const windows: { limit: Limit; per: string }[] = [
    { limit: { key: `${counter}:hour`, max: allowance.perHour, windowMs: HOUR_MS }, per: 'an hour' },
    { limit: { key: `${counter}:day`, max: allowance.perDay, windowMs: DAY_MS }, per: 'a day' },
  ];
  const gate: RequestGate = async () => {
    // Held back first: a request that is not sent counts against nothing.
    await heldBack(await ledger.hold(holdKey), now(), service, sharedBy);
    const at = now();
    for (const { limit, per } of windows) {
      const verdict = await spendLimit(ledger, limit, at);
      if (!verdict.allowed) {
        throw new RemoteError(
          'rate_limited',
          `${service} allows your organisation ${limit.max} requests ${per}, and ${sharedBy.used} used them for now, so this request was not sent. Try again ${inWords(verdict.retryAfterSeconds)}.`,
        );
      }
    }
  };
  gate.refused = async (retryAfterMs) => {
    const at = now();
    const lengthMs = retryAfterMs ?? holdWithoutRetryAfter(await ledger.hold(holdKey), at);
    await ledger.holdUntil(holdKey, at + lengthMs, lengthMs);
  };
  return gate;
}

/**
 * How long a 429 without Retry-After holds everything back: a minute, unless the back end refused again
 * within a hold's length of the last one lifting (its hour is still used up), then twice the last.
 */
export function holdWithoutRetryAfter(last: { liftsAt: number; lengthMs: number } | undefined, now: number): number {
  if (!last || now - last.liftsAt >= Math.max(last.lengthMs, FIRST_HOLD_MS)) return FIRST_HOLD_MS;
  return Math.min(Math.max(last.lengthMs * 2, FIRST_HOLD_MS), LONGEST_HOLD_MS);
}

/** Waits out a hold about to lift; refuses in words during a longer one. */
async function heldBack(hold: { liftsAt: number } | undefined, now: number, service: string, sharedBy: SharedBy): Promise<void> {
  const left = hold ? hold.liftsAt - now : 0;
  if (left <= 0) return;
  if (left <= WAITED_HOLD_MS) {
    // A call that ends meanwhile stops waiting; json-http.ts then refuses the request with its reason.
    const stop = currentCall()?.stop;
    await delay(left, undefined, stop ? { signal: stop } : {}).catch(() => {});
    return;
  }
  throw new RemoteError(
    'rate_limited',
    `${service} refused a request for your organisation's limit (429), so ${sharedBy.silent(service)} until that lifts. Try again ${inWords(Math.ceil(left / 1000))}.`,
  );
}

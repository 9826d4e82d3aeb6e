// Calamari counts its request limit for the whole organisation (docs/back-ends/calamari.md, "Rate
// limits"), and on the team server every person's requests go out on the organisation's one key. So
// they are counted together before each one goes out: in the store, by the hour and by the day, so
// that every instance of the server counts in the same place; a request that would pass either is
// not sent, and the person is told in words when to try again. Within a process, requests are also
// spaced to Calamari's limit per second, so that people working at the same moment are slowed down
// together rather than refused.
//
// The configured allowance can be higher than what Calamari really allows (an organisation on the
// lower set, or other programs on the same key). So a 429 from Calamari, met by any instance, holds
// every instance back through the store: for as long as its Retry-After says, or, without one, for a
// minute, doubled each time Calamari refuses again soon after a hold lifted, up to an hour. A short
// hold is waited out; during a longer one nothing is sent, and the person is told when it lifts.
import { setTimeout as delay } from 'node:timers/promises';
import type { RequestGate } from '../../mcp-server/providers/remote/json-http.ts';
import { inWords, RemoteError } from '../../mcp-server/providers/remote/remote-error.ts';
import { pacer } from '../../mcp-server/providers/remote/pacing.ts';
import { currentCall } from '../../mcp-server/providers/remote/request-budget.ts';
import { spendLimit, type Limit } from '../http/rate-limits.ts';
import type { Store } from '../store/store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A hold after a 429 that said nothing of how long: a minute, long enough for a burst's second to pass. */
export const FIRST_HOLD_MS = 60_000;
/** The longest hold a 429 without Retry-After earns: the hour Calamari counts by, whichever way it counts it. */
export const LONGEST_HOLD_MS = HOUR_MS;
/** A hold this short is waited out (as json-http.ts waits out a short Retry-After) rather than refused. */
const WAITED_HOLD_MS = 10_000;

export interface OrganisationAllowance {
  perHour: number;
  perDay: number;
  perSecond: number;
}

/**
 * The gate every request to the organisation's back end passes (remote-tracker.ts, `requestGate`).
 * `counter` names what is counted: the back end and its address, so that two servers on one store
 * for the same organisation count together. Windows are fixed: the clock hour and the UTC day.
 */
export function organisationGate(options: {
  store: Store;
  counter: string;
  service: string;
  allowance: OrganisationAllowance;
  now: () => number;
}): RequestGate {
  const { store, counter, service, allowance, now } = options;
  const paced = pacer(allowance.perSecond);
  const holdKey = `${counter}:refused`;
  const windows: { limit: Limit; per: string }[] = [
    { limit: { key: `${counter}:hour`, max: allowance.perHour, windowMs: HOUR_MS }, per: 'an hour' },
    { limit: { key: `${counter}:day`, max: allowance.perDay, windowMs: DAY_MS }, per: 'a day' },
  ];
  const gate: RequestGate = async () => {
    // Held back first: a request that is not sent counts against nothing.
    await heldBack(await store.hold(holdKey), now(), service);
    const at = now();
    for (const { limit, per } of windows) {
      const verdict = await spendLimit(store, limit, at);
      if (!verdict.allowed) {
        throw new RemoteError(
          'rate_limited',
          `${service} allows your organisation ${limit.max} requests ${per}, and the people on this Punchcard server have used them for now, so this request was not sent. Try again ${inWords(verdict.retryAfterSeconds)}.`,
        );
      }
    }
    await paced();
  };
  gate.refused = async (retryAfterMs) => {
    const at = now();
    const lengthMs = retryAfterMs ?? holdWithoutRetryAfter(await store.hold(holdKey), at);
    await store.holdUntil(holdKey, at + lengthMs, lengthMs);
  };
  return gate;
}

/**
 * How long a 429 without Retry-After holds everything back: a minute, unless Calamari refused again
 * within a hold's length of the last one lifting (its hour is still used up), then twice the last.
 */
export function holdWithoutRetryAfter(last: { liftsAt: number; lengthMs: number } | undefined, now: number): number {
  if (!last || now - last.liftsAt >= Math.max(last.lengthMs, FIRST_HOLD_MS)) return FIRST_HOLD_MS;
  return Math.min(Math.max(last.lengthMs * 2, FIRST_HOLD_MS), LONGEST_HOLD_MS);
}

/** Waits out a hold about to lift; refuses in words during a longer one. */
async function heldBack(hold: { liftsAt: number } | undefined, now: number, service: string): Promise<void> {
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
    `${service} refused a request for your organisation's limit (429), so no one on this Punchcard server sends ${service} anything until that lifts. Try again ${inWords(Math.ceil(left / 1000))}.`,
  );
}

// How long a back end asks Punchcard to wait before it asks again, read in one place for every back end: a
// Retry-After (RFC 9110 §10.2.3: whole seconds, or an HTTP date) or a back end's own count of seconds (Toggl's quota
// reset). A wait is held to what the back end's limit can mean: no longer than the longest window it counts requests
// in (Harvest's 15 seconds, Toggl's hour: `ServiceWords.longestWaitMs`), and never longer than a day anywhere. A
// server or a proxy that asks for 10^20 seconds cannot mean it; taken as said, the time to try again lay past any
// calendar, and the call ended in an internal failure ("Invalid time value") where the back end's own limit was to be
// said. A value that is no wait at all (negative, not a number, a fraction where whole seconds are due, a date
// Punchcard cannot read) is as none: the back end said nothing of when.

/** The longest any back end's wait is taken to mean: the longest window any of them counts requests in (Calamari's day). */
export const LONGEST_WAIT_MS = 24 * 3_600_000;

/** A wait in ms held to what the back end can mean: not below nothing, not past its longest window, never past a day. */
export function heldToLimit(ms: number, longestMs: number = LONGEST_WAIT_MS): number {
  const longest = Math.min(longestMs, LONGEST_WAIT_MS);
  // Not a number is never a reason to ask again at once (the callers read it as none before it comes here).
  return Number.isNaN(ms) ? longest : Math.min(Math.max(0, ms), longest);
}

/** Whole seconds, as RFC 9110 writes delay-seconds: digits only (a sign, a point or an exponent is not one). */
const DELAY_SECONDS = /^\d+$/;
/** An HTTP date names its weekday first; Date.parse would also read '-1' or '1.5' as some year. */
const HTTP_DATE = /^[A-Za-z]{3,9},? /;
/** The obsolete asctime form ("Wed Nov 18 08:00:04 2026"), which names no zone: it is GMT, as every HTTP date is. */
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

/**
 * The wait a Retry-After asks for, in ms from `nowMs`, held to `longestMs`; undefined where the header is absent or
 * says nothing readable. Seconds of any length are read (more digits than a number holds is the longest wait); a date
 * already past is no wait.
 */
export function retryAfterMs(header: string | readonly string[] | undefined, nowMs: number, longestMs: number = LONGEST_WAIT_MS): number | undefined {
  const value = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (value === undefined || value === '') return undefined;
  if (DELAY_SECONDS.test(value)) return heldToLimit(Number(value) * 1_000, longestMs);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(ASCTIME.test(value) ? `${value} GMT` : value);
  return Number.isNaN(date) ? undefined : heldToLimit(date - nowMs, longestMs);
}

/**
 * A back end's own count of seconds to wait (Toggl's "the quota will reset in 133 seconds", its reset header), held to
 * `longestMs` and rounded up to the second; null where it is no count (negative, not a number).
 */
export function secondsToWait(seconds: number | undefined, longestMs: number = LONGEST_WAIT_MS): number | null {
  if (seconds === undefined || Number.isNaN(seconds) || seconds < 0) return null;
  return Math.ceil(heldToLimit(seconds * 1_000, longestMs) / 1_000);
}

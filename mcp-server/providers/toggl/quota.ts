// Toggl Track's hourly quotas (docs/back-ends/toggl.md, "Quotas"): 30 requests an hour on the person's own quota (the
// /me requests) on every plan, and 30, 240 or 600 an hour per organisation by plan, each answered with 402 once used
// up. A 402 also means a feature of a paid plan ("Billable is a premium feature"), so it is a quota only where its
// words or the quota headers say so. Pure: what an answer says, and the holds that keep Punchcard from sending what
// Toggl would refuse until the quota resets (each request it refuses would count for nothing but delay).
import type { TogglQuota } from '../../contract/outcomes/remote-toggl.ts';
import { secondsToWait } from '../remote/asked-wait.ts';

export type { TogglQuota };

/** A quota's window: an hour from its first request. No quota of Toggl's resets later than that from now. */
export const QUOTA_WINDOW_MS = 60 * 60_000;

/** The words of Toggl's quota 402: "You have hit your hourly limit for API calls. The quota will reset in 133 seconds." */
const RESET_WORDS = /quota will reset in (\d+) seconds?/i;
const QUOTA_WORDS = /hourly limit|quota/i;

/** An answer's headers, as the transport keeps them. */
type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): number | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const number = Number(text.trim());
  return Number.isFinite(number) ? number : undefined;
}

/** What a 402 says: a used-up quota (with its reset in seconds, where said), or a feature of a paid plan. */
export type Payment = { kind: 'quota'; resetsInS: number | null } | { kind: 'premium' };

/** A 402's meaning, from its words and its quota headers. */
export function readPayment(message: string | null, headers: Headers): Payment {
  const saidSeconds = message?.match(RESET_WORDS)?.[1];
  const headerSeconds = header(headers, 'x-toggl-quota-resets-in');
  const remaining = header(headers, 'x-toggl-quota-remaining');
  // Quota words, or headers that say none is left, are a quota; other words a paid plan's feature; no words at all a
  // quota unless the headers say some is left (the 402 Toggl answers most is the quota's).
  const quota = (message !== null && QUOTA_WORDS.test(message)) || (remaining !== undefined && remaining <= 0) || (message === null && remaining === undefined);
  if (!quota) return { kind: 'premium' };
  // Held to the hour (asked-wait.ts): a reset said further off than the window is one Toggl cannot mean.
  return { kind: 'quota', resetsInS: secondsToWait(saidSeconds === undefined ? headerSeconds : Number(saidSeconds), QUOTA_WINDOW_MS) };
}

/** An answer's quota headers: the requests left of the quota it counted on, and when that resets, where both are said. */
export function quotaLeft(headers: Headers): { remaining: number; resetsInS: number } | undefined {
  const remaining = header(headers, 'x-toggl-quota-remaining');
  const resetsInS = header(headers, 'x-toggl-quota-resets-in');
  return remaining === undefined || resetsInS === undefined ? undefined : { remaining, resetsInS };
}

/** How long a quota whose reset Toggl did not say is held: its window is an hour from its first request, so at most that. */
export const UNSAID_HOLD_MS = QUOTA_WINDOW_MS;

/**
 * Which quota is used up until when, by the process's clock: a request on a held quota is not sent (nothing Toggl would
 * refuse is sent, and the tray's polls spend nothing while it is held). Held from a 402, or from an answer whose headers
 * say none is left.
 */
export class QuotaHolds {
  readonly #until = new Map<TogglQuota, number>();

  hold(quota: TogglQuota, untilMs: number): void {
    this.#until.set(quota, Math.max(untilMs, this.#until.get(quota) ?? 0));
  }

  /** When the quota is free again, where it is held at `nowMs`. */
  heldUntil(quota: TogglQuota, nowMs: number): number | undefined {
    const until = this.#until.get(quota);
    if (until === undefined) return undefined;
    if (until <= nowMs) {
      this.#until.delete(quota);
      return undefined;
    }
    return until;
  }
}

/** Each plan's hourly quota per person per organisation (Free 30, Starter 240, Premium 600). */
export const ORGANISATION_QUOTA = { free: 30, starter: 240, premium: 600 } as const;

/**
 * What the last answers said is left of each quota, by the process's clock: the team's and the administration's reads
 * stop below a tenth of the hour's quota, so the person's own time can still be recorded until it resets.
 */
export class QuotaLeft {
  readonly #left = new Map<TogglQuota, { remaining: number; resetsAt: number }>();

  /** What an answer's headers said, where they said it. */
  note(quota: TogglQuota, headers: Headers, nowMs: number): void {
    const left = quotaLeft(headers);
    if (left) this.#left.set(quota, { remaining: left.remaining, resetsAt: nowMs + left.resetsInS * 1_000 });
  }

  /** Requests left of the quota and when it resets, as last said; undefined where nothing was said, or the window has reset since. */
  left(quota: TogglQuota, nowMs: number): { remaining: number; resetsAt: number } | undefined {
    const left = this.#left.get(quota);
    return left === undefined || left.resetsAt <= nowMs ? undefined : left;
  }
}

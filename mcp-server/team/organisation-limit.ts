// Calamari counts its request limit for the whole organisation (docs/back-ends/calamari.md, "Rate
// limits"), and on the team server every person's requests go out on the organisation's one key. So
// they are counted together before each one goes out: in the store, by the hour and by the day, so
// that every instance of the server counts in the same place; a request that would pass either is
// not sent, and the person is told in words when to try again. Within a process, requests are also
// spaced to Calamari's limit per second, so that people working at the same moment are slowed down
// together rather than refused.
import { RemoteError } from '../providers/http/remote-error.ts';
import { pacer } from '../providers/http/pacing.ts';
import { spendLimit, type Limit } from '../http/rate-limits.ts';
import type { Store } from '../store/store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

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
export function organisationGate(options: { store: Store; counter: string; service: string; allowance: OrganisationAllowance; now: () => number }): () => Promise<void> {
  const { store, counter, service, allowance, now } = options;
  const paced = pacer(allowance.perSecond);
  const windows: { limit: Limit; per: string }[] = [
    { limit: { key: `${counter}:hour`, max: allowance.perHour, windowMs: HOUR_MS }, per: 'an hour' },
    { limit: { key: `${counter}:day`, max: allowance.perDay, windowMs: DAY_MS }, per: 'a day' },
  ];
  return async () => {
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
}

function inWords(seconds: number): string {
  if (seconds < 90) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

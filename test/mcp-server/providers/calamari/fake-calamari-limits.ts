// The fake Calamari's request limits (docs/back-ends/calamari.md, "Rate limits"): Calamari counts
// every request of an organisation against a limit per second, per hour and per day, and refuses
// one past any of them with 429 QUOTA_EXCEEDED. Kept apart from fake-calamari.ts, which answers with
// what this counts. Shares no code with the engine (pacing.ts), so the client cannot agree with it by
// sharing a bug.

export interface FakeLimits {
  perSecond: number;
  perHour: number;
  perDay: number;
}

/** The lower of the two sets of limits Calamari's usage guidelines publish (the other: 20, 1,500, 10,000). */
export const CALAMARI_LIMITS: FakeLimits = { perSecond: 10, perHour: 720, perDay: 2_880 };

/**
 * The organisation's limits as the fake counts them: `spend` answers, for a request of the key's
 * organisation past any of them, the usage the 429 QUOTA_EXCEEDED carries in `field` (as
 * quotaExceeded() scripts it) and how long until the limit it met lets a request through.
 * GUESS: how Calamari counts is not documented. The fake counts the second as any 1,000 ms of real
 * time (the stricter reading; the fake's clock may stand still), the hour and the day as the clock
 * hour and the UTC day of its own clock, and only the requests it let through.
 */
export function organisationQuota(limits: FakeLimits, now: () => number): { spend(): { field: string; retryAfterSeconds: number } | undefined } {
  const lastSecond: number[] = [];
  const counted = { hour: { start: Number.NaN, count: 0 }, day: { start: Number.NaN, count: 0 } };
  const windowOf = (window: { start: number; count: number }, start: number) => {
    if (window.start !== start) Object.assign(window, { start, count: 0 });
    return window;
  };
  return {
    spend() {
      const real = performance.now();
      while (lastSecond.length > 0 && real - (lastSecond[0] as number) >= 1_000) lastSecond.shift();
      const at = now();
      const hour = windowOf(counted.hour, at - (at % 3_600_000));
      const day = windowOf(counted.day, at - (at % 86_400_000));
      const waits = [
        lastSecond.length >= limits.perSecond ? 1_000 - (real - (lastSecond[0] as number)) : 0,
        hour.count >= limits.perHour ? hour.start + 3_600_000 - at : 0,
        day.count >= limits.perDay ? day.start + 86_400_000 - at : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0) {
        const field = `Requests: ${hour.count + 1}/${limits.perHour} per hour, ${day.count + 1}/${limits.perDay} per day, ${lastSecond.length + 1}/${limits.perSecond} per second`;
        return { field, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1_000)) };
      }
      lastSecond.push(real);
      hour.count++;
      day.count++;
      return undefined;
    },
  };
}

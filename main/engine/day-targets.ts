// Each day's target as the engine counts it (time_report's day groups: the work week, public
// holidays and approved leave), with what the day is (its holiday's name, its leave), kept by month
// for a while. A target changes only when the plan or
// the leave does, so a week shown again, or the next week of a month already known, costs the
// timesheet one engine call (its entries) instead of two. Pure apart from the fetch it is given.
import { addDays, eachDate } from '../../mcp-server/for-the-app.ts';

/** Targets change when leave is approved elsewhere: asked again after this long. */
export const TARGETS_TTL_MS = 10 * 60_000;

export interface DayTargetsOptions<T> {
  /** Day targets over [from, to], whole months, from the engine. */
  fetch(from: string, to: string): Promise<ReadonlyMap<string, T>>;
  now?: () => number;
}

export interface DayTargets<T> {
  /** The target of each day of [from, to], fetching the months not known (or known too long) in one call. */
  of(from: string, to: string): Promise<Map<string, T>>;
  /** Targets a report already brought (a whole month's, or several): kept as if fetched now. */
  remember(from: string, to: string, targets: ReadonlyMap<string, T>): void;
  /** The plan or the leave changed (a request filed, preferences saved, another back end). */
  forget(): void;
}

/** "2026-05" of "2026-05-13". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function firstOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastOfMonth(month: string): string {
  const [year = 2000, index = 1] = month.split('-').map(Number);
  const next = index === 12 ? `${year + 1}-01-01` : `${year}-${String(index + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** The months [from, to] touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = monthOf(addDays(lastOfMonth(month), 1))) months.push(month);
  return months;
}

export function createDayTargets<T>(options: DayTargetsOptions<T>): DayTargets<T> {
  const now = options.now ?? Date.now;
  const months = new Map<string, { at: number; days: Map<string, T> }>();
  // A change made while a fetch was under way must not be overwritten by its older answer.
  let generation = 0;

  const fresh = (month: string) => {
    const known = months.get(month);
    return known !== undefined && now() - known.at < TARGETS_TTL_MS ? known : undefined;
  };

  const store = (month: string, targets: ReadonlyMap<string, T>, at: number) => {
    const days = new Map<string, T>();
    for (const date of eachDate(firstOfMonth(month), lastOfMonth(month))) {
      const target = targets.get(date);
      if (target === undefined) return;
      days.set(date, target);
    }
    months.set(month, { at, days });
  };

  return {
    async of(from, to) {
      const wanted = monthsOf(from, to);
      const missing = wanted.filter((month) => !fresh(month));
      const fetched = new Map<string, T>();
      if (missing.length > 0) {
        const mine = generation;
        const at = now();
        // One call over the first to the last missing month (a week spans at most two).
        const answer = await options.fetch(firstOfMonth(missing[0] as string), lastOfMonth(missing.at(-1) as string));
        for (const [date, target] of answer) fetched.set(date, target);
        if (mine === generation) for (const month of missing) store(month, answer, at);
      }
      const result = new Map<string, T>();
      for (const date of eachDate(from, to)) {
        const target = fetched.get(date) ?? months.get(monthOf(date))?.days.get(date);
        if (target === undefined) throw new Error(`The engine reported no target for ${date}.`);
        result.set(date, target);
      }
      return result;
    },
    remember(from, to, targets) {
      const at = now();
      for (const month of monthsOf(from, to)) {
        if (firstOfMonth(month) >= from && lastOfMonth(month) <= to) store(month, targets, at);
      }
    },
    forget() {
      generation++;
      months.clear();
    },
  };
}

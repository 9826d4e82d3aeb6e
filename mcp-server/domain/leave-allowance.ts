// What a vacation request leaves of the balance it draws on, counted before anything is filed: the
// engine asks about (or refuses) a request that goes beyond it, and the window shows the same numbers
// before it sends one. A request over New Year draws on each year's balance with the days it has in
// that year; a balance that runs on across years (Clockify keeps one per policy) is drawn on once by
// the whole request. Pure.
import { type BalanceLeft, leftWords } from '../contract/outcomes/leave.ts';

/** One year's vacation balance as leave_balance reports it. */
export interface YearBalance {
  remaining: number;
  /** No limit: nothing is left out of it. */
  unlimited?: boolean | undefined;
  /** The same balance whichever year is asked (the back end keeps one that runs on). */
  acrossYears?: boolean | undefined;
}

/**
 * What a request leaves of one balance: of a year (null for a balance across years), what was left,
 * what it costs, what remains; and those in words. The refusal of leave beyond the balance carries
 * them as facts and says them so (contract/outcomes/leave.ts), as the question before it does.
 */
export { type BalanceLeft, leftWords };

/** The working days a request costs in each calendar year it costs any in, earliest first. */
export function costPerYear(days: ReadonlyArray<{ date: string; counts: number }>): Array<{ year: number; days: number }> {
  const years = new Map<number, number>();
  for (const day of days) {
    if (day.counts === 0) continue;
    const year = Number(day.date.slice(0, 4));
    years.set(year, (years.get(year) ?? 0) + day.counts);
  }
  return [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, days: count }));
}

/**
 * The balances a request's cost needs, year by year: a balance that runs across years answers for
 * every year, so the years after it are not asked about.
 */
export async function balancesFor(costs: ReadonlyArray<{ year: number }>, read: (year: number) => Promise<YearBalance>): Promise<Map<number, YearBalance>> {
  const balances = new Map<number, YearBalance>();
  for (const { year } of costs) {
    const balance = await read(year);
    balances.set(year, balance);
    if (balance.acrossYears) break;
  }
  return balances;
}

/**
 * What the request leaves of each balance it draws on, by the balances `balancesFor` read: one entry
 * per year, or one for a balance across years; a balance without a limit is left out.
 */
export function balanceLeft(costs: ReadonlyArray<{ year: number; days: number }>, balances: ReadonlyMap<number, YearBalance>): BalanceLeft[] {
  const first = costs[0] && balances.get(costs[0].year);
  if (first?.acrossYears) {
    if (first.unlimited) return [];
    const cost = costs.reduce((sum, item) => sum + item.days, 0);
    return [{ year: null, before: first.remaining, cost, after: exact(first.remaining - cost) }];
  }
  const left: BalanceLeft[] = [];
  for (const { year, days } of costs) {
    const balance = balances.get(year);
    if (!balance || balance.unlimited) continue;
    left.push({ year, before: balance.remaining, cost: days, after: exact(balance.remaining - days) });
  }
  return left;
}

/** Whether the request goes beyond a balance it draws on. */
export function isBeyond(left: readonly BalanceLeft[]): boolean {
  return left.some((item) => item.after < 0);
}

/** Halves add up exactly in binary; a back end's own fraction ("1.333") less a day is rounded back to its thousandths. */
function exact(days: number): number {
  return Math.round(days * 1_000) / 1_000;
}

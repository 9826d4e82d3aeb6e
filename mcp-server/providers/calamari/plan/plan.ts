// The person's plan as Calamari keeps it: their working week (seconds per weekday) and their holiday
// calendar, for reports, leave counting and the calendar; and Calamari's own working-time balance
// for a report. Where the key may not read the week or the calendar (optional reads, context.ts), the settings' stand in.
import { yearsOf } from '../../../domain/time.ts';
import { type PlannedDay, weekPlanDays } from '../../../domain/work-plan.ts';
import { allSettled, Expiring, ExpiringByKey } from '../../remote/cache.ts';
import type { TimeAccount } from '../../time-tracker.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { type CalamariContext, type CalamariPlanView, REFERENCE_TTL_MS, type CalamariGrid } from '../context.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';
import { calamariPlan, holidayDays } from '../mapping.ts';
import type { CalamariHoliday, CalamariWorkingWeek } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';

export class CalamariPlan extends CellPart<CalamariContext, PlanEndpoints> implements CalamariPlanView {
  readonly #workingWeeks = new Expiring<CalamariWorkingWeek[] | null>(REFERENCE_TTL_MS);
  /** By year; null where the key may not read the person's holiday calendar. */
  readonly #holidays = new ExpiringByKey<number, CalamariHoliday[] | null>(REFERENCE_TTL_MS);

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [employee, weeks, holidays] = await allSettled([this.context.person(), this.weeks(), this.#holidaysBetween(from, to)]);
    const week = employee?.workingWeek ? weeks?.find((item) => item.id === employee.workingWeek?.id) : undefined;
    if (!week) {
      // Calamari will not show this key the person's working week: the settings' week stands in.
      const names = new Map([...holidays].filter(([, day]) => !day.halfDay).map(([date, day]) => [date, day.name]));
      return weekPlanDays(from, to, this.context.options.workWeek(), names);
    }
    return calamariPlan(from, to, week, holidays);
  }

  async timeAccount(from: string, to: string): Promise<TimeAccount | null> {
    const answer = await this.endpoints.balance(from, to);
    const mine = answer.find((row) => row.person?.email === undefined || sameEmail(row.person.email, this.context.email));
    if (typeof mine?.balance !== 'number') return null;
    return { balanceMinutes: Math.round(mine.balance / 60), label: `Calamari's balance from ${from} to ${to}` };
  }

  weeks(): Promise<CalamariWorkingWeek[] | null> {
    return this.#workingWeeks.get(() => this.context.optional.workingWeeks.read(() => this.endpoints.workingWeeks(), null));
  }

  /** The person's holidays of the years [from, to] touches, the years read at once. */
  async #holidaysBetween(from: string, to: string): Promise<Map<string, { name: string; halfDay: boolean }>> {
    const byYear = await allSettled(yearsOf(from, to).map((year) => this.#holidaysOfYear(year)));
    return new Map(byYear.flatMap((days) => [...days]));
  }

  /** One year's holidays: Calamari's calendar of the person, the settings' where the key may not read it. */
  async #holidaysOfYear(year: number): Promise<Map<string, { name: string; halfDay: boolean }>> {
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    const holidays = await this.#holidays.get(year, () => this.context.optional.holidays.read(() => this.endpoints.holidays(from, to), null));
    if (holidays) return holidayDays(holidays, from, to);
    return new Map([...(await this.context.options.holidays(from, to))].map(([date, name]) => [date, { name, halfDay: false }]));
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  parts: (context, endpoints) => ({ plan: new CalamariPlan(context, endpoints, {}) }),
});

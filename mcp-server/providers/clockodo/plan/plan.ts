// The person's plan as Clockodo keeps it: target hours (weekly or monthly rows) and non-business days
// (half days too), for reports, leave counting and the calendar; and Clockodo's own time account for
// a report. Where Clockodo will not show the person their targets or days (optional reads, context.ts), the
// settings' stand in.
import { CellPart } from '../../grid/cell-part.ts';
import { yearsOf } from '../../../domain/time.ts';
import { type PlannedDay, weekPlanDays } from '../../../domain/work-plan.ts';
import { allSettled, Expiring, ExpiringByKey } from '../../remote/cache.ts';
import type { TimeAccount } from '../../time-tracker.ts';
import { type ClockodoContext, unlessRefused } from '../context.ts';
import type { PlanEndpoints } from './endpoints.ts';
import { clockodoPlan, type NonbusinessDay } from '../mapping.ts';
import type { ClockodoTargetHours } from '../wire.ts';

/** Target hours and non-business days change a few times a year. */
const PLAN_TTL_MS = 60 * 60_000;

export class ClockodoPlan extends CellPart<ClockodoContext, PlanEndpoints> {
  readonly #targetHours = new Expiring<ClockodoTargetHours[] | 'refused'>(PLAN_TTL_MS);
  /** By year. */
  readonly #nonbusiness = new ExpiringByKey<number, Map<string, NonbusinessDay> | 'refused'>(PLAN_TTL_MS);

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [rows, holidays] = await allSettled([this.targetRows(), this.#nonbusinessDays(from, to)]);
    if (rows !== 'refused') return clockodoPlan(from, to, rows, holidays);
    // Clockodo did not let the person read their target hours: the settings' week stands in, with
    // Clockodo's non-business days still. Said once per start in the log.
    const names = new Map([...holidays].filter(([, day]) => !day.halfDay).map(([date, day]) => [date, day.name]));
    return weekPlanDays(from, to, this.context.options.workWeek(), names);
  }

  async timeAccount(_from: string, to: string): Promise<TimeAccount | null> {
    const me = await this.context.me();
    if (me.company?.module_user_reports === false) return null;
    const year = Number(to.slice(0, 4));
    // A login without the right to its own user report still gets its report, without this line.
    const report = await unlessRefused(this.endpoints.userReport(me.user.id, year), () => null);
    const diff = report?.diff;
    if (typeof diff !== 'number') return null;
    return { balanceMinutes: Math.round(diff / 60), label: `Clockodo's time account for ${year} (its user report)` };
  }

  /** Target-hour rows, or 'refused' where Clockodo will not show them (module off, no right). */
  async targetRows(): Promise<ClockodoTargetHours[] | 'refused'> {
    const userId = await this.context.userId();
    return this.#targetHours.get(async () => {
      const rows = await this.context.optional.targetHours.read(() => this.endpoints.targetHours(userId), 'refused' as const);
      return rows === 'refused' ? rows : rows.filter((row) => row.users_id === userId);
    });
  }

  /** Clockodo's non-business days of the person over [from, to]; the settings' holidays where Clockodo will not show them. */
  async #nonbusinessDays(from: string, to: string): Promise<Map<string, NonbusinessDay>> {
    const userId = await this.context.userId();
    const years = yearsOf(from, to);
    const perYear = await Promise.all(
      years.map((year) =>
        this.#nonbusiness.get(year, async () => {
          const rows = await this.context.optional.nonbusinessDays.read(() => this.endpoints.nonbusinessDays(userId, year), 'refused' as const);
          if (rows === 'refused') return rows;
          const days = rows.find((row) => row.users_id === userId)?.days ?? [];
          return new Map(days.map((day) => [day.evaluated_date, { name: day.name, halfDay: day.half_day }]));
        }),
      ),
    );
    const days = new Map<string, NonbusinessDay>();
    for (const [index, year] of perYear.entries()) {
      if (year === 'refused') {
        const fallback = await this.context.options.holidays(`${years[index]}-01-01`, `${years[index]}-12-31`);
        for (const [date, name] of fallback) days.set(date, { name, halfDay: false });
      } else {
        for (const [date, day] of year) days.set(date, day);
      }
    }
    return days;
  }
}

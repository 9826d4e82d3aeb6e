// The person's plan on Tempo Timesheets: their own schedule (/4/user-schedule, the logged-in user's), each day's
// required seconds with its holiday by name (a holiday's 0; a half day's rest), kept half an hour by range. The
// schedule needs the token's Schemes scope: a token without it is refused (403), an optional read (context.ts), and the
// settings' week and holidays count instead, said in whoami with the scope to add (docs/back-ends/tempo.md, "Schedule").
import type { WorkWeek } from '../../../contract/settings.ts';
import { addDays, isoWeekday } from '../../../domain/time.ts';
import { type PlannedDay, weekPlanDays, workWeekOf } from '../../../domain/work-plan.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { ExpiringByKey } from '../../remote/cache.ts';
import type { TempoContext, TempoGrid, TempoPlanView } from '../context.ts';
import { scheduleDays } from '../mapping.ts';
import { planEndpoints, type PlanEndpoints } from './endpoints.ts';

/** What the schedule's optional read answers while Tempo does not show it. */
const NOT_SHOWN = Symbol('not shown');
/** A schedule changes rarely: a range is read again after half an hour. */
const SCHEDULE_TTL_MS = 30 * 60_000;

export class TempoPlan extends CellPart<TempoContext, PlanEndpoints> implements TempoPlanView {
  readonly #schedules = new ExpiringByKey<string, PlannedDay[] | null>(SCHEDULE_TTL_MS);
  #missing: string | null = null;

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    return (await this.#schedule(from, to)) ?? weekPlanDays(from, to, this.context.options.workWeek(), await this.context.options.holidays(from, to));
  }

  /** This week's and the next one's schedule (one request) read off as the hours of each weekday; null where Tempo will not show it. */
  async week(): Promise<WorkWeek | null> {
    const today = await this.context.today();
    const monday = addDays(today, 1 - isoWeekday(today));
    const days = await this.#schedule(monday, addDays(monday, 13));
    return days ? (workWeekOf(days) ?? null) : null;
  }

  missing(): string | null {
    return this.#missing;
  }

  /**
   * The schedule of [from, to]; null where Tempo will not show it (an optional read: refused as unavailable, not known
   * for an hour, said once in the log; any other failure fails the call in words).
   */
  #schedule(from: string, to: string): Promise<PlannedDay[] | null> {
    return this.#schedules.get(`${from} ${to}`, async () => {
      const answer = await this.context.optional.schedule.read(() => this.endpoints.schedule(from, to), NOT_SHOWN);
      if (answer === NOT_SHOWN) {
        this.#missing =
          "Tempo does not show your schedule to this token (it may lack the Schemes scope), so targets come from Punchcard's settings; make a Tempo API token with the Schemes scope to use your Tempo schedule.";
        return null;
      }
      this.#missing = null;
      return scheduleDays(answer?.results ?? [], from, to);
    });
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TempoGrid, PlanEndpoints>({
  endpoints: planEndpoints,
  parts: (context, endpoints) => ({ plan: new TempoPlan(context, endpoints, {}) }),
});

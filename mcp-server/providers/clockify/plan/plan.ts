// The person's plan as Clockify keeps it: the work capacity and working days of their member profile,
// and the holidays their workspace assigns them, for reports, leave counting and the calendar. Where
// Clockify will not show them (a plan without them, a role it refuses them: optional reads, context.ts; a
// profile without a capacity), the settings' week and holiday region stand in, and whoami says which is in use.
import type { WorkWeek } from '../../../contract/settings.ts';
import { yearsOf } from '../../../domain/time.ts';
import { type PlannedDay, weekPlanDays } from '../../../domain/work-plan.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { allSettled, Expiring, ExpiringByKey } from '../../remote/cache.ts';
import { type ClockifyContext, REFERENCE_TTL_MS } from '../context.ts';
import type { PlanEndpoints } from './endpoints.ts';
import { holidayNames, workWeekOf } from '../mapping.ts';
import type { ClockifyMemberProfile } from '../wire.ts';

export class ClockifyPlan extends CellPart<ClockifyContext, PlanEndpoints> {
  readonly #profile = new Expiring<ClockifyMemberProfile | null>(REFERENCE_TTL_MS);
  /** By year; null where Clockify will not show the person's holidays. */
  readonly #holidays = new ExpiringByKey<number, Map<string, string> | null>(REFERENCE_TTL_MS);

  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [week, holidays] = await allSettled([this.week(), this.#holidaysBetween(from, to)]);
    return weekPlanDays(from, to, week ?? this.context.options.workWeek(), holidays);
  }

  /** The person's week from their member profile; undefined where it has no capacity or working days. */
  async week(): Promise<WorkWeek | undefined> {
    return workWeekOf(await this.#memberProfile());
  }

  /** Where the targets and the holidays come from, in words for whoami; `holidaysFromSettings` where Clockify shows none. */
  async sources(): Promise<{ targets: string; holidays: string; holidaysFromSettings: boolean }> {
    const [week, holidays] = await allSettled([this.week(), this.#holidaysOfYear(Number((await this.context.today()).slice(0, 4)))]);
    return {
      targets: week
        ? 'targets from your Clockify member profile (work capacity on your working days)'
        : "no work capacity in your Clockify member profile, so targets from Punchcard's settings",
      holidays: holidays ? "Clockify's holidays" : "the settings' holiday region (Clockify shows you no holidays)",
      holidaysFromSettings: !holidays,
    };
  }

  #memberProfile(): Promise<ClockifyMemberProfile | null> {
    return this.#profile.get(async () => {
      const { workspaceId, userId } = await this.context.ids();
      return this.context.optional.memberProfile.read(() => this.endpoints.memberProfile(workspaceId, userId), null);
    });
  }

  async #holidaysBetween(from: string, to: string): Promise<Map<string, string>> {
    const byYear = await allSettled(yearsOf(from, to).map(async (year) => (await this.#holidaysOfYear(year)) ?? (await this.#settingsHolidays(year))));
    const names = new Map<string, string>();
    for (const year of byYear) for (const [date, name] of year) if (date >= from && date <= to) names.set(date, name);
    return names;
  }

  #holidaysOfYear(year: number): Promise<Map<string, string> | null> {
    return this.#holidays.get(year, async () => {
      const { workspaceId, userId } = await this.context.ids();
      const holidays = await this.context.optional.holidays.read(
        () => this.endpoints.holidaysInPeriod(workspaceId, userId, `${year}-01-01T00:00:00Z`, `${year}-12-31T23:59:59Z`),
        null,
      );
      return holidays && holidayNames(holidays, `${year}-01-01`, `${year}-12-31`);
    });
  }

  async #settingsHolidays(year: number): Promise<Map<string, string>> {
    return new Map(await this.context.options.holidays(`${year}-01-01`, `${year}-12-31`));
  }
}

// The person's plan on Harvest: their own weekly capacity (/v2/users/me, in seconds; not the company's), spread over
// the working days of Punchcard's settings in their proportions, and the settings' public holidays, which Harvest does
// not keep. Where Harvest names no capacity, the settings' week counts as it is; whoami says which.
import type { WorkWeek } from '../../../contract/settings.ts';
import { type PlannedDay, weekPlanDays } from '../../../domain/work-plan.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import type { HarvestContext, HarvestGrid } from '../context.ts';
import { weekOfCapacity } from '../mapping.ts';

export class HarvestPlan extends CellPart<HarvestContext, NoEndpoints> {
  async workPlan(from: string, to: string): Promise<PlannedDay[]> {
    const [week, holidays] = await Promise.all([this.week(), this.context.options.holidays(from, to)]);
    return weekPlanDays(from, to, week, holidays);
  }

  /** The person's weekly capacity in hours; null where Harvest names none. */
  async weeklyHours(): Promise<number | null> {
    const seconds = (await this.context.me()).weekly_capacity;
    return typeof seconds === 'number' && seconds > 0 ? seconds / 3600 : null;
  }

  /** The person's week: their capacity over the settings' working days, else the settings' week. */
  async week(): Promise<WorkWeek> {
    const hours = await this.weeklyHours();
    const settings = this.context.options.workWeek();
    return hours === null ? settings : weekOfCapacity(hours, settings);
  }
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid>({
  parts: (context, endpoints) => ({ plan: new HarvestPlan(context, endpoints, {}) }),
});

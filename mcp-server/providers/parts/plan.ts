// The person's working days and worked-time balance, where the back end keeps them.
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { TimeAccount } from '../../domain/records.ts';
import type { PlannedDay } from '../../domain/work-plan.ts';

/** The person's working days and worked-time balance as the back end keeps them. */
export interface PlanPart {
  /**
   * The person's working days as the back end keeps them (target hours per day, its public holidays
   * or non-business days), for reports, leave counting and the calendar. Must cover every day of [from, to].
   */
  workPlan(from: string, to: string): Promise<PlannedDay[]>;
  /**
   * The back end's own worked-time balance for a report of [from, to] (up to today), or null where the
   * back end keeps one but will not show it to this person.
   */
  timeAccount?(from: string, to: string): Promise<TimeAccount | null>;
}
